import LinearProgramming

/// The time limit of `SolveOptions` as a budget for one `PlanSolver.solve`: each solve gets what is left.
struct SolveBudget: Sendable {
    let limit: Double?
    let start = ContinuousClock.now

    init(_ options: SolveOptions) { limit = options.timeLimitSeconds }

    /// `options` with the time left as its time limit (0 when none is left: GLPK stops at its first check).
    func remaining(_ options: SolveOptions) -> SolveOptions {
        guard let limit else { return options }
        var options = options
        let elapsed = (ContinuousClock.now - start).components
        options.timeLimitSeconds = max(0, limit - (Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18))
        return options
    }
}
