/// Administrative level of the government that makes a plan.
public enum PlanLevel: String, Sendable, Codable, CaseIterable {
    case national, province, district, commune
}

/// A total the document states (for example "Tổng nguồn vốn: 5.476 triệu đồng").
public struct StatedTotal: Sendable, Equatable, Codable {
    public var label: String
    /// The figure as printed (negative figures are kept for `check` to report).
    public var amount: Double
    /// Sources it covers (nil: all); budget levels it covers (nil: all); capital type it covers (nil: all).
    public var sources: [String]?
    public var levels: [BudgetLevel]?
    public var capital: CapitalType?
    /// The project whose lines it adds up (nil: the whole plan).
    public var project: String?
    /// Lines the document keeps outside this total on purpose (project codes).
    public var excludes: [String]
    public var writtenUnit: WrittenUnit?
    /// The note in the reader's language: plain text (shown as written in every language) or `{vi, en}`.
    public var noteText: LocalizedText?
    /// The note's Vietnamese (or only) text; reports show `noteText` in the reader's language.
    public var note: String? {
        get { noteText?.vi }
        set { noteText = newValue.map { LocalizedText(vi: $0) } }
    }
    public var location: SourceLocation
    /// Where each field was written (set by the loader).
    public var origin = FieldOrigins()

    public init(label: String, amount: Double, sources: [String]?, levels: [BudgetLevel]? = nil, capital: CapitalType?,
                project: String? = nil, excludes: [String] = [], writtenUnit: WrittenUnit? = nil, note: LocalizedText?,
                location: SourceLocation) {
        self.label = label
        self.amount = amount
        self.sources = sources
        self.levels = levels
        self.capital = capital
        self.project = project
        self.excludes = excludes
        self.writtenUnit = writtenUnit
        noteText = note
        self.location = location
    }
}

/// A figure the document gives that is not money (households, rates, targets), kept for reports and
/// for distribution by criteria.
public struct Indicator: Sendable, Equatable, Codable {
    public var id: String
    public var name: LocalizedText
    public var value: Double
    public var unit: String?
    /// The note in the reader's language: plain text (shown as written in every language) or `{vi, en}`.
    public var noteText: LocalizedText?
    /// The note's Vietnamese (or only) text; reports show `noteText` in the reader's language.
    public var note: String? {
        get { noteText?.vi }
        set { noteText = newValue.map { LocalizedText(vi: $0) } }
    }
    /// Where it was written (set by the loader).
    public var location: SourceLocation?
    /// Decimals as printed (2.50 has two); nil: a count, exact.
    public var decimals: Int?
    /// What it should equal or reach, in terms of other figures (`check` tests it).
    public var relation: IndicatorRelation?

    public init(id: String, name: LocalizedText, value: Double, unit: String?, note: LocalizedText?) {
        self.id = id
        self.name = name
        self.value = value
        self.unit = unit
        noteText = note
    }
}

/// An area below the plan's level (commune, ward), with the figures distribution criteria use.
public struct Area: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var group: String?
    public var figures: [String: Double]
    /// The note in the reader's language: plain text (shown as written in every language) or `{vi, en}`.
    public var noteText: LocalizedText?
    /// The note's Vietnamese (or only) text; reports show `noteText` in the reader's language.
    public var note: String? {
        get { noteText?.vi }
        set { noteText = newValue.map { LocalizedText(vi: $0) } }
    }

    public init(id: String, name: String, group: String?, figures: [String: Double], note: LocalizedText?) {
        self.id = id
        self.name = name
        self.group = group
        self.figures = figures
        noteText = note
    }
}

/// A budget plan: the facts, the money, the projects, the rules and what to optimise.
public struct Plan: Sendable, Equatable, Codable {
    public var id: String
    public var place: LocalizedText
    public var level: PlanLevel
    public var year: Int
    public var unit: String
    /// Path of the rule-set file, as written in the plan (relative to the plan's folder).
    public var ruleSetPath: String
    /// The province's counterpart tier, an id from the rule set.
    public var tier: String?
    /// Rule-set rules this plan applies, by id.
    public var applies: [String]
    public var document: String?
    public var sources: [FundingSource]
    public var projects: [Project]
    public var rules: [Rule]
    public var objective: Objective
    public var statedTotals: [StatedTotal]
    public var indicators: [Indicator]
    public var areas: [Area]
    /// Free notes, each plain text (shown as written) or `{vi, en}`.
    public var noteTexts: [LocalizedText]
    /// The notes' Vietnamese (or only) texts; reports show `noteTexts` in the reader's language.
    public var notes: [String] {
        get { noteTexts.map(\.vi) }
        set { noteTexts = newValue.map { LocalizedText(vi: $0) } }
    }
    /// The unit the document rounds its amounts to, in the plan's unit (1: whole millions); nil: `check`
    /// infers it from the figures.
    public var rounding: Double?
    /// Needs, floors and targets are the central money the upper level assigned to each line; the local
    /// counterpart the rules ask for comes on top of them (`counterpartOnTop:`).
    public var counterpartOnTop = false
    /// The area table (CSV) the plan refers to, as written.
    public var areaTablePath: String?
    /// How the plan's money is divided among areas (`distribution:`), for `cofund distribute`.
    public var distribution: DistributionSettings?
    /// What the plan allows the diagnosis to change beyond the rule set's `bend:` defaults (`mayBend:`):
    /// `BendKind` words (`centralMoney`, `rules`, …) and ids of rules it applies.
    public var mayBend: [String] = []
    public var location: SourceLocation
    /// Where each top-level field was written (set by the loader).
    public var origin = FieldOrigins()

    public init(
        id: String, place: LocalizedText, level: PlanLevel, year: Int, unit: String, ruleSetPath: String,
        tier: String?, applies: [String], document: String?, sources: [FundingSource], projects: [Project],
        rules: [Rule], objective: Objective, statedTotals: [StatedTotal], indicators: [Indicator], areas: [Area],
        notes: [LocalizedText], location: SourceLocation
    ) {
        self.id = id
        self.place = place
        self.level = level
        self.year = year
        self.unit = unit
        self.ruleSetPath = ruleSetPath
        self.tier = tier
        self.applies = applies
        self.document = document
        self.sources = sources
        self.projects = projects
        self.rules = rules
        self.objective = objective
        self.statedTotals = statedTotals
        self.indicators = indicators
        self.areas = areas
        noteTexts = notes
        self.location = location
    }

    /// Every project and sub-project, parents first.
    public var allProjects: [Project] { projects.flatMap(\.flattened) }
    /// The projects money is allocated to.
    public var leaves: [Project] { projects.flatMap(\.leaves) }

    public func source(_ id: String) -> FundingSource? { sources.first { $0.id == id } }
    public func project(_ code: String) -> Project? { allProjects.first { $0.code == code } }
}
