import LinearProgramming

/// The linear programs of one distribution level.
///
/// Each pair's money is its formula amount plus what it gets over it minus what it gets under it:
/// y = t + over − under, with 0 ≤ under ≤ t so that y ≥ 0. Writing y this way keeps one row per cell and
/// per limit, and makes the distance from the formula a plain sum of columns.
///
/// The distance is L1 (the sum of the amounts by which areas are above or below their formula shares):
/// it is linear, it counts a million the same wherever it goes, and at its optimum no area is moved off
/// its share unless a limit or a rule forces it. L1 alone is indifferent to *which* areas take money that
/// a capped area cannot; the evenness stage then keeps L1 at its optimum and minimises the largest
/// relative excess plus the largest relative shortfall, which spreads that money in proportion to the
/// other areas' shares (the "largest relative deviation" measure, used second rather than alone because on
/// its own it lets every area below the largest deviation move freely).
public enum DistributionProgram {
    static func pairName(_ p: DistributionProblem, _ index: Int) -> String {
        let pair = p.pairs[index], key = p.cells[pair.cell].key
        return "\(p.units[pair.unit].id),\(key.project),\(key.source),\(key.capital.rawValue)"
    }

    /// Stage 1: the least L1 distance from the formula, every rule met. Columns: over then under per pair.
    public static func deviation(_ p: DistributionProblem) throws -> LinearProgram {
        var b = LinearProgramBuilder(name: "distribution", sense: .minimize, objectiveName: "distance")
        try addPairs(&b, p)
        try addRows(&b, p)
        return b.program
    }

    /// Stage 2: L1 held at `distance` (with a tolerance for the solver's arithmetic); minimise the
    /// largest relative excess plus the largest relative shortfall.
    public static func evenness(_ p: DistributionProblem, distance: Double) throws -> LinearProgram {
        var b = LinearProgramBuilder(name: "distribution_even", sense: .minimize, objectiveName: "evenness")
        let names = p.pairs.indices.map { pairName(p, $0) }  // each used four times
        try addPairs(&b, p, objective: false, names: names)
        try addRows(&b, p)
        let overRate = try b.addColumn("largest_over_rate", objective: 1)
        let underRate = try b.addColumn("largest_under_rate", objective: 1)
        for index in p.pairs.indices where p.pairs[index].target > 0 {
            let t = p.pairs[index].target
            try b.addRow("over_rate[" + names[index] + "]", bounds: .atMost(0), terms: [(2 * index, 1), (overRate, -t)])
            try b.addRow("under_rate[" + names[index] + "]", bounds: .atMost(0), terms: [(2 * index + 1, 1), (underRate, -t)])
        }
        try b.addRow("distance", bounds: .atMost(distance + Tolerances.recheck * max(1, distance)),
                     terms: p.pairs.indices.flatMap { [(2 * $0, 1.0), (2 * $0 + 1, 1.0)] })
        return b.program
    }

    private static func addPairs(_ b: inout LinearProgramBuilder, _ p: DistributionProblem, objective: Bool = true,
                                 names: [String]? = nil) throws {
        // Two columns a pair, and about as many rows again (the evenness stage's two per pair, the limits).
        b.reserve(columns: 2 * p.pairs.count + 2, rows: 2 * p.pairs.count + 1)
        for index in p.pairs.indices {
            let name = names?[index] ?? pairName(p, index)
            try b.addColumn("over[" + name + "]", bounds: .nonNegative, objective: objective ? 1 : 0)
            try b.addColumn("under[" + name + "]", bounds: .between(0, p.pairs[index].target), objective: objective ? 1 : 0)
        }
    }

    /// Σ (over − under) over some pairs, and Σ t over them.
    private static func moves(_ pairs: [Int], _ p: DistributionProblem, times factor: Double = 1) -> (terms: [(column: Int, coefficient: Double)], target: Double) {
        var terms: [(column: Int, coefficient: Double)] = []
        terms.reserveCapacity(2 * pairs.count)
        var target = 0.0
        for index in pairs {
            terms.append((2 * index, factor))
            terms.append((2 * index + 1, -factor))
            target += factor * p.pairs[index].target
        }
        return (terms, target)
    }

    private static func addRows(_ b: inout LinearProgramBuilder, _ p: DistributionProblem) throws {
        for cell in p.cells {
            let (terms, target) = moves(Array(cell.pairs), p)
            let key = cell.key
            try b.addRow("total[\(key.project),\(key.source),\(key.capital.rawValue)]", bounds: .exactly(cell.total - target), terms: terms)
        }
        for (index, limit) in p.limits.enumerated() {
            let (terms, target) = moves(limit.pairs, p)
            try b.addRow("limit\(limit.spec + 1)[\(p.units[limit.unit].id),\(index)]",
                         bounds: .between(limit.lower - target, limit.upper - target), terms: terms)
        }
        for row in p.counterparts {
            let local = moves(row.local, p), base = moves(row.base, p, times: -row.ratio)
            try b.addRow("counterpart[\(row.rule),\(row.instance ?? "plan"),\(p.units[row.unit].id)]",
                         bounds: .atLeast(-(local.target + base.target)), terms: local.terms + base.terms)
        }
    }

