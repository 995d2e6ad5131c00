/// The national plan of the distribution benchmark: central investment and recurrent money split 70/30 as
/// Resolution 257/2025/QH15 splits the programme's, a provincial counterpart source, every catalogue
/// project of the 2026-2030 rule set with money (DA1..DA7), and a `distribution:` block that spreads them
/// over the communes with the rule set's `communes-2026-2030` formula. GENERATED amounts, not official.
struct NationalPlan {
    var text: String
    var centralInvestment: Int
    var centralRecurrent: Int

    /// Central money of the whole country in one year, million VND (4 trillion VND: the size of the
    /// programme's poverty components, not a figure from a decision).
    static let nationalCentral = 4_000_000.0

    /// Investment projects (the rule set's investment-only rule lets only DA1 and DA4 take it) with their
    /// shares of central investment, and every project's share of central recurrent money.
    static let investmentShares: [(String, Double)] = [("DA1", 0.85), ("DA4", 0.15)]
    static let recurrentShares: [(String, Double)] = [("DA1", 0.08), ("DA2", 0.22), ("DA3", 0.22), ("DA4", 0.10),
                                                       ("DA5", 0.25), ("DA6", 0.05), ("DA7", 0.08)]
    static let names: [String: String] = ["DA1": "Hạ tầng kinh tế - xã hội vùng khó khăn", "DA2": "Đa dạng hóa sinh kế, mô hình giảm nghèo",
                                          "DA3": "Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng", "DA4": "Giáo dục nghề nghiệp, việc làm bền vững",
                                          "DA5": "Hỗ trợ nhà ở", "DA6": "Truyền thông và giảm nghèo về thông tin", "DA7": "Nâng cao năng lực, giám sát, đánh giá"]

    /// `scale`: the share of the country's communes kept (amounts shrink with a small country, so that
    /// per-commune amounts and the per-area limits keep their national size). `housing`: the most central
    /// recurrent money DA5's per-house limit allows over all areas. `reachZoneIII`: whether the kept
    /// communes have enough zone-III ones for DA1 to reach only them.
    static func yaml(ruleSetPath: String, areasFile: String, seed: UInt64, scale: Double, housing: Int, communes: Int,
                     reachZoneIII: Bool, rng: inout SplitMix64) -> NationalPlan {
        let central = nationalCentral * scale
        let ci = Int((central * 0.70).rounded()), cr = Int((central * 0.30).rounded())
        // Needs a little above the central money (10-20%), so the counterpart has somewhere to go and the
        // whole plan is funded: total need is about 1.115 x central, the counterpart source 0.12 x central.
        var investment: [String: Int] = [:], recurrent: [String: Int] = [:]
        for (code, share) in investmentShares { investment[code] = Int((Double(ci) * share * rng.uniform(1.08, 1.12)).rounded()) }
        for (code, share) in recurrentShares { recurrent[code] = Int((Double(cr) * share * rng.uniform(1.12, 1.18)).rounded()) }
        // DA5's central money per area is capped by its houses; keep DA5's need within 80% of what the
        // caps allow, and give what that removes to DA2, so the recurrent needs still cover central money.
        let da5 = min(recurrent["DA5"]!, housing * 8 / 10)
        recurrent["DA2"]! += recurrent["DA5"]! - da5
        recurrent["DA5"] = da5
        let province = Int((central * 0.12).rounded())

        var projects = ""
        for (code, _) in recurrentShares {
            let r = recurrent[code]!
            if let i = investment[code] {
                projects += "  - {code: \(code), name: \"\(names[code]!)\", need: {total: \(i + r), investment: \(i), recurrent: \(r)}}\n"
            } else {
                projects += "  - {code: \(code), name: \"\(names[code]!)\", need: \(r), capital: recurrent}\n"
            }
        }
        // DA1 (infrastructure) reaches the extremely difficult and zone-III communes only, as the programme
        // targets it; a cut-down country without enough of them spreads it everywhere instead.
        let reach = reachZoneIII ? "  reach:\n    - {projects: [DA1], only: [extremely-difficult, zone-III]}\n" : ""
        let text = """
            # GENERATED national plan for the distribution benchmark (seed \(seed)): NOT official figures.
            # Central money split 70/30 (investment/recurrent) as Resolution 257/2025/QH15 splits the programme's;
            # \(communes) communes; amounts in million VND.
            cofund: plan
            id: national-2026
            place: {vi: "Toàn quốc (số liệu sinh tự động)", en: "Whole country (generated figures)"}
            level: national
            year: 2026
            unit: million VND
            ruleSet: \(ruleSetPath)
            tier: central-70
            applies: [investment-only, counterpart-minimum]
            sources:
              - {id: central-investment, name: {vi: "Ngân sách trung ương, vốn ĐTPT", en: "Central budget, investment"}, level: central, capital: investment, available: \(ci), spendInFull: true}
              - {id: central-recurrent, name: {vi: "Ngân sách trung ương, vốn sự nghiệp", en: "Central budget, recurrent"}, level: central, capital: recurrent, available: \(cr), spendInFull: true}
              - {id: province-counterpart, name: {vi: "Ngân sách tỉnh đối ứng", en: "Provincial counterpart"}, level: province, capital: either, available: \(province)}
            projects:
            \(projects)objective: [maximize-funded-need, minimize-local-money]
            distribution:
              formula: communes-2026-2030
              areas: \(areasFile)
              counterpart: per-area
            \(reach)  limits:
                - {projects: [DA5], sources: [central-recurrent], atMost: {per: {new_houses: 40, repaired_houses: 20}}}
                - {projects: [DA2], atLeast: 20}
                - {projects: [DA7], atMost: 60}
            notes:
              - "figures generated (seed \(seed)) by Benchmarks/GeneratedPlans/NationalDistribution.swift, not official"

            """
        return NationalPlan(text: text, centralInvestment: ci, centralRecurrent: cr)
    }
}
