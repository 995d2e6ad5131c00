import Testing
import LinearProgramming
@testable import GLPK

/// A session's warm re-solve (from the previous basis, dual simplex first) must end where a cold solve of
/// the changed program ends. The changes are chosen so that the changed LP still has a unique optimal basis
/// (checked on the cold solution), so "the same" means the same numbers, not just the same objective.
@Suite struct WarmStartTests {
    enum Change: Sendable, CustomStringConvertible {
        case column(Int, Bounds)
        case row(Int, Bounds)
        case objective(Int, Double)
        case sense(ObjectiveSense)

        func apply(to program: inout LinearProgram) {
            switch self {
            case .column(let j, let b): program.columns[j].bounds = b
            case .row(let i, let b): program.rows[i].bounds = b
            case .objective(let j, let c): program.columns[j].objective = c
            case .sense(let s): program.sense = s
            }
        }

        func apply(to session: GLPKSession) throws {
            switch self {
            case .column(let j, let b): try session.setColumnBounds(j, b)
            case .row(let i, let b): try session.setRowBounds(i, b)
            case .objective(let j, let c): try session.setObjectiveCoefficient(j, c)
            case .sense(let s): try session.setSense(s)
            }
        }

        var description: String {
            switch self {
            case .column(let j, let b): "column \(j) bounds [\(b.lower), \(b.upper)]"
            case .row(let i, let b): "row \(i) bounds [\(b.lower), \(b.upper)]"
            case .objective(let j, let c): "objective of column \(j) = \(c)"
            case .sense(let s): "sense \(s)"
            }
        }
    }

    // Indices in Fixtures.rangingProgram: rows cap 0, cover 1, bal 2, band 3, lab 4, mat 5, mix 6;
    // columns x1 0 … x8 7. The "inside" values lie within the ranges glpsol reports for the unchanged LP
    // (cap [51.3, 82.25], x6 [5.8, 16.4], objective of x3 [2.5, 3.4]: the same basis stays optimal); the
    // "outside" ones force pivots.
    static let scenarios: [(String, [Change])] = [
        ("column bound inside its range", [.column(5, .between(0, 10))]),
        ("column bound outside its range", [.column(5, .between(0, 4))]),
        ("lower column bound", [.column(1, .atLeast(2))]),
        ("right-hand side inside its range", [.row(0, .atMost(70))]),
        ("right-hand side outside its range", [.row(0, .atMost(95))]),
        ("ranged row", [.row(3, .between(8, 20))]),
        ("equality row", [.row(2, .exactly(42))]),
        ("objective coefficient inside its range", [.objective(2, 3.2)]),
        ("objective coefficient outside its range", [.objective(2, 6)]),
        ("objective coefficient of a non-basic column", [.objective(0, 5.5)]),
        ("all three together", [.column(5, .between(0, 10)), .row(0, .atMost(70)), .objective(2, 3.2)]),
        ("all three, far", [.column(5, .between(0, 3)), .row(0, .atMost(90)), .objective(2, 5)]),
        // Minimising the negated objective is the same problem: the same optimum, reached without a pivot.
        ("sense and every coefficient", [.sense(.minimize)]
            + Fixtures.rangingProgram.columns.enumerated().map { .objective($0.offset, -$0.element.objective) }),
    ]

    /// Same status, objective, primal and dual values, activities and basis, to 1e-9.
    static func expectSame(_ warm: Solution, _ cold: Solution, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(warm.status == cold.status, "\(label): status", sourceLocation: sourceLocation)
        expectClose(warm.objective, cold.objective, "\(label): objective", sourceLocation: sourceLocation)
        expectClose(warm.columnValues, cold.columnValues, "\(label): column values", sourceLocation: sourceLocation)
        expectClose(warm.rowActivities, cold.rowActivities, "\(label): row activities", sourceLocation: sourceLocation)
        expectClose(warm.rowDuals, cold.rowDuals, "\(label): row duals", sourceLocation: sourceLocation)
        expectClose(warm.reducedCosts, cold.reducedCosts, "\(label): reduced costs", sourceLocation: sourceLocation)
        #expect(warm.rowBasis == cold.rowBasis, "\(label): row basis", sourceLocation: sourceLocation)
        #expect(warm.columnBasis == cold.columnBasis, "\(label): column basis", sourceLocation: sourceLocation)
    }

