import CGLPK
import LinearProgramming

/// Branch and bound (`glp_intopt`) on a problem whose LP relaxation `simplex` has just solved to optimality.
///
/// The MIP presolver stays off (GLPK's default). With it on, glp_intopt would solve the relaxation itself,
/// but on a transformed copy that it scales whatever its coefficients (`glp_scale_prob`), without the
/// iteration limit and the restarts of `simplex`, and its "no dual feasible solution" (GLP_ENODFS) leaves
/// open whether the relaxation is feasible at all. Without it the search works on this very problem: the
/// scaling decided in `load` (none when a coefficient could make glp_set_rii abort), and the basis our own
/// simplex found.
/// The price is GLPK's precondition, checked below: an optimal basis of the relaxation (else GLP_EROOT).
extension GLPKProblem {
    /// What glp_intopt ended with, in GLPK's terms translated once: why the search stopped, what
    /// `glp_mip_status` says of the integer point, and the best bound of the open subproblems last seen by
    /// the search callback (nil when none was seen).
    struct BranchAndBoundOutcome {
        enum End { case finished, timeLimit, gapToleranceReached, solverFailed }
        enum Point { case optimal, feasible, provedNone, undefined }
        var end: End
        var point: Point
        var openBound: Double?

        /// Whether the problem holds an integer point to read with `readIntegerPoint`.
        var hasPoint: Bool { point == .optimal || point == .feasible }
    }

    /// Seconds on GLPK's clock since `start` (from `now()`).
    static func elapsedSeconds(since start: Double) -> Double { glp_difftime(glp_time(), start) }

    /// The objective of the basic solution (after `simplex`: the LP relaxation's), constant included.
    func basicObjective() throws -> Double {
        try checkThread()
        return glp_get_obj_val(handle)
    }

    /// Runs glp_intopt. `milliseconds` is its time limit (nil: none), `gap` its relative gap tolerance;
    /// both were checked by the caller (glp_intopt aborts on a negative tm_lim or mip_gap).
    /// `step`: the objective takes only whole multiples of it at integer points (1 when every objective
    /// coefficient is a whole number on an integer column). An incumbent less than one step from the open
    /// bound is then optimal: no better integer point is left, so the search stops there instead of
    /// closing the last fraction of the gap, which on amounts of millions took GLPK its whole time limit.
    /// GLPK only ever replaces its incumbent by a strictly better point, so the point is the one the full
    /// search would have ended with.
    func branchAndBound(milliseconds: Int32?, gap: Double, verbose: Bool, maximize: Bool, start: [Double]? = nil,
                        heuristics: Bool = true, step: Double? = nil, nodeLimit: Int? = nil,
                        absoluteGap: (gap: Double, afterNodes: Int)? = nil) throws -> BranchAndBoundOutcome {
        try checkThread()
        guard glp_get_status(handle) == GLP_OPT else {
            throw SolverError.solverFailure("branch and bound needs an optimal LP relaxation first")
        }
        precondition(gap >= 0 && gap.isFinite && (milliseconds ?? 0) >= 0, "unchecked branch-and-bound limits")
        Self.setTerminalOutput(verbose || self.verbose)
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF
        parameters.presolve = GLP_OFF
        parameters.mip_gap = gap
        // The feasibility pump finds a first whole point where depth-first search finds none in minutes (a
        // district plan with a counterpart on every line); it is deterministic, unlike proximity search,
        // which runs on the clock. Cuts tighten the bound so the search can close.
        if heuristics {
            parameters.fp_heur = GLP_ON
            parameters.mir_cuts = GLP_ON
            parameters.gmi_cuts = GLP_ON
        }
        if let milliseconds { parameters.tm_lim = milliseconds }
        let recorder = BoundRecorder(maximize: maximize)
        recorder.step = step
        recorder.nodeLimit = nodeLimit
        recorder.absoluteGap = absoluteGap
        if let start, start.count == columnCount, start.allSatisfy(\.isFinite) { recorder.start = [0] + start }
        parameters.cb_func = Self.recordBound
        let code = withExtendedLifetime(recorder) {
            parameters.cb_info = Unmanaged.passUnretained(recorder).toOpaque()
            return glp_intopt(handle, &parameters)
        }
        let end: BranchAndBoundOutcome.End
        switch code {
        case 0: end = .finished
        case GLP_ETMLIM: end = .timeLimit
        case GLP_EMIPGAP: end = .gapToleranceReached
        case GLP_EFAIL: end = .solverFailed
        case GLP_ESTOP where recorder.provedByStep: end = .finished
        case GLP_ESTOP where recorder.stoppedAtNodeLimit: end = .timeLimit
        case GLP_ESTOP where recorder.stoppedAtAbsoluteGap: end = .gapToleranceReached
        // GLP_EBOUND, GLP_EROOT: the checks before this call failed; the presolver codes cannot occur.
        default: throw SolverError.solverFailure("glp_intopt returned code \(code)")
        }
        let point: BranchAndBoundOutcome.Point
        switch glp_mip_status(handle) {
        case GLP_OPT: point = .optimal
        case GLP_FEAS where recorder.provedByStep: point = .optimal
        case GLP_FEAS: point = .feasible
        case GLP_NOFEAS: point = .provedNone
        default: point = .undefined
        }
        return BranchAndBoundOutcome(end: end, point: point, openBound: recorder.bound)
    }

