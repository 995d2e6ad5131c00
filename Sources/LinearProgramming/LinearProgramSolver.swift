/// Limits and switches for one solve.
///
/// Every solve runs under an iteration and a time limit unless a caller removes them on purpose: an LP
/// whose numbers GLPK cannot handle (a ratio of 1e-100 next to amounts in the thousands) can make the
/// simplex method cycle for ever, and a limit turns that hang into an "iteration limit" or "time limit"
/// status. The defaults are far above what any plan needs (a plan of m rows takes a few times m
/// iterations and well under a second).
public struct SolveOptions: Sendable, Equatable {
    /// One million simplex iterations per solve.
    public static let defaultIterationLimit = 1_000_000
    /// One minute per solve.
    public static let defaultTimeLimitSeconds = 60.0

    /// Stop after this many simplex iterations (nil: no limit).
    public var iterationLimit: Int?
    /// Stop after this many seconds (nil: no limit).
    public var timeLimitSeconds: Double?
    /// Let the solver print its progress to the terminal. Off by default: CoFund is quiet unless asked.
    public var verbose: Bool
    /// Re-solve the final basis in exact rational arithmetic (slow; for small problems).
    public var exact: Bool
    /// Let the solver scale rows and columns before solving (GLPK's automatic scaling). A retry after a
    /// numerically doubtful answer turns it off.
    public var scaling: Bool

    public init(
        iterationLimit: Int? = SolveOptions.defaultIterationLimit, timeLimitSeconds: Double? = SolveOptions.defaultTimeLimitSeconds,
        verbose: Bool = false, exact: Bool = false, scaling: Bool = true
    ) {
        self.iterationLimit = iterationLimit
        self.timeLimitSeconds = timeLimitSeconds
        self.verbose = verbose
        self.exact = exact
        self.scaling = scaling
    }
}

/// Misuse of a solver: the request could not be carried out at all (as opposed to an outcome such as
/// "infeasible", which is a `SolutionStatus`).
public enum SolverError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidProgram(LinearProgramError)
    case invalidOption(String)
    case noOptimalSolution(SolutionStatus)
    case staleSolution
    case notSolved
    case indexOutOfRange(kind: String, index: Int, count: Int)
    case wrongThread
    case solverFailure(String)
    case ioFailure(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidProgram(let error): "invalid linear program: \(error)"
        case .invalidOption(let what): "invalid solver option: \(what)"
        case .noOptimalSolution(let status):
            "sensitivity analysis needs an optimal solution, but the last solve ended \(status.rawValue)"
        case .staleSolution: "the problem changed after its last solve; solve it again before reading the solution"
        case .notSolved: "the problem has not been solved yet"
        case .indexOutOfRange(let kind, let index, let count): "\(kind) index \(index) is out of range 0..<\(count)"
        case .wrongThread: "a solver's problem object was used from a thread other than the one that created it"
        case .solverFailure(let what): "the solver failed: \(what)"
        case .ioFailure(let path, let reason): "cannot write '\(path)': \(reason)"
        }
    }
}

/// Anything that can solve a `LinearProgram`. The domain depends on this protocol only.
public protocol LinearProgramSolver: Sendable {
    /// Solves the program from scratch.
    func solve(_ program: LinearProgram, options: SolveOptions) throws -> Solution
    /// Solves the program and, when optimal, ranges every row and column.
    func solveWithSensitivity(_ program: LinearProgram, options: SolveOptions) throws -> (Solution, SensitivityReport?)
}

extension LinearProgramSolver {
    public func solve(_ program: LinearProgram) throws -> Solution { try solve(program, options: SolveOptions()) }
}
