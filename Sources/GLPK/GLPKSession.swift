import LinearProgramming

/// One linear program kept in GLPK between solves, for what-if questions: change bounds, right-hand
/// sides or objective coefficients, and re-optimise from the previous optimal basis (dual simplex first)
/// instead of starting over.
///
/// Where the GLPK problem lives is the session's `Placement`. By default on a thread of its own (see
/// `GLPKWorkerThread`), so the session may be used from any thread or task; calls are carried out one at a
/// time. A session placed on the calling thread makes plain calls instead, with no trip to another
/// thread, and may only be used (and should be dropped) on the thread that made it: any other thread's
/// call throws `SolverError.wrongThread`, and dropping it elsewhere leaks its problem rather than corrupt
/// GLPK's thread-local environment. Sessions on different threads solve in parallel either way.
///
/// The session knows when its solution is stale: any change after a solve makes `solution()` and
/// `sensitivity()` throw `SolverError.staleSolution` until `solve()` is called again.
public final class GLPKSession: @unchecked Sendable {
    /// Which thread holds the GLPK problem.
    public enum Placement: Sendable {
        /// A thread of the session's own: usable from any thread or task.
        case ownThread
        /// The thread that makes the session, which alone may use it. A what-if run makes a few dozen
        /// calls per scenario; carrying each to another thread and back (two context switches) cost a
        /// quarter of the run's time.
        case callingThread
    }

    /// nil when the session lives on the calling thread.
    private let worker: GLPKWorkerThread?
    /// Touched only on the problem's thread.
    private let state: State

    private final class State {
        var problem: GLPKProblem?
        var program: LinearProgram
        var options: SolveOptions
        var revision = 0
        var solvedRevision = -1
        var lastSolution: Solution?
        var hasSolvedOnce = false
        /// Whether the objective (a coefficient or the sense) changed since the last solve.
        var objectiveChanged = false

        init(program: LinearProgram, options: SolveOptions) {
            self.program = program
            self.options = options
        }
    }

    /// Loads `program` into GLPK; it is validated first and an invalid program throws.
    public init(_ program: LinearProgram, options: SolveOptions = SolveOptions(), placement: Placement = .ownThread) throws {
        let state = State(program: program, options: options)
        self.state = state
        guard placement == .ownThread else {
            worker = nil
            state.problem = try GLPKProblem(program: program, verbose: options.verbose, scaling: options.scaling)
            return
        }
        let worker = GLPKWorkerThread(name: "cofund.glpk.session")
        self.worker = worker
        do {
            try worker.run { state.problem = try GLPKProblem(program: program, verbose: options.verbose, scaling: options.scaling) }
        } catch {
            worker.finish { GLPKProblem.releaseThreadEnvironment() }
            throw error
        }
    }

    deinit {
        let state = self.state
        guard let worker else {
            // On the calling thread: GLPKProblem deletes itself there (and only there); the thread's GLPK
            // environment is freed when the thread ends (see GLPKProblem.init).
            state.problem = nil
            return
        }
        // Delete the GLPK problem on the thread that created it, free that thread's GLPK environment
        // (otherwise every session would leak one), then let the thread end.
        worker.finish {
            state.problem = nil
            GLPKProblem.releaseThreadEnvironment()
        }
    }

    /// Runs `body` where the problem lives: on the worker, or right here. Here, another thread's call is
    /// refused before `body` touches the session's state, not only when it reaches the problem.
    private func run<T>(_ body: @escaping () throws -> T) throws -> T {
        guard let worker else {
            try state.problem!.checkThread()
            return try body()
        }
        return try worker.run(body)
    }

    /// The program as it stands after every change made so far.
    public var program: LinearProgram {
        get throws { try run { [state] in state.program } }
    }

    /// Whether the program changed since the last solve (or was never solved).
    public var isStale: Bool {
        get throws { try run { [state] in state.solvedRevision != state.revision } }
    }

