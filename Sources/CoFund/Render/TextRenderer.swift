/// Any report as plain text for a terminal, in the reader's language.
struct TextRenderer {
    let report: Report
    let words: Localizer
    /// Threads for a large table's rows (the bytes do not depend on it).
    var threads = 1
    private var cells: CellWriting { CellWriting(words: words) }

    func write(to stream: ReportStream) {
        func emit(_ lines: [String]) { for line in lines { stream.write(line); stream.write("\n") } }
        emit(header().flatMap { TextTable.paragraph($0, first: "", rest: "  ") })
        emit([""])
        emit(TextTable.paragraph(words.text(report.headline), first: "", rest: ""))
        for section in report.sections {
            emit([""])
            emit(TextTable.paragraph(words.text(section.title), first: "", rest: "  "))
            for block in section.blocks { write(block, emit: emit, to: stream) }
        }
    }

    private func header() -> [String] {
        guard let plan = report.plan else { return ["CoFund"] }
        return [
            words.text(Message(.reportTitle, .localized(plan.place), .integer(plan.year))),
            words.text(Message(.reportPlanLine, .text(plan.id), .message(Message(plan.level.messageKey)), plan.ruleSetArgument)) + plan.tierSuffix(words),
            words.text(.reportUnitLine),
        ]
    }

    private func write(_ block: ReportBlock, emit: ([String]) -> Void, to stream: ReportStream) {
        switch block {
        case .table(let table):
            let shown = CellWriting.shown(table)
            guard !shown.isEmpty else { return }
            var text = TextTable(shown.map { words.text(table.columns[$0].title) },
                                 rightAligned: Set(shown.indices.filter { table.columns[shown[$0]].numeric }))
            let all = table.rows + table.footer, cells = self.cells
            text.rows = ParallelChunks.map(all.count, threads: threads) { k in shown.map { cells.text(all[k][$0]) } }
            text.write(to: stream, threads: threads)
        case .items(let items): emit(items.flatMap { TextTable.paragraph(words.text($0), first: "  - ", rest: "    ") })
        case .facts(let facts): emit(facts.flatMap { TextTable.paragraph(cells.fact($0), first: "  ", rest: "    ") })
        case .paragraph(let message): emit(TextTable.paragraph(words.text(message), first: "  ", rest: "  "))
        }
    }
}

extension PlanHeader {
    /// The rule set by name with its id in brackets, or by id when it has no name.
    var ruleSetArgument: MessageArgument {
        ruleSetName.map { .message(Message(.reportRuleSetNamed, .localized($0), .text(ruleSet))) } ?? .text(ruleSet)
    }

    /// " · counterpart tier: name [id]", or nothing for a plan without a tier.
    func tierSuffix(_ words: Localizer) -> String {
        guard let tier else { return "" }
        if let tierName { return words.text(Message(.reportTierNamed, .localized(tierName), .text(tier))) }
        return words.text(Message(.reportTierSuffix, .text(tier)))
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
