/// Any report as plain text for a terminal, in the reader's language.
struct TextRenderer {
    let report: Report
    let words: Localizer
    private var cells: CellWriting { CellWriting(words: words) }

    func render() -> String {
        var out = header()
        out.append("")
        out.append(words.text(report.headline))
        for section in report.sections {
            out.append("")
            out.append(words.text(section.title))
            for block in section.blocks { out += lines(block) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func header() -> [String] {
        guard let plan = report.plan else { return ["CoFund"] }
        let tier = plan.tier.map { words.text(Message(.reportTierSuffix, .text($0))) } ?? ""
        return [
            words.text(Message(.reportTitle, .localized(plan.place), .integer(plan.year))),
            words.text(Message(.reportPlanLine, .text(plan.id), .message(Message(plan.level.messageKey)), .text(plan.ruleSet))) + tier,
            words.text(.reportUnitLine),
        ]
    }

    private func lines(_ block: ReportBlock) -> [String] {
        switch block {
        case .table(let table):
            let shown = CellWriting.shown(table)
            guard !shown.isEmpty else { return [] }
            var text = TextTable(shown.map { words.text(table.columns[$0].title) },
                                 rightAligned: Set(shown.indices.filter { table.columns[shown[$0]].numeric }))
            for row in table.rows + table.footer { text.add(shown.map { cells.text(row[$0]) }) }
            return [text.render()]
        case .items(let items): return items.map { "  - " + words.text($0) }
        case .facts(let facts): return facts.map { "  " + cells.fact($0) }
        case .paragraph(let message): return ["  " + words.text(message)]
        }
    }
}

extension PlanLevel {
    var messageKey: MessageKey {
        switch self {
        case .national: .planLevelNational
        case .province: .planLevelProvince
        case .district: .planLevelDistrict
        case .commune: .planLevelCommune
        }
    }
}
