/// One figure the document prints, and the cells of the grid it is the sum of.
struct StatedFigure: Sendable {
    enum Origin: Sendable, Equatable {
        /// A `stated` entry of a project or sub-project (`entry` is its index in the project's list).
        case line(project: String, entry: Int)
        /// An entry of the plan's `totals`.
        case total(Int)
        /// A source's `available` amount.
        case available(source: String)
    }

    let origin: Origin
    /// What the figure is, in words: "DA2, Ngân sách tỉnh, SN" or the total's own label.
    let subject: Message
    let location: SourceLocation
    /// The figure as printed, taken in the plan's unit even when the document writes another unit beside
    /// it (that slip is a finding of its own).
    let printed: Double
    let writtenUnit: WrittenUnit?
    let cells: [Int]
    /// At most this much (a source not spent in full); otherwise exactly this much, give or take rounding.
    let isUpperLimit: Bool
    /// The leaves, sources and capital types the figure covers, to name what a total leaves out.
    let leaves: [Int]
    let sources: [Int]
    let capitals: [CapitalType]
    /// Lines the document keeps outside this total on purpose.
    let excluded: [String]

    /// A figure over more than one line or source is a total: when a total and its parts disagree, the
    /// total is the one blamed (see `RoundingProgram`).
    var isTotal: Bool { leaves.count > 1 || sources.count > 1 }
}

extension StatedFigure {
    /// Every figure the plan prints: its lines' `stated` amounts, its `totals` and its sources' `available`.
    static func all(_ structure: PlanStructure, grid: FigureGrid) -> [StatedFigure] {
        let plan = structure.plan
        var figures: [StatedFigure] = []
        for project in plan.allProjects {
            let leaves = grid.leavesUnder[project.code] ?? []
            for (k, entry) in project.stated.enumerated() {
                let sources = entry.source.map { grid.sourceIndices(ids: [$0]) }
                    ?? entry.level.map { grid.sourceIndices(levels: [$0]) } ?? Array(grid.sources.indices)
                let capitals = entry.capital.map { [$0] } ?? CapitalType.allCases
                figures.append(StatedFigure(
                    origin: .line(project: project.code, entry: k),
                    subject: lineSubject(project, entry, structure: structure), location: entry.origin.location("amount", or: entry.location),
                    printed: entry.amount, writtenUnit: entry.writtenUnit,
                    cells: grid.cells(leaves: leaves, sources: sources, capitals: capitals), isUpperLimit: false,
                    leaves: leaves, sources: sources, capitals: capitals, excluded: []))
            }
        }
        for (k, total) in plan.statedTotals.enumerated() {
            var leaves = total.project.flatMap { grid.leavesUnder[$0] } ?? Array(grid.leaves.indices)
            let left = Set(total.excludes.flatMap { grid.leavesUnder[$0] ?? [] })
            leaves.removeAll { left.contains($0) }
            let sources = grid.sourceIndices(ids: total.sources, levels: total.levels)
            let capitals = total.capital.map { [$0] } ?? CapitalType.allCases
            figures.append(StatedFigure(
                origin: .total(k), subject: Message(.labelledText, .text(total.label)),
                location: total.origin.location("amount", or: total.location), printed: total.amount, writtenUnit: total.writtenUnit,
                cells: grid.cells(leaves: leaves, sources: sources, capitals: capitals), isUpperLimit: false,
                leaves: leaves, sources: sources, capitals: capitals, excluded: total.excludes))
        }
        for (s, source) in plan.sources.enumerated() {
            guard let available = source.available else { continue }
            let leaves = Array(grid.leaves.indices)
            figures.append(StatedFigure(
                origin: .available(source: source.id), subject: Message(.checkAvailableSubject, .localized(source.name)),
                location: source.origin.location("available", or: source.location), printed: available, writtenUnit: nil,
                cells: grid.cells(leaves: leaves, sources: [s]), isUpperLimit: !source.spendInFull,
                leaves: leaves, sources: [s], capitals: CapitalType.allCases, excluded: []))
        }
        return figures
    }

    /// "DA2: Ngân sách tỉnh (SN)", "DA2: total".
    static func lineSubject(_ project: Project, _ entry: StatedAmount, structure: PlanStructure) -> Message {
        var parts: [Message] = []
        if let id = entry.source { parts.append(Message(.labelledText, structure.source(id).map { .localized($0.name) } ?? .text(id))) }
        if let level = entry.level { parts.append(Message(.checkLevelMoney, .message(PlanWording.level(level)))) }
        // A capital type the source has no other of says nothing more ("central recurrent, recurrent").
        let sourceCapitals = entry.source.flatMap { structure.source($0)?.capital }
        if let capital = entry.capital, sourceCapitals != [capital] { parts.append(PlanWording.capital(capital)) }
        if parts.isEmpty { parts.append(Message(.checkLineTotal)) }
        return Message(.checkLineSubject, .text(project.code), .list(parts))
    }
}