    /// Solves the current program: cold the first time, then warm from the last basis.
    @discardableResult
    public func solve() throws -> Solution {
        try run { [state] in
            let problem = state.problem!
            // After a change of bounds the old basis stays dual feasible, which is the dual simplex's start.
            // After a change of objective (the next stage of a lexicographic solve) it is dual infeasible but
            // usually still primal feasible (the hold rows keep the last optimum): the primal simplex goes on
            // from it where the dual one would first restore dual feasibility, on a plan with ten thousand
            // sources 21,848 iterations of the dual simplex's phase 1 instead of the primal's few.
            let primal = try state.objectiveChanged && problem.basisIsPrimalFeasible()
            let solution = try GLPKSolver.solve(problem, options: state.options, dualFirst: state.hasSolvedOnce && !primal)
            state.hasSolvedOnce = true
            // A solve stopped at a limit leaves a basis that is asked about again next time.
            if solution.status == .optimal { state.objectiveChanged = false }
            state.lastSolution = solution
            state.solvedRevision = state.revision
            return solution
        }
    }

    /// The solution of the last solve; throws if the program changed since.
    public func solution() throws -> Solution {
        try run { [state] in try Self.freshSolution(state) }
    }

    /// Ranging of the last optimal solution; throws if it is stale or not optimal.
    public func sensitivity() throws -> SensitivityReport {
        try run { [state] in
            let solution = try Self.freshSolution(state)
            guard solution.status == .optimal else { throw SolverError.noOptimalSolution(solution.status) }
            return try state.problem!.sensitivityReport(for: state.program, solution: solution)
        }
    }

    /// Ranging of the given rows and columns only (see `GLPKProblem.sensitivityReport`).
    public func sensitivity(rows: Set<Int>, columns: Set<Int>) throws -> SensitivityReport {
        try run { [state] in
            let solution = try Self.freshSolution(state)
            guard solution.status == .optimal else { throw SolverError.noOptimalSolution(solution.status) }
            return try state.problem!.sensitivityReport(for: state.program, solution: solution, only: (rows, columns))
        }
    }

    public func setColumnBounds(_ column: Int, _ bounds: Bounds) throws {
        try run { [state] in
            try state.problem!.setColumnBounds(column, bounds)
            state.program.columns[column].bounds = bounds
            state.revision += 1
        }
    }

    /// Changes a row's bounds: its right-hand side.
    public func setRowBounds(_ row: Int, _ bounds: Bounds) throws {
        try run { [state] in
            try state.problem!.setRowBounds(row, bounds)
            state.program.rows[row].bounds = bounds
            state.revision += 1
        }
    }

    public func setObjectiveCoefficient(_ column: Int, _ value: Double) throws {
        try run { [state] in
            try state.problem!.setObjectiveCoefficient(column, value)
            state.program.columns[column].objective = value
            state.revision += 1
            state.objectiveChanged = true
        }
    }

    /// Changes many objective coefficients in one trip to the session's thread.
    public func setObjectiveCoefficients(_ changes: [(column: Int, value: Double)]) throws {
        try run { [state] in
            state.revision += 1  // stale from the first change on, even if a later one is refused
            state.objectiveChanged = true
            for change in changes {
                try state.problem!.setObjectiveCoefficient(change.column, change.value)
                state.program.columns[change.column].objective = change.value
            }
        }
    }

    public func setSense(_ sense: ObjectiveSense) throws {
        try run { [state] in
            try state.problem!.setSense(sense)
            state.program.sense = sense
            state.revision += 1
            state.objectiveChanged = true
        }
    }

    /// Options for the next solves: limits, exactness, and scaling (turned on or off in GLPK at once).
    public func setOptions(_ options: SolveOptions) throws {
        try run { [state] in
            if options.scaling != state.options.scaling { try state.problem!.setScaling(options.scaling) }
            state.options = options
        }
    }

    public func basis() throws -> Basis {
        try run { [state] in try state.problem!.basis() }
    }

    /// Takes a basis from another session (or an earlier solve): the next solve starts from it with the
    /// dual simplex, as after any change of bounds.
    public func setBasis(_ basis: Basis) throws {
        try run { [state] in
            try state.problem!.setBasis(basis)
            state.hasSolvedOnce = true
            state.revision += 1
        }
    }

    private static func freshSolution(_ state: State) throws -> Solution {
        guard let solution = state.lastSolution else { throw SolverError.notSolved }
        guard state.solvedRevision == state.revision else { throw SolverError.staleSolution }
        return solution
    }
}
