/// A linear program held by a solver between solves, re-optimised from its last basis after changes.
///
/// Lexicographic objectives, what-if scenarios and infeasibility diagnosis all change a few bounds or
/// costs and solve again; a session makes each of those re-solves warm.
public protocol LinearProgramSession: AnyObject, Sendable {
    /// The program with every change made so far.
    var program: LinearProgram { get throws }
    /// Solves the current program, warm from the previous basis when there is one.
    @discardableResult func solve() throws -> Solution
    /// Ranging of the last solution; throws when it is stale or not optimal.
    func sensitivity() throws -> SensitivityReport
    func setRowBounds(_ row: Int, _ bounds: Bounds) throws
    func setColumnBounds(_ column: Int, _ bounds: Bounds) throws
    func setObjectiveCoefficient(_ column: Int, _ value: Double) throws
    /// Several objective coefficients at once (a new objective stage), in one call to the solver.
    func setObjectiveCoefficients(_ changes: [(column: Int, value: Double)]) throws
    func setSense(_ sense: ObjectiveSense) throws
    /// Limits and switches for the next solves (a time budget running down, exact arithmetic, scaling).
    func setOptions(_ options: SolveOptions) throws
    /// Ranging of some rows and columns only; the others keep the solution's values with no range.
    func sensitivity(rows: Set<Int>, columns: Set<Int>) throws -> SensitivityReport
    /// The basis the problem holds now (after a solve: the optimal one).
    func basis() throws -> Basis
    /// Starts the next solve from `basis` (of a program with the same rows and columns), warm.
    func setBasis(_ basis: Basis) throws
}

extension LinearProgramSession {
    public func sensitivity(rows: Set<Int>, columns: Set<Int>) throws -> SensitivityReport { try sensitivity() }

    public func setObjectiveCoefficients(_ changes: [(column: Int, value: Double)]) throws {
        for change in changes { try setObjectiveCoefficient(change.column, change.value) }
    }
}

/// A solver that can open sessions.
///
/// A session it makes is used only on the thread that asked for it, and dropped there: CoFund opens,
/// uses and drops each session within one synchronous call (a stage loop, a diagnosis, one scenario on a
/// worker thread). So a solver with thread-bound state (GLPK's environment is thread-local) need not carry
/// calls to a thread of the session's own.
public protocol LinearProgramSessionFactory: Sendable {
    func makeSession(for program: LinearProgram, options: SolveOptions) throws -> any LinearProgramSession
}
