import Foundation
import Testing
import LinearProgramming
@testable import GLPK

/// What must never reach glp_intopt (it aborts the process on a negative time limit or gap tolerance) or
/// GLPK at all (huge integer bounds, invalid programs), and the MPS writer's guards with integer columns.
@Suite struct IntegerGuardTests {
    let solver = GLPKSolver()
    /// Wyndor with both columns integer: its optimum (2, 6), 36, is already integer.
    static let wyndor = IntegerFixtures.integer(Fixtures.wyndor)

    func expectInvalidOption(_ options: IntegerSolveOptions, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try solver.solveInteger(Self.wyndor, options: options)
            Issue.record("\(options) accepted", sourceLocation: sourceLocation)
        } catch SolverError.invalidOption(let what) {
            #expect(!what.isEmpty, sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(options): unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func invalidOptionsAreRefused() {
        for seconds in [-1, -0.001, .nan, .infinity, -.infinity, 1e10] { expectInvalidOption(IntegerSolveOptions(timeLimitSeconds: seconds)) }
        for gap in [-0.1, -.infinity, .nan, .infinity] { expectInvalidOption(IntegerSolveOptions(relativeGapTolerance: gap)) }
        for gap in [-0.1, -.infinity, .nan, .infinity] {
            var options = IntegerSolveOptions()
            options.absoluteGapTolerance = gap
            expectInvalidOption(options)
        }
        // Options are checked before the bounds: an integer-infeasible program with bad options still throws.
        var program = Self.wyndor
        program.columns[0].bounds = .between(0.2, 0.8)
        #expect(throws: SolverError.self) { try solver.solveInteger(program, options: IntegerSolveOptions(timeLimitSeconds: -1)) }
    }

    @Test func generousAndAbsentLimitsAreFine() throws {
        for options in [IntegerSolveOptions(timeLimitSeconds: nil), IntegerSolveOptions(timeLimitSeconds: 3600, relativeGapTolerance: 1)] {
            let s = try solver.solveInteger(Self.wyndor, options: options)
            #expect(s.objective == 36)
        }
    }

    @Test func invalidProgramsAreRejectedAsForLPs() throws {
        for (label, error, change) in AbortTriggerTests.invalidPrograms {
            var program = Self.wyndor
            change(&program)
            #expect(throws: SolverError.invalidProgram(error), "\(label)") { try solver.solveInteger(program) }
        }
    }

    @Test(arguments: [
        (9_007_199_254_740_994.0, "upper bound"), (1e300, "upper bound"), (Double.greatestFiniteMagnitude, "upper bound"),
        (-1e16, "lower bound"), (-Double.greatestFiniteMagnitude, "lower bound"),
    ])
    func hugeBoundsOfIntegerColumnsAreRefused(value: Double, field: String) throws {
        var program = Self.wyndor
        if field == "upper bound" { program.columns[1].bounds.upper = value } else { program.columns[1].bounds.lower = value }
        let expected = SolverError.invalidProgram(
            .integerBoundTooLarge(column: "x2", field: field, value: value, limit: LinearProgram.maximumIntegerBound))
        let directory = try makeTemporaryDirectory("hugebounds")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("p").path
        #expect(throws: expected) { try solver.solveInteger(program) }
        #expect(throws: expected) { try solver.writeCPLEX(program, to: path) }
        #expect(throws: expected) { try solver.writeMPS(program, to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        // The same bound on a continuous column is an ordinary (if odd) LP bound, and ±2^53 is allowed.
        program.columns[1].isInteger = false
        #expect(try solver.solveInteger(program).objective == 36)
        program.columns[1].isInteger = true
        program.columns[1].bounds = .between(-LinearProgram.maximumIntegerBound, LinearProgram.maximumIntegerBound)
        #expect(try solver.solveInteger(program).objective == 36)
    }

