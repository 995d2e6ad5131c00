import Testing
import LinearProgramming
@testable import GLPK

@Test func solvesASmallMaximisation() throws {
    // max 3x + 2y s.t. x + y <= 4, x + 3y <= 7, x <= 3. Optimum x=3, y=1, z=11 (by hand).
    var b = LinearProgramBuilder(name: "smoke", sense: .maximize)
    let x = try b.addColumn("x", objective: 3)
    let y = try b.addColumn("y", objective: 2)
    try b.addRow("c1", bounds: .atMost(4), terms: [(x, 1), (y, 1)])
    try b.addRow("c2", bounds: .atMost(7), terms: [(x, 1), (y, 3)])
    try b.addRow("c3", bounds: .atMost(3), terms: [(x, 1)])
    let (solution, report) = try GLPKSolver().solveWithSensitivity(b.program, options: SolveOptions())
    #expect(solution.status == .optimal)
    #expect(abs(solution.objective - 11) < 1e-9)
    #expect(abs(solution.columnValues[x] - 3) < 1e-9)
    #expect(abs(solution.columnValues[y] - 1) < 1e-9)
    // duals: c1 = 2, c3 = 1, c2 = 0
    #expect(abs(solution.rowDuals[0] - 2) < 1e-9)
    #expect(abs(solution.rowDuals[2] - 1) < 1e-9)
    #expect(report != nil)
    #expect(GLPKSolver.isThreadSafe)
}
