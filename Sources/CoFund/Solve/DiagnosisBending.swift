/// Which standing a change to a row of the plan has: lawful when the rule set lets that kind of
/// requirement bend (its `bend:` defaults, or a rule's own `bend:`), allowed by the plan when only the
/// plan's `mayBend:` names it, unlawful otherwise.
struct BendPolicy: Sendable {
    let loaded: LoadedPlan
    private let allowedKinds: Set<BendKind>
    private let allowedRules: Set<String>
    private let rules: [String: Rule]
    private let sources: [String: FundingSource]

    init(_ loaded: LoadedPlan) {
        self.loaded = loaded
        var kinds = Set<BendKind>()
        var ruleIds = Set<String>()
        for word in loaded.plan.mayBend {
            if let kind = BendKind(rawValue: word) { kinds.insert(kind) } else { ruleIds.insert(word) }
        }
        allowedKinds = kinds
        allowedRules = ruleIds
        rules = Dictionary(loaded.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        sources = Dictionary(loaded.plan.sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The kind of requirement a row is, for the rows the diagnosis may relax.
    func kind(_ meaning: RowMeaning) -> BendKind? {
        switch meaning {
        case .source(let s), .fixed(_, let s): sources[s].map { BendKind.money($0.level) }
        case .need: .need
        case .floor: .floor
        case .rule: .rules
        case .funded, .stage, .deviation: nil
        }
    }

    func standing(_ meaning: RowMeaning, up: Bool) -> RepairStanding {
        if case .rule(let id, _) = meaning {
            let own = rules[id]?.bend ?? loaded.ruleSet.bend.rules
            if own { return .lawful }
            return allowedRules.contains(id) || allowedKinds.contains(.rules) ? .allowedByPlan : .unlawful
        }
        guard let kind = kind(meaning) else { return .unlawful }
        if loaded.ruleSet.bend.allows(kind) { return .lawful }
        return allowedKinds.contains(kind) ? .allowedByPlan : .unlawful
    }
}
