import Foundation
import Testing
import LinearProgramming
@testable import GLPK

/// GLPK calls abort() when it is misused. Each of those triggers must come back as a thrown error, with the
/// process alive and the session still usable. (If one of these tests takes the test process down, the
/// guard in Sources/GLPK is missing.)
@Suite struct AbortTriggerTests {
    let solver = GLPKSolver()

    /// Expects `body` to throw exactly `expected`.
    func expectError(
        _ expected: SolverError, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
    ) {
        #expect(throws: expected, sourceLocation: sourceLocation) { try body() }
    }

    /// Expects `body` to throw `SolverError.invalidOption`, whatever its text.
    func expectInvalidOption(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected SolverError.invalidOption, nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as SolverError {
            guard case .invalidOption = error else {
                Issue.record("expected SolverError.invalidOption, got \(error)", sourceLocation: sourceLocation)
                return
            }
        } catch {
            Issue.record("expected SolverError.invalidOption, got \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Invalid programs, through every entry point that hands one to GLPK

    static var invalidPrograms: [(String, LinearProgramError, (inout LinearProgram) -> Void)] { [
        ("name over 255 bytes", .nameTooLong(kind: .column, name: String(repeating: "x", count: 256), bytes: 256, limit: 255),
         { $0.columns[0].name = String(repeating: "x", count: 256) }),
        ("problem name over 255 bytes", .nameTooLong(kind: .problem, name: String(repeating: "đ", count: 128), bytes: 256, limit: 255),
         { $0.name = String(repeating: "đ", count: 128) }),
        ("control character", .nameHasControlCharacter(kind: .row, name: "plant\n1"), { $0.rows[0].name = "plant\n1" }),
        ("duplicate matrix entry", .duplicateTerm(row: "plant3", column: "x1"),
         { $0.rows[2].terms.append(Term(column: 0, coefficient: 1)) }),
        ("infinite coefficient", .notFinite(kind: .row, name: "plant2", field: "coefficient of 'x2'", value: .infinity),
         { $0.rows[1].terms[0].coefficient = .infinity }),
        ("infinite bound on the wrong side", .infiniteBoundOnWrongSide(kind: .column, name: "x2", field: "lower bound"),
         { $0.columns[1].bounds.lower = .infinity }),
        ("lower above upper", .invertedBounds(kind: .row, name: "plant1", lower: 5, upper: 4),
         { $0.rows[0].bounds.lower = 5 }),
        ("column index out of range", .columnIndexOutOfRange(row: "plant1", column: 7, columnCount: 2),
         { $0.rows[0].terms.append(Term(column: 7, coefficient: 1)) }),
        ("duplicate name", .duplicateName(kind: .row, name: "plant1"), { $0.rows[1].name = "plant1" }),
        ("empty name", .emptyName(kind: .column, index: 0), { $0.columns[0].name = "" }),
    ] }

    @Test func invalidProgramsAreRejectedByEveryEntryPoint() throws {
        let directory = try makeTemporaryDirectory("invalid")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (label, error, change) in Self.invalidPrograms {
            var program = Fixtures.wyndor
            change(&program)
            let expected = SolverError.invalidProgram(error)
            #expect(throws: expected, "\(label): solve") { try solver.solve(program) }
            #expect(throws: expected, "\(label): solveWithSensitivity") {
                _ = try solver.solveWithSensitivity(program, options: SolveOptions())
            }
            #expect(throws: expected, "\(label): session") { _ = try GLPKSession(program) }
            let path = directory.appendingPathComponent("p.mps").path
            #expect(throws: expected, "\(label): writeMPS") { try solver.writeMPS(program, to: path) }
            #expect(throws: expected, "\(label): writeCPLEX") { try solver.writeCPLEX(program, to: path) }
            #expect(!FileManager.default.fileExists(atPath: path), "\(label): no file is left behind")
        }
    }

    @Test func nanCoefficientsAndBoundsAreRejected() {
        let changes: [(inout LinearProgram) -> Void] = [
            { $0.rows[2].terms[1].coefficient = .nan },
            { $0.columns[0].objective = .nan },
            { $0.objectiveConstant = .nan },
            { $0.columns[1].bounds.upper = .nan },
            { $0.rows[0].bounds.lower = .nan },
        ]
        for change in changes {
            var program = Fixtures.wyndor
            change(&program)
            do {
                _ = try solver.solve(program)
                Issue.record("NaN accepted")
            } catch SolverError.invalidProgram(.notFinite(_, _, _, let value)) {
                #expect(value.isNaN)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func nameOf255BytesIsAcceptedAllTheWayToTheFiles() throws {
        // 255 bytes is GLPK's own limit (glp_set_col_name aborts above it), so exactly 255 must work.
        var program = Fixtures.wyndor
        program.columns[0].name = String(repeating: "ệ", count: 85)  // 3 bytes each
        program.rows[0].name = String(repeating: "r", count: 255)
        let s = try solver.solve(program)
        expectClose(s.objective, 36, "objective")
        let directory = try makeTemporaryDirectory("longnames")
        defer { try? FileManager.default.removeItem(at: directory) }
        try solver.writeMPS(program, to: directory.appendingPathComponent("p.mps").path)
        try solver.writeCPLEX(program, to: directory.appendingPathComponent("p.lp").path)
    }

    // MARK: Session setters

    @Test func sessionIndicesOutOfRange() throws {
        let session = try GLPKSession(Fixtures.wyndor)  // 3 rows, 2 columns
        try session.solve()
        expectError(.indexOutOfRange(kind: "row", index: 3, count: 3)) { try session.setRowBounds(3, .atMost(1)) }
        expectError(.indexOutOfRange(kind: "row", index: -1, count: 3)) { try session.setRowBounds(-1, .atMost(1)) }
        expectError(.indexOutOfRange(kind: "column", index: 2, count: 2)) { try session.setColumnBounds(2, .nonNegative) }
        expectError(.indexOutOfRange(kind: "column", index: -1, count: 2)) { try session.setColumnBounds(-1, .nonNegative) }
        expectError(.indexOutOfRange(kind: "column", index: 2, count: 2)) { try session.setObjectiveCoefficient(2, 1) }
        expectError(.indexOutOfRange(kind: "column", index: Int.min, count: 2)) { try session.setObjectiveCoefficient(Int.min, 1) }
        expectError(.indexOutOfRange(kind: "row", index: Int.max, count: 3)) { try session.setRowBounds(Int.max, .free) }
        // A rejected change changes nothing: the solution is still current and the session still works.
        #expect(try session.isStale == false)
        #expect(try session.program == Fixtures.wyndor)
        expectClose(try session.solution().objective, 36, "objective")
        _ = try session.sensitivity()
    }

    @Test func sessionInvalidBoundsAndCoefficients() throws {
        let session = try GLPKSession(Fixtures.wyndor)
        try session.solve()
        let badBounds = [
            Bounds(lower: 2, upper: 1), Bounds(lower: .nan, upper: 1), Bounds(lower: 0, upper: .nan),
            Bounds(lower: .infinity, upper: .infinity), Bounds(lower: -.infinity, upper: -.infinity),
        ]
        for bounds in badBounds {
            expectInvalidOption { try session.setRowBounds(0, bounds) }
            expectInvalidOption { try session.setColumnBounds(1, bounds) }
        }
        for value in [Double.nan, .infinity, -.infinity] {
            expectInvalidOption { try session.setObjectiveCoefficient(0, value) }
        }
        #expect(try session.isStale == false)
        #expect(try session.program == Fixtures.wyndor)
        let again = try session.solve()
        expectClose(again.objective, 36, "objective")
    }

    // MARK: Sensitivity without an optimal solution

    @Test func sensitivityNeedsACurrentOptimalSolution() throws {
        let session = try GLPKSession(Fixtures.wyndor)
        expectError(.notSolved) { _ = try session.sensitivity() }
        expectError(.notSolved) { _ = try session.solution() }
        #expect(try session.isStale)

        try session.solve()
        _ = try session.sensitivity()
        try session.setObjectiveCoefficient(0, 4)
        expectError(.staleSolution) { _ = try session.sensitivity() }
        expectError(.staleSolution) { _ = try session.solution() }

        // Make it infeasible: x1 >= 5 against plant1 x1 <= 4.
        try session.setColumnBounds(0, .atLeast(5))
        #expect(try session.solve().status == .infeasible)
        expectError(.noOptimalSolution(.infeasible)) { _ = try session.sensitivity() }
        #expect(try session.solution().status == .infeasible)
    }

    @Test func sensitivityOfAnUnboundedSession() throws {
        let session = try GLPKSession(Fixtures.unbounded)
        #expect(try session.solve().status == .unbounded)
        expectError(.noOptimalSolution(.unbounded)) { _ = try session.sensitivity() }
    }

    @Test func sensitivityAfterAnIterationLimit() throws {
        // With no iterations allowed, GLPK stops unless its starting basis is already optimal. The
        // unlimited solve, from the same starting basis, needs iterations, so that basis is not optimal.
        let cold = try solver.solve(Fixtures.rangingProgram)
        try #require(cold.iterations > 0)
        let limited = SolveOptions(iterationLimit: 0)
        let (s, report) = try solver.solveWithSensitivity(Fixtures.rangingProgram, options: limited)
        #expect(s.status == .iterationLimit)
        #expect(report == nil)
        #expect(try solver.solve(Fixtures.rangingProgram, options: SolveOptions(iterationLimit: 0, exact: true)).status == .iterationLimit)
        let session = try GLPKSession(Fixtures.rangingProgram, options: limited)
        #expect(try session.solve().status == .iterationLimit)
        expectError(.noOptimalSolution(.iterationLimit)) { _ = try session.sensitivity() }
        // Lifting the limit finishes the job.
        try session.setOptions(SolveOptions())
        #expect(try session.solve().status == .optimal)
        _ = try session.sensitivity()
    }

    @Test func problemLevelAnalysisChecksItsPreconditions() throws {
        // The internal routines guard themselves too (glp_analyze_* abort without an optimal basis, for a
        // variable of the wrong basic status, or for an index out of range).
        let problem = try GLPKProblem(program: Fixtures.wyndor)
        #expect(throws: SolverError.self) { try problem.prepareForAnalysis() }
        #expect(throws: SolverError.self) { _ = try problem.analyzeBound(.row(0)) }
        #expect(throws: SolverError.self) { _ = try problem.analyzeCoefficient(.column(0)) }
        let solution = try GLPKSolver.solve(problem, options: SolveOptions(), dualFirst: false)
        #expect(solution.status == .optimal)
        try problem.prepareForAnalysis()
        // Wyndor: x1, x2, plant1 basic; plant2, plant3 non-basic.
        #expect(throws: SolverError.self) { _ = try problem.analyzeBound(.column(0)) }  // basic
        #expect(throws: SolverError.self) { _ = try problem.analyzeCoefficient(.row(1)) }  // non-basic
        #expect(throws: SolverError.indexOutOfRange(kind: "row", index: 3, count: 3)) { _ = try problem.analyzeBound(.row(3)) }
        #expect(throws: SolverError.indexOutOfRange(kind: "column", index: -1, count: 2)) {
            _ = try problem.analyzeCoefficient(.column(-1))
        }
        _ = try problem.analyzeBound(.row(1))
        _ = try problem.analyzeCoefficient(.column(0))
    }

    @Test func problemUsedFromAnotherThreadIsRefused() throws {
        // A GLPK problem belongs to the thread that created it (thread-local environment).
        final class Box: @unchecked Sendable {
            let problem: GLPKProblem
            init(_ problem: GLPKProblem) { self.problem = problem }
        }
        let box = Box(try GLPKProblem(program: Fixtures.wyndor))
        let outcome = ThreadOutcome()
        let thread = Thread {
            do {
                _ = try box.problem.simplex(options: SolveOptions(), dualFirst: false)
                outcome.set("no error")
            } catch {
                outcome.set("\(error)")
            }
        }
        thread.start()
        let message = outcome.wait()
        #expect(message == "\(SolverError.wrongThread)")
    }

    // MARK: Extreme numbers

    @Test func boundsOfGreatestFiniteMagnitudeMeanNoBound() throws {
        // GLPK's own "no bound" is ±DBL_MAX; its simplex (spxlp.c) and glp_analyze_bound assert when a
        // bound has that value. No number lies beyond ±DBL_MAX, so such a bound is the same constraint as
        // none: each program must solve exactly like its copy with ±infinity, ranging included.
        let big = Double.greatestFiniteMagnitude
        let changes: [(String, (inout LinearProgram, Double) -> Void)] = [
            ("row lower end", { $0.rows[0].bounds = Bounds(lower: -$1, upper: 4) }),
            ("row both ends", { $0.rows[0].bounds = Bounds(lower: -$1, upper: $1) }),
            ("row at least", { $0.rows[1].bounds = Bounds(lower: -$1) }),
            ("column both ends", { $0.columns[0].bounds = Bounds(lower: -$1, upper: $1) }),
            ("column lower end", { $0.columns[1].bounds = Bounds(lower: -$1, upper: 6) }),
            ("column upper end", { $0.columns[1].bounds = Bounds(lower: 0, upper: $1) }),
        ]
        for (label, change) in changes {
            var withMax = Fixtures.wyndor, withInfinity = Fixtures.wyndor
            change(&withMax, big)
            change(&withInfinity, .infinity)
            let (a, ra) = try solver.solveWithSensitivity(withMax, options: SolveOptions())
            let (b, rb) = try solver.solveWithSensitivity(withInfinity, options: SolveOptions())
            #expect(a == b, "\(label)")
            #expect(ra?.columns.map(\.lower) == rb?.columns.map(\.lower) && ra?.rows.map(\.upper) == rb?.rows.map(\.upper), "\(label)")
            #expect(ra?.rows.map(\.slack) == rb?.rows.map(\.slack), "\(label): slack read against the same bound")
            #expect(try solver.solve(withMax, options: SolveOptions(exact: true)).objective == b.objective, "\(label)")
        }
        // Through a session's setters too.
        let session = try GLPKSession(Fixtures.wyndor)
        try session.solve()
        try session.setColumnBounds(0, Bounds(lower: -big, upper: big))
        try session.setRowBounds(2, Bounds(lower: -big, upper: 18))
        expectClose(try session.solve().objective, 36, "objective")  // x1 free changes nothing: x1 = 2 > 0 anyway
        _ = try session.sensitivity()

        // A row bounded by ±DBL_MAX on both sides is free for GLPK, so writeMPS leaves it out like a free
        // row (otherwise glp_write_mps would drop the objective): glpsol reads back Wyndor's 36.
        var program = Fixtures.wyndor
        program.rows.append(Row(name: "note", bounds: Bounds(lower: -big, upper: big), terms: [Term(column: 0, coefficient: 1)]))
        let directory = try makeTemporaryDirectory("dblmax")
        defer { try? FileManager.default.removeItem(at: directory) }
        let mps = directory.appendingPathComponent("p.mps").path, written = directory.appendingPathComponent("p.sol").path
        try solver.writeMPS(program, to: mps)
        try Glpsol.run(["--freemps", mps, "--max", "-w", written])
        expectClose(try GlpsolSolution(contentsOf: written).objective, 36, "glpsol objective")
    }

    @Test(arguments: [1e308, Double.greatestFiniteMagnitude, -1e308, 1e-310, 4.9e-324, -4.9e-324, 0])
    func extremeCoefficientsDoNotBreakScaling(coefficient: Double) throws {
        // GLPK's automatic scaling multiplies and inverts coefficients; near 1e308 or in the subnormal range it
        // computed a zero scale factor and glp_set_rii aborted. Wyndor with the coefficient of x1 in plant3
        // (3x1 + 2x2 <= 18) replaced:
        // - huge and positive: x1 <= (18 - 2x2)/c is about 0, so x2 = 6 (plant2) and z = 30 (to within 1e-300);
        // - negative, tiny or zero: plant3 no longer limits x1 (<= 4) or x2 (<= 6): z = 12 + 30 = 42.
        var program = Fixtures.wyndor
        program.rows[2].terms[0].coefficient = coefficient
        let expected: Double = coefficient > 1 ? 30 : 42
        for options in [SolveOptions(), SolveOptions(exact: true)] {
            let (s, report) = try solver.solveWithSensitivity(program, options: options)
            #expect(s.status == .optimal)
            expectClose(s.objective, expected, "objective")
            #expect(report != nil)
        }
        let session = try GLPKSession(program)
        expectClose(try session.solve().objective, expected, "session objective")
        try session.setRowBounds(1, .atMost(10))  // x2 <= 5
        expectClose(try session.solve().objective, expected - 5, "session objective after a change")
    }

    // MARK: Options

    @Test func invalidIterationAndTimeLimits() throws {
        let invalid = [
            SolveOptions(iterationLimit: -1), SolveOptions(iterationLimit: Int(Int32.max) + 1), SolveOptions(iterationLimit: .max),
            SolveOptions(timeLimitSeconds: -1), SolveOptions(timeLimitSeconds: .nan), SolveOptions(timeLimitSeconds: .infinity),
            SolveOptions(timeLimitSeconds: -.infinity), SolveOptions(timeLimitSeconds: 1e10),
        ]
        for options in invalid {
            expectInvalidOption { _ = try solver.solve(Fixtures.wyndor, options: options) }
            expectInvalidOption { _ = try solver.solveWithSensitivity(Fixtures.wyndor, options: options) }
            let session = try GLPKSession(Fixtures.wyndor, options: options)
            expectInvalidOption { try session.solve() }
            expectError(.notSolved) { _ = try session.solution() }
            // The session is fine once the options are.
            try session.setOptions(SolveOptions())
            expectClose(try session.solve().objective, 36, "objective")
        }
        // Generous limits are not errors (and do not depend on timing: the LP takes a few iterations).
        let s = try solver.solve(Fixtures.wyndor, options: SolveOptions(iterationLimit: 1000, timeLimitSeconds: 3600))
        expectClose(s.objective, 36, "objective")
    }

    // MARK: Empty problems

    @Test func programWithoutRows() throws {
        // min x + y with x in [1, 5], y in [-2, 3]: each column at its lower bound, z = 1 - 2 = -1;
        // reduced costs are the costs themselves (no rows).
        let program = makeProgram("norows", sense: .minimize, constant: 0.5,
                                  columns: [("x", .between(1, 5), 1), ("y", .between(-2, 3), 1)], rows: [])
        let (s, report) = try solver.solveWithSensitivity(program, options: SolveOptions())
        #expect(s.status == .optimal)
        expectClose(s.objective, -0.5, "objective")
        expectClose(s.columnValues, [1, -2], "x")
        expectClose(s.reducedCosts, [1, 1], "reduced costs")
        #expect(s.rowDuals.isEmpty && s.rowActivities.isEmpty)
        #expect(report?.rows.isEmpty == true && report?.columns.count == 2)

        var maximise = program
        maximise.sense = .maximize
        let m = try solver.solve(maximise)
        expectClose(m.objective, 8.5, "objective when maximising")  // 5 + 3 + 0.5
        expectClose(m.columnValues, [5, 3], "x when maximising")

        // No rows and a column free to go to -inf: unbounded.
        let free = makeProgram("freeray", sense: .minimize, columns: [("x", .free, 1)], rows: [])
        #expect(try solver.solve(free).status == .unbounded)

        let session = try GLPKSession(program)
        try session.solve()
        _ = try session.sensitivity()
        try session.setColumnBounds(1, .between(0, 3))
        expectClose(try session.solve().objective, 1.5, "objective after a change")  // 1 + 0 + 0.5
        _ = try session.sensitivity()
    }

    @Test func programWithoutColumns() throws {
        // Rows with no terms have activity 0: feasible when 0 is within their bounds.
        let feasible = makeProgram("nocols", sense: .maximize, constant: 2,
                                   columns: [], rows: [("r", .between(-1, 1), []), ("s", .free, [])])
        let (s, report) = try solver.solveWithSensitivity(feasible, options: SolveOptions())
        #expect(s.status == .optimal)
        expectClose(s.objective, 2, "objective")
        expectClose(s.rowActivities, [0, 0], "row activities")
        #expect(s.columnValues.isEmpty)
        #expect(report?.rows.count == 2 && report?.columns.isEmpty == true)

        let infeasible = makeProgram("nocols2", sense: .minimize, columns: [], rows: [("r", .atLeast(1), [])])
        #expect(try solver.solve(infeasible).status == .infeasible)
    }

    @Test func completelyEmptyProgram() throws {
        let empty = LinearProgram(name: "empty", objectiveConstant: 4)
        for options in [SolveOptions(), SolveOptions(exact: true)] {
            let (s, report) = try solver.solveWithSensitivity(empty, options: options)
            #expect(s.status == .optimal)
            expectClose(s.objective, 4, "objective")
            #expect(report == SensitivityReport(objective: 4, rows: [], columns: []))
        }
        let session = try GLPKSession(empty, options: SolveOptions(exact: true))
        expectClose(try session.solve().objective, 4, "objective")
        _ = try session.sensitivity()
        let directory = try makeTemporaryDirectory("empty")
        defer { try? FileManager.default.removeItem(at: directory) }
        try solver.writeMPS(empty, to: directory.appendingPathComponent("e.mps").path)
        try solver.writeCPLEX(empty, to: directory.appendingPathComponent("e.lp").path)
    }

    @Test func exactResolveOfProblemsWithoutRowsOrColumns() throws {
        // glp_exact rejects problems without rows or columns; the exact option must still give an answer.
        let noRows = makeProgram("norows", sense: .maximize, columns: [("x", .between(0, 2), 3)], rows: [])
        let s = try solver.solve(noRows, options: SolveOptions(exact: true))
        #expect(s.status == .optimal)
        expectClose(s.objective, 6, "objective")  // x = 2
        let noColumns = makeProgram("nocols", sense: .minimize, columns: [], rows: [("r", .atMost(1), [])])
        #expect(try solver.solve(noColumns, options: SolveOptions(exact: true)).status == .optimal)
        // Rows and columns but no coefficients at all.
        let noTerms = makeProgram("noterms", sense: .minimize, columns: [("x", .between(-1, 1), 1)], rows: [("r", .atMost(1), [])])
        let t = try solver.solve(noTerms, options: SolveOptions(exact: true))
        #expect(t.status == .optimal)
        expectClose(t.objective, -1, "objective")
    }

    // MARK: Files

    @Test func writingToAMissingDirectoryThrows() {
        let path = "/nonexistent-cofund-directory/p.mps"
        for write in [solver.writeMPS, solver.writeCPLEX] {
            do {
                try write(Fixtures.wyndor, path)
                Issue.record("writing into a missing directory succeeded")
            } catch SolverError.ioFailure(let failedPath, let reason) {
                #expect(failedPath == path, "the error names the file asked for, not a temporary one")
                #expect(!reason.isEmpty)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func mpsWriterAssertionsAreRefusedWithAnError() throws {
        // glp_write_mps prints numbers in at most 12 characters (mps_numb: "%.*E" below 0.002 with 11 down
        // to 5 decimals, exponent stripped of sign and zeros) and asserts that they fit: -1e-100 needs
        // "-1.00000E-100", 13 characters, and aborted the process. It also asserts that there is a row when a
        // column appears nowhere (no coefficient, no cost). Both must be errors now, and the CPLEX LP writer,
        // which has neither limit, must still write the same programs.
        #expect(GLPKSolver.fitsMPSField(-1e-99))  // "-1.00000E-99"
        #expect(!GLPKSolver.fitsMPSField(-1e-100))  // "-1.00000E-100"
        #expect(GLPKSolver.fitsMPSField(1e-300))  // "1.00000E-300"
        #expect(!GLPKSolver.fitsMPSField(-4.9e-324))  // the smallest subnormal
        #expect(GLPKSolver.fitsMPSField(-1.7976931348623157e308))  // "-1.79769E308"
        #expect(GLPKSolver.fitsMPSField(0) && GLPKSolver.fitsMPSField(-123456.789012345))

        let directory = try makeTemporaryDirectory("mps-asserts")
        defer { try? FileManager.default.removeItem(at: directory) }
        let mps = directory.appendingPathComponent("p.mps").path
        let lp = directory.appendingPathComponent("p.lp").path
        let changes: [(String, (inout LinearProgram) -> Void)] = [
            ("tiny negative coefficient", { $0.rows[0].terms.append(Term(column: 1, coefficient: -1e-300)) }),
            ("tiny negative objective coefficient", { $0.columns[0].objective = -1e-200 }),
            ("tiny negative column bound", { $0.columns[0].bounds = .atLeast(-1e-150) }),
            ("tiny negative right-hand side", { $0.rows[1].bounds = .atLeast(-2e-120) }),
            ("tiny negative objective constant", { $0.objectiveConstant = -3e-101 }),
            ("no rows and a column without cost", { $0.rows = []; $0.columns[1].objective = 0 }),
        ]
        for (label, change) in changes {
            var program = Fixtures.wyndor
            change(&program)
            do {
                try solver.writeMPS(program, to: mps)
                Issue.record("\(label): written")
            } catch SolverError.ioFailure(let path, let reason) {
                #expect(path == mps && !reason.isEmpty, "\(label)")
            } catch {
                Issue.record("\(label): unexpected error \(error)")
            }
            #expect(!FileManager.default.fileExists(atPath: mps), "\(label): nothing left behind")
            try solver.writeCPLEX(program, to: lp)
            _ = try solver.solve(program)  // a valid program (unbounded without its rows, but solvable)
        }
        // A tiny negative number in a free row is fine: free rows are not written.
        var program = Fixtures.wyndor
        program.rows.append(Row(name: "note", bounds: .free, terms: [Term(column: 0, coefficient: -1e-300)]))
        try solver.writeMPS(program, to: mps)
        // Without rows, columns that have a cost are written.
        try solver.writeMPS(makeProgram("norows", sense: .minimize, columns: [("x", .between(0, 1), 1)], rows: []), to: mps)
    }

    @Test func verboseSolvesGiveTheSameAnswers() throws {
        // Verbose output goes to GLPK's terminal (standard error); it must not change any result.
        let quiet = try solver.solveWithSensitivity(Fixtures.rangingProgram, options: SolveOptions())
        let loud = try solver.solveWithSensitivity(Fixtures.rangingProgram, options: SolveOptions(verbose: true))
        #expect(loud.0 == quiet.0 && loud.1 == quiet.1)
        let session = try GLPKSession(Fixtures.rangingProgram, options: SolveOptions(verbose: true))
        #expect(try session.solve() == quiet.0)
    }
}

/// A value handed from a thread to the test, waited for without timing assumptions.
final class ThreadOutcome: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: String?

    func set(_ value: String) {
        condition.lock()
        self.value = value
        condition.signal()
        condition.unlock()
    }

    func wait() -> String {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}
