import Testing
import LinearProgramming
@testable import GLPK

/// Small LPs whose optimal primal and dual values are derived by hand in the comments. GLPK's sign
/// convention: a row dual is d(objective)/d(row activity), a reduced cost d(objective)/d(column value).
@Suite struct TextbookLPTests {
    let solver = GLPKSolver()

    @Test func wyndorMaximisation() throws {
        // max 3x1 + 5x2, plant1: x1 <= 4, plant2: 2x2 <= 12, plant3: 3x1 + 2x2 <= 18.
        // Vertices: (0,0) 0, (4,0) 12, (4,3) 27, (2,6) 36, (0,6) 30, so x = (2, 6), z = 36.
        // plant2 and plant3 bind, plant1 has slack 2, so y1 = 0 and, both columns being basic,
        //   x1: 0·y1 + 3·y3 = 3  → y3 = 1;   x2: 2·y2 + 2·y3 = 5 → y2 = 3/2.
        // Reduced costs c - Aᵀy = (3 - 3, 5 - 3 - 2) = (0, 0). Dual objective 12·3/2 + 18·1 = 36.
        let s = try solver.solve(Fixtures.wyndor)
        #expect(s.status == .optimal)
        expectClose(s.objective, 36, "objective")
        expectClose(s.columnValues, [2, 6], "x")
        expectClose(s.rowActivities, [2, 12, 18], "row activities")
        expectClose(s.rowDuals, [0, 1.5, 1], "row duals")
        expectClose(s.reducedCosts, [0, 0], "reduced costs")
        #expect(s.columnBasis == [.basic, .basic])
        #expect(s.rowBasis == [.basic, .atUpper, .atUpper])
        expectOptimalityConditions(Fixtures.wyndor, s)
    }

    @Test func objectiveConstantIsAddedButChangesNoMarginal() throws {
        // Wyndor with a constant 7: z = 36 + 7 = 43, everything else as above.
        var program = Fixtures.wyndor
        program.objectiveConstant = 7
        let s = try solver.solve(program)
        expectClose(s.objective, 43, "objective")
        expectClose(s.columnValues, [2, 6], "x")
        expectClose(s.rowDuals, [0, 1.5, 1], "row duals")
        expectOptimalityConditions(program, s)
    }

    @Test func dietMinimisation() throws {
        // min 2x + 3y, energy: x + y >= 4, protein: x + 3y >= 6.
        // Vertices of the feasible region: (0,4) 12, (3,1) 9, (6,0) 12, so x = 3, y = 1, z = 9.
        // Both rows bind, both columns basic: y1 + y2 = 2, y1 + 3y2 = 3 → y2 = 1/2, y1 = 3/2
        // (non-negative, as a ≥ row of a minimisation requires). Dual objective 4·3/2 + 6·1/2 = 9.
        let s = try solver.solve(Fixtures.diet)
        #expect(s.status == .optimal)
        expectClose(s.objective, 9, "objective")
        expectClose(s.columnValues, [3, 1], "x")
        expectClose(s.rowActivities, [4, 6], "row activities")
        expectClose(s.rowDuals, [1.5, 0.5], "row duals")
        expectClose(s.reducedCosts, [0, 0], "reduced costs")
        #expect(s.rowBasis == [.atLower, .atLower])
        expectOptimalityConditions(Fixtures.diet, s)
    }