    @Test(arguments: 0..<scenarios.count)
    func warmResolveEqualsColdSolve(scenario: Int) throws {
        let (label, changes) = Self.scenarios[scenario]
        var program = Fixtures.rangingProgram
        let session = try GLPKSession(program)
        #expect(try session.isStale)
        let first = try session.solve()
        #expect(try session.isStale == false)
        Self.expectSame(first, try GLPKSolver().solve(program), "\(label): first solve")

        for change in changes {
            change.apply(to: &program)
            try change.apply(to: session)
            #expect(try session.isStale, "\(label): stale after \(change)")
            #expect(throws: SolverError.staleSolution) { _ = try session.solution() }
            #expect(throws: SolverError.staleSolution) { _ = try session.sensitivity() }
        }
        #expect(try session.program == program)

        let cold = try GLPKSolver().solve(program)
        try #require(isNonDegenerate(program, cold), "\(label): the changed LP must have a unique optimal basis")
        let warm = try session.solve()
        #expect(try session.isStale == false)
        Self.expectSame(warm, cold, label)
        #expect(try session.solution() == warm)
        expectOptimalityConditions(program, warm)

        // Ranging of the warm basis equals ranging of the cold one, in everything that the basis alone
        // determines. Which variable enters at the end of a coefficient range, and so a basic variable's
        // activity there, can depend on rounding when two candidates tie (they do for x1 after
        // "column bound outside its range": both x2 and band enter at c = -1), so those are not compared.
        let (_, coldReport) = try GLPKSolver().solveWithSensitivity(program, options: SolveOptions())
        let warmReport = try session.sensitivity()
        let report = try #require(coldReport)
        for (w, c) in zip(warmReport.rows + warmReport.columns, report.rows + report.columns) {
            #expect(w.status == c.status, "\(label): \(w.name)")
            var pairs = [(w.lower.objectiveCoefficient, c.lower.objectiveCoefficient),
                         (w.upper.objectiveCoefficient, c.upper.objectiveCoefficient),
                         (w.lower.objectiveValue, c.lower.objectiveValue), (w.upper.objectiveValue, c.upper.objectiveValue)]
            if !w.status.isBasic { pairs += [(w.lower.activity, c.lower.activity), (w.upper.activity, c.upper.activity)] }
            for (a, b) in pairs {
                #expect(isClose(a, b, 1e-8), "\(label): \(w.name): warm \(a), cold \(b)")
            }
        }
    }

    @Test func changingOnlyTheSenseGivesAnOptimumOfTheOtherSense() throws {
        // Minimising this LP has several optimal bases, so only what every optimum shares is compared.
        var program = Fixtures.rangingProgram
        let session = try GLPKSession(program)
        try session.solve()
        program.sense = .minimize
        try session.setSense(.minimize)
        #expect(try session.isStale)
        let warm = try session.solve()
        let cold = try GLPKSolver().solve(program)
        #expect(warm.status == .optimal && cold.status == .optimal)
        expectClose(warm.objective, cold.objective, "objective")
        expectOptimalityConditions(program, warm)
    }

    @Test func oneSessionThroughEveryScenarioInTurn() throws {
        // Changes accumulate; after each step the warm answer equals a cold solve of the program so far.
        var program = Fixtures.rangingProgram
        let session = try GLPKSession(program)
        try session.solve()
        for (label, changes) in Self.scenarios where label != "sense" {
            for change in changes {
                change.apply(to: &program)
                try change.apply(to: session)
            }
            let cold = try GLPKSolver().solve(program)
            let warm = try session.solve()
            #expect(warm.status == cold.status, "\(label)")
            expectClose(warm.objective, cold.objective, "\(label): objective")
            if isNonDegenerate(program, cold) { Self.expectSame(warm, cold, label) }
            expectOptimalityConditions(program, warm)
        }
    }

    @Test func infeasibleAndBackAgain() throws {
        // bal = 1000 is out of reach: its columns are bounded (x1 <= 8, x3 <= 10, x4 <= 9, x6 <= 12, x8 = 2)
        // or held by other rows (4·x2 <= 45 in mat, 3·x7 <= 35 in lab), so 3·8 + 45/4 + 2·10 + 9 + 2·12 + 35/3 < 1000.
        let session = try GLPKSession(Fixtures.rangingProgram)
        let original = try session.solve()
        try session.setRowBounds(2, .exactly(1000))
        var program = Fixtures.rangingProgram
        program.rows[2].bounds = .exactly(1000)
        #expect(try session.solve().status == .infeasible)
        #expect(try GLPKSolver().solve(program).status == .infeasible)
        try session.setRowBounds(2, .exactly(40))
        Self.expectSame(try session.solve(), original, "back to the original")
    }

