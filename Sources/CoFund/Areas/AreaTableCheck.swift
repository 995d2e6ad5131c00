/// Checks an area table's own arithmetic, the way a reader of the document would: is each rate its
/// count over the households (to the decimals printed), is what is left the start minus the exits, do
/// the subtotal and total rows add up their rows, are the rows numbered 1, 2, 3, …, and is any figure
/// one that cannot be (a part above its whole, a rate above 100%, a negative figure).
///
/// Every check that holds is counted in `held`: one per rate, per start/exit/left family of a row, per
/// count of a subtotal or total row, per part-of-whole comparison, per percentage or other figure
/// tested for being possible, and per run of row numbers.
public struct AreaTableCheck: Sendable {
    public let table: AreaTable

    public init(_ table: AreaTable) { self.table = table }

    public func run() -> CheckFindings {
        let context = AreaCheckContext(table)
        var result = CheckFindings()
        result.append(AreaRateCheck(context).run())
        result.append(AreaRemainingCheck(context).run())
        result.append(AreaSubtotalCheck(context).run())
        result.append(AreaNumberingCheck(context).run())
        result.append(AreaBoundsCheck(context).run())
        result.findings.sort(by: Finding.reportOrder)
        return result
    }
}

/// What every area check needs: the table, what its columns hold, and how to point at a row or a cell.
struct AreaCheckContext: Sendable {
    let table: AreaTable
    let columns: AreaColumns
    let membership: AreaMembership

    init(_ table: AreaTable) {
        self.table = table
        columns = AreaColumns(table.columns)
        membership = AreaMembership(table)
    }

    /// The area a finding is about, by its name.
    func subject(_ row: AreaRow) -> Message { Message(.labelledText, .text(row.name)) }

    /// The row's first line, with the column when the finding is about one cell.
    func location(_ row: AreaRow, _ column: String? = nil) -> SourceLocation {
        if let column, let figure = row.figures[column] { return SourceLocation(file: table.file, line: figure.line, column: figure.column) }
        if let column, let number = table.column(column) { return SourceLocation(file: table.file, line: row.line, column: number) }
        return SourceLocation(file: table.file, line: row.line)
    }
}
