/// A pot of money the plan can allocate: a budget level, a capital type and an amount.
public struct FundingSource: Sendable, Equatable, Codable {
    public var id: String
    public var name: LocalizedText
    public var level: BudgetLevel
    /// The capital types this money may be spent as (both for "either").
    public var capital: [CapitalType]
    /// Amount available, in the plan's unit; nil when the document states none.
    public var available: Double?
    /// Whether every unit must be allocated (central money usually must).
    public var spendInFull: Bool
    /// The note in the reader's language: plain text (shown as written in every language) or `{vi, en}`.
    public var noteText: LocalizedText?
    /// The note's Vietnamese (or only) text; reports show `noteText` in the reader's language.
    public var note: String? {
        get { noteText?.vi }
        set { noteText = newValue.map { LocalizedText(vi: $0) } }
    }
    /// A source CoFund added for a counterpart on top of central money when the plan names none of that
    /// budget level: its amount is what the rules require, so it is never a missing input.
    public var isImplicitCounterpart = false
    public var location: SourceLocation
    /// Where each field was written (set by the loader).
    public var origin = FieldOrigins()

    public init(
        id: String, name: LocalizedText, level: BudgetLevel, capital: [CapitalType], available: Double?,
        spendInFull: Bool, note: LocalizedText? = nil, location: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.level = level
        self.capital = capital
        self.available = available
        self.spendInFull = spendInFull
        noteText = note
        self.location = location
    }
}
