import LinearProgramming

/// The whole distribution as one level: every area at once, under the plan's totals. It is how a
/// one-level table is solved, and for a hierarchical table it is the single program a general LP solver
/// would be given instead (the benchmark solves it in glpsol and HiGHS; `distribute --export-lp` writes it).
/// Without limits that bind at the provinces' level the two give the same distance: a commune's formula
/// amount is its score over the country's, whichever way it is reached.
public enum DistributionMonolithic {
    public static func problem(_ setup: DistributionSetup, totals: [(key: AllocationKey, total: Double)]) throws -> DistributionProblem {
        let units = setup.areas.map { DistributionProblem.Unit(id: $0.id, name: $0.name) }
        return try DistributionProblem.build(setup, name: "areas", units: units, totals: totals, counterpart: setup.settings.counterpart == .perArea,
                                             weight: { leaf, i in setup.reaches(leaf, setup.areas[i]) ? setup.areas[i].score : nil },
                                             bounds: { spec, i in DistributionProblem.areaBounds(setup, spec: spec, area: setup.areas[i]) })
    }

    /// The distance stage over every area for a run whose plan was solved (empty totals otherwise).
    public static func program(_ study: DistributionStudy) throws -> LinearProgram {
        let totals = study.plan.allocation.sorted { $0.key < $1.key }.map { (key: $0.key, total: $0.value) }
        return try DistributionProgram.deviation(problem(study.setup, totals: totals))
    }
}
