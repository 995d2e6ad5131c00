import Foundation
import LinearProgramming

/// Turns a repair into a changed plan and solves that plan again, as `PlanSolver` solves any plan (its
/// stages, warm in one session, and the independent re-check), to show the repair works.
struct RepairApplication {
    let structure: PlanStructure

    /// The unit proposals are rounded to: the plan's `rounding:`, else whole units (documents allocate
    /// whole millions).
    static func roundingUnit(_ structure: PlanStructure) -> Double { structure.plan.rounding ?? 1 }

    /// Sets each repair's proposed amount and the figure before and after it. A need raised, a floor
    /// lowered or money added to a source not spent in full is rounded up to the unit: more room than
    /// needed never hurts. Money spent in full, fixed amounts and ratios keep their exact change, since
    /// rounding them could break what they bind.
    func propose(_ repairs: inout [Repair], unit: Double) {
        for k in repairs.indices {
            var repair = repairs[k]
            func outward(_ amount: Double) -> Double {
                let units = (amount / unit - 1e-9).rounded(.up)
                return max(units, 0) * unit
            }
            switch repair.kind {
            case .raiseNeed:
                repair.proposed = outward(repair.amount)
                repair.from = figure(repair.subject, repair.instance, \.need)
                repair.to = repair.from.map { $0 + repair.proposedAmount }
            case .lowerFloor:
                repair.from = figure(repair.subject, repair.instance, \.floor)
                repair.proposed = outward(repair.amount)
                if let from = repair.from { repair.proposed = min(repair.proposedAmount, from) }
                repair.to = repair.from.map { $0 - repair.proposedAmount }
            case .moreMoney:
                let source = structure.source(repair.subject)
                repair.proposed = source?.spendInFull == true ? repair.amount : outward(repair.amount)
                repair.from = source?.available
                repair.to = repair.from.map { $0 + repair.proposedAmount }
            case .spendLess:
                repair.proposed = repair.amount
                repair.from = structure.source(repair.subject)?.available
                repair.to = repair.from.map { $0 - repair.amount }
            case .changeFixed:
                repair.proposed = repair.amount
                repair.from = repair.instance.flatMap { structure.project(repair.subject)?.fixed[$0] }
                repair.to = repair.from.map { $0 + repair.amount }
            case .relaxRule:
                repair.proposed = repair.amount
                repair.from = repair.requiredRatio
                repair.to = repair.reachedRatio
            }
            repairs[k] = repair
        }
    }

    private func figure(_ code: String, _ capital: String?, _ amounts: KeyPath<Project, CapitalAmounts>) -> Double? {
        guard let figures = structure.project(code)?[keyPath: amounts] else { return nil }
        if let capital = capital.flatMap(CapitalType.init(rawValue:)) { return figures.byCapital[capital] }
        return figures.total
    }

    /// The plan with the repairs applied: `rounded` uses the proposed amounts, else the exact ones.
    func apply(_ repairs: [Repair], rounded: Bool) -> LoadedPlan {
        var loaded = structure.loaded
        for repair in repairs {
            let change = rounded ? repair.proposedAmount : repair.amount
            switch repair.kind {
            case .raiseNeed:
                Self.update(&loaded.plan.projects, repair.subject) { Self.shift(&$0.need, repair.instance, by: change) }
            case .lowerFloor:
                Self.update(&loaded.plan.projects, repair.subject) { Self.shift(&$0.floor, repair.instance, by: -change, atLeast: 0) }
            case .moreMoney, .spendLess:
                let sign = repair.kind == .moreMoney ? 1.0 : -1.0
                for i in loaded.plan.sources.indices where loaded.plan.sources[i].id == repair.subject {
                    loaded.plan.sources[i].available = max(0, (loaded.plan.sources[i].available ?? 0) + sign * change)
                }
            case .changeFixed:
                guard let source = repair.instance else { continue }
                Self.update(&loaded.plan.projects, repair.subject) { $0.fixed[source] = max(0, ($0.fixed[source] ?? 0) + change) }
            case .relaxRule:
                guard let reached = repair.reachedRatio else { continue }
                let ratio = reached < NumericLimits.smallestRatio ? 0 : reached
                Self.relax(&loaded, rule: repair.subject, instance: repair.instance, to: ratio)
            }
        }
        return loaded
    }

    private static func shift(_ amounts: inout CapitalAmounts, _ capital: String?, by change: Double, atLeast floor: Double = -.infinity) {
        if let capital = capital.flatMap(CapitalType.init(rawValue:)) {
            if let value = amounts.byCapital[capital] { amounts.byCapital[capital] = max(floor, value + change) }
        } else if let value = amounts.total {
            amounts.total = max(floor, value + change)
        }
    }