    /// Stage 3: whole units. Each pair's amount y* of stage 2 becomes ⌊y*⌋ or ⌊y*⌋ + 1 (binary `up`); the
    /// distance |y − y*| is r + up·(1 − 2r) for the fraction r, so the objective is Σ up·(1 − 2r) and the
    /// relaxation of one cell alone is already whole (the largest fractions go up). A tie leans to the
    /// earlier area in the table (a coefficient up to 10⁻⁷ smaller), though the solver may take so small a
    /// difference as none; either way the choice is the same on every run.
    /// A counterpart in an area is met within rounding: short by less than one unit. Half a unit is not
    /// enough: when the plan's local money is exactly the ratio of its central money, every area whose
    /// exact local amount ends in .6 would need rounding up, more units than the total holds.
    ///
    /// `decided` pairs are whole already (an earlier phase); only the pairs in `phase` are rounded, and only
    /// rows whose pairs are all decided or in the phase are kept (the others wait for a later phase).
    static func wholeUnits(_ p: DistributionProblem, amounts: [Double], decided: [Double?], phase: Set<Int>?) throws
        -> (program: LinearProgram, floors: [Double], binary: [Int?]) {
        var b = LinearProgramBuilder(name: "distribution_whole", sense: .minimize, objectiveName: "rounding")
        var floors = [Double](), binary = [Int?](repeating: nil, count: p.pairs.count)
        floors.reserveCapacity(p.pairs.count)
        for (index, y) in amounts.enumerated() {
            if let value = decided[index] { floors.append(value); continue }
            let nearest = y.rounded()
            let whole = abs(y - nearest) <= 1e-7 * max(1, abs(y))
            let floor = whole ? nearest : y.rounded(.down)
            floors.append(floor)
            guard !whole, phase?.contains(index) ?? true else { continue }
            let r = y - floor
            let tie = 1e-7 * Double(index) / Double(max(1, p.pairs.count))
            binary[index] = try b.addColumn("up[\(pairName(p, index))]", bounds: .between(0, 1), objective: 1 - 2 * r + tie, isInteger: true)
        }
        func ready(_ pairs: [Int]) -> Bool { phase == nil || pairs.allSatisfy { decided[$0] != nil || phase!.contains($0) } }
        func row(_ pairs: [Int], factor: Double = 1) -> (terms: [(column: Int, coefficient: Double)], fixed: Double) {
            var terms: [(column: Int, coefficient: Double)] = [], fixed = 0.0
            for index in pairs {
                fixed += factor * floors[index]
                if let column = binary[index] { terms.append((column, factor)) }
            }
            return (terms, fixed)
        }
        for cell in p.cells where ready(Array(cell.pairs)) {
            let (terms, fixed) = row(Array(cell.pairs))
            try b.addRow("total[\(cell.key.project),\(cell.key.source),\(cell.key.capital.rawValue)]", bounds: .exactly(cell.total - fixed), terms: terms)
        }
        for (index, limit) in p.limits.enumerated() where ready(limit.pairs) {
            let (terms, fixed) = row(limit.pairs)
            let (lower, upper) = DistributionProblem.wholeRange(lower: limit.lower - fixed, upper: limit.upper - fixed)
            try b.addRow("limit\(limit.spec + 1)[\(p.units[limit.unit].id),\(index)]", bounds: .between(lower, upper), terms: terms)
        }
        for row_ in p.counterparts where ready(row_.local + row_.base) {
            let local = row(row_.local), base = row(row_.base, factor: -row_.ratio)
            var lower = -(1 - 1e-6) - (local.fixed + base.fixed)
            // With the base money decided, the row counts whole units: at least 2.3 of them is at least 3.
            // A whole bound keeps the relaxation's corners whole.
            if base.terms.isEmpty { lower = (lower - 1e-9).rounded(.up) }
            try b.addRow("counterpart[\(row_.rule),\(row_.instance ?? "plan"),\(p.units[row_.unit].id)]",
                         bounds: .atLeast(lower), terms: local.terms + base.terms)
        }
        return (b.program, floors, binary)
    }

    /// The diagnosis: every limit and per-area counterpart may give way, at a cost of one per unit; the
    /// cells' totals may not (they are the plan's own proposal). What gives way is the repair.
    static func elastic(_ p: DistributionProblem) throws -> (program: LinearProgram, slack: [(row: ElasticRow, column: Int, loosens: Bool)]) {
        var b = LinearProgramBuilder(name: "distribution_repair", sense: .minimize, objectiveName: "repair")
        try addPairs(&b, p, objective: false)
        try addRows(&b, p)
        var slack: [(row: ElasticRow, column: Int, loosens: Bool)] = []
        let cellRows = p.cells.count
        for (index, limit) in p.limits.enumerated() {
            let rowIndex = cellRows + index
            if limit.lower > 0 {
                let column = try b.addColumn("lower_floor[\(index)]", objective: 1)
                b.appendTerm(row: rowIndex, column: column, coefficient: 1)
                slack.append((.limit(index), column, false))
            }
            if limit.upper < .infinity {
                let column = try b.addColumn("raise_ceiling[\(index)]", objective: 1)
                b.appendTerm(row: rowIndex, column: column, coefficient: -1)
                slack.append((.limit(index), column, true))
            }
        }
        for index in p.counterparts.indices {
            let column = try b.addColumn("lower_counterpart[\(index)]", objective: 1)
            b.appendTerm(row: cellRows + p.limits.count + index, column: column, coefficient: 1)
            slack.append((.counterpart(index), column, false))
        }
        return (b.program, slack)
    }

    enum ElasticRow: Sendable, Equatable {
        case limit(Int)
        case counterpart(Int)
    }
}
