/// Why an area's money differs from its formula share: the limit or rule that binds on it, the money
/// it takes or gives because other areas are capped or lifted, its province's own amount, or rounding.
struct DistributionCauses {
    private struct Place {
        var solution: DistributionLevelSolution
        /// Which of the run's solutions (for the row indexes below) and which pair of it.
        var level: Int
        var pair: Int
    }

    private let setup: DistributionSetup
    /// Each line's place (by the line's index), nil for a line of no solved level.
    private var places: [Place?] = []
    /// The limit rows and counterpart rows of each pair, per solution.
    private var limitRows: [[[Int]]] = []
    private var counterpartRows: [[[Int]]] = []

    init(_ study: DistributionStudy, lines: [DistributionLine]) {
        setup = study.setup
        var solutions: [DistributionLevelSolution] = []
        var areaOf: [(Int) -> Int] = []
        if setup.isHierarchical {
            for (g, outcome) in study.groups.enumerated() {
                if case .solved(let s) = outcome { solutions.append(s); areaOf.append { [setup] in setup.groups[g].members[$0] } }
            }
        } else if case .solved(let s)? = study.top {
            solutions.append(s)
            areaOf.append { $0 }
        }
        struct PairKey: Hashable { var area: Int, key: AllocationKey }
        var indexOf: [PairKey: (Int, Int)] = [:]
        for (k, solution) in solutions.enumerated() {
            var limits = Array(repeating: [Int](), count: solution.problem.pairs.count), counterparts = limits
            for (r, row) in solution.problem.limits.enumerated() { for p in row.pairs { limits[p].append(r) } }
            for (r, row) in solution.problem.counterparts.enumerated() { for p in row.local + row.base { counterparts[p].append(r) } }
            limitRows.append(limits)
            counterpartRows.append(counterparts)
            for (p, pair) in solution.problem.pairs.enumerated() {
                let key = solution.problem.cells[pair.cell].key
                indexOf[PairKey(area: areaOf[k](pair.unit), key: key)] = (k, p)
            }
        }
        places = lines.map { line in
            indexOf[PairKey(area: line.area, key: line.key)].map { k, p in Place(solution: solutions[k], level: k, pair: p) }
        }
    }

    func cause(of index: Int, line: DistributionLine, formula: Double) -> Message? {
        guard index < places.count, let place = places[index] else { return nil }
        let k = place.level
        let tolerance = 1e-6 * max(1, abs(line.levelTarget))
        let moved = line.continuous - line.levelTarget
        if abs(moved) <= tolerance {
            if abs(line.amount - formula) < 1e-6 { return nil }
            // The province's whole amount explains the difference only where it points the same way; the
            // rest is the commune's own rounding.
            let fromProvince = line.levelTarget - formula, difference = line.amount - formula
            if abs(fromProvince) > 1e-6 && fromProvince * difference > 0 && abs(fromProvince) >= abs(line.amount - line.levelTarget) {
                return Message(fromProvince > 0 ? .distCauseGroupMore : .distCauseGroupLess)
            }
            return Message(.distCauseRounding)
        }
        let problem = place.solution.problem, amounts = place.solution.continuous
        for r in limitRows[k][place.pair] {
            let row = problem.limits[r]
            let activity = row.pairs.reduce(0) { $0 + amounts[$1] }
            let limit = setup.limits[row.spec]
            if limit.kind == .fixed, abs(row.lower - row.lower.rounded()) > 1e-9 * max(1, row.lower), line.amount == line.amount.rounded(), activity <= row.lower + tolerance {
                return Message(.distCauseFixedRounded, .message(DistributionWording.limit(limit, setup)))
            }
            if moved > 0, row.lower > 0, activity <= row.lower + tolerance {
                return Message(limit.kind == .fixed ? .distCauseFixed : .distCauseFloor, .message(DistributionWording.limit(limit, setup)))
            }
            if moved < 0, row.upper < .infinity, activity >= row.upper - tolerance {
                return Message(limit.kind == .fixed ? .distCauseFixed : .distCauseCeiling, .message(DistributionWording.limit(limit, setup)))
            }
        }
        // Local money that moves with the central money it must match: the counterpart in the area. (Rows
        // of central money are tight wherever the plan spends exactly the ratio, so they explain nothing.)
        for r in counterpartRows[k][place.pair] where problem.counterparts[r].local.contains(place.pair) {
            let row = problem.counterparts[r]
            let slack = row.local.reduce(0) { $0 + amounts[$1] } - row.ratio * row.base.reduce(0) { $0 + amounts[$1] }
            // By what the rule says, not by its id: the cause column is read by people.
            if slack <= tolerance, let rule = setup.structure.loaded.rules.first(where: { $0.id == row.rule }) {
                return Message(.distCauseCounterpart, .message(PlanWording(structure: setup.structure).ruleDescription(rule)))
            }
        }
        return Message(moved > 0 ? .distCauseAbsorbs : .distCauseYields)
    }
}
