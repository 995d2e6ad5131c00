import LinearProgramming

/// One plan of a what-if study, solved: the base (no scenario) or a scenario applied to it.
public struct WhatIfCase: Sendable {
    /// nil for the base plan.
    public var scenario: Scenario?
    public var prepared: PreparedPlan
    public var solution: PlanSolution

    public var structure: PlanStructure { prepared.structure }
}

/// The base plan and every scenario, solved the way `solve` solves a plan.
public struct WhatIfStudy: Sendable {
    public var base: WhatIfCase
    public var scenarios: [WhatIfCase]
}

extension PlanSolver {
    /// This solver as a what-if study runs each plan: with the sensitivity it compares (each source's
    /// first-stage rate, `sourceRatesOnly`) and, for a plan no allocation meets, the repair it shows without
    /// the conflicting set it does not (`conflictSets` off). Every figure the study reports is the one `solve`
    /// gives for the changed plan; what is left out is only what the study never shows.
    public var forWhatIf: PlanSolver {
        var solver = self
        solver.sensitivity = true
        solver.sourceRatesOnly = true
        solver.conflictSets = false
        return solver
    }
}

/// Solves a base plan and its scenarios: each scenario is applied and validated first (every scenario, while
/// the base plan is solved, so a bad one costs little and nothing of it reaches GLPK), then all are solved on
/// `threads` threads (from scratch, or with `warm` from the base plan's first-stage basis when the changed
/// plan has the same rows and columns). The result of a scenario is exactly what `solve` gives for the
/// changed plan; results are in the scenarios' order on every thread count.
public struct WhatIfRunner<Factory: LinearProgramSessionFactory>: Sendable {
    public var solver: PlanSolver<Factory>
    public var threads: Int
    /// Start each scenario's first stage from the base plan's basis. Off by default: at a degenerate optimum a
    /// warm start can end at another, equally good continuous vertex, whose shares the even spread then
    /// follows, and a scenario's proposal must be what `solve` gives for the changed plan. Measured, it gains
    /// nothing on plans of the seeds' size (Benchmarks/README.md, 0.98–1.03x).
    public var warm = false

    public init(solver: PlanSolver<Factory>, threads: Int) {
        self.solver = solver
        self.threads = max(1, threads)
    }

    /// Every scenario applied to `base` and prepared (validated, compiled, numeric limits checked).
    public static func prepare(base: LoadedPlan, scenarios: [Scenario]) throws -> [PreparedPlan] {
        try scenarios.map { try ScenarioApplier.prepare($0, on: base) }
    }

    public func run(base: LoadedPlan, scenarios: [Scenario], progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> WhatIfStudy {
        // First, on every thread at once: the base plan solved (job 0) and every scenario applied, validated
        // and compiled (the others). Nothing of a scenario is solved before all of them have passed.
        let solver = self.solver
        let first = try ParallelMap.map(scenarios.count + 1, threads: threads) { i -> FirstPhase in
            if i == 0 {
                let prepared = try PreparedPlan(base)
                return .base(prepared, try solver.solve(prepared))
            }
            return .scenario(try ScenarioApplier.prepare(scenarios[i - 1], on: base))
        }
        guard case .base(let basePrepared, let baseSolution) = first[0] else { preconditionFailure("job 0 is the base plan") }
        let prepared = first.dropFirst().map { item -> PreparedPlan in
            guard case .scenario(let plan) = item else { preconditionFailure("jobs 1… are the scenarios") }
            return plan
        }
        var scenarioSolver = solver
        if warm { scenarioSolver.warmStart = baseSolution.solved?.firstStageBasis }
        let total = scenarios.count
        let tick: (@Sendable (Int) -> Void)? = progress.map { report in { @Sendable done in report(done, total) } }
        let warmSolver = scenarioSolver
        let solutions = try ParallelMap.map(total, threads: threads, progress: tick) { i in try warmSolver.solve(prepared[i]) }
        return WhatIfStudy(
            base: WhatIfCase(scenario: nil, prepared: basePrepared, solution: baseSolution),
            scenarios: scenarios.indices.map { WhatIfCase(scenario: scenarios[$0], prepared: prepared[$0], solution: solutions[$0]) })
    }
}

/// What the first phase of a what-if run gives: the base plan solved, or a scenario prepared.
private enum FirstPhase: Sendable {
    case base(PreparedPlan, PlanSolution)
    case scenario(PreparedPlan)
}
