/// A column of an area table in the reader's words: "poor households at the start of the year" rather
/// than `poor_start`, so a finding reads like the document it checks. Columns CoFund has no words for
/// are named as they are written.
enum AreaColumnWords {
    static func count(_ column: String) -> Message {
        switch column {
        case AreaColumns.households: Message(.areaColumnHouseholds)
        case "poor_start": Message(.areaColumnPoorStart)
        case "poor_exit": Message(.areaColumnPoorExit)
        case "poor_left": Message(.areaColumnPoorLeft)
        case "near_poor_start": Message(.areaColumnNearPoorStart)
        case "near_poor_exit": Message(.areaColumnNearPoorExit)
        case "near_poor_left": Message(.areaColumnNearPoorLeft)
        default: Message(.areaColumnNamed, .text(column))
        }
    }

    /// "the rate of poor households at the start of the year" for `poor_start_pct`.
    static func percent(_ column: String) -> Message {
        guard let count = AreaColumns.countOfPercent(column) else { return Message(.areaColumnNamed, .text(column)) }
        return Message(.areaRateOf, .message(self.count(count)))
    }

    /// Any column: a percentage, a count, or another figure.
    static func figure(_ column: String) -> Message {
        AreaColumns.isPercent(column) ? percent(column) : count(column)
    }
}
