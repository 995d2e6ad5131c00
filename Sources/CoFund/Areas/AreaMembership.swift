/// Which area rows each subtotal and total row adds up.
///
/// - A subtotal adds up the area rows of its group ("urban"), or, without a group, the area rows under it.
/// - A total adds up the area rows under it, or every area row when no row of the table names a parent
///   (a flat table whose last row is the total).
///
/// "Under" follows `parent` upwards through subtotal and total rows only: a village whose parent is a
/// commune is part of the commune's figures, and counting it again in the total would count it twice.
struct AreaMembership: Sendable {
    private var underRow: [String: [Int]] = [:]
    private var inGroup: [String: [Int]] = [:]
    private let areas: [Int]
    private let anyParent: Bool
    private let rows: [AreaRow]

    init(_ table: AreaTable) {
        let rows = table.rows
        self.rows = rows
        var rowOfId: [String: Int] = [:]
        for (index, row) in rows.enumerated() where rowOfId[row.id] == nil { rowOfId[row.id] = index }
        let areas = rows.indices.filter { rows[$0].kind == .area }
        self.areas = areas
        anyParent = rows.contains { $0.parent != nil }
        for index in areas {
            if let group = rows[index].group { inGroup[group, default: []].append(index) }
            // Bounded by the row count, so a cycle of parents (refused when reading) cannot loop here.
            var parent = rows[index].parent, steps = 0
            while let id = parent, let above = rowOfId[id], rows[above].kind != .area, steps < rows.count {
                underRow[id, default: []].append(index)
                parent = rows[above].parent
                steps += 1
            }
        }
    }

    /// The area rows `row` adds up, in file order (none for an area row).
    func rowsAddedUp(by row: AreaRow) -> [AreaRow] {
        let indices: [Int] = switch row.kind {
        case .area: []
        case .subtotal: row.group.map { inGroup[$0] ?? [] } ?? underRow[row.id] ?? []
        case .total: anyParent ? underRow[row.id] ?? [] : areas
        }
        return indices.map { rows[$0] }
    }

    /// The area rows that are not among `members`.
    func areaRows(notIn members: [AreaRow]) -> [AreaRow] {
        let ids = Set(members.map(\.id))
        return areas.map { rows[$0] }.filter { !ids.contains($0.id) }
    }
}
