/// An amount per capital type, or a single amount for all capital together.
public struct CapitalAmounts: Sendable, Equatable, Codable {
    public var total: Double?
    public var byCapital: [CapitalType: Double]

    public init(total: Double? = nil, byCapital: [CapitalType: Double] = [:]) {
        self.total = total
        self.byCapital = byCapital
    }

    public var isEmpty: Bool { total == nil && byCapital.isEmpty }
}

/// A unit a document writes beside an amount when it is not the plan's own ("19 đồng" among millions).
public enum WrittenUnit: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case dong = "đồng"
    case thousandDong = "nghìn đồng"
    case millionDong = "triệu đồng"
    case billionDong = "tỷ đồng"

    /// How many million VND one of this unit is.
    public var inMillions: Double {
        switch self {
        case .dong: 1e-6
        case .thousandDong: 1e-3
        case .millionDong: 1
        case .billionDong: 1000
        }
    }
}

/// An amount a document states for a project: by source, budget level and capital type, as written.
public struct StatedAmount: Sendable, Equatable, Codable {
    public var source: String?
    /// A budget level instead of a source ("ngân sách địa phương: province + district" is two entries).
    public var level: BudgetLevel?
    public var capital: CapitalType?
    /// The figure as printed. It may be negative: `check` reports a negative figure, it does not refuse it.
    public var amount: Double
    /// The unit printed beside the figure when it is not the plan's; `check` reports it.
    public var writtenUnit: WrittenUnit?
    /// The words of the document, when they matter (a typo such as "19 đồng" for 19 million).
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

    public init(source: String?, level: BudgetLevel? = nil, capital: CapitalType?, amount: Double, writtenUnit: WrittenUnit? = nil,
                note: LocalizedText? = nil, location: SourceLocation) {
        self.source = source
        self.level = level
        self.capital = capital
        self.amount = amount
        self.writtenUnit = writtenUnit
        noteText = note
        self.location = location
    }
}

/// A project (dự án) or sub-project (tiểu dự án) of the programme as a plan lists it.
///
/// `code` is the national code (DA4.TDA3); `label` is the plan's own numbering ("Dự án 3, Tiểu dự án 2"),
/// which local plans often change. Money is allocated to leaves; a parent's need and floor bound the
/// sum of its children.
public struct Project: Sendable, Equatable, Codable {
    public var code: String
    public var label: String?
    public var name: LocalizedText
    /// Ceiling: the most this project can use (total and/or per capital type).
    public var need: CapitalAmounts
    /// The least it must receive.
    public var floor: CapitalAmounts
    /// Priority weight in "maximise funded need"; nil inherits from the parent (default 1).
    public var weight: Double?
    /// Allowed capital types; nil inherits from the parent or the rule set's catalogue.
    public var capital: [CapitalType]?
    /// Amounts fixed in advance, by source id.
    public var fixed: [String: Double]
    /// Target amounts for "minimise deviation": a total, or per source id.
    public var target: Double?
    public var targetBySource: [String: Double]
    /// Amounts as the document states them (for checks and for reproducing the document's totals).
    public var stated: [StatedAmount]
    /// False when the plan allocates nothing here (funded elsewhere, or no amount in the document).
    public var allocate: Bool
    /// Why the plan allocates nothing here, or any remark on the project.
    /// The note in the reader's language: plain text (shown as written in every language) or `{vi, en}`.
    public var noteText: LocalizedText?
    /// The note's Vietnamese (or only) text; reports show `noteText` in the reader's language.
    public var note: String? {
        get { noteText?.vi }
        set { noteText = newValue.map { LocalizedText(vi: $0) } }
    }
    public var children: [Project]
    public var location: SourceLocation
    /// Where each field was written (set by the loader).
    public var origin = FieldOrigins()

    public init(
        code: String, label: String? = nil, name: LocalizedText, need: CapitalAmounts = CapitalAmounts(),
        floor: CapitalAmounts = CapitalAmounts(), weight: Double? = nil, capital: [CapitalType]? = nil,
        fixed: [String: Double] = [:], target: Double? = nil, targetBySource: [String: Double] = [:],
        stated: [StatedAmount] = [], allocate: Bool = true, note: LocalizedText? = nil, children: [Project] = [],
        location: SourceLocation
    ) {
        self.code = code
        self.label = label
        self.name = name
        self.need = need
        self.floor = floor
        self.weight = weight
        self.capital = capital
        self.fixed = fixed
        self.target = target
        self.targetBySource = targetBySource
        self.stated = stated
        self.allocate = allocate
        noteText = note
        self.children = children
        self.location = location
    }

    public var isLeaf: Bool { children.isEmpty }

    /// This project and all its descendants, parents first.
    public var flattened: [Project] { [self] + children.flatMap(\.flattened) }

    /// The leaves under this project (itself when it has no children).
    public var leaves: [Project] { isLeaf ? [self] : children.flatMap(\.leaves) }
}
