import LinearProgramming

/// How a solve ended, in the plan's terms.
public enum PlanOutcome: String, Sendable, Codable {
    /// An allocation meets every rule.
    case solved
    /// No allocation meets every rule; the diagnosis says what to change.
    case infeasible
    /// The plan lacks amounts the allocation needs; nothing was solved.
    case missingInputs = "missing-inputs"
    /// The solver stopped early (limit or numerical trouble).
    case unfinished
}

/// The raw result of solving a plan, before it is turned into a report.
public struct PlanSolution: Sendable {
    public var outcome: PlanOutcome
    public var compiled: CompiledPlan?
    public var solution: Solution?
    public var sensitivity: SensitivityReport?
    /// Sensitivity at the end of the maximise-funded-need stage (earlier stages held), from which
    /// priority-weight ranges are read even when later stages follow it.
    public var fundedNeedSensitivity: SensitivityReport?
    /// Optimal value of each objective stage, in order.
    public var stageValues: [(stage: ObjectiveStage, value: Double)]
    public var allocation: Allocation
    public var checkItems: [CheckItem]
    public var diagnosis: Diagnosis?
    public var missingInputs: [MissingInput]
    public var solverStatus: SolutionStatus?
    /// Why an answer could not be trusted (outcome `unfinished`, status `numericalTrouble`): the re-check's
    /// findings or the stage that failed, after the retry.
    public var trouble: NumericalTrouble? = nil
}

/// An answer the solver could not give reliably, even after one retry in exact arithmetic without scaling.
public struct NumericalTrouble: Sendable, Equatable {
    /// The requirements the solver's allocation breaks, as the independent re-check measured them.
    public var violations: [CheckItem]
    /// The objective stage (1-based) that could not be solved with the earlier stages held, if that was the trouble.
    public var failedStage: Int?
    /// How the retry ended when it found no optimum at all.
    public var retryStatus: SolutionStatus?

    /// In English (another issue adds the Vietnamese).
    public var description: String {
        var parts: [String] = []
        if let failedStage {
            parts.append("objective stage \(failedStage) could not be solved with the earlier stages held at their optimum")
        }
        if !violations.isEmpty {
            let listed = violations.map { item in
                "\(item.kind.rawValue) \(item.id)\(item.instance.map { " (\($0))" } ?? ""): required \(item.required), achieved \(item.achieved)"
            }
            parts.append("the solver's allocation fails the independent re-check: " + listed.joined(separator: "; "))
        }
        let retry = retryStatus.map { " (a retry in exact arithmetic without scaling ended \($0.rawValue))" }
            ?? " (also after a retry in exact arithmetic without scaling)"
        return "Numerical trouble: " + parts.joined(separator: "; ") + retry
            + ". The plan's numbers may be too far apart for the solver; no allocation is reported."
    }
}

/// A diagnosis solve that ended at a limit or in numerical trouble: no diagnosis can be trusted.
struct StoppedEarly: Error {
    var status: SolutionStatus
}

/// Solves a plan: lexicographic stages warm in one solver session, an independent re-check of the answer,
/// sensitivity of the final stage, and a diagnosis when no allocation exists.
///
/// Every solve runs under `options`' limits; the time limit is a budget for the whole call (stages, the
/// retry and the diagnosis together), so `--time-limit 60` means one minute in all. A limit reached gives
/// the outcome `unfinished`, never a hang or a half-done diagnosis.
///
/// A doubtful answer — the independent re-check rejects the allocation, a later stage cannot be solved
/// with an earlier one held, or GLPK reports numerical trouble — is solved once more in exact rational
/// arithmetic without scaling; if that fails too, the outcome is `unfinished` with status
/// `numericalTrouble` and `trouble` says what went wrong. It is never thrown as an internal error.
public struct PlanSolver<Factory: LinearProgramSessionFactory> {
    public let factory: Factory
    public var options: SolveOptions

    public init(factory: Factory, options: SolveOptions = SolveOptions()) {
        self.factory = factory
        self.options = options
    }

