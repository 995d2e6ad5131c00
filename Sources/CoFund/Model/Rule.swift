/// Which part of the plan a rule is measured over.
public enum RuleScope: Sendable, Equatable, Hashable, Codable {
    /// The whole plan.
    case plan
    /// One project (its leaves together).
    case project(String)
    /// Every top-level project separately.
    case eachProject
    /// Every leaf (sub-project, or project without sub-projects) separately.
    case eachSubproject

    public var description: String {
        switch self {
        case .plan: "plan"
        case .project(let code): code
        case .eachProject: "each project"
        case .eachSubproject: "each sub-project"
        }
    }
}

/// A ratio given directly, or the plan's counterpart tier from the rule set.
public enum RatioSpec: Sendable, Equatable, Hashable, Codable {
    case value(Double)
    /// The plan's tier ratio (rule-set tiers).
    case tier
}

public enum RuleKind: Sendable, Equatable, Codable {
    /// Local money of `levels` at least `ratio` × money of `of` levels (usually central) over `scope`,
    /// optionally for one capital type. A split between levels is one such rule per level.
    case counterpart(levels: [BudgetLevel], of: [BudgetLevel], ratio: RatioSpec, scope: RuleScope, capital: CapitalType?)
    /// A project's share of a total: money to `project` at most / at least `ratio` × the money of the same
    /// sources to all projects (sources nil: all sources).
    case share(project: String, atMost: Double?, atLeast: Double?, sources: [String]?)
    /// A source that may not fund some projects (and their sub-projects).
    case bar(source: String, projects: [String])
    /// Investment money only for the listed projects (and their sub-projects).
    case investmentOnly(projects: [String])
}

/// A rule the allocation must meet, as written in a plan or a rule set.
public struct Rule: Sendable, Equatable, Codable {
    public var id: String
    public var kind: RuleKind
    public var description: LocalizedText?
    public var location: SourceLocation
    /// Whether the diagnosis may relax this rule as a lawful repair (`bend:`); nil: the rule set's default
    /// for rules (`bend: {rules: …}`, false unless a rule set says otherwise).
    public var bend: Bool?
    /// Where each field was written (set by the loader).
    public var origin = FieldOrigins()

    public init(id: String, kind: RuleKind, description: LocalizedText? = nil, location: SourceLocation) {
        self.id = id
        self.kind = kind
        self.description = description
        self.location = location
    }
}
