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
}

/// An answer from the solver that the independent re-check rejected: a bug, never a plan problem.
public struct RecheckFailure: Error, CustomStringConvertible {
    public var violations: [CheckItem]
    public var description: String {
        "the solver's allocation fails the independent re-check: "
            + violations.map { "\($0.kind.rawValue) \($0.id)\($0.instance.map { " (\($0))" } ?? ""): required \($0.required), achieved \($0.achieved)" }
                .joined(separator: "; ")
    }
}

/// Solves a plan: lexicographic stages warm in one solver session, an independent re-check of the answer,
/// sensitivity of the final stage, and a diagnosis when no allocation exists.
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
        let compiled = try PlanCompiler(structure).compile()
        let session = try factory.makeSession(for: compiled.program, options: options)
        let tolerance = loaded.plan.objective.tolerance
        var stageValues: [(stage: ObjectiveStage, value: Double)] = []
        var solution: Solution?
        var fundedNeedSensitivity: SensitivityReport?
        for (k, stage) in compiled.stages.enumerated() {
            if k > 0 {
                // The next stage's objective replaces the previous one; the previous optimum is held by its row.
                try session.setSense(stage.sense)
                let previous = compiled.stages[k - 1].coefficients
                try session.setObjectiveCoefficients(
                    stage.coefficients.enumerated().filter { $0.element != previous[$0.offset] }.map { (column: $0.offset, value: $0.element) })
            }
            let result = try session.solve()
            solution = result
            guard result.status == .optimal else { break }
            stageValues.append((stage.stage, result.objective))
            if stage.stage == .maximizeFundedNeed { fundedNeedSensitivity = try session.sensitivity() }
            if k < compiled.stageRows.count {
                let slack = tolerance * max(1, abs(result.objective))
                let hold: Bounds = stage.sense == .maximize ? .atLeast(result.objective - slack) : .atMost(result.objective + slack)
                try session.setRowBounds(compiled.stageRows[k], hold)
            }
        }
        guard let final = solution else { throw SolverError.notSolved }
        switch final.status {
        case .optimal:
            let allocation = Self.allocation(from: final, compiled: compiled)
            let check = AllocationCheck(structure)
            let items = check.items(for: allocation)
            let violations = items.filter { !$0.satisfied }
            guard violations.isEmpty else { throw RecheckFailure(violations: violations) }
            return PlanSolution(outcome: .solved, compiled: compiled, solution: final, sensitivity: try session.sensitivity(),
                                fundedNeedSensitivity: fundedNeedSensitivity, stageValues: stageValues, allocation: allocation, checkItems: items, diagnosis: nil,
                                missingInputs: [], solverStatus: final.status)
        case .infeasible, .infeasibleOrUnbounded:
            let diagnosis = try Diagnoser(structure: structure, factory: factory, options: options).diagnose()
            return PlanSolution(outcome: .infeasible, compiled: compiled, solution: final, sensitivity: nil,
                                fundedNeedSensitivity: nil, stageValues: stageValues,
                                allocation: [:], checkItems: [], diagnosis: diagnosis, missingInputs: [], solverStatus: final.status)
        default:
            return PlanSolution(outcome: .unfinished, compiled: compiled, solution: final, sensitivity: nil,
                                fundedNeedSensitivity: nil, stageValues: stageValues,
                                allocation: [:], checkItems: [], diagnosis: nil, missingInputs: [], solverStatus: final.status)
        }
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
