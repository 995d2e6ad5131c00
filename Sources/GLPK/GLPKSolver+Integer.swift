import LinearProgramming

/// Integer programs: the LP relaxation with `GLPKProblem.simplex` (the same guards as an LP solve), then
/// branch and bound with glp_intopt, on the calling thread like `solve` (one problem per call, created and
/// deleted here, so GLPK's thread-local environment is never shared).
extension GLPKSolver: IntegerProgramSolver {
    public func solveInteger(_ program: LinearProgram, options: IntegerSolveOptions) throws -> IntegerSolution {
        do { try program.validateAsIntegerProgram() } catch let error as LinearProgramError { throw SolverError.invalidProgram(error) }
        try Self.check(options)
        // An integer column whose bounds hold no integer: infeasible, and GLPK is never asked.
        guard let rounded = program.roundingIntegerBounds() else { return IntegerSolution(status: .infeasible) }
        let problem = try GLPKProblem(program: rounded, verbose: options.verbose)
        return try Self.solveInteger(problem, program: rounded, options: options)
    }

    /// glp_intopt aborts the process on a negative time limit or gap tolerance; refuse them (and NaN,
    /// infinity, and a time limit beyond GLPK's 32-bit milliseconds) first.
    static func check(_ options: IntegerSolveOptions) throws {
        if let seconds = options.timeLimitSeconds {
            guard seconds.isFinite && seconds >= 0 && seconds * 1000 <= Double(Int32.max) else {
                throw SolverError.invalidOption("time limit \(seconds) s")
            }
        }
        let gap = options.relativeGapTolerance
        guard gap.isFinite && gap >= 0 else { throw SolverError.invalidOption("relative gap tolerance \(gap)") }
        if let absolute = options.absoluteGapTolerance, !(absolute.isFinite && absolute >= 0) {
            throw SolverError.invalidOption("absolute gap tolerance \(absolute)")
        }
    }

    static func solveInteger(_ problem: GLPKProblem, program: LinearProgram, options: IntegerSolveOptions) throws -> IntegerSolution {
        let start = GLPKProblem.now()
        let maximize = program.sense == .maximize
        // The relaxation gets the LP path's iteration limit too: a numerically hopeless LP cycles rather
        // than fails, and the limit turns that into "no solution found".
        switch try problem.simplex(options: relaxationOptions(options, since: start), dualFirst: false) {
        case .optimal: break
        case .infeasible: return IntegerSolution(status: .infeasible)
        case .unbounded, .infeasibleOrUnbounded: return try settleUnboundedRelaxation(problem, program: program, options: options, since: start)
        case .iterationLimit, .timeLimit: return IntegerSolution(status: .noSolutionFound)
        case .numericalTrouble: return IntegerSolution(status: .numericalTrouble)
        }
        let relaxationBound = try problem.basicObjective()
        let search = try problem.branchAndBound(
            milliseconds: remainingMilliseconds(options, since: start), gap: options.relativeGapTolerance,
            verbose: options.verbose, maximize: maximize, start: options.start, heuristics: options.heuristics,
            step: program.objectiveStep, nodeLimit: options.nodeLimit,
            absoluteGap: options.absoluteGapTolerance.map { (gap: $0, afterNodes: options.absoluteGapAfterNodes) })
        let status: IntegerSolutionStatus
        switch (search.end, search.point) {
        case (.finished, .optimal): status = .optimal
        case (.finished, .provedNone): return IntegerSolution(status: .infeasible)
        case (.timeLimit, .feasible), (.gapToleranceReached, .feasible): status = .feasibleWithGap
        case (.timeLimit, _): status = .noSolutionFound
        case (.solverFailed, _): status = .numericalTrouble
        default: throw SolverError.solverFailure("glp_intopt ended \(search.end) with its integer point \(search.point)")
        }
        // Both bounds are valid; the open subproblems' is at least as tight once the search has started.
        var bound = search.openBound.map { maximize ? min($0, relaxationBound) : max($0, relaxationBound) } ?? relaxationBound
        guard search.hasPoint else {
            return IntegerSolution(status: status, bestBound: bound)
        }
        let point = try problem.readIntegerPoint()
        if status == .optimal { bound = point.objective }
        // The incumbent bounds the optimum as well: no bound is worse than the best point found.
        bound = maximize ? max(bound, point.objective) : min(bound, point.objective)
        return IntegerSolution(
            status: status, objective: point.objective, columnValues: point.columns, rowActivities: point.rows,
            bestBound: bound, relativeGap: status == .optimal ? 0 : IntegerSolution.relativeGap(objective: point.objective, bound: bound))
    }

    /// The relaxation has no finite optimum. Then the integer program has none either, but it may be
    /// infeasible rather than unbounded (x integer with 2x = 1, and a free y to maximise): for rational
    /// data, an integer program with an unbounded relaxation is unbounded exactly when it has an integer
    /// point (Meyer, 1974). So search for any integer point, with the objective cleared.
    private static func settleUnboundedRelaxation(
        _ problem: GLPKProblem, program: LinearProgram, options: IntegerSolveOptions, since start: Double
    ) throws -> IntegerSolution {
        let unlimited: Double = program.sense == .maximize ? .infinity : -.infinity
        try problem.clearObjective()
        switch try problem.simplex(options: relaxationOptions(options, since: start), dualFirst: false) {
        case .optimal: break
        case .infeasible: return IntegerSolution(status: .infeasible)
        case .iterationLimit, .timeLimit: return IntegerSolution(status: .noSolutionFound, bestBound: unlimited)
        case .unbounded, .infeasibleOrUnbounded, .numericalTrouble: return IntegerSolution(status: .numericalTrouble)
        }
        let search = try problem.branchAndBound(
            milliseconds: remainingMilliseconds(options, since: start), gap: 0, verbose: options.verbose, maximize: false)
        switch (search.end, search.point) {
        case (_, .optimal), (_, .feasible):
            let point = try problem.readIntegerPoint()
            return IntegerSolution(
                status: .unbounded, objective: program.objectiveValue(point.columns), columnValues: point.columns,
                rowActivities: point.rows, bestBound: unlimited)
        case (.finished, .provedNone): return IntegerSolution(status: .infeasible)
        case (.timeLimit, _): return IntegerSolution(status: .noSolutionFound, bestBound: unlimited)
        case (.solverFailed, _): return IntegerSolution(status: .numericalTrouble)
        default: throw SolverError.solverFailure("glp_intopt ended \(search.end) with its integer point \(search.point)")
        }
    }

    /// What is left of the time limit after `start`, in GLPK's milliseconds (nil: no limit).
    private static func remainingMilliseconds(_ options: IntegerSolveOptions, since start: Double) -> Int32? {
        guard let seconds = options.timeLimitSeconds else { return nil }
        let left = (seconds * 1000).rounded(.up) - GLPKProblem.elapsedSeconds(since: start) * 1000
        return Int32(max(0, min(left.rounded(.down), Double(Int32.max))))
    }

    private static func relaxationOptions(_ options: IntegerSolveOptions, since start: Double) -> SolveOptions {
        SolveOptions(
            timeLimitSeconds: remainingMilliseconds(options, since: start).map { Double($0) / 1000 },
            verbose: options.verbose)
    }
}
