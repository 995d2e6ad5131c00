/// Figures that cannot be right whatever the arithmetic: a part above its whole (`areaCount`: poor
/// households above all households, exits or what is left above the start), and a rate above 100% or
/// a negative figure (`impossible`). Counts of households are never negative: the loader refuses them.
struct AreaBoundsCheck {
    let context: AreaCheckContext

    init(_ context: AreaCheckContext) { self.context = context }

    func run() -> CheckFindings {
        var result = CheckFindings()
        let parts = partOfWhole()
        let others = Set(context.columns.otherFigures)
        for row in context.table.rows {
            for (part, whole) in parts {
                guard let count = row[figure: part], let bound = row[figure: whole] else { continue }
                if count <= bound {
                    result.held += 1
                    continue
                }
                result.findings.append(Finding(
                    .error, .areaCount, subject: context.subject(row), location: context.location(row, part), quantity: .count,
                    stated: count, expected: bound, beyondRounding: count - bound,
                    statement: Message(.areaCountAbove, .message(AreaColumnWords.count(part)), .number(count),
                                       .message(AreaColumnWords.count(whole)), .number(bound))))
            }
            for column in context.table.columns {
                guard let value = row[figure: column] else { continue }
                let isPercent = AreaColumns.isPercent(column)
                guard isPercent || others.contains(column) else { continue }
                let words = AreaColumnWords.figure(column)
                let quantity: Finding.Quantity = isPercent ? .percent : .count
                if value < 0 {
                    result.findings.append(Finding(
                        .error, .impossible, subject: context.subject(row), location: context.location(row, column), quantity: quantity,
                        stated: value, expected: 0, beyondRounding: -value, statement: Message(.areaNegativeFigure, .message(words), .number(value))))
                } else if isPercent && value > 100 {
                    result.findings.append(Finding(
                        .error, .impossible, subject: context.subject(row), location: context.location(row, column), quantity: quantity,
                        stated: value, expected: 100, beyondRounding: value - 100, statement: Message(.areaPercentAbove100, .message(words), .number(value))))
                } else {
                    result.held += 1
                }
            }
        }
        return result
    }

    /// (part, whole) pairs: each start within the households, each exit and each remainder within its
    /// start, and any other count within the households. A part of a part is not compared with the whole
    /// again (exits within the start within the households already says it).
    private func partOfWhole() -> [(String, String)] {
        let columns = context.columns
        let households = columns.names.contains(AreaColumns.households)
        var pairs: [(String, String)] = []
        var inFamily: Set<String> = []
        for family in columns.families {
            if households { pairs.append((family.start, AreaColumns.households)) }
            pairs += [(family.exit, family.start), (family.left, family.start)]
            inFamily.formUnion([family.start, family.exit, family.left])
        }
        if households {
            for count in columns.countsInOrder where count != AreaColumns.households && !inFamily.contains(count) {
                pairs.append((count, AreaColumns.households))
            }
        }
        return pairs
    }
}
