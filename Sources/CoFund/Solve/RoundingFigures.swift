/// The figures a document of an allocation prints, each as the allocation columns it is the sum of: every
/// project's total and its amount per source and capital type (a line's, and a parent's over its lines),
/// every source's total, and every line of the plan's `totals`. That is what `solve --write` writes and
/// what `check` reads back, so a whole-unit proposal whose rules hold "within rounding" over these figures
/// is one `check` accepts (see `WholeUnitSolver.certifyRounding`).
enum RoundingFigures {
    static func groups(_ structure: PlanStructure, _ compiled: CompiledPlan) -> [[Int]] {
        var seen = Set<[Int]>()
        var groups: [[Int]] = []
        func add(_ columns: [Int]) {
            let sorted = columns.sorted()
            guard !sorted.isEmpty, seen.insert(sorted).inserted else { return }
            groups.append(sorted)
        }
        var cellsOfLeaf: [String: [(key: AllocationKey, column: Int)]] = [:]
        var cellsOfSource: [String: [Int]] = [:]
        for cell in compiled.sortedAllocationColumns {
            cellsOfLeaf[cell.key.project, default: []].append(cell)
            cellsOfSource[cell.key.source, default: []].append(cell.column)
        }
        for project in structure.allProjects {
            let cells = structure.leaves(under: project.code).flatMap { cellsOfLeaf[$0.code] ?? [] }
            add(cells.map(\.column))
            var bySourceAndCapital: [String: [Int]] = [:]
            var order: [String] = []
            for cell in cells {
                let name = cell.key.source + "|" + cell.key.capital.rawValue
                if bySourceAndCapital[name] == nil { order.append(name) }
                bySourceAndCapital[name, default: []].append(cell.column)
            }
            for name in order { add(bySourceAndCapital[name] ?? []) }
        }
        for source in structure.plan.sources { add(cellsOfSource[source.id] ?? []) }
        // The plan's `totals`, over the cells `check` reads them as.
        let grid = FigureGrid(structure)
        for figure in StatedFigure.all(structure, grid: grid) {
            guard case .total = figure.origin else { continue }
            add(figure.cells.compactMap { index in
                let cell = grid.cells[index]
                return compiled.allocationColumns[AllocationKey(project: grid.leaves[cell.leaf].code, source: grid.sources[cell.source].id,
                                                                capital: cell.capital)]
            })
        }
        return groups
    }
}
