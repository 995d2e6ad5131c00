import LinearProgramming

extension GLPKSession: LinearProgramSession {}

extension GLPKSolver: LinearProgramSessionFactory {
    public func makeSession(for program: LinearProgram, options: SolveOptions) throws -> any LinearProgramSession {
        try GLPKSession(program, options: options)
    }
}
