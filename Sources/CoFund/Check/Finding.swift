/// One thing `cofund check` found in a plan as written: a total that does not add up, a rule the stated
/// amounts miss, a rate that is not count over households, a figure that cannot be right.
///
/// A finding is language-free: what it says is a catalogue `Message`, and its figures are numbers, so
/// one list of findings renders in Vietnamese or English and in every output format.
public struct Finding: Sendable, Equatable, Hashable, Codable {
    /// How serious it is. Sorted in this order: errors first.
    public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
        /// Wrong beyond what rounding the figures to the document's unit can explain.
        case error
        /// Wrong on the figures as printed, but some unrounded amounts within half a unit of each figure
        /// make it hold (decided by a linear program, not by a guessed tolerance).
        case withinRounding = "within-rounding"
        /// Not wrong, but worth a reader's attention (an inferred reading, a slip the plan corrects).
        case note

        private var order: Int { Severity.allCases.firstIndex(of: self)! }
        public static func < (a: Severity, b: Severity) -> Bool { a.order < b.order }
    }

    /// What was checked.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A stated total against the sum of its parts.
        case total
        /// A co-funding rule (counterpart, split, share) on the stated amounts.
        case rule
        /// Money of a capital type the line may not receive.
        case capital
        /// Money from a source a rule bars from the line.
        case barredSource = "barred-source"
        /// A percentage beside a count against count over households.
        case areaRate = "area-rate"
        /// Households remaining against start minus exits.
        case areaRemaining = "area-remaining"
        /// A subtotal or total row of an area table against the rows it covers.
        case areaSubtotal = "area-subtotal"
        /// Row numbers that repeat or skip.
        case areaNumbering = "area-numbering"
        /// A count above the households it is part of.
        case areaCount = "area-count"
        /// A target against the figures that should meet it.
        case target
        /// An amount written in another unit than the plan's.
        case unit
        /// A figure that cannot be right: negative, a share or rate above 100%.
        case impossible
    }

    /// What the figures of a finding count.
    public enum Quantity: String, Sendable, Codable {
        /// Money in the plan's unit.
        case amount
        /// Households, people, row numbers.
        case count
        /// A percentage as printed (2.5 means 2.5%).
        case percent
    }

    public var severity: Severity
    public var kind: Kind
    /// Where, in words: the project or line, the total, the area.
    public var subject: Message
    /// Where in the files: the plan or area table, and the line.
    public var location: SourceLocation?
    public var quantity: Quantity
    /// The figure as the document states it.
    public var stated: Double?
    /// The figure the check expects (the sum of the parts, the share the rule asks for, count over households).
    public var expected: Double?
    /// How far the stated figure misses beyond what rounding can explain (nil when rounding explains it).
    public var beyondRounding: Double?
    /// What was found, as a sentence.
    public var statement: Message
    /// The likely cause, where one is evident ("the total leaves out DA1 TDA2, 65,618").
    public var cause: Message?

    public init(
        _ severity: Severity, _ kind: Kind, subject: Message, location: SourceLocation?, quantity: Quantity = .amount,
        stated: Double? = nil, expected: Double? = nil, beyondRounding: Double? = nil, statement: Message, cause: Message? = nil
    ) {
        self.severity = severity
        self.kind = kind
        self.subject = subject
        self.location = location
        self.quantity = quantity
        self.stated = stated
        self.expected = expected
        self.beyondRounding = beyondRounding
        self.statement = statement
        self.cause = cause
    }

    /// Stated minus expected, when both are known.
    public var difference: Double? {
        guard let stated, let expected else { return nil }
        return stated - expected
    }
}

extension Finding {
    /// The order reports list findings in: errors first, then by file and line, then by kind, so the
    /// same plan always gives the same list.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        let fa = a.location?.file ?? "", fb = b.location?.file ?? ""
        if fa != fb { return fa < fb }
        let la = a.location?.line ?? 0, lb = b.location?.line ?? 0
        if la != lb { return la < lb }
        let ca = a.location?.column ?? 0, cb = b.location?.column ?? 0
        if ca != cb { return ca < cb }
        if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
        return a.statement.description < b.statement.description
    }
}

/// The outcome of one family of checks: what was found, and how many checks held exactly (so a report
/// can say "41 checks hold" rather than stay silent about what it looked at).
public struct CheckFindings: Sendable, Equatable, Codable {
    public var findings: [Finding]
    /// Checks that held exactly (on the figures as printed, or to the printed precision of a rate).
    public var held: Int

    public init(findings: [Finding] = [], held: Int = 0) {
        self.findings = findings
        self.held = held
    }

    public mutating func append(_ other: CheckFindings) {
        findings += other.findings
        held += other.held
    }
}
