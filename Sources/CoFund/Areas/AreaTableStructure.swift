/// What makes a table's rows hang together, checked once every row is read: each parent is a row of
/// the table and no chain of parents comes back to where it began, and every subtotal and total row
/// adds up at least one area row (otherwise its figures could not be checked at all).
enum AreaTableStructure {
    /// `cellLines[i]` holds the line of each cell of `table.rows[i]`. `idsOfRefusedRows` are rows of the
    /// file left out of `table` for a bad cell: they exist, so naming one as a parent is no error, but what
    /// the subtotals add up is only known when the table is `complete`.
    static func problems(in table: AreaTable, cellLines: [[Int]], idsOfRefusedRows: Set<String> = [], complete: Bool = true) -> [PlanError] {
        var errors: [PlanError] = []
        var rowOfId: [String: Int] = [:]
        for (index, row) in table.rows.enumerated() { rowOfId[row.id] = index }
        func at(_ index: Int, _ column: String) -> SourceLocation {
            guard let number = table.column(column) else { return SourceLocation(file: table.file, line: table.rows[index].line) }
            return SourceLocation(file: table.file, line: cellLines[index][number - 1], column: number)
        }

        for (index, row) in table.rows.enumerated() {
            guard let parent = row.parent else { continue }
            if parent == row.id {
                errors.append(PlanError(at(index, AreaColumns.parent), field: AreaColumns.parent, .areaOwnParent))
            } else if rowOfId[parent] == nil && !idsOfRefusedRows.contains(parent) {
                errors.append(PlanError(at(index, AreaColumns.parent), field: AreaColumns.parent, .areaUnknownParent, .text(String(parent.prefix(70)))))
            }
        }
        for cycle in cycles(table.rows, rowOfId: rowOfId) where cycle.count > 1 {
            let ids = cycle.map { table.rows[$0].id }
            errors.append(PlanError(at(cycle[0], AreaColumns.parent), field: AreaColumns.parent,
                                    .areaParentCycle, .text((ids + [ids[0]]).joined(separator: " → "))))
        }
        guard errors.isEmpty, complete else { return errors }

        let membership = AreaMembership(table)
        for (index, row) in table.rows.enumerated() where row.kind != .area && membership.rowsAddedUp(by: row).isEmpty {
            switch (row.kind, row.group) {
            case (.subtotal, let group?):
                errors.append(PlanError(at(index, AreaColumns.group), field: AreaColumns.group, .areaGroupHasNoRows, .text(group)))
            case (.subtotal, nil):
                errors.append(PlanError(at(index, AreaColumns.group), field: AreaColumns.group, .areaSubtotalNeedsGroup))
            default:
                errors.append(PlanError(at(index, AreaColumns.kind), field: AreaColumns.kind, .areaTotalHasNoRows))
            }
        }
        return errors
    }

    /// Every chain of parents that comes back to where it began, each as row indices starting from its
    /// first row in the file. Each row is walked once (a long chain of parents costs no more than its length).
    private static func cycles(_ rows: [AreaRow], rowOfId: [String: Int]) -> [[Int]] {
        enum Mark { case new, onPath, done }
        var marks = Array(repeating: Mark.new, count: rows.count)
        var found: [[Int]] = []
        for start in rows.indices where marks[start] == .new {
            var path: [Int] = []
            var index: Int? = start
            while let current = index, marks[current] == .new {
                marks[current] = .onPath
                path.append(current)
                index = rows[current].parent.flatMap { rowOfId[$0] }
            }
            if let current = index, marks[current] == .onPath {
                let loop = path[path.firstIndex(of: current)!...]
                let first = loop.min()!
                let rotated = loop.drop { $0 != first } + loop.prefix { $0 != first }
                found.append(Array(rotated))
            }
            for visited in path { marks[visited] = .done }
        }
        return found.sorted { $0[0] < $1[0] }
    }
}
