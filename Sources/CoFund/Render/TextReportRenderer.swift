/// The report as plain text for a terminal, in the report's language.
struct TextReportRenderer: LocalizedRendering {
    let report: SolveReport
    let words: Localizer

    init(_ report: SolveReport) {
        self.report = report
        words = Localizer(report)
    }

    func render() -> String {
        var out: [String] = []
        let p = report.plan
        out.append("CoFund — \(p.place) \(p.year)")
        out.append(t("Kế hoạch: \(p.id) · cấp \(words.planLevel(p.level)) · bộ quy tắc \(p.ruleSet)", "Plan: \(p.id) · level \(words.planLevel(p.level)) · rule set \(p.ruleSet)")
            + (p.tier.map { t(" · nhóm đối ứng \($0)", " · counterpart tier \($0)") } ?? ""))
        out.append(t("Đơn vị: triệu đồng", "Unit: million VND"))
        out.append("")
        out.append(report.statusText)
        if !report.missingInputs.isEmpty {
            for missing in report.missingInputs { out.append("  - \(missing.file):\(missing.line): \(missing.field): \(missing.message)") }
        }
        if !report.objectiveStages.isEmpty {
            out.append("")
            out.append(t("Mục tiêu", "Objective"))
            for (k, stage) in report.objectiveStages.enumerated() {
                let name = ObjectiveStage(rawValue: stage.stage).map(words.stage) ?? stage.stage
                out.append("  \(k + 1). \(name): \(words.number(stage.value, digits: 2))")
            }
        }
        if report.status == PlanOutcome.solved.rawValue {
            out += allocationSection() + projectSection() + sourceSection() + ruleSection()
        }
        if let diagnosis = report.diagnosis { out += diagnosisSection(diagnosis) }
        if !report.notes.isEmpty {
            out.append("")
            out.append(t("Ghi chú", "Notes"))
            out += report.notes.map { "  - \($0)" }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func capitalName(_ raw: String) -> String { CapitalType(rawValue: raw).map(words.capital) ?? raw }

    private func allocationSection() -> [String] {
        let sourceIds = report.sources.map(\.id)
        var table = TextTable([t("Dự án", "Project")] + report.sources.map(\.name) + [t("Cộng", "Total")],
                              rightAligned: Set(1...(sourceIds.count + 1)))
        var columnTotals = [Double](repeating: 0, count: sourceIds.count)
        let leaves = report.projects.filter { $0.isLeaf && $0.excludedReason == nil }
        // One pass over the allocations (sorted, so the sums are the same every run), not one per cell.
        var cellSums: [String: [String: Double]] = [:]
        for line in report.allocations { cellSums[line.project, default: [:]][line.source, default: 0] += line.amount }
        for project in leaves {
            var cells = [project.code + (project.label.map { " (\($0))" } ?? "")]
            var rowTotal = 0.0
            for (k, id) in sourceIds.enumerated() {
                let value = cellSums[project.code]?[id] ?? 0
                rowTotal += value
                columnTotals[k] += value
                cells.append(value == 0 ? "·" : words.amount(value))
            }
            table.add(cells + [words.amount(rowTotal)])
        }
        table.add([t("Cộng", "Total")] + columnTotals.map(words.amount) + [words.amount(columnTotals.reduce(0, +))])
        var out = ["", t("Phân bổ (dự án × nguồn)", "Allocation (project × source)"), table.render()]
        if let totals = report.totals {
            let levels = totals.byLevel.sorted { $0.key < $1.key }.map { "\(BudgetLevel(rawValue: $0.key).map(words.level) ?? $0.key) \(words.amount($0.value))" }
            let capital = totals.byCapital.sorted { $0.key < $1.key }.map { "\(capitalName($0.key)) \(words.amount($0.value))" }
            out.append("  " + t("Theo cấp ngân sách: ", "By budget level: ") + levels.joined(separator: " · "))
            out.append("  " + t("Theo loại vốn: ", "By capital type: ") + capital.joined(separator: " · "))
        }
        return out
    }

    private func projectSection() -> [String] {
        var table = TextTable([t("Dự án", "Project"), t("Nhu cầu", "Need"), t("Phân bổ", "Allocated"), "ĐTPT/inv", "SN/rec",
                               t("Trọng số", "Weight"), t("Khoảng trọng số giữ nguyên phân bổ", "Weight range, same allocation")],
                              rightAligned: [1, 2, 3, 4, 5])
        for project in report.projects {
            let range = project.weightRange.map { words.range($0.lower, $0.upper, plain: true) } ?? ""
            table.add([
                (project.isLeaf ? "  " : "") + project.code, amount(project.need),
                project.excludedReason == nil ? words.amount(project.allocated) : t("(ngoài KH)", "(outside)"),
                amount(project.byCapital["investment"]), amount(project.byCapital["recurrent"]),
                project.weight.map { words.number($0) } ?? "", range,
            ])
        }
        return ["", t("Dự án", "Projects"), table.render()]
    }

    private func rangeText(_ range: SolveReport.Range?) -> String {
        guard let range else { return "" }
        var parts = [words.range(range.lower, range.upper)]
        if let lower = range.lowerLimitText { parts.append(t("dưới: \(lower)", "below: \(lower)")) }
        if let upper = range.upperLimitText { parts.append(t("trên: \(upper)", "above: \(upper)")) }
        return parts.joined(separator: "; ")
    }

    private func sourceSection() -> [String] {
        var table = TextTable([t("Nguồn", "Source"), t("Cấp", "Level"), t("Có", "Available"), t("Dùng", "Used"),
                               t("Giá bóng", "Shadow price")], rightAligned: [2, 3, 4])
        var lines: [String] = []
        for source in report.sources {
            table.add([source.name, BudgetLevel(rawValue: source.level).map(words.level) ?? source.level,
                       amount(source.available) + (source.spendInFull ? "*" : ""), words.amount(source.used),
                       source.shadowPrice.map { words.number($0) } ?? "—"])
            let current = source.available ?? source.used
            let finalStage = report.objectiveStages.last.flatMap { ObjectiveStage(rawValue: $0.stage) }
            if let price = source.fundedNeedShadowPrice, let range = source.fundedNeedRange {
                lines.append("  - " + needSentence(subject: source.name, price: price, range: range, current: current))
            }
            if finalStage != .maximizeFundedNeed, let price = source.shadowPrice, let range = source.range {
                lines.append("  - " + sentence(subject: source.name, price: price, range: range, current: current))
            }
        }
        return ["", t("Nguồn vốn (* phải chi hết)", "Funding sources (* must be spent in full)"), table.render()] + lines
    }

    /// "Provincial budget: each extra million funds 6.7 million more need, up to 120 more (where the
    /// ceiling (need) of DA2 starts to bind)".
    private func needSentence(subject: String, price: Double, range: SolveReport.Range, current: Double) -> String {
        let text = t("\(subject): mỗi triệu đồng tăng thêm đáp ứng thêm \(words.number(price)) triệu đồng nhu cầu (có trọng số)",
                     "\(subject): each extra million funds \(words.number(price)) million more (weighted) need")
        return text + extent(range, current: current)
    }

    /// How far a shadow price holds, up and down, and what binds at each end.
    private func extent(_ range: SolveReport.Range, current: Double) -> String {
        var text = ""
        if let up = range.upper.map({ words.amount($0 - current) }) {
            text += t(", cho đến khi tăng thêm \(up) triệu đồng", ", up to \(up) more")
            if let limit = range.upperLimitText { text += t(" (lúc đó \(limit) bắt đầu ràng buộc)", " (where \(limit) starts to bind)") }
        } else {
            text += t(", không giới hạn khi tăng", ", with no limit upwards")
        }
        if let down = range.lower.map({ words.amount(current - $0) }) {
            text += t("; khi giảm, cho đến khi bớt \(down) triệu đồng", "; downwards, up to \(down) less")
            if let limit = range.lowerLimitText { text += t(" (lúc đó \(limit) bắt đầu ràng buộc)", " (where \(limit) starts to bind)") }
        }
        return text
    }

    /// The same for the final stage's objective, when it is not funded need.
    private func sentence(subject: String, price: Double, range: SolveReport.Range, current: Double) -> String {
        let objective = report.objectiveStages.last.flatMap { ObjectiveStage(rawValue: $0.stage) }.map(words.stage) ?? ""
        let text = t("\(subject): mỗi triệu đồng tăng thêm làm giá trị mục tiêu (\(objective)) thay đổi \(words.number(price))",
                     "\(subject): each extra million changes the objective (\(objective)) by \(words.number(price))")
        return text + extent(range, current: current)
    }

    private func ruleSection() -> [String] {
        guard !report.rules.isEmpty else { return [] }
        var table = TextTable([t("Quy tắc", "Rule"), t("Yêu cầu", "Required"), t("Đạt", "Achieved"), t("Dư", "Slack"),
                               t("Ràng buộc", "Binding"), t("Giá bóng", "Shadow price"), t("Khoảng", "Range")],
                              rightAligned: [1, 2, 3, 5])
        for rule in report.rules {
            table.add([rule.id + (rule.instance.map { " [\($0)]" } ?? ""), words.amount(rule.required), words.amount(rule.achieved),
                       words.amount(rule.slack), rule.binding ? t("có", "yes") : t("không", "no"),
                       rule.shadowPrice.map { words.number($0) } ?? "—", rangeText(rule.range)])
        }
        var descriptions: [String] = []
        var seen = Set<String>()
        for rule in report.rules where seen.insert(rule.id).inserted { descriptions.append("  \(rule.id): \(rule.description)") }
        return ["", t("Quy tắc", "Rules"), table.render()] + descriptions
    }

    private func diagnosisSection(_ diagnosis: SolveReport.DiagnosisReport) -> [String] {
        var out = ["", t("Cách sửa nhỏ nhất (tổng \(words.amount(diagnosis.totalRepair)) triệu đồng)",
                         "Smallest repair (\(words.amount(diagnosis.totalRepair)) million VND in all)")]
        out += diagnosis.repairs.map { "  - \($0.text)" }
        out.append("")
        out.append(t("Tập quy tắc mâu thuẫn tối thiểu (bỏ bất kỳ một mục nào thì phần còn lại khả thi)",
                     "A minimal set of conflicting requirements (drop any one and the rest can be met)"))
        out += diagnosis.conflicts.map { "  - \($0.text)" }
        return out
    }
}
