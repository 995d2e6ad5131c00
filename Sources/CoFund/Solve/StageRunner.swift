import LinearProgramming

/// The stages of one attempt: the final solution and what each stage gave.
public struct StageRun: Sendable {
    public var final: Solution
    public var stageValues: [(stage: ObjectiveStage, value: Double)] = []
    public var sensitivity: SensitivityReport?
    public var fundedNeedSensitivity: SensitivityReport?
    /// The 1-based stage after the first that ended without an optimum although its predecessor's
    /// answer satisfies the hold: a numerical failure, not a property of the plan.
    public var failedStage: Int?
    /// The optimal basis of the first stage: a changed plan of the same shape (a scenario, a sweep step)
    /// starts its first stage from it (`PlanSolver.warmStart`).
    public var firstStageBasis: Basis?

    public var isOptimal: Bool { final.status == .optimal }
    public var isLimit: Bool { final.status == .iterationLimit || final.status == .timeLimit }
    /// An answer not to trust without a retry.
    public var isDoubtful: Bool { failedStage != nil || final.status == .numericalTrouble }

    public func allocation(_ compiled: CompiledPlan) -> Allocation { compiled.allocation(from: final) }
}

/// The lexicographic stage loop, over any session: `solve` runs it, and scenarios and sweeps run the same
/// code in sessions of their own (warm, from a basis handed over with `setBasis`).
public struct StageRunner: Sendable {
    public init() {}

    /// Runs every objective stage of `compiled` in `session`, holding each optimum for the next; the
    /// time limit in `options` is one budget for all stages.
    public func run(_ compiled: CompiledPlan, tolerance: Double, in session: any LinearProgramSession,
                    options: SolveOptions) throws -> StageRun {
        try run(compiled, tolerance: tolerance, in: session, options: options, budget: SolveBudget(options))
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
    func run(_ compiled: CompiledPlan, tolerance: Double, in session: any LinearProgramSession, options: SolveOptions,
             budget: SolveBudget) throws -> StageRun {
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
            if k == 0 { run.firstStageBasis = try session.basis() }
            if stage.stage == .maximizeFundedNeed { run.fundedNeedSensitivity = try Self.reported(compiled, session) }
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
            run.sensitivity = try session.solve().status == .optimal ? try Self.reported(compiled, session) : nil
        } else {
            run.sensitivity = try Self.reported(compiled, session)
        }
        return run
    }

    /// Ranging of what reports show: source and rule rows, and the funded columns whose weights are
    /// ranged. Ranging every row and column costs a factorization solve each, far more than the simplex
    /// itself on a plan of thousands of lines.
    /// At most `reportedRangeLimit` rows and as many columns, the first in the program's order: ranging each
    /// costs a pass over the basis, and 7,462 sources ranged twice were most of that plan's solve. The plan-true
    /// analysis (`PlanSensitivityAnalyzer`) has its own limit; beyond this one the basis ranges are left out.
    static func reported(_ compiled: CompiledPlan, _ session: any LinearProgramSession) throws -> SensitivityReport {
        var rows = Set<Int>()
        for (i, meaning) in compiled.rows.enumerated() where rows.count < reportedRangeLimit {
            switch meaning {
            case .source, .rule: rows.insert(i)
            default: break
            }
        }
        return try session.sensitivity(rows: rows, columns: Set(compiled.fundedColumns.values.sorted().prefix(reportedRangeLimit)))
    }

    static let reportedRangeLimit = 500

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
}

extension CompiledPlan {
    /// The allocation columns of a solution, by key.
    public func allocation(from solution: Solution) -> Allocation {
        var allocation: Allocation = [:]
        for (key, j) in allocationColumns {
            // Clean solver round-off (1e-13 and the like) so reports and checks read true zeros.
            let value = solution.columnValues[j]
            allocation[key] = abs(value) < Tolerances.zeroAmount ? 0 : value
        }
        return allocation
    }
}
