/// The report as Markdown, for pasting into a memo or an issue.
struct MarkdownReportRenderer: LocalizedRendering {
    let report: SolveReport
    let words: Localizer

    init(_ report: SolveReport) {
        self.report = report
        words = Localizer(report)
    }
    private func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }

    private func table(_ headers: [String], _ rows: [[String]], right: Set<Int> = []) -> [String] {
        var out = ["| " + headers.map(cell).joined(separator: " | ") + " |"]
        out.append("|" + headers.indices.map { right.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|")
        out += rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
        return out
    }

    func render() -> String {
        let p = report.plan
        var out = ["# CoFund — \(p.place) \(p.year)", "",
                   t("Kế hoạch `\(p.id)`, bộ quy tắc `\(p.ruleSet)`. Đơn vị: triệu đồng.",
                     "Plan `\(p.id)`, rule set `\(p.ruleSet)`. Unit: million VND."), "", "**\(report.statusText)**"]
        for missing in report.missingInputs { out.append("- `\(missing.file):\(missing.line)` `\(missing.field)`: \(missing.message)") }
        if !report.objectiveStages.isEmpty {
            out += ["", "## " + t("Mục tiêu", "Objective"), ""]
            out += table([t("Giai đoạn", "Stage"), t("Giá trị", "Value")],
                         report.objectiveStages.map { [ObjectiveStage(rawValue: $0.stage).map(words.stage) ?? $0.stage, words.number($0.value, digits: 2)] },
                         right: [1])
        }
        if report.status == PlanOutcome.solved.rawValue {
            out += ["", "## " + t("Phân bổ", "Allocation"), ""]
            out += table([t("Dự án", "Project"), t("Nguồn", "Source"), t("Loại vốn", "Capital"), t("Số tiền", "Amount")],
                         report.allocations.map { [$0.project, $0.source, CapitalType(rawValue: $0.capital).map(words.capital) ?? $0.capital, words.amount($0.amount)] },
                         right: [3])
            if let totals = report.totals {
                out += ["", "### " + t("Tổng", "Totals"), ""]
                var rows = totals.byLevel.sorted { $0.key < $1.key }.map {
                    [t("Cấp ", "Level ") + (BudgetLevel(rawValue: $0.key).map(words.level) ?? $0.key), words.amount($0.value)]
                }
                rows += totals.byCapital.sorted { $0.key < $1.key }.map {
                    [t("Vốn ", "Capital ") + (CapitalType(rawValue: $0.key).map(words.capital) ?? $0.key), words.amount($0.value)]
                }
                rows += report.projects.filter { $0.isLeaf && $0.excludedReason == nil }.map {
                    [t("Dự án ", "Project ") + $0.code, words.amount($0.allocated)]
                }
                rows.append([t("Cộng", "Total"), words.amount(totals.total)])
                out += table([t("Theo", "By"), t("Số tiền", "Amount")], rows, right: [1])
            }
            out += ["", "## " + t("Nguồn vốn", "Funding sources"), ""]
            out += table([t("Nguồn", "Source"), t("Có", "Available"), t("Dùng", "Used"), t("Giá bóng", "Shadow price"), t("Khoảng", "Range")],
                         report.sources.map { s in
                             [s.name, amount(s.available), words.amount(s.used), s.shadowPrice.map { words.number($0) } ?? "—", rangeText(s.range)]
                         }, right: [1, 2, 3])
            if !report.rules.isEmpty {
                out += ["", "## " + t("Quy tắc", "Rules"), ""]
                out += table([t("Quy tắc", "Rule"), t("Yêu cầu", "Required"), t("Đạt", "Achieved"), t("Dư", "Slack"), t("Ràng buộc", "Binding"),
                              t("Giá bóng", "Shadow price"), t("Khoảng", "Range")],
                             report.rules.map { r in
                                 [r.id + (r.instance.map { " [\($0)]" } ?? ""), words.amount(r.required), words.amount(r.achieved), words.amount(r.slack),
                                  r.binding ? t("có", "yes") : t("không", "no"), r.shadowPrice.map { words.number($0) } ?? "—", rangeText(r.range)]
                             }, right: [1, 2, 3, 5])
            }
        }
        if let diagnosis = report.diagnosis {
            out += ["", "## " + t("Cách sửa nhỏ nhất", "Smallest repair"), ""] + diagnosis.repairs.map { "- \($0.text)" }
            out += ["", "## " + t("Các yêu cầu mâu thuẫn", "Conflicting requirements"), ""] + diagnosis.conflicts.map { "- \($0.text)" }
        }
        if !report.notes.isEmpty { out += ["", "## " + t("Ghi chú", "Notes"), ""] + report.notes.map { "- \($0)" } }
        return out.joined(separator: "\n") + "\n"
    }

    private func rangeText(_ range: SolveReport.Range?) -> String {
        guard let range else { return "" }
        var text = words.range(range.lower, range.upper)
        if let lower = range.lowerLimitText { text += t("; dưới: \(lower)", "; below: \(lower)") }
        if let upper = range.upperLimitText { text += t("; trên: \(upper)", "; above: \(upper)") }
        return text
    }
}
