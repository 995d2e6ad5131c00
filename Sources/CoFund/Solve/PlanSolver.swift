import LinearProgramming

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
public struct PlanSolver<Factory: LinearProgramSessionFactory>: Sendable {
    public let factory: Factory
    public var options: SolveOptions
    /// Proposes whole units of the plan (the default) when an integer solver is at hand; false keeps the
    /// continuous optimum (`solve --exact-amounts`).
    public var wholeUnits: Bool
    /// Solves the whole-unit stages; by default the factory itself when it can.
    public var integerSolver: (any IntegerProgramSolver)?
    /// Runs the sensitivity analysis by parametric re-solves after the solve (what `cofund solve` reports).
    public var sensitivity = false
    /// Time for that analysis, apart from the solve's own budget; what does not finish in it is left out
    /// and counted, never reported half-done.
    public var sensitivitySeconds = 20.0
    /// With `sensitivity`, only each source's first-stage rate upward (`PlanSensitivityAnalyzer.sourceRates`,
    /// in `SolvedPlan.sourceRates`) instead of the whole analysis: the one figure `whatif` compares between
    /// scenarios, for a fraction of the re-solves.
    public var sourceRatesOnly = false
    /// With `sensitivity` and a whole-unit proposal, each source's effects ("one million less leaves 1 million
    /// of DA7.TDA1 unfunded") read from the whole-unit answer nearest the proposal once the source has moved by
    /// one million (`WholeUnitEffects`), instead of from the continuous optimum.
    public var wholeUnitEffects = true
    /// Threads for those re-solves; the report is the same for any number.
    public var threads = 1
    /// For a plan no allocation meets, also a minimal set of requirements that conflict (what `solve`
    /// reports beside the repair); off, the diagnosis has the repair only (`Diagnosis.conflicts` empty).
    public var conflictSets = true
    /// A first-stage basis of a plan of the same shape (the base plan of a what-if study): the first stage
    /// starts from it instead of from scratch. Ignored when the rows or columns differ in number.
    public var warmStart: Basis?

    public init(factory: Factory, options: SolveOptions = SolveOptions(), wholeUnits: Bool = true,
                integerSolver: (any IntegerProgramSolver)? = nil) {
        self.factory = factory
        self.options = options
        self.wholeUnits = wholeUnits
        self.integerSolver = integerSolver ?? (factory as? any IntegerProgramSolver)
    }

    /// Loads nothing, compiles once: solves a plan already prepared.
    public func solve(_ loaded: LoadedPlan) throws -> PlanSolution { try solve(PreparedPlan(loaded)) }

