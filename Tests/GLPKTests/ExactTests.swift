import Foundation
import Testing
import LinearProgramming
@testable import GLPK

/// `SolveOptions(exact: true)` re-solves the final basis in rational arithmetic (glp_exact).
@Suite struct ExactTests {
    let exact = SolveOptions(exact: true)

    @Test func wyndorExactly() throws {
        // Hand values (TextbookLPTests.wyndorMaximisation): x = (2, 6), z = 36, y = (0, 3/2, 1). All are
        // binary fractions, so the rational solution converts to doubles without rounding.
        let s = try GLPKSolver().solve(Fixtures.wyndor, options: exact)
        #expect(s.status == .optimal)
        #expect(s.objective == 36)
        #expect(s.columnValues == [2, 6])
        #expect(s.rowDuals == [0, 1.5, 1])
        #expect(s.reducedCosts == [0, 0])
        #expect(s.objective == (try GLPKSolver().solve(Fixtures.wyndor)).objective)
    }

    @Test func symmetricQuarterExactly() throws {
        // max x + y, 3x + y <= 1, x + 3y <= 1: both rows bind at x = y = 1/4, z = 1/2; duals from
        // 3y1 + y2 = 1, y1 + 3y2 = 1 → y1 = y2 = 1/4.
        let program = makeProgram(
            "quarter", sense: .maximize, columns: [("x", .nonNegative, 1), ("y", .nonNegative, 1)],
            rows: [("a", .atMost(1), [(0, 3), (1, 1)]), ("b", .atMost(1), [(0, 1), (1, 3)])])
        let s = try GLPKSolver().solve(program, options: exact)
        #expect(s.objective == 0.5)
        #expect(s.columnValues == [0.25, 0.25])
        #expect(s.rowDuals == [0.25, 0.25])
    }

    @Test(arguments: [Fixtures.diet, Fixtures.degenerate, Fixtures.equalities, Fixtures.freeAndFixed, Fixtures.columnAtUpperBound])
    func exactObjectiveEqualsTheFloatingPointOne(program: LinearProgram) throws {
        let float = try GLPKSolver().solve(program)
        let rational = try GLPKSolver().solve(program, options: exact)
        #expect(rational.status == .optimal)
        expectClose(rational.objective, float.objective, "\(program.name): objective")
        expectClose(rational.columnValues, float.columnValues, "\(program.name): column values")
        expectOptimalityConditions(program, rational)
    }

    @Test func exactObjectiveEqualsGlpsolExact() throws {
        // glpsol --exact solves the same MPS file in rational arithmetic from the start.
        let program = Fixtures.rangingProgram
        let directory = try makeTemporaryDirectory("exact")
        defer { try? FileManager.default.removeItem(at: directory) }
        let mps = directory.appendingPathComponent("p.mps").path
        let written = directory.appendingPathComponent("p.sol").path
        try GLPKSolver().writeMPS(program, to: mps)
        try Glpsol.run(["--freemps", mps, "--max", "--exact", "-w", written])
        let theirs = try GlpsolSolution(contentsOf: written)
        let ours = try GLPKSolver().solve(program, options: exact)
        #expect(ours.status == .optimal)
        expectClose(ours.objective, theirs.objective, "objective", tolerance: 1e-12)
        expectClose(ours.columnValues, theirs.columns.map(\.primal), "column values", tolerance: 1e-12)
        expectClose(ours.rowDuals, theirs.rows.map(\.dual), "row duals", tolerance: 1e-12)
    }

    @Test func sensitivityAfterAnExactResolve() throws {
        // glp_exact leaves no factorization behind; ranging must refactorize and agree with the float run.
        let program = Fixtures.rangingProgram
        let (_, floatReport) = try GLPKSolver().solveWithSensitivity(program, options: SolveOptions())
        let (solution, exactReport) = try GLPKSolver().solveWithSensitivity(program, options: exact)
        #expect(solution.status == .optimal)
        let a = try #require(floatReport), b = try #require(exactReport)
        for (x, y) in zip(a.rows + a.columns, b.rows + b.columns) {
            #expect(x.status == y.status && x.lower.limitingVariable == y.lower.limitingVariable
                    && x.upper.limitingVariable == y.upper.limitingVariable, "\(x.name)")
            for (p, q) in [(x.lower.activity, y.lower.activity), (x.upper.activity, y.upper.activity),
                           (x.lower.objectiveValue, y.lower.objectiveValue), (x.upper.objectiveValue, y.upper.objectiveValue),
                           (x.lower.objectiveCoefficient, y.lower.objectiveCoefficient),
                           (x.upper.objectiveCoefficient, y.upper.objectiveCoefficient)] {
                #expect(isClose(p, q, 1e-9), "\(x.name): float \(p), exact \(q)")
            }
        }
    }

    @Test func exactSessionAfterAChange() throws {
        var program = Fixtures.rangingProgram
        let session = try GLPKSession(program, options: exact)
        try session.solve()
        program.rows[0].bounds = .atMost(95)
        try session.setRowBounds(0, .atMost(95))
        let warm = try session.solve()
        let cold = try GLPKSolver().solve(program, options: exact)
        expectClose(warm.objective, cold.objective, "objective", tolerance: 1e-12)
        expectClose(warm.columnValues, cold.columnValues, "column values", tolerance: 1e-12)
        _ = try session.sensitivity()
    }

    @Test func exactIsNotAttemptedWithoutAnOptimum() throws {
        #expect(try GLPKSolver().solve(Fixtures.infeasibleRows, options: exact).status == .infeasible)
        #expect(try GLPKSolver().solve(Fixtures.unbounded, options: exact).status == .unbounded)
    }
}

/// `--exact` against `glpsol --exact` on the LP file `cofund export --lp` would write (glp_write_lp),
/// for every textbook LP of these tests: the same optimum, and an answer meeting the optimality conditions.
@Suite struct ExactVersusGlpsolLPTests {
    @Test(arguments: [Fixtures.wyndor, Fixtures.diet, Fixtures.degenerate, Fixtures.equalities, Fixtures.freeAndFixed,
                      Fixtures.columnAtUpperBound, Fixtures.rangingProgram])
    func exactEqualsGlpsolExactOnTheLPFile(program: LinearProgram) throws {
        let directory = try makeTemporaryDirectory("exact-lp")
        defer { try? FileManager.default.removeItem(at: directory) }
        let lp = directory.appendingPathComponent("p.lp").path
        let written = directory.appendingPathComponent("p.sol").path
        try GLPKSolver().writeCPLEX(program, to: lp)
        try Glpsol.run(["--lp", lp, "--exact", "-w", written])
        let theirs = try GlpsolSolution(contentsOf: written)
        let ours = try GLPKSolver().solve(program, options: SolveOptions(exact: true))
        #expect(ours.status == .optimal)
        // The LP format has no objective constant: glp_write_lp writes it as an extra column that glpsol
        // then leaves at 0, so compare the objective of *this* program at glpsol's point.
        let point = Array(theirs.columns.prefix(program.columns.count).map(\.primal))
        expectClose(ours.objective, program.objectiveValue(point), "\(program.name): objective", tolerance: 1e-12)
        if isNonDegenerate(program, ours) {
            expectClose(ours.columnValues, point, "\(program.name): column values", tolerance: 1e-12)
        }
        expectOptimalityConditions(program, ours)
    }
}
