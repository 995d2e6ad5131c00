/// Each count of a subtotal or total row against the sum of the area rows it adds up (see
/// `AreaMembership`). Counts are exact. The row's percentages are checked against its own counts by
/// `AreaRateCheck`. When the miss is exactly one row's figure, that row is named.
struct AreaSubtotalCheck {
    let context: AreaCheckContext

    init(_ context: AreaCheckContext) { self.context = context }

    func run() -> CheckFindings {
        var result = CheckFindings()
        for row in context.table.rows where row.kind != .area {
            let members = context.membership.rowsAddedUp(by: row)
            if members.isEmpty { continue }
            for column in context.columns.countsInOrder {
                guard let stated = row[figure: column] else { continue }
                let figures = members.compactMap { $0[figure: column] }
                // A row without the figure would make any sum a guess.
                guard figures.count == members.count else { continue }
                let sum = figures.reduce(0, +)
                if stated == sum {
                    result.held += 1
                    continue
                }
                result.findings.append(Finding(
                    .error, .areaSubtotal, subject: context.subject(row), location: context.location(row, column), quantity: .count,
                    stated: stated, expected: sum, beyondRounding: abs(stated - sum),
                    statement: Message(.areaSubtotalWrong, .message(AreaColumnWords.count(column)), .number(stated),
                                       .integer(members.count), .number(sum)),
                    cause: cause(column: column, missing: sum - stated, members: members)))
            }
        }
        return result
    }

    /// A row whose figure is exactly what the subtotal misses: left out (the subtotal is short by it),
    /// counted twice, or taken from outside the rows it adds up (the subtotal is over by it).
    private func cause(column: String, missing: Double, members: [AreaRow]) -> Message? {
        func named(_ rows: [AreaRow]) -> [Message] { rows.map { Message(.labelled, .text($0.name), .number(abs(missing))) } }
        let matching = { (rows: [AreaRow]) in rows.filter { $0[figure: column] == abs(missing) } }
        if missing > 0 {
            let left = named(matching(members))
            if left.count == 1 { return Message(.areaCauseLeavesOut, .message(left[0])) }
            if left.count > 1 { return Message(.areaCauseLeavesOutOneOf, .list(left)) }
            return nil
        }
        let twice = named(matching(members))
        if twice.count == 1 { return Message(.areaCauseCountedTwice, .message(twice[0])) }
        let outside = named(matching(context.membership.areaRows(notIn: members)))
        if twice.isEmpty, outside.count == 1 { return Message(.areaCauseFromOtherRows, .message(outside[0])) }
        return nil
    }
}
