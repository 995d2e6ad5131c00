import Foundation
import Testing
import LinearProgramming
import GLPK
@testable import CoFund

@Suite("The stage loop runs over any session, and a prepared plan is built once")
struct StageRunnerTests {
    static let seed = "Models/plans/tinh-bien-2024.yaml"

    @Test("StageRunner in a session of our own gives the stages solve gives, and a second session warm from its basis agrees")
    func stagesOverAnySession() throws {
        let loaded = try PlanLoader.load(path: PlanFixtures.repositoryRoot.appendingPathComponent(Self.seed).path)
        let prepared = try PreparedPlan(loaded)
        let compiled = try #require(prepared.compiled)
        let solved = try #require(try PlanSolver(factory: GLPKSolver()).solve(prepared).solved)

        let session = try GLPKSession(compiled.program)
        let run = try StageRunner().run(compiled, tolerance: loaded.plan.objective.tolerance, in: session, options: SolveOptions())
        #expect(run.isOptimal)
        #expect(run.stageValues.map(\.value) == solved.stageValues.map(\.value))
        // solve's final plan stage (before its even spread) is the same solution.
        #expect(run.allocation(compiled) == compiled.allocation(from: solved.solution))

        // A second worker starts from the first one's final basis (optimal for the last stage, not for the
        // first, so it may pivot) and reaches the same optima, within the hold tolerance.
        let second = try GLPKSession(compiled.program)
        try second.setBasis(try session.basis())
        let warm = try StageRunner().run(compiled, tolerance: loaded.plan.objective.tolerance, in: second, options: SolveOptions())
        #expect(warm.isOptimal)
        for (a, b) in zip(warm.stageValues.map(\.value), solved.stageValues.map(\.value)) { #expect(abs(a - b) <= 1e-6 * max(1, abs(b))) }
    }

    @Test("a plan with missing inputs is prepared without a program, and solve says so without compiling")
    func missingInputsPrepared() throws {
        let loaded = try PlanLoader.load(path: PlanFixtures.repositoryRoot.appendingPathComponent("Models/plans/tan-phu-2024.yaml").path)
        let prepared = try PreparedPlan(loaded)
        #expect(prepared.compiled == nil)
        #expect(!prepared.missingInputs.isEmpty)
        guard case .missingInputs(let missing) = try PlanSolver(factory: GLPKSolver()).solve(prepared) else {
            Issue.record("expected missing inputs")
            return
        }
        #expect(missing == prepared.missingInputs)
    }
}
