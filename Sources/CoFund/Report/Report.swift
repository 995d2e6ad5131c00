/// What any command reports, as data without a language: a headline and a list of sections holding
/// tables, lists and facts whose cells are typed values (amounts, codes, messages). Every renderer
/// (text, JSON, CSV, Markdown, and later xlsx and HTML) renders every report, so a new command adds an
/// analysis and the sections it fills, never a printer per format.
public struct Report: Sendable, Codable, Equatable {
    /// The command that made the report ("solve", "check", …).
    public var command: String
    /// A stable, language-free outcome code ("solved", "infeasible", …).
    public var status: String
    public var headline: Message
    public var plan: PlanHeader?
    public var sections: [ReportSection]

    public init(command: String, status: String, headline: Message, plan: PlanHeader?, sections: [ReportSection]) {
        self.command = command
        self.status = status
        self.headline = headline
        self.plan = plan
        self.sections = sections
    }

    public func section(_ id: String) -> ReportSection? { sections.first { $0.id == id } }
}

/// Who and what the report is about.
public struct PlanHeader: Sendable, Codable, Equatable {
    public var id: String
    public var place: LocalizedText
    public var level: PlanLevel
    public var year: Int
    public var unit: String
    public var ruleSet: String
    public var tier: String?
    /// The rule set's and the tier's names, shown with the ids in brackets.
    public var ruleSetName: LocalizedText? = nil
    public var tierName: LocalizedText? = nil
}

public struct ReportSection: Sendable, Codable, Equatable {
    /// Stable id: a JSON key, a CSV block name, an anchor.
    public var id: String
    public var title: Message
    public var blocks: [ReportBlock]

    public init(id: String, title: Message, blocks: [ReportBlock]) {
        self.id = id
        self.title = title
        self.blocks = blocks
    }

    public var tables: [ReportTable] {
        blocks.compactMap { if case .table(let table) = $0 { table } else { nil } }
    }
}

public enum ReportBlock: Sendable, Codable, Equatable {
    case table(ReportTable)
    /// A bulleted list of sentences.
    case items([Message])
    /// "Label: value · value" lines under a table.
    case facts([ReportFact])
    /// One sentence or paragraph.
    case paragraph(Message)
}

public struct ReportFact: Sendable, Codable, Equatable {
    public var id: String
    public var label: Message
    /// Named parts: each part's id (JSON key) with its label and value ("central" → "central 2,000").
    public var parts: [Part]

    public struct Part: Sendable, Codable, Equatable {
        public var id: String
        public var label: Message
        public var value: ReportCell
    }
}

public struct ReportTable: Sendable, Codable, Equatable {
    /// Stable id: the CSV block's name and the JSON key.
    public var id: String
    public var columns: [ReportColumn]
    public var rows: [[ReportCell]]
    /// Totals rows, drawn below a rule in text and marked as totals in data formats.
    public var footer: [[ReportCell]]

    public init(id: String, columns: [ReportColumn], rows: [[ReportCell]] = [], footer: [[ReportCell]] = []) {
        self.id = id
        self.columns = columns
        self.rows = rows
        self.footer = footer
    }
}

public struct ReportColumn: Sendable, Codable, Equatable {
    public enum Visibility: String, Sendable, Codable {
        /// In every format.
        case always
        /// In the data formats (JSON, CSV) only: identifiers and exact figures a person need not read.
        case data
        /// The technical view of the optimisation (shadow prices, ranges, LP names): in JSON only. A report
        /// built with `detail` marks these columns `always` (or `data`) instead, so every format has them.
        case detail
    }

    /// Stable id: the JSON key and CSV header.
    public var id: String
    public var title: Message
    public var visibility: Visibility
    /// Numbers are right-aligned in text and Markdown.
    public var numeric: Bool

    public init(_ id: String, _ title: Message, numeric: Bool = false, visibility: Visibility = .always) {
        self.id = id
        self.title = title
        self.numeric = numeric
        self.visibility = visibility
    }
}

/// One typed value. Renderers choose how to write it in the reader's language; data formats keep the
/// value itself.
public indirect enum ReportCell: Sendable, Codable, Equatable {
    /// Nothing applies here: blank in text, null in JSON.
    case empty
    /// A value that does not exist (no shadow price without an optimum): "—" in text, null in JSON.
    case none
    /// No value, for a reason the text says in place ("(outside)" in a column of amounts): the message in
    /// text, null in JSON and empty in CSV, so that a numeric column holds numbers only.
    case absent(Message)
    /// A figure as a file writes it ("2.56", "2348"): in text, in the reader's number format with the decimals
    /// as written ("2,56" and "2.348" in Vietnamese); as written in JSON and CSV.
    case written(String)
    /// A code or id, shown as is; `depth` indents it under its parent in text.
    case code(String, depth: Int = 0)
    case text(String)
    case localized(LocalizedText)
    /// Money in the plan's unit; `zeroAs` replaces a zero in text ("·" in a sparse matrix); `mark` follows
    /// the figure in text ("2,000*").
    case amount(Double, zeroAs: String? = nil, mark: String? = nil)
    case number(Double)
    case integer(Int)
    case percent(Double)
    case bool(Bool)
    case message(Message)
    /// A range of amounts (or of plain numbers) and what limits each end, in words and by LP name.
    case range(ReportRange)
}

public struct ReportRange: Sendable, Codable, Equatable {
    public var lower: Double?
    public var upper: Double?
    /// Plain numbers (weights), not money.
    public var plain: Bool
    /// What starts to bind at each end, in words.
    public var lowerLimit: Message?
    public var upperLimit: Message?
    /// The same as LP row or column names (stable ids, see the README).
    public var lowerLimitName: String?
    public var upperLimitName: String?

    public init(lower: Double?, upper: Double?, plain: Bool = false, lowerLimit: Message? = nil, upperLimit: Message? = nil,
                lowerLimitName: String? = nil, upperLimitName: String? = nil) {
        self.lower = lower
        self.upper = upper
        self.plain = plain
        self.lowerLimit = lowerLimit
        self.upperLimit = upperLimit
        self.lowerLimitName = lowerLimitName
        self.upperLimitName = upperLimitName
    }
}

/// One row of a table by column id, for programs and tests that read a report.
public struct ReportRow: Sendable {
    public let cells: [String: ReportCell]

    public subscript(_ column: String) -> ReportCell? { cells[column] }

    /// The figure in a column (amount, number, percentage or integer), or nil.
    public func number(_ column: String) -> Double? {
        switch cells[column] {
        case .amount(let value, _, _), .number(let value), .percent(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    public func range(_ column: String) -> ReportRange? {
        if case .range(let range) = cells[column] { return range }
        return nil
    }

    public func bool(_ column: String) -> Bool? {
        if case .bool(let value) = cells[column] { return value }
        return nil
    }
}

extension ReportTable {
    public var allRows: [ReportRow] {
        rows.map { ReportRow(cells: Dictionary(zip(columns.map(\.id), $0), uniquingKeysWith: { a, _ in a })) }
    }

    /// The first row whose `column` holds the code or text `value`.
    public func row(where column: String, is value: String) -> ReportRow? {
        allRows.first { row in
            switch row[column] {
            case .code(let code, _): code == value
            case .text(let text): text == value
            default: false
            }
        }
    }
}

extension Report {
    /// A table by section and table id.
    public func table(_ section: String, _ table: String) -> ReportTable? {
        self.section(section)?.tables.first { $0.id == table }
    }
}
