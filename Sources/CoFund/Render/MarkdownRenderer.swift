/// Any report as Markdown, for pasting into a memo or an issue; the same content as the text form.
struct MarkdownRenderer {
    let report: Report
    let words: Localizer
    private var cells: CellWriting { CellWriting(words: words) }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    private func bold(_ text: String) -> String { text.isEmpty ? "" : "**" + text + "**" }

    func render() -> String {
        var out: [String] = []
        if let plan = report.plan {
            out += ["# " + words.text(Message(.reportTitle, .localized(plan.place), .integer(plan.year))), "",
                    words.text(Message(.reportPlanLine, .text(plan.id), .message(Message(plan.level.messageKey)), plan.ruleSetArgument))
                        + plan.tierSuffix(words) + ". " + words.text(.reportUnitLine) + "."]
        } else {
            out.append("# CoFund")
        }
        out += ["", "**" + words.text(report.headline) + "**"]
        for section in report.sections {
            out += ["", "## " + words.text(section.title)]
            for block in section.blocks {
                let written = lines(block)
                if !written.isEmpty { out += [""] + written }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func lines(_ block: ReportBlock) -> [String] {
        switch block {
        case .table(let table):
            let shown = CellWriting.shown(table)
            guard !shown.isEmpty else { return [] }
            var out = ["| " + shown.map { escaped(words.text(table.columns[$0].title)) }.joined(separator: " | ") + " |"]
            out.append("|" + shown.map { table.columns[$0].numeric ? "---:" : "---" }.joined(separator: "|") + "|")
            for row in table.rows { out.append("| " + shown.map { escaped(cells.text(row[$0])) }.joined(separator: " | ") + " |") }
            for row in table.footer { out.append("| " + shown.map { bold(escaped(cells.text(row[$0]))) }.joined(separator: " | ") + " |") }
            return out
        case .items(let items): return items.map { "- " + escaped(words.text($0)) }
        case .facts(let facts): return facts.map { "- " + escaped(cells.fact($0)) }
        case .paragraph(let message): return [words.text(message)]
        }
    }
}
