import LinearProgramming

/// Solves linear programs with GLPK's simplex method, one program per call.
///
/// Each call creates, solves and deletes its GLPK problem on the calling thread, so calls from many
/// threads at once are safe with GLPK's thread-local environment. For repeated solves of one program
/// with small changes, use `GLPKSession`, which keeps the basis.
public struct GLPKSolver: LinearProgramSolver {
    public init() {}

    /// GLPK's version and whether it keeps a separate environment per thread.
    public static var libraryVersion: String { GLPKProblem.version }
    public static var isThreadSafe: Bool { GLPKProblem.threadLocalStorage != nil }

    public func solve(_ program: LinearProgram, options: SolveOptions) throws -> Solution {
        let problem = try GLPKProblem(program: program, verbose: options.verbose)
        return try Self.solve(problem, options: options, dualFirst: false)
    }

    public func solveWithSensitivity(_ program: LinearProgram, options: SolveOptions) throws -> (Solution, SensitivityReport?) {
        let problem = try GLPKProblem(program: program, verbose: options.verbose)
        let solution = try Self.solve(problem, options: options, dualFirst: false)
        guard solution.status == .optimal else { return (solution, nil) }
        return (solution, try problem.sensitivityReport(for: program, solution: solution))
    }

    /// Writes `program` in CPLEX LP format, replacing `path` only once the whole file is written.
    public func writeCPLEX(_ program: LinearProgram, to path: String) throws {
        let problem = try GLPKProblem(program: program)
        try AtomicFile.write(to: path) { try problem.writeCPLEX(to: $0) }
    }

    /// Writes `program` in free MPS format, replacing `path` only once the whole file is written.
    ///
    /// Free rows are left out: they constrain nothing, and when a problem has one, glp_write_mps leaves out
    /// the objective row instead, so a reader would take the first free row for the objective.
    public func writeMPS(_ program: LinearProgram, to path: String) throws {
        do { try program.validate() } catch let error as LinearProgramError { throw SolverError.invalidProgram(error) }
        var written = program
        written.rows.removeAll { $0.bounds.isFree }
        let problem = try GLPKProblem(program: written)
        try AtomicFile.write(to: path) { try problem.writeFreeMPS(to: $0) }
    }

    static func solve(_ problem: GLPKProblem, options: SolveOptions, dualFirst: Bool) throws -> Solution {
        var status = try problem.simplex(options: options, dualFirst: dualFirst)
        if options.exact && status == .optimal { status = try problem.exact(options: options) }
        return try problem.readSolution(status: status)
    }
}
