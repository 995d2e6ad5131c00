/// Re-checks a division against the plan, the formula's and the plan's limits and the per-area
/// counterpart, from the setup alone: it never reads the solver's rows, so a wrong row in the model
/// shows up here as a failed check.
public struct DistributionCheck: Sendable {
    public let setup: DistributionSetup
    /// The plan's proposal per line: what the areas' amounts must add up to.
    public let totals: [(key: AllocationKey, total: Double)]
    /// Absolute slack of a check, in the plan's unit (the amounts are whole; limits may be fractional).
    public var tolerance = 1e-6

    public init(setup: DistributionSetup, totals: [(key: AllocationKey, total: Double)]) {
        self.setup = setup
        self.totals = totals
    }

    /// `complete`: every area was divided, so each line's areas must add up to the plan's total.
    public func items(_ lines: [DistributionLine], complete: Bool = true) -> [DistributionCheckItem] {
        var items: [DistributionCheckItem] = []
        var sumByKey: [AllocationKey: Double] = [:]
        var linesOfArea = Array(repeating: [DistributionLine](), count: setup.areas.count)
        for line in lines {
            sumByKey[line.key, default: 0] += line.amount
            linesOfArea[line.area].append(line)
        }
        for (key, total) in totals where complete && total > 0 && setup.distributes(key.project) {
            let sum = sumByKey[key] ?? 0
            items.append(DistributionCheckItem(kind: .total, id: "\(key.project)/\(key.source)/\(key.capital.rawValue)", area: nil,
                                               required: total, achieved: sum, satisfied: abs(sum - total) <= tolerance))
        }
        for (spec, limit) in setup.limits.enumerated() {
            for (index, area) in setup.areas.enumerated() {
                guard let (lower, upper) = DistributionProblem.areaBounds(setup, spec: spec, area: area) else { continue }
                let sum = linesOfArea[index].filter { setup.covers(limit, leaf: $0.key.project, source: $0.key.source) }.reduce(0) { $0 + $1.amount }
                if sum == 0 && lower <= 0 { continue }
                let ok = sum >= lower - tolerance && sum <= upper + tolerance
                items.append(DistributionCheckItem(kind: .limit, id: "limit\(spec + 1)", area: area.id,
                                                   required: sum < lower ? lower : (upper.isFinite ? upper : lower), achieved: sum, satisfied: ok))
            }
        }
        if setup.settings.counterpart == .perArea {
            let structure = setup.structure
            // A whole-unit division meets a ratio within rounding, as the document's own figures do: half a
            // unit at each level it is rounded at.
            let rounding = lines.allSatisfy({ $0.amount == $0.amount.rounded() }) ? (setup.isHierarchical ? 1.0 : 0.5) : 0
            for rule in structure.loaded.rules {
                guard case .counterpart(let levels, let of, let ratio, let scope, let capital) = rule.kind else { continue }
                for instance in structure.instances(of: scope) {
                    let leaves = Set(instance.leaves.map(\.code))
                    // The rule's ratio, or what the plan's own totals reach where they meet it within rounding.
                    var local = 0.0, base = 0.0
                    for (key, total) in totals where leaves.contains(key.project) && (capital.map { $0 == key.capital } ?? true) {
                        guard let level = structure.source(key.source)?.level else { continue }
                        if levels.contains(level) { local += total }
                        if of.contains(level) { base += total }
                    }
                    let r = min(structure.ratio(ratio), base > 0 ? local / base : .infinity)
                    for (index, area) in setup.areas.enumerated() {
                        var local = 0.0, base = 0.0, any = false
                        for line in linesOfArea[index] where leaves.contains(line.key.project) && (capital.map { $0 == line.key.capital } ?? true) {
                            guard let level = structure.source(line.key.source)?.level else { continue }
                            if levels.contains(level) { local += line.amount }
                            if of.contains(level) { base += line.amount; any = true }
                        }
                        guard any else { continue }
                        items.append(DistributionCheckItem(kind: .counterpart, id: rule.id, area: area.id, required: r * base, achieved: local,
                                                           satisfied: local >= r * base - rounding - tolerance))
                    }
                }
            }
        }
        return items
    }
}

/// One requirement measured on a division.
public struct DistributionCheckItem: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// The areas' amounts of a line add up to the plan's.
        case total
        /// A floor, ceiling or fixed amount of an area.
        case limit
        /// The counterpart rule in an area.
        case counterpart
    }

    public var kind: Kind
    public var id: String
    public var area: String?
    public var required: Double
    public var achieved: Double
    public var satisfied: Bool
}
