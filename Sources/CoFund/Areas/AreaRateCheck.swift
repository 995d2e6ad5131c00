/// Each `<count>_pct` against 100 × count / households. A printed rate is right when it is the true
/// rate rounded to the decimals printed: |printed − true| ≤ half a unit of the last decimal (2.50 stands
/// for anything from 2.495 to 2.505). Subtotal and total rows are held to their own counts.
struct AreaRateCheck {
    let context: AreaCheckContext

    init(_ context: AreaCheckContext) { self.context = context }

    /// Room for binary arithmetic on top of the half unit, so a rate exactly half a unit away still holds.
    static let slack = 1e-9

    func run() -> CheckFindings {
        var result = CheckFindings()
        for row in context.table.rows {
            guard let households = row[figure: AreaColumns.households], households > 0 else { continue }
            for (percent, count) in context.columns.percentOf {
                guard let printed = row.figures[percent], let counted = row[figure: count] else { continue }
                let rate = 100 * counted / households
                let halfUnit = 0.5 * Self.unit(printed.decimals)
                let miss = abs(printed.value - rate)
                if miss <= halfUnit + Self.slack {
                    result.held += 1
                    continue
                }
                result.findings.append(Finding(
                    .error, .areaRate, subject: context.subject(row), location: context.location(row, percent), quantity: .percent,
                    stated: printed.value, expected: rate, beyondRounding: miss - halfUnit,
                    statement: Message(.areaRateWrong, .message(AreaColumnWords.percent(percent)), .number(printed.value),
                                       .number(counted), .number(households), .number(rate)),
                    cause: cause(row, percent: percent, printed: printed, rate: rate)))
            }
        }
        return result
    }

    /// One unit of the last printed decimal: 0.01 for two decimals.
    static func unit(_ decimals: Int) -> Double { (0..<decimals).reduce(1.0) { value, _ in value / 10 } }

    /// The likely slip, where one is evident: the rate of another column copied onto this one, a rate
    /// cut off rather than rounded, or a rate with one digit mistyped (or two neighbouring digits swapped).
    private func cause(_ row: AreaRow, percent: String, printed: AreaFigure, rate: Double) -> Message? {
        if let copied = context.table.columns.first(where: { other in
            other != percent && AreaColumns.isPercent(other) && row.figures[other]?.value == printed.value
        }) {
            return Message(.areaCauseCopiedRate, .message(AreaColumnWords.percent(copied)))
        }
        let scale = 1 / Self.unit(printed.decimals)
        let shown = (printed.value * scale).rounded()
        let rounded = (rate * scale).rounded()
        if (rate * scale + Self.slack).rounded(.down) == shown, rounded != shown {
            return Message(.areaCauseTruncated, .number(rate), .number(rounded / scale))
        }
        if shown >= 0, Self.isTypingSlip(Self.digits(shown, decimals: printed.decimals), Self.digits(rounded, decimals: printed.decimals)) {
            return Message(.areaCauseTypingSlip, .number(rounded / scale))
        }
        return nil
    }

    /// The digits of a scaled rate, with the leading zeros a printed rate shows ("005" for 0.05).
    static func digits(_ scaled: Double, decimals: Int) -> [Character] {
        guard scaled.isFinite, abs(scaled) < 1e15 else { return [] }
        let text = String(Int(abs(scaled)))
        return Array(String(repeating: "0", count: max(0, decimals + 1 - text.count)) + text)
    }

    /// Two spellings of the same length that differ in one digit (2.56 for 2.26) or in two neighbouring
    /// digits swapped (2.62 for 2.26).
    static func isTypingSlip(_ a: [Character], _ b: [Character]) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }  // a rate too large to spell out
        let width = max(a.count, b.count)
        let a = Array(repeating: "0", count: width - a.count) + a, b = Array(repeating: "0", count: width - b.count) + b
        let differ = a.indices.filter { a[$0] != b[$0] }
        if differ.count == 1 { return true }
        return differ.count == 2 && differ[1] == differ[0] + 1 && a[differ[0]] == b[differ[1]] && a[differ[1]] == b[differ[0]]
    }
}
