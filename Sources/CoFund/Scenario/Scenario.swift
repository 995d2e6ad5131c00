/// A named set of changes to a base plan: "central money −10%", "the 15% tier", "provincial money +20%".
///
/// A scenario is applied to the loaded plan (`ScenarioApplier`), and the changed plan goes through the same
/// validation, compilation and solve as any plan: what `whatif` reports for a scenario is what `solve` gives
/// for the changed plan.
public struct Scenario: Sendable, Equatable {
    public var id: String
    public var name: LocalizedText?
    public var changes: [ScenarioChange]
    public var location: SourceLocation

    public init(id: String, name: LocalizedText?, changes: [ScenarioChange], location: SourceLocation) {
        self.id = id
        self.name = name
        self.changes = changes
        self.location = location
    }
}

/// One change, where it was written (file, line and field path) so a change that does not fit the plan is
/// reported there.
public struct ScenarioChange: Sendable, Equatable {
    public var edit: ScenarioEdit
    public var location: SourceLocation
    /// The field path in the scenario file (`scenarios[0].set.projects.DA2.need`), or the flag (`--set`).
    public var field: String

    public init(edit: ScenarioEdit, location: SourceLocation, field: String) {
        self.edit = edit
        self.location = location
        self.field = field
    }
}

/// A new figure, or the present one times a factor.
public enum ScenarioAmount: Sendable, Equatable {
    case value(Double)
    case scale(Double)

    public func applied(to current: Double) -> Double {
        switch self {
        case .value(let value): value
        case .scale(let factor): current * factor
        }
    }
}

/// What a change does, by the plan's own names. The paths a scenario writes (Models/README.md):
///
///     sources.ID.available            projects.CODE.need[.investment|.recurrent]
///     projects.CODE.floor[.…]         projects.CODE.weight      projects.CODE.target
///     projects.CODE.fixed.SOURCE      rules.ID.ratio            rules.ID.atMost | rules.ID.atLeast
///     tier                            tiers.ID.ratio            objective
public enum ScenarioEdit: Sendable, Equatable {
    case available(source: String, ScenarioAmount)
    case need(project: String, capital: CapitalType?, ScenarioAmount)
    case floor(project: String, capital: CapitalType?, ScenarioAmount)
    case weight(project: String, ScenarioAmount)
    case target(project: String, ScenarioAmount)
    case fixed(project: String, source: String, ScenarioAmount)
    case ratio(rule: String, ScenarioAmount)
    case shareAtMost(rule: String, ScenarioAmount)
    case shareAtLeast(rule: String, ScenarioAmount)
    case tier(String)
    case tierRatio(tier: String, ScenarioAmount)
    case objective([ObjectiveStage])
    /// A rule written in the scenario (as in a plan's `rules:`), or a rule-set rule the plan does not apply.
    case addRule(Rule)
    case applyRule(String)
    case dropRule(String)

    /// The figure a sweep varies: every edit of one amount.
    public var amount: ScenarioAmount? {
        switch self {
        case .available(_, let a), .need(_, _, let a), .floor(_, _, let a), .weight(_, let a), .target(_, let a),
             .fixed(_, _, let a), .ratio(_, let a), .shareAtMost(_, let a), .shareAtLeast(_, let a), .tierRatio(_, let a): a
        case .tier, .objective, .addRule, .applyRule, .dropRule: nil
        }
    }

    /// The same edit with another amount (a sweep's steps).
    public func with(_ amount: ScenarioAmount) -> ScenarioEdit {
        switch self {
        case .available(let s, _): .available(source: s, amount)
        case .need(let p, let c, _): .need(project: p, capital: c, amount)
        case .floor(let p, let c, _): .floor(project: p, capital: c, amount)
        case .weight(let p, _): .weight(project: p, amount)
        case .target(let p, _): .target(project: p, amount)
        case .fixed(let p, let s, _): .fixed(project: p, source: s, amount)
        case .ratio(let r, _): .ratio(rule: r, amount)
        case .shareAtMost(let r, _): .shareAtMost(rule: r, amount)
        case .shareAtLeast(let r, _): .shareAtLeast(rule: r, amount)
        case .tierRatio(let t, _): .tierRatio(tier: t, amount)
        case .tier, .objective, .addRule, .applyRule, .dropRule: self
        }
    }

    /// Whether the figure is an amount of money (in the plan's unit), rather than a ratio or a weight.
    public var isMoney: Bool {
        switch self {
        case .available, .need, .floor, .target, .fixed: true
        default: false
        }
    }

    /// Whether the figure is a ratio (0 to 1) rather than an amount of money or a weight.
    public var isRatio: Bool {
        switch self {
        case .ratio, .shareAtMost, .shareAtLeast, .tierRatio: true
        default: false
        }
    }
}
