/// Every table of any report as CSV, one block per table: a `# section/table` line, a header of column
/// ids, the rows (totals rows marked `total` in a last column), and a blank line between blocks.
/// Numbers use '.' and no grouping so that any spreadsheet reads them; sentences are in the reader's
/// language. RFC 4180 quoting.
struct CSVRenderer {
    let report: Report
    let words: Localizer

    func render() -> String {
        var blocks: [String] = []
        for section in report.sections {
            for table in section.tables {
                let hasTotals = !table.footer.isEmpty
                var lines = ["# " + (table.id == section.id ? table.id : section.id + "/" + table.id)]
                lines.append((table.columns.map(\.id) + (hasTotals ? ["row"] : [])).map(Self.field).joined(separator: ","))
                for row in table.rows { lines.append((row.map(value) + (hasTotals ? [""] : [])).map(Self.field).joined(separator: ",")) }
                for row in table.footer { lines.append((row.map(value) + ["total"]).map(Self.field).joined(separator: ",")) }
                blocks.append(lines.joined(separator: "\n"))
            }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// A figure as spreadsheets read it: shortest round-trip decimal, cleaned of solver noise below 1e-6.
    static func number(_ value: Double) -> String {
        let rounded = (value * 1e6).rounded() / 1e6
        if rounded == 0 { return "0" }
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
    }

    private func value(_ cell: ReportCell) -> String {
        switch cell {
        case .empty, .none: ""
        case .code(let code, _): code
        case .text(let text): text
        case .localized(let text): text.text(words.language)
        case .amount(let value, _, _), .number(let value), .percent(let value): Self.number(value)
        case .integer(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        case .message(let message): words.text(message)
        case .range(let range): (range.lower.map(Self.number) ?? "") + ".." + (range.upper.map(Self.number) ?? "")
        }
    }
}
