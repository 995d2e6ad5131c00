import Foundation

/// The area table with its own arithmetic mended: what is left is start minus exits, every subtotal and
/// total is the sum of the rows it adds up, every rate is count over households rounded to the decimals
/// it is printed with, and rows are numbered 1, 2, 3, … when their numbers repeat or skip. What cannot
/// be mended from the table itself (a count above its households) is left for the reader.
public struct AreaTableRepair: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public var row: String
        public var column: String
        public var line: Int
        public var from: String
        public var to: String
    }

    public let table: AreaTable
    public let changes: [Change]

    public init(_ original: AreaTable) {
        var table = original
        var changes: [Change] = []
        let columns = AreaColumns(table.columns)
        func set(_ index: Int, _ column: String, _ value: Double) {
            guard var figure = table.rows[index].figures[column], figure.value != value else { return }
            changes.append(Change(row: table.rows[index].name, column: column, line: figure.line,
                                  from: Self.text(figure.value, figure.decimals), to: Self.text(value, figure.decimals)))
            figure.value = value
            table.rows[index].figures[column] = figure
        }
        // Remaining = start − exits on the area rows, then subtotals and totals as sums, then every rate.
        for index in table.rows.indices where table.rows[index].kind == .area {
            for family in columns.families {
                guard let start = table.rows[index][figure: family.start], let exit = table.rows[index][figure: family.exit] else { continue }
                set(index, family.left, start - exit)
            }
        }
        let membership = AreaMembership(table)
        for index in table.rows.indices where table.rows[index].kind != .area {
            let members = membership.rowsAddedUp(by: table.rows[index])
            guard !members.isEmpty else { continue }
            for column in columns.countsInOrder {
                set(index, column, members.reduce(0) { $0 + ($1[figure: column] ?? 0) })
            }
        }
        for index in table.rows.indices {
            guard let households = table.rows[index][figure: AreaColumns.households], households > 0 else { continue }
            for (percent, count) in columns.percentOf {
                guard let figure = table.rows[index].figures[percent], let value = table.rows[index][figure: count] else { continue }
                set(index, percent, Self.rounded(100 * value / households, figure.decimals))
            }
        }
        let numbering = AreaTableCheck(table).run().findings.contains { $0.kind == .areaNumbering && $0.severity == .error }
        if numbering {
            var next = 1
            for index in table.rows.indices where table.rows[index].kind == .area {
                let number = String(next)
                if let old = table.rows[index].no, old != number, Int(old) != nil {
                    changes.append(Change(row: table.rows[index].name, column: AreaColumns.number, line: table.rows[index].line,
                                          from: old, to: number))
                    table.rows[index].no = number
                }
                next += 1
            }
        }
        self.table = table
        self.changes = changes
    }

    /// Half away from zero, as documents round: 2.2572 to two decimals is 2.26.
    static func rounded(_ value: Double, _ decimals: Int) -> Double {
        let scale = (0..<decimals).reduce(1.0) { value, _ in value * 10 }
        return (value * scale).rounded(.toNearestOrAwayFromZero) / scale
    }

    static func text(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

    /// The table as CSV, in its own column order, every figure with the decimals it was printed with.
    public static func csv(_ table: AreaTable) -> String {
        var lines = [table.columns.joined(separator: ",")]
        for row in table.rows {
            lines.append(table.columns.map { column -> String in
                switch column {
                case AreaColumns.number: quoted(row.no ?? "")
                case AreaColumns.id: quoted(row.id)
                case AreaColumns.name: quoted(row.name)
                case AreaColumns.parent: quoted(row.parent ?? "")
                case AreaColumns.kind: row.kind.rawValue
                case AreaColumns.group: quoted(row.group ?? "")
                case AreaColumns.note: quoted(row.note ?? "")
                default: row.figures[column].map { text($0.value, $0.decimals) } ?? ""
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180: a cell with a comma, a quote, a line break or surrounding spaces is quoted, quotes doubled.
    private static func quoted(_ cell: String) -> String {
        let needs = cell.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" } || cell.hasPrefix(" ") || cell.hasSuffix(" ")
        return needs ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }
}
