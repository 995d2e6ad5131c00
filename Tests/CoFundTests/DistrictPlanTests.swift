import Foundation
import Testing
@testable import CoFund
import GLPK
import GeneratedPlans

/// The generated district plan of the what-if benchmark (18 catalogue codes, seven sources at five budget
/// levels, counterpart rules at every scope): its whole-unit proposal is settled by a proved gap, not by
/// the clock. Before the spread's 1% tolerance, its branch and bound ran into the 30 s half of the budget
/// on every solve (an LP bound 0.4% below the whole optimum that never closed), so `whatif` took 30 s per
/// scenario and the proposal depended on the machine's speed.
@Suite struct DistrictPlanTests {
    @Test func theWholeUnitProposalEndsOnAProvedGap() throws {
        let folder = TestFolders.fresh("cofund-district")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try PlanLoader.load(path: try GeneratedDistrictPlan.write(in: folder, ruleSetPath: PlanFixtures.ruleSetPath))
        let solved = try #require(try PlanSolver(factory: GLPKSolver()).solve(loaded).solved)
        let whole = try #require(solved.whole)
        #expect(!whole.stoppedWithGap)
        // Every line whole, every rule met, the plan's stages at their whole optima.
        #expect(solved.allocation.values.allSatisfy { $0 == $0.rounded() })
        #expect(solved.checkItems.allSatisfy { $0.satisfied })
        #expect(abs(whole.stageValues[0] - solved.stageValues[0].value) < 1)
    }

    /// Two scenarios where GLPK's depth-first search found no whole point at all in 30 s: the later stage
    /// (a 6% counterpart on every line) before each stage's search started from the previous stage's answer,
    /// the first stage (8% and provincial money ×1.3) before the feasibility pump was on. Both now end on a
    /// proof, every line whole and every rule met.
    @Test(arguments: [
        [ScenarioEdit.ratio(rule: "province-leaf", .value(0.06))],
        [ScenarioEdit.ratio(rule: "province-leaf", .value(0.08)), .available(source: "province-recurrent", .scale(1.3))],
    ])
    func tightScenariosFindTheirWholeProposal(_ edits: [ScenarioEdit]) throws {
        let folder = TestFolders.fresh("cofund-district")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try PlanLoader.load(path: try GeneratedDistrictPlan.write(in: folder, ruleSetPath: PlanFixtures.ruleSetPath))
        let here = CoFund.SourceLocation(file: "test", line: 0)
        let scenario = Scenario(id: "tight", name: nil, changes: edits.map { ScenarioChange(edit: $0, location: here, field: "") }, location: here)
        let solved = try #require(try PlanSolver(factory: GLPKSolver()).solve(ScenarioApplier.apply(scenario, to: base)).solved)
        let whole = try #require(solved.whole)
        #expect(!whole.stoppedWithGap)
        #expect(solved.allocation.values.allSatisfy { $0 == $0.rounded() })
        #expect(solved.checkItems.allSatisfy { $0.satisfied })
    }
}
