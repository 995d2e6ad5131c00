/// An allocation: amounts per (leaf project, source, capital type).
public typealias Allocation = [AllocationKey: Double]

/// One requirement of the plan measured on an allocation.
public struct CheckItem: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case source, need, floor, fixed, counterpart, share, structure
    }

    public var kind: Kind
    /// Rule id, source id or project code.
    public var id: String
    /// The project or sub-project an expanded rule was measured over, or "max"/"min" for shares.
    public var instance: String?
    /// The amount the requirement asks for (a lower or upper limit, see `isUpperLimit`).
    public var required: Double
    public var achieved: Double
    /// Room left before the requirement is violated (negative: violated by that much).
    public var slack: Double
    public var isUpperLimit: Bool
    public var satisfied: Bool
    /// For a requirement that must be met exactly (a source spent in full, a fixed amount).
    public var isEquality: Bool

    public var isBinding: Bool { isEquality || abs(slack) <= Tolerances.binding * max(1, abs(required)) }
}

/// Re-tests an allocation against the plan's rules directly from the plan, without trusting the solver
/// or the compiled linear program. `solve` runs it on its own answers; `check` will run it on plans
/// people wrote.
public struct AllocationCheck: Sendable {
    public let structure: PlanStructure
    /// Absolute tolerance in the plan's unit (million VND), scaled up for large amounts.
    public var tolerance: Double

    /// How far a rule may fall short in absolute terms: half the rounding unit for a whole-unit proposal
    /// whose rules are met within rounding (each rule's required amount rounded, as a document rounds it).
    public var ruleRounding = 0.0

    /// The unit of a whole-unit allocation: a source to spend in full or a fixed amount that is no whole
    /// number of it (exactly 1,000.5) is met within rounding by either whole neighbour (1,000 or 1,001).
    public var wholeUnit: Double?

    public init(_ structure: PlanStructure, tolerance: Double = Tolerances.recheck) {
        self.structure = structure
        self.tolerance = tolerance
    }

    private func allowance(_ scale: Double) -> Double { tolerance * max(1, abs(scale)) }

