/// The warnings of a plan as a report section (`warnings`): one sentence each, and a data table with
/// the kind, subject and figures. Nil when there is nothing to warn about.
public enum WarningSection {
    public static func build(_ warnings: [PlanWarning]) -> ReportSection? {
        guard !warnings.isEmpty else { return nil }
        let columns = ["kind", "subject", "instance", "amount", "limit", "text"].map {
            ReportColumn($0, Message(.labelledText, .text($0)), numeric: $0 == "amount" || $0 == "limit", visibility: .data)
        }
        let table = ReportTable(id: "warnings", columns: columns, rows: warnings.map { warning in
            [.code(warning.kind.rawValue), .code(warning.subject), warning.instance.map { ReportCell.code($0) } ?? .empty,
             warning.amount.map { ReportCell.amount($0) } ?? .none, warning.limit.map { ReportCell.amount($0) } ?? .none,
             .message(warning.message)]
        })
        return ReportSection(id: "warnings", title: Message(.sectionWarnings), blocks: [.items(warnings.map(\.message)), .table(table)])
    }

    /// The warnings of a solve's result, as a section: `PlanWarnings.find` on the plan and its allocation.
    public static func build(structure: PlanStructure, result: PlanSolution) -> ReportSection? {
        build(PlanWarnings.find(structure: structure, solved: result.solved))
    }
}
