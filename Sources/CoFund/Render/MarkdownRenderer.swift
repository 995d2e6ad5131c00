/// Any report as Markdown, for pasting into a memo or an issue; the same content as the text form.
struct MarkdownRenderer {
    let report: Report
    let words: Localizer
    private var cells: CellWriting { CellWriting(words: words) }

    private func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\n") }) else { return text }
        return text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    private func bold(_ text: String) -> String { text.isEmpty ? "" : "**" + text + "**" }

    func write(to stream: ReportStream) {
        func emit(_ lines: [String]) { for line in lines { stream.write(line); stream.write("\n") } }
        if let plan = report.plan {
            emit(["# " + words.text(Message(.reportTitle, .localized(plan.place), .integer(plan.year))), "",
                  words.text(Message(.reportPlanLine, .text(plan.id), .message(Message(plan.level.messageKey)), plan.ruleSetArgument))
                      + plan.tierSuffix(words) + ". " + words.text(.reportUnitLine) + "."])
        } else {
            emit(["# CoFund"])
        }
        emit(["", "**" + words.text(report.headline) + "**"])
        for section in report.sections {
            emit(["", "## " + words.text(section.title)])
            for block in section.blocks {
                if case .table(let table) = block {
                    // Row by row: a country's table is tens of thousands of lines.
                    write(table, to: stream)
                    continue
                }
                let written = lines(block)
                if !written.isEmpty { emit([""] + written) }
            }
        }
    }

    private func write(_ table: ReportTable, to stream: ReportStream) {
        let shown = CellWriting.shown(table)
        guard !shown.isEmpty else { return }
        func row(_ cells: [String]) { stream.write("| " + cells.joined(separator: " | ") + " |\n") }
        stream.write("\n")
        row(shown.map { escaped(words.text(table.columns[$0].title)) })
        stream.write("|" + shown.map { table.columns[$0].numeric ? "---:" : "---" }.joined(separator: "|") + "|\n")
        for cells in table.rows { row(shown.map { escaped(self.cells.text(cells[$0])) }) }
        for cells in table.footer { row(shown.map { bold(escaped(self.cells.text(cells[$0]))) }) }
    }

    private func lines(_ block: ReportBlock) -> [String] {
        switch block {
        case .table: return []  // written row by row above
        case .items(let items): return items.map { "- " + escaped(words.text($0)) }
        case .facts(let facts): return facts.map { "- " + escaped(cells.fact($0)) }
        case .paragraph(let message): return [words.text(message)]
        }
    }
}
