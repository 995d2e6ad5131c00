import Foundation
import Testing
@testable import CoFund

/// Plans of thousands of leaves: the structure and the compiler must do work linear in the plan's size.
/// Asserted by counting steps (`PlanStructure.work`), never by timing. Before the index, asking for the
/// leaves below each project filtered every leaf: a plan of 1,000 projects took over 10 s to compile.
@Suite("Compiling grows linearly with the plan")
struct ScaleTests {
    /// A rule set and plan of `parents` projects with 10 sub-projects each, three sources, counterpart
    /// rules at every scope, a bar and a share cap.
    static func write(parents: Int, in folder: URL) throws -> String {
        var rules = """
            cofund: rule-set
            id: generated
            name: {vi: Sinh tự động, en: Generated}
            period: "2024"
            tiers: []
            catalogue:

            """
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

    /// Steps the structure and the compiler take for a plan of `parents` × 10 leaves.
    static func work(parents: Int) throws -> (steps: Int, leaves: Int, rows: Int) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cofund-scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try PlanLoader.load(path: try write(parents: parents, in: folder))
        let prepared = try PreparedPlan(loaded)
        let compiled = try #require(prepared.compiled)
        return (prepared.structure.work.steps, prepared.structure.allocatedLeaves.count, compiled.program.rows.count)
    }

    @Test("work per leaf stays the same from 1,000 to 10,000 leaves")
    func linearWork() throws {
        let base = try Self.work(parents: 100)
        #expect(base.leaves == 1000)
        let perLeaf = Double(base.steps) / Double(base.leaves)
        for parents in [200, 400, 1000] {
            let run = try Self.work(parents: parents)
            #expect(run.leaves == parents * 10)
            let ratio = (Double(run.steps) / Double(run.leaves)) / perLeaf
            // Linear: the same steps per leaf (a quadratic compiler would double them with each doubling).
            #expect(ratio < 1.05 && ratio > 0.95, "\(run.leaves) leaves: \(run.steps) steps, \(ratio)x the steps per leaf of 1,000")
        }
    }
}
