/// What each column of an area table holds, decided from the header's names alone: the text columns
/// CoFund knows, the household counts, the percentages printed beside counts, and the
/// start / exit / left families (`poor_start`, `poor_exit`, `poor_left`).
struct AreaColumns: Sendable {
    static let number = "no", id = "id", name = "name", parent = "parent", kind = "kind", group = "group", note = "note"
    static let households = "households", zone = "zone"
    /// Counts the distribution criteria use: extremely difficult villages and ethnic-minority households.
    static let namedCounts: Set<String> = ["difficult_villages", "ethnic_households"]
    /// Columns that hold yes or no (`border`, `safe_zone`, …).
    static let flags: Set<String> = Set(AreaClass.flags.map(\.column))
    /// Columns that hold text; every other column holds numbers.
    static let text: Set<String> = Set([number, id, name, parent, kind, group, note, zone]).union(flags)
    static let required = [id, name]
    static let percentSuffix = "_pct"

    /// A count with its start, its exits and what is left: left = start − exit.
    struct Family: Sendable {
        var start: String
        var exit: String
        var left: String
    }

    let names: [String]
    /// Count columns: `households`, every `<x>_start`, `<x>_exit`, `<x>_left`, and every column that has a
    /// `<column>_pct` beside it. Counts of households are whole numbers.
    let counts: Set<String>
    /// `<count>_pct` columns whose count column is in the table, in header order.
    let percentOf: [(percent: String, count: String)]
    let families: [Family]

    init(_ names: [String]) {
        self.names = names
        let present = Set(names)
        percentOf = names.compactMap { name in
            guard let count = Self.countOfPercent(name), present.contains(count) else { return nil }
            return (name, count)
        }
        families = names.compactMap { name in
            guard name.hasSuffix("_start") else { return nil }
            let stem = name.dropLast("_start".count)
            let family = Family(start: name, exit: stem + "_exit", left: stem + "_left")
            return present.contains(family.exit) && present.contains(family.left) ? family : nil
        }
        counts = Set(names.filter { name in
            name == Self.households || Self.namedCounts.contains(name) || name.hasSuffix("_start") || name.hasSuffix("_exit") || name.hasSuffix("_left")
                || present.contains(name + Self.percentSuffix)
        }).subtracting(Self.text)
    }

    /// `poor_start` for `poor_start_pct`.
    static func countOfPercent(_ name: String) -> String? {
        guard name.hasSuffix(percentSuffix), name.count > percentSuffix.count else { return nil }
        return String(name.dropLast(percentSuffix.count))
    }

    static func isPercent(_ name: String) -> Bool { countOfPercent(name) != nil }

    func isCount(_ name: String) -> Bool { counts.contains(name) }

    /// Counts in header order.
    var countsInOrder: [String] { names.filter(counts.contains) }

    /// Numeric columns that are neither counts nor percentages: figures kept by name (criteria).
    var otherFigures: [String] { names.filter { !Self.text.contains($0) && !counts.contains($0) && !Self.isPercent($0) } }
}