    /// The integer point glp_intopt stored (`glp_mip_*`; GLPK rounds integer columns to whole numbers).
    func readIntegerPoint() throws -> (objective: Double, columns: [Double], rows: [Double]) {
        try checkThread()
        return (glp_mip_obj_val(handle),
                (0..<columnCount).map { glp_mip_col_val(handle, Int32($0 + 1)) },
                (0..<rowCount).map { glp_mip_row_val(handle, Int32($0 + 1)) })
    }

    /// Sets every objective coefficient to 0 (the constant stays), turning the problem into a search for
    /// any integer point.
    func clearObjective() throws {
        try checkThread()
        for j in 0..<columnCount { glp_set_obj_coef(handle, Int32(j + 1), 0) }
    }

    /// The tightest bound of the open subproblems seen during the search. Each value seen is a valid bound
    /// on every integer point not yet found (the subproblems cover them all), and they only tighten, so
    /// the tightest is kept. The caller still caps it by the incumbent, which bounds the optimum too.
    private final class BoundRecorder {
        let maximize: Bool
        var bound: Double?
        /// Selections seen (the bound is read at the first 1,024 and every 64th after).
        var selections = 0
        /// The starting point (1-based, as GLPK's arrays), until it is offered.
        var start: [Double]?
        /// The objective's step at integer points, when it has one (see `branchAndBound`).
        var step: Double?
        /// Whether the search was stopped because the incumbent was within one step of the bound.
        var provedByStep = false
        /// The most subproblems to select, and whether the search was stopped there.
        var nodeLimit: Int?
        var stoppedAtNodeLimit = false
        /// Stop once the incumbent is this close to the bound (from that many selections on), and whether the
        /// search was stopped there.
        var absoluteGap: (gap: Double, afterNodes: Int)?
        var stoppedAtAbsoluteGap = false
        init(maximize: Bool) { self.maximize = maximize }

        func record(_ value: Double) {
            // GLPK's "no bound yet" (an unsolved root) is ±DBL_MAX.
            guard abs(value) < Double.greatestFiniteMagnitude else { return }
            bound = bound.map { maximize ? min($0, value) : max($0, value) } ?? value
        }
    }

    /// The search callback (`cb_func`). GLPK calls it at several points of each subproblem; it acts only
    /// when asked to select the next subproblem (GLP_ISELECT, once per node, at the top of ios_driver's main
    /// loop, just before the time limit and gap checks). There no subproblem is current, so the open list
    /// holds every subproblem left, and its best bound (glp_ios_best_node scans the list, as GLPK's own
    /// best-bound selection does) bounds every integer point not yet found. It selects nothing itself.
    private static let recordBound: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { tree, info in
        guard let tree, let info else { return }
        let recorder = Unmanaged<BoundRecorder>.fromOpaque(info).takeUnretainedValue()
        if glp_ios_reason(tree) == GLP_IHEUR, var start = recorder.start {
            // Offered once, at the first heuristic call (the root): GLPK checks bounds, rows and integrality
            // itself and takes the point as its incumbent only when it is feasible and better.
            recorder.start = nil
            _ = start.withUnsafeMutableBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
            return
        }
        guard glp_ios_reason(tree) == GLP_ISELECT else { return }
        // The scan costs the length of the open list at every node: on a search of tens of thousands of nodes
        // it took more time than the search. Past the first 1,024 selections the bound is read every 64th:
        // an earlier bound is still a bound (bounds only tighten), so at worst the gap reported is looser.
        recorder.selections += 1
        if let limit = recorder.nodeLimit, recorder.selections > limit {
            recorder.stoppedAtNodeLimit = true
            glp_ios_terminate(tree)
            return
        }
        guard recorder.selections <= 1024 || recorder.selections % 64 == 0 else { return }
        let best = glp_ios_best_node(tree)
        guard best != 0 else { return }
        recorder.record(glp_ios_node_bound(tree, best))
        if let step = recorder.step, let bound = recorder.bound, let problem = glp_ios_get_prob(tree), glp_mip_status(problem) == GLP_FEAS,
           case let incumbent = glp_mip_obj_val(problem),
           // The bound is an LP's, computed to about 1e-9 of the objective's size: at 4.5 million a true
           // bound one unit away can read 0.995 away, so the margin grows with the objective.
           abs(incumbent - bound) < step - 1e-7 * max(1, abs(incumbent)) {
            recorder.provedByStep = true
            glp_ios_terminate(tree)
            return
        }
        if let absoluteGap = recorder.absoluteGap, recorder.selections > absoluteGap.afterNodes, let bound = recorder.bound,
           let problem = glp_ios_get_prob(tree), glp_mip_status(problem) == GLP_FEAS, abs(glp_mip_obj_val(problem) - bound) <= absoluteGap.gap {
            recorder.stoppedAtAbsoluteGap = true
            glp_ios_terminate(tree)
        }
    }
}
