/// A per-area table as a planner exports it from a spreadsheet: one row per commune or ward, with the
/// subtotal and total rows the document prints, and the figures of each row exactly as printed (so the
/// checks can tell a rate rounded to two decimals from a wrong one).
public struct AreaTable: Sendable, Equatable {
    /// The file as it is shown in messages.
    public var file: String
    /// The header's column names, in the file's order.
    public var columns: [String]
    /// The rows in the file's order, blank rows left out.
    public var rows: [AreaRow]

    public init(file: String, columns: [String], rows: [AreaRow]) {
        self.file = file
        self.columns = columns
        self.rows = rows
    }

    /// The 1-based number of the column with this name, as a spreadsheet counts columns.
    public func column(_ name: String) -> Int? { columns.firstIndex(of: name).map { $0 + 1 } }

    public func row(id: String) -> AreaRow? { rows.first { $0.id == id } }
}

/// One row of an area table.
public struct AreaRow: Sendable, Equatable {
    /// What a row stands for: an area with its own figures, or a row that adds areas up.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A commune, ward or other area (the default).
        case area
        /// The sum of the area rows of one group (urban, rural).
        case subtotal
        /// The sum of the area rows under it (or of all area rows when no row names a parent).
        case total
    }

    /// The line of the file the row starts on (1-based; a quoted cell may carry it over several lines).
    public var line: Int
    public var kind: Kind
    /// The row number as printed ("11", "II"), if any.
    public var no: String?
    public var id: String
    public var name: String
    /// The id of the row this one is part of.
    public var parent: String?
    public var group: String?
    public var note: String?
    /// Every numeric cell that is not empty, by column name.
    public var figures: [String: AreaFigure]
    /// Its zone and the flags set on it (`zone`, `border`, `safe_zone`, … columns).
    public var classes: Set<AreaClass> = []

    public init(line: Int, kind: Kind = .area, no: String? = nil, id: String, name: String, parent: String? = nil,
                group: String? = nil, note: String? = nil, figures: [String: AreaFigure] = [:], classes: Set<AreaClass> = []) {
        self.line = line
        self.kind = kind
        self.no = no
        self.id = id
        self.name = name
        self.parent = parent
        self.group = group
        self.note = note
        self.figures = figures
        self.classes = classes
    }

    /// The value of a figure, if the row has it.
    public subscript(figure name: String) -> Double? { figures[name]?.value }
}

/// A number as the table prints it.
public struct AreaFigure: Sendable, Equatable {
    public var value: Double
    /// Digits printed after the decimal point: 2 for "2.50". A rate is right if it is count over
    /// households rounded to this many decimals.
    public var decimals: Int
    /// The 1-based column the figure is in.
    public var column: Int
    /// The line of the file the cell is on (later than the row's first line after a cell holding a line break).
    public var line: Int

    public init(value: Double, decimals: Int = 0, column: Int, line: Int) {
        self.value = value
        self.decimals = decimals
        self.column = column
        self.line = line
    }
}