    public func items(for allocation: Allocation) -> [CheckItem] {
        let plan = structure.plan
        var items: [CheckItem] = []
        let sums = AllocationSums(allocation)

        func sum(leaves: [Project], where include: (AllocationKey) -> Bool) -> Double {
            sums.sum(projects: leaves.lazy.map(\.code), where: include)
        }
        func atMost(_ kind: CheckItem.Kind, _ id: String, _ instance: String?, limit: Double, achieved: Double, rounding: Double = 0) {
            items.append(CheckItem(kind: kind, id: id, instance: instance, required: limit, achieved: achieved, slack: limit - achieved,
                                   isUpperLimit: true, satisfied: achieved <= limit + rounding + allowance(limit), isEquality: false))
        }
        func atLeast(_ kind: CheckItem.Kind, _ id: String, _ instance: String?, limit: Double, achieved: Double, rounding: Double = 0) {
            items.append(CheckItem(kind: kind, id: id, instance: instance, required: limit, achieved: achieved, slack: achieved - limit,
                                   isUpperLimit: false, satisfied: achieved >= limit - rounding - allowance(limit), isEquality: false))
        }
        func exactly(_ kind: CheckItem.Kind, _ id: String, _ instance: String?, value: Double, achieved: Double) {
            // An equality has no room either way: its slack is minus the distance, negative when it misses
            // from below as from above.
            var met = abs(achieved - value) <= allowance(value)
            if !met, let unit = wholeUnit {
                let units = value / unit, below = (units + 1e-9).rounded(.down) * unit, above = (units - 1e-9).rounded(.up) * unit
                met = below != above && achieved >= below - allowance(value) && achieved <= above + allowance(value)
            }
            items.append(CheckItem(kind: kind, id: id, instance: instance, required: value, achieved: achieved, slack: -abs(achieved - value),
                                   isUpperLimit: true, satisfied: met, isEquality: true))
        }

        // Structure: only allowed money, never negative, only to leaves the plan allocates to.
        let allocated = Set(structure.allocatedLeaves.map(\.code))
        for (key, amount) in sums.entries {
            let allowed = allocated.contains(key.project)
                && (structure.source(key.source)?.capital.contains(key.capital) ?? false)
                && structure.capital(key.project).contains(key.capital)
                && !structure.isBarred(source: key.source, leaf: key.project)
            // A NaN fails every comparison, so it is caught by name: otherwise it would pass where no sum counts it.
            if !amount.isFinite || amount < -allowance(0) || (!allowed && abs(amount) > allowance(0)) {
                items.append(CheckItem(kind: .structure, id: "\(key.project)/\(key.source)/\(key.capital.rawValue)", instance: nil,
                                       required: 0, achieved: amount, slack: -abs(amount), isUpperLimit: true, satisfied: false,
                                       isEquality: false))
            }
        }

        let leaves = structure.allocatedLeaves
        for source in plan.sources {
            guard let available = source.available else { continue }
            let used = sums.total(source: source.id)
            if source.spendInFull { exactly(.source, source.id, nil, value: available, achieved: used) }
            else { atMost(.source, source.id, nil, limit: available, achieved: used) }
        }

        for project in structure.allProjects {
            let covered = structure.leaves(under: project.code)
            if covered.isEmpty { continue }
            // With the counterpart on top, needs and floors count central money only.
            let inNeed: (AllocationKey) -> Bool = { !plan.counterpartOnTop || structure.source($0.source)?.level == .central }
            if let need = project.need.total { atMost(.need, project.code, nil, limit: need, achieved: sum(leaves: covered, where: inNeed)) }
            if let floor = project.floor.total { atLeast(.floor, project.code, nil, limit: floor, achieved: sum(leaves: covered, where: inNeed)) }
            for c in CapitalType.allCases {
                let byCapital = sum(leaves: covered) { $0.capital == c && inNeed($0) }
                if let need = project.need.byCapital[c] { atMost(.need, project.code, c.rawValue, limit: need, achieved: byCapital) }
                if let floor = project.floor.byCapital[c] { atLeast(.floor, project.code, c.rawValue, limit: floor, achieved: byCapital) }
            }
            for (source, amount) in project.fixed.sorted(by: { $0.key < $1.key }) {
                exactly(.fixed, project.code, source, value: amount, achieved: sum(leaves: covered) { $0.source == source })
            }
        }

        for rule in structure.loaded.rules {
            switch rule.kind {
            case .counterpart(let levels, let of, let ratio, let scope, let capital):
                let r = structure.ratio(ratio)
                for instance in structure.instances(of: scope) {
                    let level: (AllocationKey, [BudgetLevel]) -> Bool = { key, levels in
                        guard let source = structure.source(key.source) else { return false }
                        return levels.contains(source.level) && (capital == nil || key.capital == capital)
                    }
                    let local = sum(leaves: instance.leaves) { level($0, levels) }
                    let base = sum(leaves: instance.leaves) { level($0, of) }
                    atLeast(.counterpart, rule.id, instance.name, limit: r * base, achieved: local, rounding: ruleRounding)
                }
            case .share(let project, let maxRatio, let minRatio, let sources):
                let inScope: (AllocationKey) -> Bool = { sources?.contains($0.source) ?? true }
                let own = sum(leaves: structure.leaves(under: project), where: inScope)
                let all = sum(leaves: leaves, where: inScope)
                if let maxRatio { atMost(.share, rule.id, "max", limit: maxRatio * all, achieved: own, rounding: ruleRounding) }
                if let minRatio { atLeast(.share, rule.id, "min", limit: minRatio * all, achieved: own, rounding: ruleRounding) }
            case .bar, .investmentOnly:
                continue  // covered by the structure check above
            }
        }
        return items
    }

    /// The requirements an allocation breaks.
    public func violations(of allocation: Allocation) -> [CheckItem] { items(for: allocation).filter { !$0.satisfied } }
}