    @Test func mpsWriterGuardsStillHoldWithIntegerColumns() throws {
        // The numbers MPS cannot hold in 12 characters are still refused (glp_write_mps would assert), checked on
        // the program as written (integer bounds rounded), and free rows are still left out.
        let directory = try makeTemporaryDirectory("mip-mps")
        defer { try? FileManager.default.removeItem(at: directory) }
        let mps = directory.appendingPathComponent("p.mps").path
        var tiny = Self.wyndor
        tiny.rows[0].terms.append(Term(column: 1, coefficient: -1e-300))
        #expect(throws: SolverError.self) { try solver.writeMPS(tiny, to: mps) }
        #expect(!FileManager.default.fileExists(atPath: mps))
        // -1e-150 as an integer column's lower bound is 0 once rounded: written, and glpsol finds 36.
        var rounded = Self.wyndor
        rounded.columns[0].bounds = .atLeast(-1e-150)
        rounded.rows.append(Row(name: "note", bounds: .free, terms: [Term(column: 0, coefficient: -1e-300)]))
        try solver.writeMPS(rounded, to: mps)
        let text = try String(contentsOfFile: mps, encoding: .utf8)
        #expect(!text.contains("note") && text.contains("'INTORG'"))
        let written = directory.appendingPathComponent("p.sol").path
        try Glpsol.run(["--freemps", mps, "--max", "-w", written])
        let theirs = try GlpsolMIPSolution(contentsOf: written)
        #expect(theirs.status == "o" && theirs.objective == 36)
    }

    @Test func anIntegerInfeasibleColumnIsExportedAsGiven() throws {
        // [0.2, 0.8] holds no integer, so there is nothing to round it to: the file keeps the bounds, and glpsol
        // refuses to search (as it does for any fractional integer bound) instead of finding a wrong optimum.
        var program = Self.wyndor
        program.columns[0].bounds = .between(0.2, 0.8)
        let directory = try makeTemporaryDirectory("mip-empty")
        defer { try? FileManager.default.removeItem(at: directory) }
        let lp = directory.appendingPathComponent("p.lp").path, written = directory.appendingPathComponent("p.sol").path
        try solver.writeCPLEX(program, to: lp)
        #expect(try String(contentsOfFile: lp, encoding: .utf8).contains("0.2 <= x1 <= 0.8"))
        let output = try Glpsol.run(["--lp", lp, "-w", written])
        #expect(output.contains("non-integer"), "\(output)")
        #expect(try GlpsolMIPSolution(contentsOf: written).status != "o")
    }

    @Test func problemUsedFromAnotherThreadIsRefused() throws {
        // branchAndBound belongs to the problem's thread like every other GLPK call.
        final class Box: @unchecked Sendable {
            let problem: GLPKProblem
            init(_ problem: GLPKProblem) { self.problem = problem }
        }
        let box = Box(try GLPKProblem(program: Self.wyndor))
        #expect(try box.problem.simplex(options: SolveOptions(), dualFirst: false) == .optimal)
        let outcome = ThreadOutcome()
        let thread = Thread {
            do {
                _ = try box.problem.branchAndBound(milliseconds: nil, gap: 0, verbose: false, maximize: true)
                outcome.set("no error")
            } catch {
                outcome.set("\(error)")
            }
        }
        thread.start()
        #expect(outcome.wait() == "\(SolverError.wrongThread)")
        // And without an optimal relaxation (GLPK would return GLP_EROOT) it throws instead of searching.
        let fresh = try GLPKProblem(program: Self.wyndor)
        #expect(throws: SolverError.self) { _ = try fresh.branchAndBound(milliseconds: nil, gap: 0, verbose: false, maximize: true) }
    }
}

extension IntegerGuardTests {
    @Test(arguments: [1e308, Double.greatestFiniteMagnitude, -1e308, 1e-310, 4.9e-324, -4.9e-324, 0])
    func extremeCoefficientsDoNotBreakTheSearch(coefficient: Double) throws {
        // As for the LP (AbortTriggerTests.extremeCoefficientsDoNotBreakScaling): such a coefficient makes
        // glp_scale_prob abort, so the problem is left unscaled, and with the MIP presolver off glp_intopt
        // does not scale a copy of its own. Wyndor with x1's coefficient in plant3 (3x1 + 2x2 <= 18) replaced:
        // huge and positive, x1 <= (18 - 2x2)/c < 1 forces the integer x1 to 0, so x2 = 6 and z = 30;
        // negative, tiny or zero, plant3 no longer binds: x1 = 4, x2 = 6, z = 42.
        var program = Self.wyndor
        program.rows[2].terms[0].coefficient = coefficient
        let s = try solver.solveInteger(program)
        #expect(s.status == .optimal)
        #expect(s.objective == (coefficient > 1 ? 30 : 42))
        #expect(s.columnValues == (coefficient > 1 ? [0, 6] : [4, 6]))
    }
}
