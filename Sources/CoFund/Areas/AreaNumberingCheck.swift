/// The row numbers (`no`) of the area rows, in file order, against 1, 2, 3, …: a number used twice, a
/// number skipped, a number out of order. Rows without a whole number in `no` are not numbered and
/// are left out; subtotal and total rows have their own numbering (I, II) and are not checked.
///
/// Some documents number the communes of each group from 1 again (urban 1-7, rural 1-7). When every
/// return to 1 comes with a change of group, that is taken as the document's convention: it is said once,
/// as a note, and each group's run is checked on its own.
struct AreaNumberingCheck {
    let context: AreaCheckContext

    init(_ context: AreaCheckContext) { self.context = context }

    typealias Numbered = (row: AreaRow, number: Int)

    func run() -> CheckFindings {
        let numbered: [Numbered] = context.table.rows.compactMap { row in
            guard row.kind == .area, let text = row.no, let number = Int(text), number > 0 else { return nil }
            return (row, number)
        }
        guard !numbered.isEmpty else { return CheckFindings() }
        let restarts = numbered.indices.dropFirst().filter { numbered[$0].number == 1 }
        let perGroup = !restarts.isEmpty && restarts.allSatisfy { numbered[$0].row.group != numbered[$0 - 1].row.group }
        guard perGroup else { return check(numbered[...]) }

        var result = CheckFindings()
        let starts = [0] + restarts
        let runs = starts.indices.map { i in numbered[starts[i]..<(i + 1 < starts.count ? starts[i + 1] : numbered.count)] }
        let groups = runs.map { Message(.labelledText, .text($0.first!.row.group ?? "")) }
        let first = numbered[restarts[0]].row
        result.findings.append(Finding(.note, .areaNumbering, subject: context.subject(first), location: context.location(first, AreaColumns.number),
                                       quantity: .count, statement: Message(.areaNumberingRestarts, .list(groups))))
        for run in runs { result.append(check(run)) }
        return result
    }

    /// One run of numbers that should go 1, 2, 3, …; it counts as one check.
    private func check(_ run: ArraySlice<Numbered>) -> CheckFindings {
        var findings: [Finding] = []
        var rowsOfNumber: [Int: [AreaRow]] = [:]
        for (row, number) in run { rowsOfNumber[number, default: []].append(row) }

        for number in rowsOfNumber.keys.sorted() {
            guard let rows = rowsOfNumber[number], rows.count > 1 else { continue }
            let listed = rows.map { Message(.areaRowAtLine, .text($0.name), .integer($0.line)) }
            findings.append(finding(rows[1], stated: Double(number), expected: nil,
                                    Message(.areaNumberUsedTwice, .integer(number), .integer(rows.count), .list(listed))))
        }
        for (previous, current) in zip(run, run.dropFirst())
        where current.number < previous.number && rowsOfNumber[current.number]!.count == 1 {
            findings.append(finding(current.row, stated: Double(current.number), expected: nil,
                                    Message(.areaNumberOutOfOrder, .integer(current.number), .integer(previous.number))))
        }
        for gap in gaps(in: rowsOfNumber) {
            let next = rowsOfNumber[gap.upperBound + 1]![0]
            let statement: Message = if gap.lowerBound == 1 {
                Message(.areaNumberingStartsLate, .integer(gap.upperBound + 1))
            } else if gap.count == 1 {
                Message(.areaNumberSkipped, .integer(gap.lowerBound), .integer(gap.lowerBound - 1), .integer(gap.upperBound + 1))
            } else {
                Message(.areaNumbersSkipped, .integer(gap.lowerBound), .integer(gap.upperBound), .integer(gap.lowerBound - 1),
                        .integer(gap.upperBound + 1))
            }
            findings.append(finding(next, stated: nil, expected: Double(gap.lowerBound), statement))
        }
        return CheckFindings(findings: findings, held: findings.isEmpty ? 1 : 0)
    }

    /// The runs of numbers from 1 to the highest that no row uses, found between the numbers used (not by
    /// counting up to the highest: a row numbered 9,223,372,036,854,775,807 is one gap, not a loop).
    private func gaps(in rowsOfNumber: [Int: [AreaRow]]) -> [ClosedRange<Int>] {
        var gaps: [ClosedRange<Int>] = []
        var previous = 0
        for number in rowsOfNumber.keys.sorted() {
            if number > previous + 1 { gaps.append((previous + 1)...(number - 1)) }
            previous = number
        }
        return gaps
    }

    private func finding(_ row: AreaRow, stated: Double?, expected: Double?, _ statement: Message) -> Finding {
        Finding(.error, .areaNumbering, subject: context.subject(row), location: context.location(row, AreaColumns.number), quantity: .count,
                stated: stated, expected: expected, statement: statement)
    }
}
