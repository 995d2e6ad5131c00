import Foundation
import Testing
@testable import CoFund
import GLPK

/// The whole 2021-2025 catalogue in one plan: every project and sub-project, investment and recurrent
/// money at three budget levels, per-sub-project counterpart rules, a bar, a share cap and two stages.
/// It must load, solve, pass the independent re-check and, when made infeasible, be diagnosed.
@Suite struct FullCataloguePlanTests {
    static func plan(needScale: Double) -> String {
        let leaves: [(code: String, parent: String?, capital: String)] = [
            ("DA1.TDA1", "DA1", "either"), ("DA1.TDA2", "DA1", "either"), ("DA2", nil, "recurrent"),
            ("DA3.TDA1", "DA3", "recurrent"), ("DA3.TDA2", "DA3", "recurrent"), ("DA4.TDA1", "DA4", "either"),
            ("DA4.TDA2", "DA4", "recurrent"), ("DA4.TDA3", "DA4", "either"), ("DA5", nil, "recurrent"),
            ("DA6.TDA1", "DA6", "recurrent"), ("DA6.TDA2", "DA6", "recurrent"), ("DA7.TDA1", "DA7", "recurrent"),
            ("DA7.TDA2", "DA7", "recurrent"),
        ]
        var yaml = """
            applies: [investment-only]
            sources:
              - {id: central-inv, level: central, capital: investment, available: 60000, spendInFull: true}
              - {id: central-rec, level: central, capital: recurrent, available: 40000, spendInFull: true}
              - {id: province, level: province, capital: either, available: 12000}
              - {id: district, level: district, capital: either, available: 6000}
              - {id: other, level: other, capital: either, available: 2000}
            projects:

            """
        var parentsDone = Set<String>()
        for (k, leaf) in leaves.enumerated() {
            let need = needScale * (leaf.capital == "either" ? 24000 : 6000) * (0.8 + 0.03 * Double(k))
            let line = "{code: \(leaf.code), need: \(need), weight: \(1 + Double(k % 4) * 0.25)}"
            if let parent = leaf.parent {
                if parentsDone.insert(parent).inserted { yaml += "  - code: \(parent)\n    subprojects:\n" }
                yaml += "      - \(line)\n"
            } else {
                yaml += "  - \(line)\n"
            }
        }
        yaml += """
            rules:
              - {id: province-share, kind: counterpart, levels: [province], of: [central], ratio: 0.10, scope: each-subproject}
              - {id: district-share, kind: counterpart, levels: [district], of: [central], ratio: 0.05, scope: each-project}
              - {id: no-other-for-m-and-e, kind: bar, source: other, projects: [DA7]}
              - {id: housing-cap, kind: share, project: DA5, atMost: 0.05}
            objective: [maximize-funded-need, minimize-local-money]

            """
        return yaml
    }

    @Test func fullCataloguePlanSolvesAndPassesTheRecheck() throws {
        let loaded = try PlanFixtures.load(Self.plan(needScale: 1.2))
        let result = try PlanSolver(factory: GLPKSolver()).solve(loaded)
        #expect(result.outcome == .solved)
        #expect(AllocationCheck(PlanStructure(loaded)).violations(of: result.allocation).isEmpty)
        #expect(abs(PlanFixtures.used(result, source: "central-inv") - 60_000) < 1e-3)
        #expect(abs(PlanFixtures.used(result, source: "central-rec") - 40_000) < 1e-3)
        // Investment money only where the catalogue allows it; nothing from "other" for DA7.
        for (key, amount) in result.allocation where amount > 0 {
            if key.capital == .investment { #expect(["DA1.TDA1", "DA1.TDA2", "DA4.TDA1", "DA4.TDA3"].contains(key.project)) }
            if key.source == "other" { #expect(!key.project.hasPrefix("DA7")) }
        }
    }

    @Test func fullCataloguePlanWithTooLittleNeedIsDiagnosed() throws {
        let loaded = try PlanFixtures.load(Self.plan(needScale: 0.2))
        let result = try PlanSolver(factory: GLPKSolver()).solve(loaded)
        #expect(result.outcome == .infeasible)
        let diagnosis = try #require(result.diagnosis)
        #expect(diagnosis.totalRepair > 0)
        #expect(!diagnosis.conflicts.isEmpty)
    }
}