    @Test func degenerateVertex() throws {
        // max 3x + 2y, sum: x + y <= 4, xcap: x <= 2, mix: 2x + y <= 6.
        // At (2, 2) all three rows bind (4, 2, 6): two rows would do, so the vertex is primal degenerate.
        // Vertices: (0,0) 0, (2,0) 6, (2,2) 10, (0,4) 8, so x = (2, 2), z = 10, and it is the only optimum
        // because c = (3, 2) = 2·(1,1) + 1·(1,0) lies strictly inside the cone of the binding rows' normals.
        // The duals are not unique: (2, 1, 0) and (1, 0, 1) both satisfy Aᵀy = c, y >= 0, 4y1 + 2y2 + 6y3 = 10,
        // and so does every convex combination. So only properties every optimal dual has are checked.
        let s = try solver.solve(Fixtures.degenerate)
        #expect(s.status == .optimal)
        expectClose(s.objective, 10, "objective")
        expectClose(s.columnValues, [2, 2], "x")
        expectClose(s.rowActivities, [4, 2, 6], "row activities")
        // Dual feasibility (y >= 0 for <= rows of a maximisation), Aᵀy = c, complementary slackness and
        // strong duality, from the program alone.
        expectOptimalityConditions(Fixtures.degenerate, s)
        for dual in s.rowDuals { #expect(dual >= -1e-9) }
        let y = s.rowDuals
        expectClose(y[0] + y[1] + 2 * y[2], 3, "dual equation of x")
        expectClose(y[0] + y[2], 2, "dual equation of y")
        expectClose(4 * y[0] + 2 * y[1] + 6 * y[2], 10, "b·y = z")
    }

    @Test(arguments: [Fixtures.infeasibleRows, Fixtures.infeasibleBounds])
    func infeasible(program: LinearProgram) throws {
        // infeasibleRows: x + y <= 2 and x + y >= 5 cannot both hold.
        // infeasibleBounds: x, y <= 1 give x + y <= 2 < 3.
        let s = try solver.solve(program)
        #expect(s.status == .infeasible)
        let (again, report) = try solver.solveWithSensitivity(program, options: SolveOptions())
        #expect(again.status == .infeasible)
        #expect(report == nil)
    }

    @Test func unboundedMaximisation() throws {
        // max x + y, x - y <= 1: (t, t) is feasible for every t >= 0 with objective 2t.
        let s = try solver.solve(Fixtures.unbounded)
        #expect(s.status == .unbounded)
        let (_, report) = try solver.solveWithSensitivity(Fixtures.unbounded, options: SolveOptions())
        #expect(report == nil)
    }

    @Test func unboundedMinimisation() throws {
        // The same feasible set, min -x - y: the same ray, objective -2t.
        var program = Fixtures.unbounded
        program.sense = .minimize
        for j in program.columns.indices { program.columns[j].objective = -1 }
        #expect(try solver.solve(program).status == .unbounded)
    }

    @Test func equalityHeavy() throws {
        // min x1 + 2x2 + 3x3 + 4x4, total: x1+x2+x3+x4 = 10, pair: x1 - x2 = 2, ratio: x3 - 2x4 = 1.
        // Eliminate: x2 = x1 - 2, x3 = 1 + 2x4, total → 2x1 + 3x4 = 11 → x1 = (11 - 3x4)/2.
        // Objective 3x1 + 10x4 - 1 = 15.5 + 5.5·x4, least at x4 = 0: x = (5.5, 3.5, 1, 0), z = 15.5.
        // Duals from the basic columns x1, x2, x3: y1 + y2 = 1, y1 - y2 = 2, y1 + y3 = 3
        //   → y = (1.5, -0.5, 1.5). Reduced cost of x4: 4 - (y1 - 2y3) = 4 - (1.5 - 3) = 5.5 (= dz/dx4 above).
        // Dual objective 10·1.5 + 2·(-0.5) + 1·1.5 = 15.5.
        let s = try solver.solve(Fixtures.equalities)
        #expect(s.status == .optimal)
        expectClose(s.objective, 15.5, "objective")
        expectClose(s.columnValues, [5.5, 3.5, 1, 0], "x")
        expectClose(s.rowActivities, [10, 2, 1], "row activities")
        expectClose(s.rowDuals, [1.5, -0.5, 1.5], "row duals")
        expectClose(s.reducedCosts, [0, 0, 0, 5.5], "reduced costs")
        #expect(s.rowBasis == [.fixed, .fixed, .fixed])
        #expect(s.columnBasis == [.basic, .basic, .basic, .atLower])
        expectOptimalityConditions(Fixtures.equalities, s)
    }

    @Test func freeAndFixedColumns() throws {
        // min x + 2y + 3z, x free, y = 3 fixed, z >= 0; cover: x + y + z >= 2, link: x - z >= -4.
        // With y = 3: x >= -1 - z and x >= z - 4, so for z in [0, 1.5] the best x is -1 - z and the
        // objective is (-1 - z) + 6 + 3z = 5 + 2z: least at z = 0, x = -1, z* = 5.
        // cover binds (activity 2), link does not (activity -1 > -4) so y_link = 0; x basic and free:
        //   y_cover + y_link = 1 → y_cover = 1.
        // Reduced costs: x 0, y 2 - 1 = 1, z 3 - (1 - 0) = 2. Dual objective 2·1 + 1·3 (fixed y) + 2·0 = 5.
        let s = try solver.solve(Fixtures.freeAndFixed)
        #expect(s.status == .optimal)
        expectClose(s.objective, 5, "objective")
        expectClose(s.columnValues, [-1, 3, 0], "x")
        expectClose(s.rowActivities, [2, -1], "row activities")
        expectClose(s.rowDuals, [1, 0], "row duals")
        expectClose(s.reducedCosts, [0, 1, 2], "reduced costs")
        #expect(s.columnBasis == [.basic, .fixed, .atLower])
        #expect(s.rowBasis == [.atLower, .basic])
        expectOptimalityConditions(Fixtures.freeAndFixed, s)
    }

    @Test func freeColumnInAMaximisation() throws {
        // max -x with x free and x >= -2.5 as a row: x = -2.5, z = 2.5; the row binds with dual
        // d(z)/d(activity) = -1, and x is basic with reduced cost 0.
        let program = makeProgram("freemax", sense: .maximize, columns: [("x", .free, -1)], rows: [("floor", .atLeast(-2.5), [(0, 1)])])
        let s = try solver.solve(program)
        #expect(s.status == .optimal)
        expectClose(s.objective, 2.5, "objective")
        expectClose(s.columnValues, [-2.5], "x")
        expectClose(s.rowDuals, [-1], "row dual")
        expectClose(s.reducedCosts, [0], "reduced cost")
        expectOptimalityConditions(program, s)
    }

    @Test func columnStoppedByItsUpperBound() throws {
        // max 2x + 3y, budget: x + y <= 5, x in [0, 4], y in [0, 2].
        // y earns more per unit of budget, so y = 2 (its bound), then x = 3 (budget), z = 6 + 6 = 12.
        // x basic: y_budget = 2; reduced cost of y: 3 - 2 = 1 (> 0 at its upper bound in a maximisation).
        let s = try solver.solve(Fixtures.columnAtUpperBound)
        #expect(s.status == .optimal)
        expectClose(s.objective, 12, "objective")
        expectClose(s.columnValues, [3, 2], "x")
        expectClose(s.rowDuals, [2], "row dual")
        expectClose(s.reducedCosts, [0, 1], "reduced costs")
        #expect(s.columnBasis == [.basic, .atUpper])
        #expect(s.rowBasis == [.atUpper])
        expectOptimalityConditions(Fixtures.columnAtUpperBound, s)
    }

    @Test func builderMergesRepeatedTermsBeforeGLPKSeesThem() throws {
        // x + y + x <= 4 is 2x + y <= 4; max x + y → y = 4, x = 0 (y costs half as much capacity), z = 4.
        var b = LinearProgramBuilder(name: "merge", sense: .maximize)
        let x = try b.addColumn("x", objective: 1)
        let y = try b.addColumn("y", objective: 1)
        try b.addRow("cap", bounds: .atMost(4), terms: [(x, 1), (y, 1), (x, 1)])
        let s = try solver.solve(b.program)
        expectClose(s.objective, 4, "objective")
        expectClose(s.columnValues, [0, 4], "x")
        expectClose(s.rowDuals, [1], "row dual")
    }
}
