/// How central money is divided among areas, as a rule set states it: each area's score is the highest
/// coefficient among the classes it belongs to, plus each criterion's weight times the area's figure;
/// an area's share of a project's money is its score over the scores of the areas the project reaches.
///
/// Coefficients a decision leaves to the province are `parameters` without a value: the plan gives them,
/// and nothing is solved until it does (never an invented number).
public struct DistributionFormula: Sendable, Equatable, Codable {
    public var id: String
    public var name: LocalizedText
    public var legalBasis: [String]
    public var classes: [ClassCoefficient]
    public var criteria: [DistributionCriterion]
    public var parameters: [DistributionParameter]
    public var limits: [AreaLimit]
    public var reach: [ProjectReach]
    public var location: SourceLocation

    public init(id: String, name: LocalizedText = LocalizedText(vi: ""), legalBasis: [String] = [], classes: [ClassCoefficient] = [],
                criteria: [DistributionCriterion] = [], parameters: [DistributionParameter] = [], limits: [AreaLimit] = [],
                reach: [ProjectReach] = [], location: SourceLocation) {
        self.id = id
        self.name = name
        self.legalBasis = legalBasis
        self.classes = classes
        self.criteria = criteria
        self.parameters = parameters
        self.limits = limits
        self.reach = reach
        self.location = location
    }
}

/// A class coefficient: `{coefficient: 50, when: [zone-III, border]}`; without `when`, every area.
public struct ClassCoefficient: Sendable, Equatable, Codable {
    public var coefficient: Double
    public var when: [AreaClass]
    public var location: SourceLocation

    public init(coefficient: Double, when: [AreaClass], location: SourceLocation) {
        self.coefficient = coefficient
        self.when = when
        self.location = location
    }

    public func applies(to classes: Set<AreaClass>) -> Bool { when.isEmpty || when.contains(where: classes.contains) }
}

/// A number, or the name of a parameter the plan gives.
public enum DistributionWeight: Sendable, Equatable, Codable {
    case value(Double)
    case parameter(String)
}

/// One term of the score: a figure of the area table (a count of households, of villages) or a flag
/// (1 when the area has it), times a weight.
public struct DistributionCriterion: Sendable, Equatable, Codable {
    public enum Measure: Sendable, Equatable, Codable {
        case figure(String)
        case flag(AreaClass)
    }

    public var measure: Measure
    public var weight: DistributionWeight
    public var location: SourceLocation

    public init(measure: Measure, weight: DistributionWeight, location: SourceLocation) {
        self.measure = measure
        self.weight = weight
        self.location = location
    }

    /// The name shown in reports and messages: the figure's column or the flag's word.
    public var name: String {
        switch measure {
        case .figure(let column): column
        case .flag(let flag): flag.rawValue
        }
    }
}

/// A coefficient a province fills in: `{id: k-poor, name: …}`, with a default value or none.
public struct DistributionParameter: Sendable, Equatable, Codable {
    public var id: String
    public var name: LocalizedText
    public var value: Double?
    public var location: SourceLocation

    public init(id: String, name: LocalizedText = LocalizedText(vi: ""), value: Double? = nil, location: SourceLocation) {
        self.id = id
        self.name = name
        self.value = value
        self.location = location
    }
}

/// A limit on what an area may receive for some projects from some sources: at least, at most or exactly
/// an amount, which is a number or a sum of rates times the area's figures (40 million per new house).
public struct AreaLimit: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case atLeast, atMost, fixed
    }

    public enum Amount: Sendable, Equatable, Codable {
        case value(Double)
        /// Σ rate × figure, in the order written.
        case per([FigureRate])
    }

    public struct FigureRate: Sendable, Equatable, Codable {
        public var figure: String
        public var rate: Double

        public init(figure: String, rate: Double) {
            self.figure = figure
            self.rate = rate
        }
    }

    public var kind: Kind
    public var amount: Amount
    /// Project codes (a project stands for its sub-projects); nil: every project distributed.
    public var projects: [String]?
    /// Area ids; nil: every area.
    public var areas: [String]?
    /// Source ids or budget-level words (`central`); nil: every source.
    public var sources: [String]?
    public var location: SourceLocation
    /// Where the limit is written: `distribution.limits[2]`, `distributions[0].limits[1]`.
    public var field: String

    public init(kind: Kind, amount: Amount, projects: [String]? = nil, areas: [String]? = nil, sources: [String]? = nil,
                location: SourceLocation, field: String = "") {
        self.kind = kind
        self.amount = amount
        self.projects = projects
        self.areas = areas
        self.sources = sources
        self.location = location
        self.field = field
    }
}

/// Which areas some projects may reach: those of any of the classes listed.
public struct ProjectReach: Sendable, Equatable, Codable {
    public var projects: [String]
    public var only: [AreaClass]
    public var location: SourceLocation

    public init(projects: [String], only: [AreaClass], location: SourceLocation) {
        self.projects = projects
        self.only = only
        self.location = location
    }
}

/// What a plan says about dividing its money among areas (`distribution:`).
public struct DistributionSettings: Sendable, Equatable, Codable {
    /// Where the plan's counterpart rules hold besides its totals: nowhere else, in every province of a
    /// two-level run (its communes free), or in every area (and so in every province).
    public enum CounterpartScope: String, Sendable, Codable, CaseIterable {
        case plan
        case perProvince = "per-province"
        case perArea = "per-area"
    }

    public var formula: String
    /// The area table, as written (relative to the plan's folder).
    public var areasPath: String?
    public var parameters: [String: Double]
    /// Projects whose money is divided; nil: every line with money.
    public var projects: [String]?
    public var reach: [ProjectReach]
    public var limits: [AreaLimit]
    public var counterpart: CounterpartScope
    public var location: SourceLocation
    /// Where each field was written (`formula`, `projects`, `parameters.k-poor`), for messages.
    public var fieldLocations: [String: SourceLocation] = [:]

    /// The line a field was written on, else the block's.
    public func location(of field: String) -> SourceLocation { fieldLocations[field] ?? location }

    public init(formula: String, areasPath: String? = nil, parameters: [String: Double] = [:], projects: [String]? = nil,
                reach: [ProjectReach] = [], limits: [AreaLimit] = [], counterpart: CounterpartScope = .plan, location: SourceLocation) {
        self.formula = formula
        self.areasPath = areasPath
        self.parameters = parameters
        self.projects = projects
        self.reach = reach
        self.limits = limits
        self.counterpart = counterpart
        self.location = location
    }
}
