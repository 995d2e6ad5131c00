import LinearProgramming

/// How a solve ended, as a language-free code (reports and exit codes use it).
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

/// The result of solving a plan: each case carries exactly what that outcome has.
public enum PlanSolution: Sendable {
    case solved(SolvedPlan)
    case infeasible(InfeasiblePlan)
    case missingInputs([MissingInput])
    case unfinished(UnfinishedPlan)
}

/// An allocation that meets every rule, with the sensitivity of the final stage.
public struct SolvedPlan: Sendable {
    public var compiled: CompiledPlan
    /// The final stage's solution.
    public var solution: Solution
    public var sensitivity: SensitivityReport?
    /// Sensitivity at the end of the maximise-funded-need stage (earlier stages held), from which
    /// priority-weight ranges are read even when later stages follow it.
    public var fundedNeedSensitivity: SensitivityReport?
    /// Optimal value of each objective stage, in order.
    public var stageValues: [(stage: ObjectiveStage, value: Double)]
    /// The proposal: in whole units when `whole` is set, else the continuous optimum with its even spread.
    public var allocation: Allocation
    /// Every requirement measured on the allocation by the independent re-check.
    public var checkItems: [CheckItem]
    /// The continuous optimum (with the even spread), beside which the whole-unit proposal is reported.
    public var continuousAllocation: Allocation = [:]
    /// The even-spread stage's value in the continuous optimum (nil when it could not be solved).
    public var spreadValue: Double?
    /// The whole-unit proposal, when one was asked for and found.
    public var whole: WholeUnitProposal?
    /// Why a whole-unit proposal was asked for and not found.
    public var noWhole: NoWholeUnitProposal?
    /// What one more or one less of each source and rule does, true for the plan (parametric re-solves),
    /// when asked for (`PlanSolver.sensitivity`).
    public var planSensitivity: PlanSensitivity?
    /// Each source's first-stage rate upward, when only those were asked for (`PlanSolver.sourceRatesOnly`).
    public var sourceRates: [String: Double]?
    /// The first stage's optimal basis, to start a changed plan of the same shape from (`PlanSolver.warmStart`).
    public var firstStageBasis: Basis?

    public init(compiled: CompiledPlan, solution: Solution, sensitivity: SensitivityReport?, fundedNeedSensitivity: SensitivityReport?,
                stageValues: [(stage: ObjectiveStage, value: Double)], allocation: Allocation, checkItems: [CheckItem]) {
        self.compiled = compiled
        self.solution = solution
        self.sensitivity = sensitivity
        self.fundedNeedSensitivity = fundedNeedSensitivity
        self.stageValues = stageValues
        self.allocation = allocation
        self.checkItems = checkItems
    }
}

/// No allocation meets every rule: what to change, and what conflicts.
public struct InfeasiblePlan: Sendable {
    public var compiled: CompiledPlan
    public var solverStatus: SolutionStatus
    /// Stages solved before the one that proved infeasibility (none when the first did).
    public var stageValues: [(stage: ObjectiveStage, value: Double)]
    public var diagnosis: Diagnosis
}

/// The solver stopped before it could prove an answer: a limit, or numerical trouble after the retry.
public struct UnfinishedPlan: Sendable {
    public var compiled: CompiledPlan
    public var solverStatus: SolutionStatus
    public var stageValues: [(stage: ObjectiveStage, value: Double)]
    /// Why the answer could not be trusted, when the status is `numericalTrouble`.
    public var trouble: NumericalTrouble?
}

extension PlanSolution {
    public var outcome: PlanOutcome {
        switch self {
        case .solved: .solved
        case .infeasible: .infeasible
        case .missingInputs: .missingInputs
        case .unfinished: .unfinished
        }
    }

    /// The allocation, when solved; empty otherwise.
    public var allocation: Allocation {
        if case .solved(let plan) = self { return plan.allocation }
        return [:]
    }

    public var stageValues: [(stage: ObjectiveStage, value: Double)] {
        switch self {
        case .solved(let plan): plan.stageValues
        case .infeasible(let plan): plan.stageValues
        case .unfinished(let plan): plan.stageValues
        case .missingInputs: []
        }
    }

    public var compiled: CompiledPlan? {
        switch self {
        case .solved(let plan): plan.compiled
        case .infeasible(let plan): plan.compiled
        case .unfinished(let plan): plan.compiled
        case .missingInputs: nil
        }
    }

    public var solverStatus: SolutionStatus? {
        switch self {
        case .solved(let plan): plan.solution.status
        case .infeasible(let plan): plan.solverStatus
        case .unfinished(let plan): plan.solverStatus
        case .missingInputs: nil
        }
    }

    public var diagnosis: Diagnosis? {
        if case .infeasible(let plan) = self { return plan.diagnosis }
        return nil
    }

    public var trouble: NumericalTrouble? {
        if case .unfinished(let plan) = self { return plan.trouble }
        return nil
    }

    public var missingInputs: [MissingInput] {
        if case .missingInputs(let missing) = self { return missing }
        return []
    }

    public var solved: SolvedPlan? {
        if case .solved(let plan) = self { return plan }
        return nil
    }
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

