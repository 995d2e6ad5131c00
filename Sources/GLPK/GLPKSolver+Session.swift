import LinearProgramming

extension GLPKSession: LinearProgramSession {}

extension GLPKSolver: LinearProgramSessionFactory {
    /// On the calling thread, as the factory's contract allows (see `LinearProgramSessionFactory`).
    public func makeSession(for program: LinearProgram, options: SolveOptions) throws -> any LinearProgramSession {
        try GLPKSession(program, options: options, placement: .callingThread)
    }
}