    public func solve(_ prepared: PreparedPlan) throws -> PlanSolution {
        guard var compiled = prepared.compiled else { return .missingInputs(prepared.missingInputs) }
        let structure = prepared.structure
        let budget = SolveBudget(options)
        var check = AllocationCheck(structure)
        var rulesRounded = false
        let tolerance = prepared.loaded.plan.objective.tolerance

        var runOptions = options
        var run = try solveStages(compiled, tolerance: tolerance, options: options, budget: budget)
        // The exact program and its run: what the diagnosis speaks of when the rounded rules below give no
        // whole-unit allocation either.
        let exact = (compiled: compiled, run: run)
        if wholeUnits, integerSolver != nil, [SolutionStatus.infeasible, .infeasibleOrUnbounded].contains(run.final.status) {
            // A document rounds its figures: 363 for 10% of 3,634 is the rounded 363.4. Before calling the
            // plan infeasible, its rules are tried within rounding (each may miss by half a unit); the
            // proposal then says so, and the diagnosis below still speaks of the exact rules.
            var rounded = compiled
            WholeUnitSolver.roundRules(&rounded.program, compiled, unit: prepared.loaded.plan.rounding ?? 1)
            let retry = try solveStages(rounded, tolerance: tolerance, options: options, budget: budget)
            if retry.isOptimal {
                compiled = rounded
                run = retry
                rulesRounded = true
                check.ruleRounding = (prepared.loaded.plan.rounding ?? 1) / 2
            }
        }
        var items = run.isOptimal ? check.items(for: run.allocation(compiled)) : []
        if run.isDoubtful || items.contains(where: { !$0.satisfied }) {
            // One retry, in exact arithmetic and without scaling, before calling it numerical trouble.
            let first = run
            let firstViolations = items.filter { !$0.satisfied }
            var retryOptions = options
            retryOptions.exact = true
            retryOptions.scaling = false
            runOptions = retryOptions
            run = try solveStages(compiled, tolerance: tolerance, options: retryOptions, budget: budget)
            items = run.isOptimal ? check.items(for: run.allocation(compiled)) : []
            let violations = items.filter { !$0.satisfied }
            if run.isLimit { return unfinished(compiled, run, status: run.final.status) }
            if run.isDoubtful || !run.isOptimal || !violations.isEmpty {
                let trouble = NumericalTrouble(
                    violations: run.isOptimal ? violations : firstViolations,
                    failedStage: run.failedStage ?? first.failedStage,
                    retryStatus: run.isOptimal ? nil : run.final.status)
                return unfinished(compiled, run, status: .numericalTrouble, trouble: trouble)
            }
        }

        switch run.final.status {
        case .optimal:
            var solved = SolvedPlan(compiled: compiled, solution: run.final, sensitivity: run.sensitivity,
                                    fundedNeedSensitivity: run.fundedNeedSensitivity, stageValues: run.stageValues,
                                    allocation: run.allocation(compiled), checkItems: items)
            solved.firstStageBasis = run.firstStageBasis
            // `--exact-amounts` is the plan stages' own optimum, as glpsol finds it on the exported program:
            // the spread stage is not even built for it.
            let spread = wholeUnits ? EvenSpread.program(compiled, structure: structure, reference: solved.allocation) : nil
            // The spread is re-checked like the stages' answer; one the check rejects is dropped, not trusted.
            if let spread, integerSolver != nil, let spreadAnswer = try solveSpread(spread, compiled: compiled, stageValues: run.stageValues, tolerance: tolerance,
                                                  options: runOptions, budget: budget),
               check.violations(of: spreadAnswer.allocation).isEmpty {
                solved.allocation = spreadAnswer.allocation
                solved.spreadValue = spreadAnswer.value
            }
            solved.continuousAllocation = solved.allocation
            // The whole-unit search rounds the continuous spread's even split rather than finding it again. It
            // starts from the exact rules: where they need rounding it decides it as `check` does, over the
            // figures a document of the proposal prints (the continuous program's rows, each widened by half a
            // unit, let a province's 300 stand for the 301.2 three lines need together).
            let wholeCompiled = exact.compiled
            let wholeSpread = !rulesRounded && solved.spreadValue == nil ? spread
                : EvenSpread.program(wholeCompiled, structure: structure, reference: run.allocation(compiled),
                                     evenAnswer: solved.spreadValue == nil ? nil : solved.allocation)
            // What a document of the proposal prints, once for the proposal and its effects (none under --exact-amounts).
            let figures = wholeSpread != nil && integerSolver != nil ? RoundingFigures.groups(structure, wholeCompiled) : []
            if let wholeProgram = wholeSpread, let integerSolver {
                let unit = prepared.loaded.plan.rounding ?? 1
                var whole = WholeUnitSolver(integerSolver: integerSolver, unit: unit, tolerance: tolerance)
                whole.figures = figures
                // Half of what is left at most: a branch and bound that cannot close on a large plan must leave
                // time for the answer to be reported (with the continuous optimum) inside the one budget.
                var wholeOptions = options
                wholeOptions.timeLimitSeconds = budget.remaining(options).timeLimitSeconds.map { $0 / 2 }
                let wholeBudget = SolveBudget(wholeOptions)
                switch try whole.solve(wholeCompiled, spread: wholeProgram, timeLeft: { wholeBudget.remaining(wholeOptions).timeLimitSeconds }) {
                case .success(var proposal):
                    // Measured as the continuous spread is, so the report compares like with like.
                    if let spread, wholeProgram.program.rows.count != spread.program.rows.count {
                        proposal.spreadValue = EvenSpread.value(of: proposal.allocation, in: spread, compiled: compiled)
                    }
                    // "Within rounding" is said only where the independent re-check finds a rule not met exactly: an
                    // answer searched within rounding may meet every rule exactly after all.
                    var exactCheck = check
                    exactCheck.ruleRounding = 0
                    exactCheck.wholeUnit = proposal.unit
                    proposal.rulesWithinRounding = exactCheck.items(for: proposal.allocation)
                        .contains { [.counterpart, .share].contains($0.kind) && !$0.satisfied }
                    solved.whole = proposal
                    solved.allocation = proposal.allocation
                case .failure(let reason):
                    // Rules met within rounding are a reading of whole figures, as a document rounds them; fractional
                    // amounts that miss a rule by a fraction are no allocation at all (4,979 of central money on
                    // Tịnh Biên's lines, which hold at most 4,978 once each line's counterpart is whole). The plan
                    // is infeasible as its rules are written, and its repair says so.
                    if rulesRounded {
                        if reason == .stopped { return unfinished(exact.compiled, exact.run, status: .timeLimit) }
                        return try infeasible(exact.compiled, exact.run, structure: structure, budget: budget)
                    }
                    solved.noWhole = reason
                }
            }
            var recheck = check
            if let whole = solved.whole {
                recheck.wholeUnit = whole.unit
                if whole.rulesWithinRounding { recheck.ruleRounding = whole.unit / 2 }
            }
            solved.checkItems = recheck.items(for: solved.allocation)
            if sensitivity {
                var analysisOptions = options
                // What is left of the one budget, and never more than its own share.
                analysisOptions.timeLimitSeconds = min(budget.remaining(options).timeLimitSeconds ?? sensitivitySeconds, sensitivitySeconds)
                let analyzer = PlanSensitivityAnalyzer(factory: factory, options: analysisOptions)
                if sourceRatesOnly {
                    solved.sourceRates = try analyzer.sourceRates(solved.compiled, structure: structure)
                } else {
                    solved.planSensitivity = try analyzer.analyze(solved, structure: structure)
                    if wholeUnitEffects, var analysed = solved.planSensitivity {
                        let left = min(budget.remaining(options).timeLimitSeconds ?? sensitivitySeconds, sensitivitySeconds)
                        if let integerSolver {
                            var effects = WholeUnitEffects(integerSolver: integerSolver, unit: prepared.loaded.plan.rounding ?? 1, tolerance: tolerance,
                                                           rulesRounded: rulesRounded, threads: threads)
                            effects.figures = figures
                            try effects.apply(to: &analysed, base: solved, timeLimit: left)
                        }
                        solved.planSensitivity = analysed
                    }
                }
            }
            return .solved(solved)
        case .infeasible, .infeasibleOrUnbounded:
            return try infeasible(compiled, run, structure: structure, budget: budget)
        default:
            return unfinished(compiled, run, status: run.final.status)
        }
    }

