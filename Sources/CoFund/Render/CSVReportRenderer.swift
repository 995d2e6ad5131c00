/// The allocation as CSV (one row per project, source and capital type), for spreadsheets. Numbers are
/// written with a '.' decimal point and no grouping so that any spreadsheet reads them.
struct CSVReportRenderer {
    let report: SolveReport

    init(_ report: SolveReport) { self.report = report }

    private func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    private func number(_ value: Double) -> String {
        let rounded = (value * 1e6).rounded() / 1e6
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }

    func render() -> String {
        var lines = ["project,label,source,capital,amount"]
        for line in report.allocations {
            lines.append([line.project, line.label ?? "", line.source, line.capital, number(line.amount)].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
