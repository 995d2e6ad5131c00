/// What is left against the start minus the exits (`poor_left` = `poor_start` − `poor_exit`). Counts of
/// households are exact, so there is no rounding to allow for.
struct AreaRemainingCheck {
    let context: AreaCheckContext

    init(_ context: AreaCheckContext) { self.context = context }

    func run() -> CheckFindings {
        var result = CheckFindings()
        for row in context.table.rows {
            for family in context.columns.families {
                guard let start = row[figure: family.start], let exit = row[figure: family.exit], let left = row[figure: family.left] else { continue }
                let expected = start - exit
                if left == expected {
                    result.held += 1
                    continue
                }
                result.findings.append(Finding(
                    .error, .areaRemaining, subject: context.subject(row), location: context.location(row, family.left), quantity: .count,
                    stated: left, expected: expected, beyondRounding: abs(left - expected),
                    statement: Message(.areaRemainingWrong, .message(AreaColumnWords.count(family.left)), .number(left),
                                       .number(start), .number(exit), .number(expected))))
            }
        }
        return result
    }
}
