import Testing
import LinearProgramming
@testable import GLPK

@Suite("A basis handed from one session to another")
struct BasisHandOverTests {
    @Test("a session started from another's optimal basis finds the optimum in zero iterations", arguments: [
        Fixtures.wyndor, Fixtures.diet, Fixtures.rangingProgram, Fixtures.equalities,
    ])
    func warmFromAnotherSession(program: LinearProgram) throws {
        let first = try GLPKSession(program)
        let cold = try first.solve()
        #expect(cold.status == .optimal)
        let basis = try first.basis()
        #expect(basis.columns == cold.columnBasis && basis.rows == cold.rowBasis)

        // The second session lives on its own thread: the basis crosses threads as a plain value.
        let second = try GLPKSession(program)
        try second.setBasis(basis)
        let warm = try second.solve()
        #expect(warm.status == .optimal)
        #expect(warm.iterations == 0, "a hand-over from the optimum needs no pivot, took \(warm.iterations)")
        #expect(abs(warm.objective - cold.objective) <= 1e-9 * max(1, abs(cold.objective)))
        #expect(warm.columnValues.indices.allSatisfy { abs(warm.columnValues[$0] - cold.columnValues[$0]) <= 1e-9 })
    }

    @Test("a basis of the wrong size is refused; a nonsensical one only costs pivots")
    func badBases() throws {
        let session = try GLPKSession(Fixtures.wyndor)
        let size = try session.basis()
        #expect(throws: SolverError.self) { try session.setBasis(Basis(columns: size.columns + [.basic], rows: size.rows)) }
        // Every variable basic: more basic variables than rows, which glp_simplex rejects (GLP_EBADB); the
        // session starts over from an advanced basis and still finds the optimum (36 for Wyndor).
        try session.setBasis(Basis(columns: size.columns.map { _ in .basic }, rows: size.rows.map { _ in .basic }))
        let solution = try session.solve()
        #expect(solution.status == .optimal)
        #expect(abs(solution.objective - 36) < 1e-9)
    }
}