    /// A plan no allocation meets, with its diagnosis (the repair and, with `conflictSets`, the conflict).
    private func infeasible(_ compiled: CompiledPlan, _ run: StageRun, structure: PlanStructure, budget: SolveBudget) throws -> PlanSolution {
        let diagnosis: Diagnosis
        do {
            var diagnoser = Diagnoser(structure: structure, factory: factory, options: options, budget: budget, compiled: compiled)
            diagnoser.findsConflicts = conflictSets
            diagnosis = try diagnoser.diagnose()
        } catch let stopped as StoppedEarly {
            return unfinished(compiled, run, status: stopped.status)
        }
        return .infeasible(InfeasiblePlan(compiled: compiled, solverStatus: run.final.status, stageValues: run.stageValues,
                                          diagnosis: diagnosis))
    }

    private func unfinished(_ compiled: CompiledPlan, _ run: StageRun, status: SolutionStatus,
                            trouble: NumericalTrouble? = nil) -> PlanSolution {
        .unfinished(UnfinishedPlan(compiled: compiled, solverStatus: status, stageValues: run.stageValues, trouble: trouble))
    }

    /// The even-spread stage in floating point, every plan stage held at its optimum; nil when it does not
    /// end optimal (the stages' own answer then stands).
    private func solveSpread(_ spread: EvenSpread.Program, compiled: CompiledPlan, stageValues: [(stage: ObjectiveStage, value: Double)],
                             tolerance: Double, options: SolveOptions, budget: SolveBudget) throws -> (allocation: Allocation, value: Double)? {
        var program = spread.program
        for (k, row) in spread.stageRows.enumerated() {
            let value = stageValues[k].value
            let slack = tolerance * max(1, abs(value))
            program.rows[row].bounds = compiled.stages[k].sense == .maximize ? .atLeast(value - slack) : .atMost(value + slack)
        }
        // In floating point even under --exact: a hold row at a double optimum can lie just outside the exact
        // optimal face (see StageRunner), and the answer is re-checked by the caller either way.
        var floating = options
        floating.exact = false
        let session = try factory.makeSession(for: program, options: budget.remaining(floating))
        let solution = try session.solve()
        guard solution.status == .optimal else { return nil }
        return (compiled.allocation(from: solution), solution.objective)
    }

    /// One attempt at the stages, in a new session of this solver's.
    func solveStages(_ compiled: CompiledPlan, tolerance: Double, options: SolveOptions, budget: SolveBudget) throws -> StageRun {
        let session = try factory.makeSession(for: compiled.program, options: budget.remaining(options))
        if let warmStart, warmStart.rows.count == compiled.program.rows.count, warmStart.columns.count == compiled.program.columns.count {
            try session.setBasis(warmStart)
        }
        return try StageRunner().run(compiled, tolerance: tolerance, in: session, options: options, budget: budget)
    }

    static func allocation(from solution: Solution, compiled: CompiledPlan) -> Allocation { compiled.allocation(from: solution) }
}