    public func solve(_ loaded: LoadedPlan) throws -> PlanSolution {
        let structure = PlanStructure(loaded)
        let missing = structure.missingInputs
        guard missing.isEmpty else {
            return PlanSolution(outcome: .missingInputs, compiled: nil, solution: nil, sensitivity: nil, fundedNeedSensitivity: nil, stageValues: [],
                                allocation: [:], checkItems: [], diagnosis: nil, missingInputs: missing, solverStatus: nil)
        }
        try NumericLimits.check(loaded)
        let compiled = try PlanCompiler(structure).compile()
        try NumericLimits.check(compiled, structure: structure)
        let budget = SolveBudget(options)
        let check = AllocationCheck(structure)
        let tolerance = loaded.plan.objective.tolerance

        var run = try solveStages(compiled, tolerance: tolerance, options: options, budget: budget)
        var items = run.isOptimal ? check.items(for: run.allocation(compiled)) : []
        if run.isDoubtful || items.contains(where: { !$0.satisfied }) {
            // One retry, in exact arithmetic and without scaling, before calling it numerical trouble.
            let first = run
            let firstViolations = items.filter { !$0.satisfied }
            var retryOptions = options
            retryOptions.exact = true
            retryOptions.scaling = false
            run = try solveStages(compiled, tolerance: tolerance, options: retryOptions, budget: budget)
            items = run.isOptimal ? check.items(for: run.allocation(compiled)) : []
            let violations = items.filter { !$0.satisfied }
            if run.isLimit { return unfinished(compiled, run, status: run.final.status) }
            if run.isDoubtful || !run.isOptimal || !violations.isEmpty {
                var result = unfinished(compiled, run, status: .numericalTrouble)
                result.trouble = NumericalTrouble(
                    violations: run.isOptimal ? violations : firstViolations,
                    failedStage: run.failedStage ?? first.failedStage,
                    retryStatus: run.isOptimal ? nil : run.final.status)
                return result
            }
        }

        switch run.final.status {
        case .optimal:
            return PlanSolution(outcome: .solved, compiled: compiled, solution: run.final, sensitivity: run.sensitivity,
                                fundedNeedSensitivity: run.fundedNeedSensitivity, stageValues: run.stageValues,
                                allocation: run.allocation(compiled), checkItems: items, diagnosis: nil,
                                missingInputs: [], solverStatus: run.final.status)
        case .infeasible, .infeasibleOrUnbounded:
            let diagnosis: Diagnosis
            do {
                diagnosis = try Diagnoser(structure: structure, factory: factory, options: options, budget: budget).diagnose()
            } catch let stopped as StoppedEarly {
                return unfinished(compiled, run, status: stopped.status)
            }
            return PlanSolution(outcome: .infeasible, compiled: compiled, solution: run.final, sensitivity: nil,
                                fundedNeedSensitivity: nil, stageValues: run.stageValues,
                                allocation: [:], checkItems: [], diagnosis: diagnosis, missingInputs: [], solverStatus: run.final.status)
        default:
            return unfinished(compiled, run, status: run.final.status)
        }
    }

    private func unfinished(_ compiled: CompiledPlan, _ run: StageRun, status: SolutionStatus) -> PlanSolution {
        PlanSolution(outcome: .unfinished, compiled: compiled, solution: run.final, sensitivity: nil,
                     fundedNeedSensitivity: nil, stageValues: run.stageValues,
                     allocation: [:], checkItems: [], diagnosis: nil, missingInputs: [], solverStatus: status)
    }

    /// The stages of one attempt.
    struct StageRun {
        var final: Solution
        var stageValues: [(stage: ObjectiveStage, value: Double)] = []
        var sensitivity: SensitivityReport?
        var fundedNeedSensitivity: SensitivityReport?
        /// The 1-based stage after the first that ended without an optimum although its predecessor's
        /// answer satisfies the hold: a numerical failure, not a property of the plan.
        var failedStage: Int?

        var isOptimal: Bool { final.status == .optimal }
        var isLimit: Bool { final.status == .iterationLimit || final.status == .timeLimit }
        /// An answer not to trust without a retry.
        var isDoubtful: Bool { failedStage != nil || final.status == .numericalTrouble }

        func allocation(_ compiled: CompiledPlan) -> Allocation { PlanSolver.allocation(from: final, compiled: compiled) }
    }

