import Foundation

/// Generated plans of any size, for the scale benchmark and the tests that count work.
public enum GeneratedPlan {
    /// A rule set and a plan of `parents` projects with ten sub-projects each: three sources, counterpart
    /// rules at every scope, a bar, a share cap and two objective stages (the shape of ScaleTests).
    public static func write(parents: Int, in folder: URL) throws -> String {
        var rules = "cofund: rule-set\nid: generated\nname: {vi: Sinh tự động, en: Generated}\nperiod: \"2024\"\ntiers: []\ncatalogue:\n"
        var plan = """
            cofund: plan
            id: generated-plan
            place: {vi: Tỉnh Thử, en: Test province}
            level: province
            year: 2024
            ruleSet: rules.yaml
            sources:
              - {id: central, level: central, capital: either, available: \(parents * 1000), spendInFull: true}
              - {id: province, level: province, capital: either, available: \(parents * 150)}
              - {id: district, level: district, capital: either, available: \(parents * 60)}
            projects:

            """
        for p in 1...parents {
            rules += "  - {code: P\(p), name: {vi: \"Dự án \(p)\"}, capital: either}\n"
            plan += "  - code: P\(p)\n    subprojects:\n"
            for s in 1...10 {
                rules += "  - {code: P\(p).S\(s), name: {vi: \"Tiểu dự án \(s)\"}, capital: either}\n"
                plan += "      - {code: P\(p).S\(s), need: \(100 + (p * 7 + s * 13) % 50), weight: \(1 + s % 3)}\n"
            }
        }
        rules += "rules: []\n"
        plan += """
            rules:
              - {id: cp-leaf, kind: counterpart, levels: [province], of: [central], ratio: 0.1, scope: each-subproject}
              - {id: cp-project, kind: counterpart, levels: [district], of: [central], ratio: 0.05, scope: each-project}
              - {id: cp-plan, kind: counterpart, levels: [province, district], of: [central], ratio: 0.15, scope: plan}
              - {id: no-district-p1, kind: bar, source: district, projects: [P1]}
              - {id: cap-p2, kind: share, project: P2, atMost: 0.5}
            objective: [maximize-funded-need, minimize-local-money]

            """
        try rules.write(to: folder.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("plan.yaml").path
        try plan.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
