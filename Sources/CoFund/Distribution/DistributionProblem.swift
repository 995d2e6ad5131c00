/// One level of a distribution, ready to solve: the money of each line of the plan (a cell: project,
/// source, capital type), the areas it may go to with each one's formula amount (a pair), and the rows
/// that limit the pairs. Solver-neutral: `DistributionProgram` turns it into linear programs.
public struct DistributionProblem: Sendable {
    public struct Unit: Sendable, Equatable {
        public var id: String
        public var name: String
    }

    public struct Cell: Sendable, Equatable {
        public var key: AllocationKey
        public var total: Double
        /// The cell's pairs in `pairs` (contiguous).
        public var pairs: Range<Int>
    }

    /// Money of one cell in one area: the formula's amount is the area's share times the cell's total.
    public struct Pair: Sendable, Equatable {
        public var cell: Int
        public var unit: Int
        public var target: Double
    }

    /// An area's money from some pairs, between `lower` and `upper`: one of the formula's or the plan's limits.
    public struct LimitRow: Sendable, Equatable {
        /// Index into `DistributionSetup.limits`.
        public var spec: Int
        public var unit: Int
        public var pairs: [Int]
        public var lower: Double
        public var upper: Double
    }

    /// A counterpart rule measured in one area: local money at least `ratio` times the base money.
    public struct CounterpartRow: Sendable, Equatable {
        public var rule: String
        public var instance: String?
        public var unit: Int
        public var local: [Int]
        public var base: [Int]
        public var ratio: Double
    }

    public var name: String
    public var units: [Unit]
    public var cells: [Cell]
    public var pairs: [Pair]
    public var limits: [LimitRow]
    public var counterparts: [CounterpartRow]
}

extension DistributionProblem {
    /// Builds one level. `weight(leaf, unit)` is the unit's score for the line, nil where the line does not
    /// reach it; `bounds(spec, unit)` is the limit's lower and upper amount there, nil where it does not apply.
    /// `counterpart`: whether the plan's counterpart rules hold in each unit of this level.
    static func build(_ setup: DistributionSetup, name: String, units: [Unit], totals: [(key: AllocationKey, total: Double)],
                      counterpart: Bool, weight: (String, Int) -> Double?,
                      bounds: (Int, Int) -> (lower: Double, upper: Double)?) throws -> DistributionProblem {
        var cells: [Cell] = [], pairs: [Pair] = []
        var weightsOfLeaf: [String: [Double?]] = [:]
        for (key, total) in totals where total > 0 && setup.distributes(key.project) {
            let weights = weightsOfLeaf[key.project] ?? units.indices.map { weight(key.project, $0) }
            weightsOfLeaf[key.project] = weights
            let sum = weights.reduce(0) { $0 + ($1 ?? 0) }
            guard sum > 0 else { throw PlanError(setup.settings.location, field: "distribution", .distNoScore, .text(key.project), .text(name)) }
            let start = pairs.count
            for (unit, w) in weights.enumerated() {
                guard let w else { continue }
                pairs.append(Pair(cell: cells.count, unit: unit, target: total * w / sum))
            }
            cells.append(Cell(key: key, total: total, pairs: start..<pairs.count))
        }
        var pairsOfUnit = Array(repeating: [Int](), count: units.count)
        for (index, pair) in pairs.enumerated() { pairsOfUnit[pair.unit].append(index) }

        var limits: [LimitRow] = []
        for (spec, limit) in setup.limits.enumerated() {
            for unit in units.indices {
                guard let (lower, upper) = bounds(spec, unit) else { continue }
                let covered = pairsOfUnit[unit].filter { setup.covers(limit, leaf: cells[pairs[$0].cell].key.project, source: cells[pairs[$0].cell].key.source) }
                // A ceiling over no money holds already; a floor over none is kept, so the diagnosis names it.
                if covered.isEmpty && lower <= 0 { continue }
                limits.append(LimitRow(spec: spec, unit: unit, pairs: covered, lower: lower, upper: upper))
            }
        }

        var counterparts: [CounterpartRow] = []
        if counterpart {
            let structure = setup.structure
            // The ratio the money to divide reaches: the rule's, or a little less where the plan meets the
            // rule within rounding (229 of 2,293 is 9.99%, not 10%). Every area can reach it, none more.
            func achieved(_ levels: [BudgetLevel], _ of: [BudgetLevel], _ leaves: Set<String>, _ capital: CapitalType?) -> Double {
                var local = 0.0, base = 0.0
                for cell in cells where leaves.contains(cell.key.project) && (capital.map { $0 == cell.key.capital } ?? true) {
                    guard let level = structure.source(cell.key.source)?.level else { continue }
                    if levels.contains(level) { local += cell.total }
                    if of.contains(level) { base += cell.total }
                }
                return base > 0 ? local / base : .infinity
            }
            for rule in structure.loaded.rules {
                guard case .counterpart(let levels, let of, let ratio, let scope, let capital) = rule.kind else { continue }
                for instance in structure.instances(of: scope) {
                    let leaves = Set(instance.leaves.map(\.code))
                    for unit in units.indices {
                        var local: [Int] = [], base: [Int] = []
                        for index in pairsOfUnit[unit] {
                            let key = cells[pairs[index].cell].key
                            guard leaves.contains(key.project), capital.map({ $0 == key.capital }) ?? true,
                                  let level = structure.source(key.source)?.level else { continue }
                            if levels.contains(level) { local.append(index) }
                            if of.contains(level) { base.append(index) }
                        }
                        guard !base.isEmpty else { continue }
                        counterparts.append(CounterpartRow(rule: rule.id, instance: instance.name, unit: unit, local: local, base: base,
                                                           ratio: min(structure.ratio(ratio), achieved(levels, of, leaves, capital))))
                    }
                }
            }
        }
        return DistributionProblem(name: name, units: units, cells: cells, pairs: pairs, limits: limits, counterparts: counterparts)
    }

    /// The lower and upper amount of a limit for one area row.
    static func areaBounds(_ setup: DistributionSetup, spec: Int, area: DistributionArea) -> (lower: Double, upper: Double)? {
        let limit = setup.limits[spec]
        if let areas = limit.areas, !areas.contains(area.id) && !(area.parent.map(areas.contains) ?? false) { return nil }
        let amount = setup.amount(limit, area: area)
        switch limit.kind {
        case .atLeast: return (amount, .infinity)
        case .atMost: return (0, amount)
        case .fixed: return (amount, amount)
        }
    }

    /// The whole amounts that meet a limit of `lower`...`upper`: at most 500.5 is at most 500. A limit that
    /// holds no whole number (a fixed 300.5, or 0.1 a household) is met within rounding, by either whole
    /// neighbour: a document written in whole millions can give neither more nor less exactly.
    static func wholeRange(lower: Double, upper: Double) -> (lower: Double, upper: Double) {
        let low = (lower - 1e-9).rounded(.up), high = upper == .infinity ? .infinity : (upper + 1e-9).rounded(.down)
        return low <= high ? (low, high) : (high, low)
    }
}