    /// Solves the stages in order in one session.
    ///
    /// Floating point: after stage k reaches z*, its hold row keeps z(x) within the plan's tolerance of z*.
    ///
    /// Exact (`options.exact`): every stage is solved by the simplex method and then `glp_exact`, and stage
    /// k's optimal face is held *without* a tolerance, by complementary slackness: with (y, d) the exact
    /// optimal duals of stage k, a feasible x is optimal for stage k exactly when every column with d_j ≠ 0
    /// sits at the bound it is non-basic at and every row with y_i ≠ 0 at its active side. So those columns
    /// are fixed at that bound and those rows become equalities there. This uses only bounds the plan
    /// already has, never a rounded optimum: a hold row at z* would need z* as a double, and glp_exact reads
    /// every double through a rational approximation (`set_d_eps`, relative error up to 1e-10), so the
    /// rounded z* can fall on the wrong side of the true optimum and make the next exact stage infeasible —
    /// which is how `--exact` with tolerance 0 used to report "infeasible" for a feasible plan, and with a
    /// tolerance it let later stages spend the slack (4306.780000099 for 4306.78). Testing a dual for zero
    /// is exact here: glp_exact stores a zero dual as exactly 0. So under `--exact` the tolerance does not
    /// apply: each stage is held exactly.
    /// The sensitivity of the final stage is then GLPK's ranging with the earlier stages held by their hold
    /// rows (as in floating point, at the exact optima), from a floating-point re-solve warm from the exact
    /// basis; the reported allocation and stage values stay those of the exact solution.
    func solveStages(_ compiled: CompiledPlan, tolerance: Double, options: SolveOptions, budget: SolveBudget) throws -> StageRun {
        let session = try factory.makeSession(for: compiled.program, options: budget.remaining(options))
        var run = StageRun(final: Solution(status: .numericalTrouble, objective: 0, columnValues: [], reducedCosts: [],
                                           rowActivities: [], rowDuals: [], columnBasis: [], rowBasis: []))
        var columnBounds = compiled.program.columns.map(\.bounds)
        var rowBounds = compiled.program.rows.map(\.bounds)
        guard !compiled.stages.isEmpty else { throw SolverError.notSolved }
        for (k, stage) in compiled.stages.enumerated() {
            if k > 0 {
                // The next stage's objective replaces the previous one; the previous optimum is held.
                try session.setSense(stage.sense)
                let previous = compiled.stages[k - 1].coefficients
                try session.setObjectiveCoefficients(
                    stage.coefficients.enumerated().filter { $0.element != previous[$0.offset] }.map { (column: $0.offset, value: $0.element) })
            }
            try session.setOptions(budget.remaining(options))
            let result = try session.solve()
            run.final = result
            guard result.status == .optimal else {
                if k > 0 && [.infeasible, .infeasibleOrUnbounded, .unbounded].contains(result.status) { run.failedStage = k + 1 }
                return run
            }
            run.stageValues.append((stage.stage, result.objective))
            if stage.stage == .maximizeFundedNeed { run.fundedNeedSensitivity = try session.sensitivity() }
            guard k < compiled.stageRows.count else { continue }
            if options.exact {
                for j in columnBounds.indices where result.reducedCosts[j] != 0 {
                    guard let bound = Self.activeBound(result.columnBasis[j], columnBounds[j]) else { continue }
                    columnBounds[j] = .exactly(bound)
                    try session.setColumnBounds(j, columnBounds[j])
                }
                for i in rowBounds.indices where result.rowDuals[i] != 0 {
                    guard let bound = Self.activeBound(result.rowBasis[i], rowBounds[i]) else { continue }
                    rowBounds[i] = .exactly(bound)
                    try session.setRowBounds(i, rowBounds[i])
                }
            } else {
                try session.setRowBounds(compiled.stageRows[k], Self.hold(result.objective, sense: stage.sense, tolerance: tolerance))
            }
        }
        if options.exact && compiled.stages.count > 1 {
            // Ranging as in floating point: the plan's own bounds, the earlier stages held by their rows.
            for (j, column) in compiled.program.columns.enumerated() where column.bounds != columnBounds[j] {
                try session.setColumnBounds(j, column.bounds)
            }
            for (i, row) in compiled.program.rows.enumerated() where row.bounds != rowBounds[i] {
                try session.setRowBounds(i, row.bounds)
            }
            for (k, row) in compiled.stageRows.enumerated() {
                try session.setRowBounds(row, Self.hold(run.stageValues[k].value, sense: compiled.stages[k].sense, tolerance: tolerance))
            }
            var floating = budget.remaining(options)
            floating.exact = false
            try session.setOptions(floating)
            run.sensitivity = try session.solve().status == .optimal ? try session.sensitivity() : nil
        } else {
            run.sensitivity = try session.sensitivity()
        }
        return run
    }

    /// The bound a non-basic variable sits at, or nil when it is basic, fixed already or free.
    private static func activeBound(_ status: BasisStatus, _ bounds: Bounds) -> Double? {
        switch status {
        case .atLower: bounds.lower.isFinite ? bounds.lower : nil
        case .atUpper: bounds.upper.isFinite ? bounds.upper : nil
        case .basic, .fixed, .free: nil
        }
    }

    /// The hold row of a stage solved in floating point: its optimum within the plan's tolerance.
    private static func hold(_ optimum: Double, sense: ObjectiveSense, tolerance: Double) -> Bounds {
        let slack = tolerance * max(1, abs(optimum))
        return sense == .maximize ? .atLeast(optimum - slack) : .atMost(optimum + slack)
    }

    static func allocation(from solution: Solution, compiled: CompiledPlan) -> Allocation {
        var allocation: Allocation = [:]
        for (key, j) in compiled.allocationColumns {
            // Clean solver round-off (1e-13 and the like) so reports and checks read true zeros.
            let value = solution.columnValues[j]
            allocation[key] = abs(value) < 1e-9 ? 0 : value
        }
        return allocation
    }
}

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
