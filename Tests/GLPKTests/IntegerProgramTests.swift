import Foundation
import Testing
import LinearProgramming
@testable import GLPK

/// Integer programs through `GLPKSolver.solveInteger`. Expected optima are derived by hand in
/// IntegerFixtures; glpsol's answers are compared in IntegerGlpsolCrossCheckTests.
@Suite struct IntegerProgramTests {
    let solver = GLPKSolver()

    /// Checks from the program alone that `solution` carries an integer-feasible point: whole numbers in
    /// integer columns, every bound and row satisfied, and activities and objective consistent with it.
    static func expectIntegerFeasible(
        _ program: LinearProgram, _ solution: IntegerSolution, tolerance: Double = 1e-7,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let x = solution.columnValues
        guard let objective = solution.objective, x.count == program.columns.count,
              solution.rowActivities.count == program.rows.count else {
            Issue.record("no integer point of the right shape: \(solution)", sourceLocation: sourceLocation)
            return
        }
        for (j, column) in program.columns.enumerated() {
            if column.isInteger { #expect(x[j] == x[j].rounded(), "\(column.name) = \(x[j])", sourceLocation: sourceLocation) }
            #expect(column.bounds.contains(x[j], tolerance: tolerance), "\(column.name) = \(x[j]) outside \(column.bounds)",
                    sourceLocation: sourceLocation)
        }
        let activities = program.activities(x)
        for (i, row) in program.rows.enumerated() {
            #expect(row.bounds.contains(activities[i], tolerance: tolerance * max(1, abs(activities[i]))),
                    "row \(row.name) = \(activities[i]) outside \(row.bounds)", sourceLocation: sourceLocation)
        }
        expectClose(solution.rowActivities, activities, "row activities = A x", tolerance: tolerance, sourceLocation: sourceLocation)
        expectClose(objective, program.objectiveValue(x), "objective = c0 + c x", tolerance: tolerance, sourceLocation: sourceLocation)
    }

    /// An optimal solution with the hand-computed objective and point.
    func expectOptimal(
        _ program: LinearProgram, objective: Double, point: [Double]? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let s = try solver.solveInteger(program)
        #expect(s.status == .optimal, "\(program.name): \(s.status)", sourceLocation: sourceLocation)
        Self.expectIntegerFeasible(program, s, sourceLocation: sourceLocation)
        expectClose(s.objective ?? .nan, objective, "\(program.name): objective", sourceLocation: sourceLocation)
        if let point { expectClose(s.columnValues, point, "\(program.name): point", sourceLocation: sourceLocation) }
        #expect(s.bestBound == s.objective && s.relativeGap == 0, "\(program.name)", sourceLocation: sourceLocation)
    }

    @Test func knapsackWithAFractionalRelaxation() throws {
        try expectOptimal(IntegerFixtures.knapsack, objective: 23, point: [1, 1, 0, 0])
        // The LP solver ignores the integer kind and solves the relaxation: 23.5.
        expectClose(try solver.solve(IntegerFixtures.knapsack).objective, 23.5, "relaxation")
    }

    @Test func integerOptimumIsNotTheRoundedRelaxation() throws {
        let program = IntegerFixtures.roundingTrap
        let relaxation = try solver.solve(program)
        expectClose(relaxation.columnValues, [1.8, 2.8], "relaxation point")
        try expectOptimal(program, objective: 2.02, point: [2, 2])
        let s = try solver.solveInteger(program)
        expectClose(s.rowActivities, [0, 10, 10], "row activities")
    }

    @Test func mixedIntegerProgramWithNegativeBoundsAndAConstant() throws {
        try expectOptimal(IntegerFixtures.mixed, objective: 1.5, point: [0, 2, 0.5])
        expectClose(try solver.solveInteger(IntegerFixtures.mixed).rowActivities, [2.5, 2, 4], "row activities")
    }

    @Test func fractionalBoundsOfIntegerColumnsAreRoundedInward() throws {
        // [0.5, 3.7] holds the integers 1, 2, 3: maximising x gives 3, minimising gives 1.
        try expectOptimal(IntegerFixtures.fractionalBounds, objective: 3)
        var minimise = IntegerFixtures.fractionalBounds
        minimise.sense = .minimize
        try expectOptimal(minimise, objective: 1)
        // A bound within 1e-9 of an integer is that integer, not the next one inward: arithmetic noise must not
        // cut a valid integer off.
        var nearlyWhole = IntegerFixtures.fractionalBounds
        // 1.9999999999 as an upper bound is 2, not 1.
        nearlyWhole.columns[0].bounds = .between(0, 1.9999999999)
        try expectOptimal(nearlyWhole, objective: 2)
        // 3.0000000001 as a lower bound is 3, not 4.
        nearlyWhole.sense = .minimize
        nearlyWhole.columns[0].bounds = .between(3.0000000001, 7)
        try expectOptimal(nearlyWhole, objective: 3)
        // Without rows too.
        var noRows = IntegerFixtures.fractionalBounds
        noRows.rows = []
        try expectOptimal(noRows, objective: 3)
    }

    @Test func integerColumnWithoutAnIntegerBetweenItsBoundsIsInfeasible() throws {
        // x integer in [0.2, 0.8]: no integer point, whatever the rows say. The continuous y would make the
        // relaxation unbounded, and a time limit of 0 would stop any GLPK call: the answer comes before GLPK.
        var program = IntegerFixtures.integer(makeProgram(
            "nointeger", sense: .maximize, columns: [("x", .between(0.2, 0.8), 1), ("y", .nonNegative, 1)],
            rows: [("r", .atMost(4), [(0, 1)])]), ["x"])
        for options in [IntegerSolveOptions(), IntegerSolveOptions(timeLimitSeconds: 0)] {
            let s = try solver.solveInteger(program, options: options)
            #expect(s == IntegerSolution(status: .infeasible))
        }
        // A fixed fractional value has no integer either; a continuous column with those bounds is fine.
        program.columns[0].bounds = .exactly(0.5)
        #expect(try solver.solveInteger(program).status == .infeasible)
        program.columns[0].isInteger = false
        program.columns[1].bounds = .between(0, 1)
        try expectOptimal(program, objective: 1.5)
    }

    @Test func infeasibleRelaxation() throws {
        let s = try solver.solveInteger(IntegerFixtures.infeasibleRelaxation)
        #expect(s == IntegerSolution(status: .infeasible))
    }

    @Test func integerInfeasibleWithAFeasibleRelaxation() throws {
        // 2x + 2y = 3 with x, y integer in [0, 3]: the left side is even.
        let program = IntegerFixtures.integer(makeProgram(
            "odd", sense: .minimize, columns: [("x", .between(0, 3), 1), ("y", .between(0, 3), 1)],
            rows: [("odd", .exactly(3), [(0, 2), (1, 2)])]))
        #expect(try solver.solve(program).status == .optimal)
        #expect(try solver.solveInteger(program) == IntegerSolution(status: .infeasible))
    }

    @Test func unboundedIntegerProgram() throws {
        let program = IntegerFixtures.unbounded
        let s = try solver.solveInteger(program)
        #expect(s.status == .unbounded)
        // The point shows that integer points exist; the objective improves without limit from it.
        Self.expectIntegerFeasible(program, s)
        #expect(s.bestBound == .infinity && s.relativeGap == nil)
        var minimise = program
        minimise.sense = .minimize
        for j in minimise.columns.indices { minimise.columns[j].objective = -1 }
        let m = try solver.solveInteger(minimise)
        #expect(m.status == .unbounded && m.bestBound == -.infinity)
    }

    @Test func unboundedRelaxationWithoutAnIntegerPointIsInfeasible() throws {
        let program = IntegerFixtures.unboundedRelaxationWithoutIntegerPoint
        #expect(try solver.solve(program).status == .unbounded)
        #expect(try solver.solveInteger(program) == IntegerSolution(status: .infeasible))
    }

    @Test func timeLimitOnAHardKnapsackEndsWithALimitStatus() throws {
        // Branch and bound cannot prove this optimum in a fraction of a second (see equalWeightKnapsack); a
        // limit must end it, with or without an incumbent. Nothing here depends on how fast the machine is.
        let program = IntegerFixtures.equalWeightKnapsack()
        let optimum = IntegerFixtures.equalWeightOptimum(program)
        for seconds in [0, 0.05, 0.3] {
            let s = try solver.solveInteger(program, options: IntegerSolveOptions(timeLimitSeconds: seconds, heuristics: false))
            #expect(s.status == .feasibleWithGap || s.status == .noSolutionFound, "\(seconds) s: \(s.status)")
            if let bound = s.bestBound { #expect(bound >= optimum - 1e-6, "\(seconds) s: bound \(bound) below the optimum \(optimum)") }
            guard s.status == .feasibleWithGap else {
                #expect(!s.hasIntegerPoint && s.relativeGap == nil)
                continue
            }
            Self.expectIntegerFeasible(program, s)
            let objective = try #require(s.objective), bound = try #require(s.bestBound)
            #expect(objective <= optimum + 1e-6 && bound >= objective)
            expectClose(try #require(s.relativeGap), abs(objective - bound) / (abs(objective) + Double.ulpOfOne), "gap")
        }
    }

    @Test func timeLimitWithoutAnyIntegerPoint() throws {
        // Jeroslow's problem has no integer point, and plain branch and bound cannot prove it quickly: no solution
        // found (with cuts GLPK proves it at once, which is why they are off here).
        let s = try solver.solveInteger(IntegerFixtures.jeroslow(), options: IntegerSolveOptions(timeLimitSeconds: 0.2, heuristics: false))
        #expect(s.status == .noSolutionFound)
        #expect(!s.hasIntegerPoint && s.columnValues.isEmpty && s.rowActivities.isEmpty)
    }

    @Test func aWholeObjectiveStopsWithinOneUnitOfTheBound() throws {
        // Maximise Σ x over 41 binaries with Σ 2x ≤ 41: the relaxation gives 20.5, every integer point at most
        // 20. Plain branch and bound cannot close that half (as for Jeroslow's problem, every subproblem
        // keeps a bound of 20.5); but the objective is whole at every integer point, so 20 less than one unit
        // from 20.5 is optimal. The step limit only makes a failure show as a gap instead of a hang.
        let n = 41
        let program = IntegerFixtures.integer(LinearProgram(
            name: "half", sense: .maximize,
            columns: (0..<n).map { Column(name: "x\($0)", bounds: .between(0, 1), objective: 1) },
            rows: [Row(name: "odd", bounds: .atMost(Double(n)), terms: (0..<n).map { Term(column: $0, coefficient: 2) })]))
        #expect(program.integralObjective)
        var options = IntegerSolveOptions(timeLimitSeconds: nil, heuristics: false)
        options.nodeLimit = 10_000
        let s = try solver.solveInteger(program, options: options)
        #expect(s.status == .optimal)
        #expect(s.objective == 20)
    }

    @Test func anObjectiveOfHundredthsStopsWithinOneHundredthOfTheBound() throws {
        // The same 41 binaries with Σ 2x ≤ 41, each worth 0.01 (a plan rounded to 0.01 million, counted in units):
        // the relaxation gives 0.205, every integer point at most 0.20, and every integer point's objective is a whole
        // number of hundredths, so 0.20 less than one hundredth from 0.205 is optimal (a Tịnh Biên plan at
        // `rounding: 0.01` spent 9.5 s in such a stage).
        let n = 41
        var program = IntegerFixtures.integer(LinearProgram(
            name: "hundredths", sense: .maximize,
            columns: (0..<n).map { Column(name: "x\($0)", bounds: .between(0, 1), objective: 0.01) },
            rows: [Row(name: "odd", bounds: .atMost(Double(n)), terms: (0..<n).map { Term(column: $0, coefficient: 2) })]))
        #expect(!program.integralObjective && program.objectiveStep == 0.01)
        var options = IntegerSolveOptions(timeLimitSeconds: nil, heuristics: false)
        options.nodeLimit = 10_000
        let s = try solver.solveInteger(program, options: options)
        #expect(s.status == .optimal)
        expectClose(try #require(s.objective), 0.2, "objective")
        // No common step: 0.01 and 0.015, or a continuous column in the objective.
        program.columns[1].objective = 0.015
        #expect(program.objectiveStep == nil)
        program.columns[1].objective = 0.02
        #expect(program.objectiveStep == 0.01)
        program.columns[1].isInteger = false
        #expect(program.objectiveStep == nil)
    }

    @Test func anAbsoluteGapStopsASearchWhoseRelativeGapNeverCloses() throws {
        // Maximise Σ 1.1·x over 41 binaries with Σ 2x ≤ 41: the relaxation gives 22.55 (20.5 items), every integer
        // point at most 22 (20 items), and plain branch and bound keeps the bound 22.55 in every subproblem. The
        // objective has no step (a continuous column fixed at 0 is in it), so none proves 22. Started from 19 items
        // (20.9, 1.65 from the bound), a
        // tolerance of 1.7 ends the search at once with that point; 0.5 goes on and finds 22 (it then stops at
        // the step limit, 0.55 from a bound that never moves). Tested only after 30 subproblems, 1.7 also lets
        // the search find 22 first.
        let n = 41
        var program = IntegerFixtures.integer(LinearProgram(
            name: "half", sense: .maximize,
            columns: (0..<n).map { Column(name: "x\($0)", bounds: .between(0, 1), objective: 1.1) }
                + [Column(name: "y", bounds: .exactly(0), objective: 0.001)],
            rows: [Row(name: "odd", bounds: .atMost(Double(n)), terms: (0..<n).map { Term(column: $0, coefficient: 2) })]))
        program.columns[n].isInteger = false
        #expect(!program.integralObjective && program.objectiveStep == nil)
        let start = (0..<n).map { $0 < 19 ? 1.0 : 0 } + [0]
        for (tolerance, afterNodes, objective) in [(1.7, 0, 20.9), (0.5, 0, 22), (1.7, 30, 22)] {
            var options = IntegerSolveOptions(timeLimitSeconds: nil, start: start, heuristics: false)
            options.nodeLimit = 100
            options.absoluteGapTolerance = tolerance
            options.absoluteGapAfterNodes = afterNodes
            let s = try solver.solveInteger(program, options: options)
            #expect(s.status == .feasibleWithGap, "\(tolerance), \(afterNodes)")
            Self.expectIntegerFeasible(program, s)
            expectClose(try #require(s.objective), objective, "objective with \(tolerance), \(afterNodes)")
            expectClose(try #require(s.bestBound), 22.55, "bound")
            // The same point on every run: the search counts steps, never time.
            #expect(try solver.solveInteger(program, options: options) == s)
        }
    }

    @Test func aStepLimitEndsTheSearchAtTheSamePointEveryTime() throws {
        // The hard knapsack again, stopped after 50 subproblems rather than after some time: the same
        // status, point and bound on every run and every machine.
        let program = IntegerFixtures.equalWeightKnapsack()
        var options = IntegerSolveOptions(timeLimitSeconds: nil, heuristics: false)
        options.nodeLimit = 50
        let first = try solver.solveInteger(program, options: options)
        #expect(first.status == .feasibleWithGap || first.status == .noSolutionFound)
        for _ in 0..<3 { #expect(try solver.solveInteger(program, options: options) == first) }
        let bound = try #require(first.bestBound)
        #expect(bound >= IntegerFixtures.equalWeightOptimum(program) - 1e-6)
    }

    @Test func gapToleranceStopsTheSearchEarly() throws {
        // The relaxation's bound is within half an item (about 5 of 200, 2.5%) of the optimum, and GLPK's
        // rounding heuristic finds a point nearly that good at once: a 5% tolerance ends the search there.
        let program = IntegerFixtures.equalWeightKnapsack()
        let s = try solver.solveInteger(program, options: IntegerSolveOptions(relativeGapTolerance: 0.05))
        #expect(s.status == .feasibleWithGap || s.status == .optimal)
        Self.expectIntegerFeasible(program, s)
        #expect(try #require(s.relativeGap) <= 0.05)
        #expect(try #require(s.bestBound) >= IntegerFixtures.equalWeightOptimum(program) - 1e-6)
    }

    @Test func programWithoutIntegerColumnsIsSolvedAsAnLP() throws {
        // Wyndor's optimum is already integer (x = 2, 6), 36; without integer columns it is simply the LP's.
        try expectOptimal(Fixtures.wyndor, objective: 36, point: [2, 6])
        let empty = LinearProgram(name: "empty", objectiveConstant: 4)
        let s = try solver.solveInteger(empty)
        #expect(s.status == .optimal && s.objective == 4 && s.columnValues.isEmpty)
    }

    @Test func verboseSolvesGiveTheSameAnswers() throws {
        for program in [IntegerFixtures.knapsack, IntegerFixtures.mixed, IntegerFixtures.unbounded] {
            #expect(try solver.solveInteger(program, options: IntegerSolveOptions(verbose: true)) == solver.solveInteger(program))
        }
    }

    @Test func solvesOnManyThreadsAtOnce() throws {
        // Each call owns its GLPK problem on its own thread's GLPK environment.
        let programs = [IntegerFixtures.knapsack, IntegerFixtures.roundingTrap, IntegerFixtures.mixed, IntegerFixtures.fractionalBounds]
        let expected = try programs.map { try solver.solveInteger($0) }
        let results = ResultBox(count: 16)
        DispatchQueue.concurrentPerform(iterations: 16) { k in
            results.set(k, try? GLPKSolver().solveInteger(programs[k % programs.count]))
        }
        for k in 0..<16 { #expect(results.get(k) == expected[k % programs.count], "solve \(k)") }
    }
}

/// Results written by concurrent solves, read after they are all done.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [IntegerSolution?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ value: IntegerSolution?) { lock.withLock { values[k] = value } }
    func get(_ k: Int) -> IntegerSolution? { lock.withLock { values[k] } }
}
