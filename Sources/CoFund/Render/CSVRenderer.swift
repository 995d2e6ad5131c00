/// Any report as CSV, with the same content as the text form, one block per part: a `# name` line, a
/// header of column ids, the rows, and a blank line between blocks.
///
/// - `# report`: the command, the outcome and the headline; `# plan`: who and what the report is about;
/// - per section, `# section/title`, then each table as `# section/table` (totals rows marked `total`
///   in a last column; the technical columns only in the detailed report), each list of sentences as
///   `# section/items` (one `text` per row), each set of facts as `# section/facts` (one part per row)
///   and each paragraph as `# section/paragraph`.
///
/// Numbers use '.' and no grouping so that any spreadsheet reads them, rounded to what they mean:
/// amounts to a thousandth of the plan's unit (a thousand đồng), other figures to four decimals, so no
/// solver noise (80.000006) reaches a sheet. Sentences are in the reader's language. RFC 4180 quoting.
struct CSVRenderer {
    let report: Report
    let words: Localizer

    func write(to stream: ReportStream) {
        // Blocks are separated by one blank line; each line ends with a line break.
        var first = true
        func block(_ lines: [String]) {
            if !first { stream.write("\n") }
            first = false
            for line in lines { stream.write(line); stream.write("\n") }
        }
        block(["# report", "command,status,headline", [report.command, report.status, words.text(report.headline)].map(Self.field).joined(separator: ",")])
        if let plan = report.plan {
            let ruleSet = plan.ruleSetName.map { words.text(Message(.reportRuleSetNamed, .localized($0), .text(plan.ruleSet))) } ?? plan.ruleSet
            let tier = plan.tier.map { id in plan.tierName.map { words.text(Message(.ruleNamed, .localized($0), .text(id))) } ?? id } ?? ""
            block(["# plan", "id,place,level,year,unit,ruleSet,tier",
                   [plan.id, plan.place.text(words.language), words.text(Message(plan.level.messageKey)), String(plan.year),
                    words.text(.unitMillionVND), ruleSet, tier].map(Self.field).joined(separator: ",")])
        }
        for section in report.sections {
            block(["# \(section.id)/title", "title", Self.field(words.text(section.title))])
            var counts: [String: Int] = [:]
            func name(_ kind: String) -> String {
                counts[kind, default: 0] += 1
                let n = counts[kind]!
                return "# \(section.id)/\(kind)" + (n > 1 ? "-\(n)" : "")
            }
            for part in section.blocks {
                switch part {
                case .table(let table):
                    // Row by row: a country's table is tens of thousands of lines.
                    if !first { stream.write("\n") }
                    first = false
                    self.table(table, in: section, to: stream)
                case .items(let items):
                    guard !items.isEmpty else { continue }
                    block([name("items"), "text"] + items.map { Self.field(words.text($0)) })
                case .facts(let facts):
                    guard !facts.isEmpty else { continue }
                    var lines = [name("facts"), "fact,label,part,partLabel,value"]
                    for fact in facts {
                        for part in fact.parts {
                            lines.append([fact.id, words.text(fact.label), part.id, words.text(part.label), value(part.value)]
                                .map(Self.field).joined(separator: ","))
                        }
                    }
                    block(lines)
                case .paragraph(let message): block([name("paragraph"), "text", Self.field(words.text(message))])
                }
            }
        }
    }

    private func table(_ table: ReportTable, in section: ReportSection, to stream: ReportStream) {
        let shown = table.columns.indices.filter { table.columns[$0].visibility != .detail }
        let hasTotals = !table.footer.isEmpty
        func line(_ fields: [String]) { stream.write(fields.map(Self.field).joined(separator: ",") + "\n") }
        stream.write("# " + (table.id == section.id ? table.id : section.id + "/" + table.id) + "\n")
        line(shown.map { table.columns[$0].id } + (hasTotals ? ["row"] : []))
        for row in table.rows { line(shown.map { value(row[$0]) } + (hasTotals ? [""] : [])) }
        for row in table.footer { line(shown.map { value(row[$0]) } + ["total"]) }
    }

    static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// A figure as spreadsheets read it, rounded to `decimals` places: shortest decimal, no grouping.
    static func number(_ value: Double, decimals: Int = 4) -> String {
        guard value.isFinite else { return value > 0 ? "inf" : value < 0 ? "-inf" : "nan" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == 0 { return "0" }
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return String(rounded)
    }

    /// An amount: to a thousandth of the plan's unit.
    static func amount(_ value: Double) -> String { number(value, decimals: 3) }

    private func value(_ cell: ReportCell) -> String {
        switch cell {
        case .empty, .none, .absent: ""
        case .code(let code, _): code
        case .text(let text), .written(let text): text
        case .localized(let text): text.text(words.language)
        case .amount(let value, _, _): Self.amount(value)
        case .number(let value): Self.number(value)
        case .percent(let value): Self.number(value, decimals: 6)
        case .integer(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        case .message(let message): words.text(message)
        case .range(let range):
            (range.lower.map { range.plain ? Self.number($0) : Self.amount($0) } ?? "") + ".."
                + (range.upper.map { range.plain ? Self.number($0) : Self.amount($0) } ?? "")
        }
    }
}