    @Test func unboundedAndBackAgain() throws {
        // x5 (objective +2 in a maximisation, no upper bound) appears only in cap, cover, band and mat. With
        // cap, band and mat made free, raising x5 from the old optimum keeps every row satisfied (its
        // coefficient in the >= row cover is +3), so the objective grows without limit.
        var program = Fixtures.rangingProgram
        let changes: [Change] = [.row(0, .free), .row(3, .free), .row(5, .free)]
        let session = try GLPKSession(program)
        let original = try session.solve()
        for change in changes {
            change.apply(to: &program)
            try change.apply(to: session)
        }
        #expect(try GLPKSolver().solve(program).status == .unbounded)
        #expect(try session.solve().status == .unbounded)
        #expect(throws: SolverError.noOptimalSolution(.unbounded)) { _ = try session.sensitivity() }
        try session.setRowBounds(0, .atMost(60))
        try session.setRowBounds(3, .between(5, 20))
        try session.setRowBounds(5, .atMost(45))
        Self.expectSame(try session.solve(), original, "back to the original")
    }

    @Test func reSolvingWithoutAChangeTakesNoIterations() throws {
        // The stored basis is optimal, so the simplex method has nothing to do; and a right-hand side moved
        // inside its ranging interval keeps that basis primal and dual feasible, so again no pivot is needed.
        // The first solve starts like the one-shot solver and takes as many iterations as it does.
        let session = try GLPKSession(Fixtures.rangingProgram)
        let first = try session.solve()
        #expect(first.iterations > 0)
        #expect(first.iterations == (try GLPKSolver().solve(Fixtures.rangingProgram)).iterations)
        #expect(try session.solve().iterations == 0)
        try session.setRowBounds(0, .atMost(70))
        #expect(try session.solve().iterations == 0)
        // Outside the range (cap [51.3, 82.25]) the basis must change: at least one pivot.
        try session.setRowBounds(0, .atMost(95))
        #expect(try session.solve().iterations > 0)
        #expect(try session.solve().iterations == 0)
    }
}

/// A batch of objective changes in one trip gives what the same changes one by one give, and a batch
/// refused part-way still marks the solution stale.
@Test func batchedObjectiveChangesMatchSingleOnes() throws {
    // max 3x + 2y, x + y ≤ 4, x + 3y ≤ 7, x ≤ 3: optimum x = 3, y = 1, objective 11 (by hand).
    // With costs (1, 2) the vertices give (0, 7/3) → 4.67, (2.5, 1.5) → 5.5, (3, 1) → 5, (3, 0) → 3:
    // the optimum is where c1 and c2 meet, x = 2.5, y = 1.5, objective 5.5.
    var b = LinearProgramBuilder(name: "batch", sense: .maximize)
    let x = try b.addColumn("x", objective: 3)
    let y = try b.addColumn("y", objective: 2)
    try b.addRow("c1", bounds: .atMost(4), terms: [(x, 1), (y, 1)])
    try b.addRow("c2", bounds: .atMost(7), terms: [(x, 1), (y, 3)])
    try b.addRow("c3", bounds: .atMost(3), terms: [(x, 1)])
    let session = try GLPKSession(b.program)
    #expect(abs(try session.solve().objective - 11) < 1e-9)
    try session.setObjectiveCoefficients([(column: x, value: 1), (column: y, value: 2)])
    #expect(try session.isStale)
    let solution = try session.solve()
    #expect(abs(solution.objective - 5.5) < 1e-9)
    #expect(abs(solution.columnValues[x] - 2.5) < 1e-9 && abs(solution.columnValues[y] - 1.5) < 1e-9)
    #expect(throws: SolverError.self) { try session.setObjectiveCoefficients([(column: x, value: 4), (column: 7, value: 1)]) }
    #expect(try session.isStale)
    #expect(throws: SolverError.staleSolution) { try session.solution() }
}
