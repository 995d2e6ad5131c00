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
        let whole = lines.allSatisfy { $0.amount == $0.amount.rounded() }
        for (spec, limit) in setup.limits.enumerated() {
            for (index, area) in setup.areas.enumerated() {
                guard let (lower, upper) = DistributionProblem.areaBounds(setup, spec: spec, area: area) else { continue }
                let met = whole ? DistributionProblem.wholeRange(lower: lower, upper: upper) : (lower: lower, upper: upper)
                let sum = linesOfArea[index].filter { setup.covers(limit, leaf: $0.key.project, source: $0.key.source) }.reduce(0) { $0 + $1.amount }
                if sum == 0 && lower <= 0 { continue }
                let ok = sum >= met.lower - tolerance && sum <= met.upper + tolerance
                items.append(DistributionCheckItem(kind: .limit, id: "limit\(spec + 1)", area: area.id,
                                                   required: sum < lower ? lower : (upper.isFinite ? upper : lower), achieved: sum, satisfied: ok))
            }
        }
        if setup.settings.counterpart != .plan {
            let structure = setup.structure
            // A whole-unit division meets a ratio within rounding, short by less than one unit in an area
            // (DistributionProgram.wholeUnits says why not half).
            let rounding = whole ? 1.0 - 1e-6 : 0
            var groupOf = Array(repeating: -1, count: setup.areas.count)
            for (g, group) in setup.groups.enumerated() { for member in group.members { groupOf[member] = g } }
            for rule in structure.loaded.rules {
                guard case .counterpart(let levels, let of, let ratio, let scope, let capital) = rule.kind else { continue }
                for instance in structure.instances(of: scope) {
                    let leaves = Set(instance.leaves.map(\.code))
                    func counts(_ key: AllocationKey) -> Bool { leaves.contains(key.project) && (capital.map { $0 == key.capital } ?? true) }
                    func sides(_ entries: [(key: AllocationKey, amount: Double)]) -> (local: Double, base: Double) {
                        var local = 0.0, base = 0.0
                        for entry in entries where counts(entry.key) {
                            guard let level = structure.source(entry.key.source)?.level else { continue }
                            if levels.contains(level) { local += entry.amount }
                            if of.contains(level) { base += entry.amount }
                        }
                        return (local, base)
                    }
                    // The rule's ratio, or what the money being divided reaches where it meets the rule only
                    // within rounding: the plan's totals for the provinces, each province's for its communes.
                    func reached(_ money: (local: Double, base: Double)) -> Double {
                        min(structure.ratio(ratio), money.base > 0 ? money.local / money.base : .infinity)
                    }
                    let planRatio = reached(sides(totals.map { ($0.key, $0.total) }))
                    var groupMoney = Array(repeating: (local: 0.0, base: 0.0), count: setup.groups.count)
                    var areaMoney = Array(repeating: (local: 0.0, base: 0.0), count: setup.areas.count)
                    for (index, entries) in linesOfArea.enumerated() {
                        let money = sides(entries.map { ($0.key, $0.amount) })
                        areaMoney[index] = money
                        if groupOf[index] >= 0 {
                            groupMoney[groupOf[index]].local += money.local
                            groupMoney[groupOf[index]].base += money.base
                        }
                    }
                    func check(_ id: String, _ money: (local: Double, base: Double), ratio r: Double) {
                        guard money.base > 0 else { return }
                        items.append(DistributionCheckItem(kind: .counterpart, id: rule.id, area: id, required: r * money.base, achieved: money.local,
                                                           satisfied: money.local >= r * money.base - rounding - tolerance))
                    }
                    for (g, group) in setup.groups.enumerated() { check(group.id, groupMoney[g], ratio: planRatio) }
                    for (index, area) in setup.areas.enumerated() where setup.settings.counterpart == .perArea {
                        check(area.id, areaMoney[index], ratio: groupOf[index] >= 0 ? min(planRatio, reached(groupMoney[groupOf[index]])) : planRatio)
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
