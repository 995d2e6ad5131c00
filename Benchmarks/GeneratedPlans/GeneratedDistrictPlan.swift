import Foundation

/// A district plan of realistic size for the what-if benchmark: every one of the 18 catalogue codes of the
/// programme's rule set (Models/rulesets/poverty-2021-2025.yaml, copied beside the plan), sources at all
/// five budget levels (central, province, district, commune, other) with both capital types, the rule set's
/// investment-only rule and its counterpart minimum at a tier (scope plan), and counterpart rules of the
/// plan's own at every scope: plan, each-project and each-subproject. Amounts are of the size of
/// Trùng Khánh's 2023 plan (about 160,000 million VND of central money) and come from a seeded SplitMix64,
/// so the plan is the same on every machine.
public enum GeneratedDistrictPlan {
    /// The leaves with the capital types the catalogue (and the investment-only rule) allow them.
    public static let leaves: [(code: String, parent: String?, investment: Bool)] = [
        ("DA1.TDA1", "DA1", true), ("DA1.TDA2", "DA1", true),
        ("DA2", nil, false),
        ("DA3.TDA1", "DA3", false), ("DA3.TDA2", "DA3", false),
        ("DA4.TDA1", "DA4", true), ("DA4.TDA2", "DA4", false), ("DA4.TDA3", "DA4", true),
        ("DA5", nil, false),
        ("DA6.TDA1", "DA6", false), ("DA6.TDA2", "DA6", false),
        ("DA7.TDA1", "DA7", false), ("DA7.TDA2", "DA7", false),
    ]

    /// The leaves whose need is one figure (no split by capital): the ones a scenario may scale simply.
    public static var recurrentLeaves: [String] { leaves.filter { !$0.investment }.map(\.code) }

    /// Writes `rules.yaml` (a copy of `ruleSetPath`) and `plan.yaml` in `folder`; returns the plan's path.
    public static func write(in folder: URL, ruleSetPath: String, seed: UInt64 = 2024) throws -> String {
        var rng = SplitMix64(seed: seed)
        try FileManager.default.copyItem(atPath: ruleSetPath, toPath: folder.appendingPathComponent("rules.yaml").path)
        func amount(_ low: Double, _ high: Double) -> Int { Int(rng.uniform(low, high).rounded()) }

        var projects = ""
        var investmentNeed = 0, recurrentNeed = 0
        var parent: String?
        for leaf in leaves {
            if leaf.parent != parent, let p = leaf.parent {
                projects += "  - code: \(p)\n    subprojects:\n"
            }
            parent = leaf.parent
            let indent = leaf.parent == nil ? "  - " : "      - "
            if leaf.investment {
                let investment = amount(leaf.code.hasPrefix("DA1") ? 30_000 : 300, leaf.code.hasPrefix("DA1") ? 60_000 : 1_500)
                let recurrent = amount(Double(investment) * 0.08, Double(investment) * 0.15)
                investmentNeed += investment
                recurrentNeed += recurrent
                projects += "\(indent){code: \(leaf.code), need: {total: \(investment + recurrent), investment: \(investment), recurrent: \(recurrent)}, weight: \(1 + rng.index(3))}\n"
            } else {
                let need = amount(leaf.code.hasPrefix("DA5") || leaf.code.hasPrefix("DA2") ? 8_000 : 300,
                                  leaf.code.hasPrefix("DA5") || leaf.code.hasPrefix("DA2") ? 16_000 : 6_000)
                recurrentNeed += need
                projects += "\(indent){code: \(leaf.code), need: \(need), capital: recurrent, weight: \(1 + rng.index(3))}\n"
            }
        }
        // Central money covers about 80% of the need, so the stages have something to decide; local money
        // is enough for the counterpart rules with some to spare.
        let centralInvestment = Int(Double(investmentNeed) * 0.78)
        let centralRecurrent = Int(Double(recurrentNeed) * 0.78)
        let central = centralInvestment + centralRecurrent
        let plan = """
            cofund: plan
            id: generated-district
            place: {vi: Huyện Sinh Tự Động, en: Generated district}
            level: district
            year: 2024
            unit: million VND
            ruleSet: rules.yaml
            tier: central-50-70
            applies: [investment-only, counterpart-minimum]
            sources:
              - {id: central-investment, level: central, capital: investment, available: \(centralInvestment), spendInFull: true}
              - {id: central-recurrent, level: central, capital: recurrent, available: \(centralRecurrent), spendInFull: true}
              - {id: province-investment, level: province, capital: investment, available: \(Int(Double(centralInvestment) * 0.09))}
              - {id: province-recurrent, level: province, capital: recurrent, available: \(Int(Double(centralRecurrent) * 0.12))}
              - {id: district, level: district, capital: either, available: \(Int(Double(central) * 0.06))}
              - {id: commune, level: commune, capital: recurrent, available: \(Int(Double(central) * 0.015))}
              - {id: other, level: other, capital: either, available: \(Int(Double(central) * 0.02))}
            projects:
            \(projects)rules:
              - {id: province-leaf, kind: counterpart, levels: [province], of: [central], ratio: 0.05, scope: each-subproject}
              - {id: district-project, kind: counterpart, levels: [district], of: [central], ratio: 0.02, scope: each-project}
              - {id: local-plan, kind: counterpart, levels: [province, district, commune], of: [central], ratio: 0.12, scope: plan}
              - {id: commune-recurrent, kind: counterpart, levels: [commune], of: [central], ratio: 0.005, scope: plan, capital: recurrent}
            objective: [maximize-funded-need, minimize-local-money]

            """
        let path = folder.appendingPathComponent("plan.yaml").path
        try plan.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
