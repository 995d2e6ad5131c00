import Foundation
import LinearProgramming

/// `cofund distribute`: solves the plan as `solve` does (whole units), then divides each line's money
/// among the areas by the formula — in one level, or as the administration does it, provinces first and
/// then each province's communes on their own, in parallel — and re-checks the result at every level.
public struct DistributionRunner<Factory: LinearProgramSessionFactory & LinearProgramSolver & IntegerProgramSolver>: Sendable {
    public var solver: PlanSolver<Factory>
    public var threads: Int

    public init(solver: PlanSolver<Factory>, threads: Int = 1) {
        self.solver = solver
        self.threads = threads
    }

    public func run(_ loaded: LoadedPlan, table: AreaTable, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> DistributionStudy {
        let clock = DistributionClock()
        let setup = try DistributionSetup(loaded, table: table)
        let planSolution = try solver.solve(loaded)
        var study = DistributionStudy(setup: setup, plan: planSolution)
        study.timings.plan = clock.lap()
        guard case .solved(let solved) = planSolution else { return study }
        let totals = solved.allocation.sorted { $0.key < $1.key }.map { (key: $0.key, total: $0.value) }
        let level = DistributionLevelSolver(solver: solver.factory, options: solver.options, wholeUnits: solver.wholeUnits)

        if !setup.isHierarchical {
            study.top = try level.solve(DistributionMonolithic.problem(setup, totals: totals))
            study.timings.solve = clock.lap()
        } else {
            let groups = setup.groups
            let units = groups.map { DistributionProblem.Unit(id: $0.id, name: $0.name) }
            let top = try DistributionProblem.build(setup, name: "groups", units: units, totals: totals,
                                                    counterpart: setup.settings.counterpart != .plan, weight: { leaf, g in
                let reached = groups[g].members.filter { setup.reaches(leaf, setup.areas[$0]) }
                return reached.isEmpty ? nil : reached.reduce(0) { $0 + setup.areas[$1].score }
            }, bounds: { spec, g in
                // A province may receive what its communes' limits allow together.
                var lower = 0.0, upper = 0.0, any = false
                for member in groups[g].members {
                    guard let (l, u) = DistributionProblem.areaBounds(setup, spec: spec, area: setup.areas[member]) else { upper = .infinity; continue }
                    any = true
                    lower += l
                    upper += u
                }
                return any ? (lower, upper) : nil
            })
            let topOutcome = try level.solve(top)
            study.top = topOutcome
            guard case .solved(let first) = topOutcome else {
                study.timings.solve = clock.lap()
                return study
            }
            let amounts = first.amounts
            let count = groups.count
            let tick: (@Sendable (Int) -> Void)? = progress.map { report in { @Sendable done in report(done, count) } }
            study.groups = try ParallelMap.map(count, threads: threads, progress: tick) { (g: Int) throws -> DistributionLevelOutcome in
                let members = groups[g].members
                var groupTotals: [(key: AllocationKey, total: Double)] = []
                for (index, pair) in first.problem.pairs.enumerated() where pair.unit == g {
                    groupTotals.append((first.problem.cells[pair.cell].key, amounts[index]))
                }
                let problem = try DistributionProblem.build(
                    setup, name: groups[g].id, units: members.map { DistributionProblem.Unit(id: setup.areas[$0].id, name: setup.areas[$0].name) },
                    totals: groupTotals, counterpart: setup.settings.counterpart == .perArea,
                    weight: { leaf, i in setup.reaches(leaf, setup.areas[members[i]]) ? setup.areas[members[i]].score : nil },
                    bounds: { spec, i in DistributionProblem.areaBounds(setup, spec: spec, area: setup.areas[members[i]]) })
                return try level.solve(problem)
            }
            study.timings.solve = clock.lap()
        }
        study.checks = DistributionCheck(setup: setup, totals: totals).items(study.lines, complete: study.outcome == .solved)
        study.timings.check = clock.lap()
        return study
    }
}

/// Seconds per phase of a run (the benchmark reads them; reports never show them).
public struct DistributionTimings: Sendable, Equatable {
    public var plan = 0.0
    public var solve = 0.0
    public var check = 0.0
}

final class DistributionClock: @unchecked Sendable {
    private var last = Date()
    func lap() -> Double {
        let now = Date()
        defer { last = now }
        return now.timeIntervalSince(last)
    }
}

/// A distribution run: the plan's own solve, each level's outcome and the re-check.
public struct DistributionStudy: Sendable {
    public var setup: DistributionSetup
    public var plan: PlanSolution
    /// The provinces' level of a hierarchical run, or the only level.
    public var top: DistributionLevelOutcome?
    /// Each province's communes, in the table's order (hierarchical runs whose first level was solved).
    public var groups: [DistributionLevelOutcome] = []
    public var checks: [DistributionCheckItem] = []
    public var timings = DistributionTimings()

    /// How the run ended: the plan's outcome, then the first level's, then whether every province solved.
    public var outcome: PlanOutcome {
        guard plan.outcome == .solved, let top else { return plan.outcome }
        switch top {
        case .infeasible: return .infeasible
        case .unfinished: return .unfinished
        case .solved:
            if groups.contains(where: { if case .infeasible = $0 { true } else { false } }) { return .infeasible }
            if groups.contains(where: { if case .unfinished = $0 { true } else { false } }) { return .unfinished }
            return .solved
        }
    }

    /// Every area's money per line, in the table's order of areas: the amounts reported (whole units
    /// when found), beside the formula's amount for the whole run and the amount of its own level.
    public var lines: [DistributionLine] {
        var lines: [DistributionLine] = []
        func add(_ solution: DistributionLevelSolution, areaIndex: (Int) -> Int) {
            let amounts = solution.amounts
            for (index, pair) in solution.problem.pairs.enumerated() {
                lines.append(DistributionLine(area: areaIndex(pair.unit), key: solution.problem.cells[pair.cell].key,
                                              levelTarget: pair.target, continuous: solution.continuous[index], amount: amounts[index]))
            }
        }
        if setup.isHierarchical {
            for (g, outcome) in groups.enumerated() {
                guard case .solved(let solution) = outcome else { continue }
                add(solution) { setup.groups[g].members[$0] }
            }
        } else if case .solved(let solution)? = top {
            add(solution) { $0 }
        }
        return lines.sorted { ($0.area, $0.key) < ($1.area, $1.key) }
    }
}

/// One area's money of one line (project, source, capital type).
public struct DistributionLine: Sendable, Equatable {
    /// Index into `DistributionSetup.areas`.
    public var area: Int
    public var key: AllocationKey
    /// The formula's amount within its own level (a province's communes share the province's amount).
    public var levelTarget: Double
    public var continuous: Double
    public var amount: Double
}
