/// The finest amounts a plan's printed figures are sums of: one cell per (leaf project, source, capital
/// type). Every figure the document prints, a line's amount from one source or the programme's total,
/// stands for the sum of some of these cells, so every question `check` asks about rounding is a question
/// about unrounded cell amounts (see `RoundingProgram`).
struct FigureGrid: Sendable {
    struct Cell: Sendable, Equatable {
        let leaf: Int
        let source: Int
        let capital: CapitalType
        /// No money can be here: the line's figures name other sources only, or the plan allocates nothing
        /// to the line and states nothing for it.
        let isZero: Bool
    }

    let leaves: [Project]
    let sources: [FundingSource]
    private(set) var cells: [Cell] = []
    private var cellIndex: [Int: [Int: [CapitalType: Int]]] = [:]
    let leafIndex: [String: Int]
    /// Leaf indices under each project code (its own index for a leaf), all leaves, allocated or not.
    let leavesUnder: [String: [Int]]

    init(_ structure: PlanStructure) {
        let plan = structure.plan
        leaves = plan.leaves
        sources = plan.sources
        let leafIndex = Dictionary(plan.leaves.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.leafIndex = leafIndex
        var under: [String: [Int]] = [:]
        func visit(_ project: Project) -> [Int] {
            let indices = project.isLeaf ? [leafIndex[project.code] ?? 0] : project.children.flatMap(visit)
            under[project.code] = indices
            return indices
        }
        for project in plan.projects { _ = visit(project) }
        leavesUnder = under

        let excluded = Set(structure.excludedLeaves.map(\.code))
        for (l, leaf) in leaves.enumerated() {
            // The lineage's own figures say which sources the line has money from: a document lists the
            // money it lists, so a source it does not name on the line gives the line nothing.
            let lineage = structure.lineage(leaf.code).compactMap { structure.project($0) }
            let entries = lineage.flatMap(\.stated)
            let namedSources = Set(entries.compactMap(\.source))
            let namedLevels = Set(entries.compactMap(\.level))
            let namesSources = !namedSources.isEmpty || !namedLevels.isEmpty
            let statesNothing = entries.isEmpty
            for (s, source) in sources.enumerated() {
                for capital in CapitalType.allCases where source.capital.contains(capital) {
                    let unnamed = namesSources && !namedSources.contains(source.id) && !namedLevels.contains(source.level)
                    let zero = unnamed || (excluded.contains(leaf.code) && statesNothing)
                    cellIndex[l, default: [:]][s, default: [:]][capital] = cells.count
                    cells.append(Cell(leaf: l, source: s, capital: capital, isZero: zero))
                }
            }
        }
    }

    /// The cells of some leaves, sources and capital types (nil: all).
    func cells(leaves: [Int], sources: [Int]? = nil, capitals: [CapitalType]? = nil) -> [Int] {
        var result: [Int] = []
        for l in leaves {
            guard let bySource = cellIndex[l] else { continue }
            for s in sources ?? Array(self.sources.indices) {
                guard let byCapital = bySource[s] else { continue }
                for c in capitals ?? CapitalType.allCases { if let cell = byCapital[c] { result.append(cell) } }
            }
        }
        return result
    }

    /// Whether a cell may hold money under the plan's rules: the line is allocated, may receive the
    /// capital type, and no rule bars the source from it.
    func mayHoldMoney(_ k: Int, _ structure: PlanStructure) -> Bool {
        let cell = cells[k], code = leaves[cell.leaf].code
        return !cell.isZero && capitalAllowed(k, structure) && !structure.isBarred(source: sources[cell.source].id, leaf: code)
    }

    /// Whether the cell's line is allocated and may receive the cell's capital type.
    func capitalAllowed(_ k: Int, _ structure: PlanStructure) -> Bool {
        let code = leaves[cells[k].leaf].code
        return !structure.leaves(under: code).isEmpty && structure.capital(code).contains(cells[k].capital)
    }

    func sourceIndices(ids: [String]? = nil, levels: [BudgetLevel]? = nil) -> [Int] {
        sources.indices.filter { s in
            (ids?.contains(sources[s].id) ?? true) && (levels?.contains(sources[s].level) ?? true)
        }
    }
}