    @discardableResult
    private static func update(_ projects: inout [Project], _ code: String, _ change: (inout Project) -> Void) -> Bool {
        for i in projects.indices {
            if projects[i].code == code {
                change(&projects[i])
                return true
            }
            if update(&projects[i].children, code, change) { return true }
        }
        return false
    }

    /// A rule relaxed to the ratio its repaired allocation reaches. A rule measured on many instances
    /// takes the loosest ratio any of its repaired instances needs: looser for the others too, which the
    /// re-solve shows does no harm.
    private static func relax(_ loaded: inout LoadedPlan, rule id: String, instance: String?, to reached: Double) {
        let tierRatio = loaded.tierRatio ?? 0
        func change(_ rule: inout Rule) {
            switch rule.kind {
            case .counterpart(let levels, let of, let ratio, let scope, let capital):
                let current: Double = switch ratio {
                case .value(let value): value
                case .tier: tierRatio
                }
                rule.kind = .counterpart(levels: levels, of: of, ratio: .value(min(current, reached)), scope: scope, capital: capital)
            case .share(let project, let atMost, let atLeast, let sources):
                if instance == "min" {
                    rule.kind = .share(project: project, atMost: atMost, atLeast: atLeast.map { min($0, reached) }, sources: sources)
                } else {
                    rule.kind = .share(project: project, atMost: atMost.map { max($0, min(1, reached)) }, atLeast: atLeast, sources: sources)
                }
            case .bar, .investmentOnly: break
            }
        }
        if let i = loaded.plan.rules.firstIndex(where: { $0.id == id }) {
            change(&loaded.plan.rules[i])
        } else if let i = loaded.ruleSet.rules.firstIndex(where: { $0.id == id }) {
            change(&loaded.ruleSet.rules[i])
        }
    }

    /// Solves the repaired plan: first with the proposed (rounded) amounts, and, should that fail, with the
    /// exact ones. Never diagnoses again, so a repair that does not work cannot start another diagnosis.
    func resolve<Factory: LinearProgramSessionFactory>(_ repairs: [Repair], factory: Factory, options: SolveOptions,
                                                       budget: SolveBudget) -> RepairResolve? {
        guard !repairs.isEmpty else { return nil }
        let roundedDiffers = repairs.contains(where: \.isRounded)
        let first = resolve(apply(repairs, rounded: true), factory: factory, options: options, budget: budget, rounded: roundedDiffers)
        guard first.outcome != .solved, roundedDiffers else { return first }
        let exact = resolve(apply(repairs, rounded: false), factory: factory, options: options, budget: budget, rounded: false)
        return exact.outcome == .solved ? exact : first
    }

    private func resolve<Factory: LinearProgramSessionFactory>(_ loaded: LoadedPlan, factory: Factory, options: SolveOptions,
                                                               budget: SolveBudget, rounded: Bool) -> RepairResolve {
        do {
            let prepared = try PreparedPlan(loaded)
            guard let compiled = prepared.compiled else {
                return RepairResolve(outcome: .unfinished, rounded: rounded)
            }
            let run = try PlanSolver(factory: factory, options: options)
                .solveStages(compiled, tolerance: loaded.plan.objective.tolerance, options: options, budget: budget)
            let values = run.stageValues.map(\.value)
            switch run.final.status {
            case .optimal:
                let allocation = run.allocation(compiled)
                let items = AllocationCheck(prepared.structure).items(for: allocation)
                guard !run.isDoubtful, items.allSatisfy(\.satisfied) else {
                    return RepairResolve(outcome: .unfinished, solverStatus: .numericalTrouble, stageValues: values, rounded: rounded)
                }
                let allocated = allocation.keys.sorted().reduce(0) { $0 + (allocation[$1] ?? 0) }
                return RepairResolve(outcome: .solved, stageValues: values, allocated: allocated, rounded: rounded)
            case .infeasible, .infeasibleOrUnbounded:
                return RepairResolve(outcome: .infeasible, solverStatus: run.final.status, stageValues: values, rounded: rounded)
            default:
                return RepairResolve(outcome: .unfinished, solverStatus: run.final.status, stageValues: values, rounded: rounded)
            }
        } catch {
            return RepairResolve(outcome: .unfinished, solverStatus: .numericalTrouble, rounded: rounded)
        }
    }
}
