/// Turns the two solves of `RoundingProgram` (exact, and within rounding) into findings.
struct Verdicts {
    let structure: PlanStructure
    let grid: FigureGrid
    let figures: [StatedFigure]
    let measures: [RuleMeasure]
    let unit: RoundingUnit
    let exact: RoundingProgram.Outcome
    let rounded: RoundingProgram.Outcome
    /// Each project's line figures, by index into `figures`.
    private let figuresByProject: [String: [Int]]

    init(structure: PlanStructure, grid: FigureGrid, figures: [StatedFigure], measures: [RuleMeasure], unit: RoundingUnit,
         exact: RoundingProgram.Outcome, rounded: RoundingProgram.Outcome) {
        self.structure = structure
        self.grid = grid
        self.figures = figures
        self.measures = measures
        self.unit = unit
        self.exact = exact
        self.rounded = rounded
        var index: [String: [Int]] = [:]
        for (k, figure) in figures.enumerated() { if case .line(let code, _) = figure.origin { index[code, default: []].append(k) } }
        figuresByProject = index
    }

    private func tolerance(_ scale: Double) -> Double { PlanAsWrittenCheck.tolerance(scale) }

    /// The sum of some cells in the exact reading: the printed figures wherever they agree.
    private func exactSum(_ cells: [Int]) -> Double { cells.reduce(0) { $0 + exact.cells[$1] } }

    // MARK: - Figures

    func figureFindings() -> CheckFindings {
        var found = CheckFindings()
        var figuresPerCell = [Int](repeating: 0, count: grid.cells.count)
        for figure in figures { for cell in figure.cells { figuresPerCell[cell] += 1 } }
        // One finding per printed figure: the same number over the same money, written twice in the plan
        // (a total and the source's `available`, a line's total and its only source), is one figure.
        var reported: Set<[Int: Double]> = []
        func isRepeat(_ figure: StatedFigure) -> Bool {
            let key = Dictionary(uniqueKeysWithValues: nonZeroCells(figure).map { ($0, figure.printed) })
            return !reported.insert(key.isEmpty ? [-1: figure.printed] : key).inserted
        }
        for (k, figure) in figures.enumerated() {
            if figure.printed < 0 {
                found.findings.append(Finding(.error, .impossible, subject: figure.subject, location: figure.location,
                                              stated: figure.printed, expected: 0,
                                              statement: Message(.checkNegative, .message(figure.subject), .amount(figure.printed))))
                continue
            }
            if let written = figure.writtenUnit, written != .millionDong {
                found.findings.append(unitFinding(figure, written, agrees: rounded.figureMiss[k] <= tolerance(figure.printed)))
                continue
            }
            for code in figure.excluded { found.findings.append(excludedNote(figure, code)) }
            let expected = partsSum(figure)
            let missExact = exact.figureMiss[k], missRounded = rounded.figureMiss[k]
            if missExact <= tolerance(figure.printed) {
                if figure.cells.contains(where: { figuresPerCell[$0] > 1 }) { found.held += 1 }
                continue
            }
            if isRepeat(figure) { continue }
            let key: MessageKey = figure.isTotal ? .checkTotalMisses : .checkFigureMisses
            let statement = Message(key, .message(figure.subject), .amount(figure.printed), .amount(expected))
            if missRounded <= tolerance(figure.printed) {
                found.findings.append(Finding(.withinRounding, .total, subject: figure.subject, location: figure.location,
                                              stated: figure.printed, expected: expected, statement: statement))
            } else {
                found.findings.append(Finding(.error, .total, subject: figure.subject, location: figure.location,
                                              stated: figure.printed, expected: expected, beyondRounding: missRounded,
                                              statement: statement, cause: cause(figure, missing: expected - figure.printed)))
            }
        }
        return found
    }

    private func unitFinding(_ figure: StatedFigure, _ written: WrittenUnit, agrees: Bool) -> Finding {
        let statement = Message(.checkWrittenUnit, .message(figure.subject), .number(figure.printed), .text(written.rawValue),
                                .message(Message(.unitMillionVND)))
        let cause = agrees ? Message(.checkWrittenUnitMeant, .amount(figure.printed)) : nil
        return Finding(.error, .unit, subject: figure.subject, location: figure.location, statement: statement, cause: cause)
    }

    private func excludedNote(_ figure: StatedFigure, _ code: String) -> Finding {
        let cells = grid.cells(leaves: grid.leavesUnder[code] ?? [], sources: figure.sources, capitals: figure.capitals)
        return Finding(.note, .total, subject: figure.subject, location: figure.location,
                       statement: Message(.checkExcludedOnPurpose, .message(figure.subject), .text(code), .amount(exactSum(cells))))
    }

    /// What a figure's parts add up to as the document prints them: for a total over several projects,
    /// the printed figures of the projects one level down (a project's own figure where it has one, else
    /// its sub-projects'); for a line, the cells its own breakdown pins down.
    private func partsSum(_ figure: StatedFigure) -> Double {
        let children: [Project]
        switch figure.origin {
        case .total(let k):
            let total = structure.plan.statedTotals[k]
            children = total.project.flatMap { structure.project($0)?.children } ?? structure.plan.projects
        case .available: children = structure.plan.projects
        case .line(let code, _): children = structure.project(code)?.children ?? []
        }
        guard !children.isEmpty else { return exactSum(figure.cells) }
        let excluded = Set(figure.excluded)
        return children.reduce(0) { $0 + printed($1, sources: figure.sources, capitals: figure.capitals, excluding: excluded) }
    }

    /// A project's money from some sources and capital types as the document prints it: its own figure
    /// covering exactly that money, else the sum over its sub-projects, else what its lines' figures give.
    private func printed(_ project: Project, sources: [Int], capitals: [CapitalType], excluding: Set<String>) -> Double {
        if excluding.contains(project.code) { return 0 }
        let leaves = grid.leavesUnder[project.code] ?? []
        let wanted = Set(grid.cells(leaves: leaves, sources: sources, capitals: capitals).filter { !grid.cells[$0].isZero })
        if wanted.isEmpty { return 0 }
        let hasExcludedBelow = !excluding.isEmpty && project.flattened.contains { excluding.contains($0.code) }
        if !hasExcludedBelow, let own = figuresByProject[project.code]?.first(where: { nonZeroCells(figures[$0]) == wanted }) {
            return figures[own].printed
        }
        if !project.children.isEmpty {
            return project.children.reduce(0) { $0 + printed($1, sources: sources, capitals: capitals, excluding: excluding) }
        }
        return exactSum(Array(wanted).sorted())
    }

    private func nonZeroCells(_ figure: StatedFigure) -> Set<Int> { Set(figure.cells.filter { !grid.cells[$0].isZero }) }

    /// The line, group of lines or source whose money is exactly what a total misses ("the total leaves
    /// out DA1 TDA2, 65,618"), or counts twice when the total is too large.
    private func cause(_ figure: StatedFigure, missing: Double) -> Message? {
        guard abs(missing) > tolerance(missing) else { return nil }
        let target = abs(missing)
        var near: Message?
        func consider(_ amount: Double, _ what: MessageArgument) -> Message? {
            let message = Message(missing > 0 ? .checkLeavesOut : .checkCountedTwice, what, .amount(amount))
            if abs(amount - target) <= tolerance(target) { return message }
            if near == nil && abs(amount - target) <= unit.value { near = message }
            return nil
        }
        let covered = Set(figure.leaves)
        if covered.count > 1 {
            for project in structure.allProjects {
                let leaves = grid.leavesUnder[project.code] ?? []
                guard !leaves.isEmpty, leaves.count < covered.count, leaves.allSatisfy(covered.contains) else { continue }
                let amount = printed(project, sources: figure.sources, capitals: figure.capitals, excluding: Set(figure.excluded))
                if let found = consider(amount, .text(project.code)) { return found }
            }
        }
        if figure.sources.count > 1 {
            for s in figure.sources {
                let amount = exactSum(grid.cells(leaves: figure.leaves, sources: [s], capitals: figure.capitals))
                if let found = consider(amount, .localized(grid.sources[s].name)) { return found }
            }
        }
        return near
    }

    // MARK: - Rules

    func ruleFindings() -> CheckFindings {
        var found = CheckFindings()
        let wording = PlanWording(structure: structure)
        for (k, measure) in measures.enumerated() {
            let part = exactSum(measure.part), base = exactSum(measure.base)
            guard part > tolerance(part) || base > tolerance(base) else { continue }  // no money stated on either side
            let required = measure.ratio * base
            let missExact = exact.ruleMiss[k], missRounded = rounded.ruleMiss[k]
            if missExact <= tolerance(required) {
                found.held += 1
                continue
            }
            let subject = wording.row(.rule(id: measure.rule.id, instance: measure.instance))
            let statement = Message(measure.isUpperLimit ? .checkRuleAtMost : .checkRuleAtLeast, .message(subject), .amount(part),
                                    .amount(required), .percent(measure.ratio), .amount(base))
            let location = measure.rule.location
            if missRounded <= tolerance(required) {
                found.findings.append(Finding(.withinRounding, .rule, subject: subject, location: location, stated: part,
                                              expected: required, statement: statement))
            } else {
                found.findings.append(Finding(.error, .rule, subject: subject, location: location, stated: part, expected: required,
                                              beyondRounding: missRounded, statement: statement))
            }
        }
        return found
    }

    // MARK: - Capital types and bars

    /// A line figure whose money can only be of a capital type the line may not receive, or only from a
    /// source a rule bars from the line.
    func eligibilityFindings() -> CheckFindings {
        var found = CheckFindings()
        for figure in figures {
            guard case .line(let code, _) = figure.origin, figure.printed > tolerance(figure.printed) else { continue }
            let cells = figure.cells.filter { !grid.cells[$0].isZero && !structure.leaves(under: grid.leaves[grid.cells[$0].leaf].code).isEmpty }
            guard !cells.isEmpty else { continue }
            if cells.allSatisfy({ !grid.capitalAllowed($0, structure) }) {
                let capital = grid.cells[cells[0]].capital
                found.findings.append(Finding(.error, .capital, subject: figure.subject, location: figure.location, stated: figure.printed,
                                              expected: 0, statement: Message(.checkCapitalNotAllowed, .message(figure.subject),
                                                                              .amount(figure.printed), .message(PlanWording.capital(capital)), .text(code))))
            } else {
                found.held += 1
            }
            let barred = cells.allSatisfy { structure.isBarred(source: grid.sources[grid.cells[$0].source].id, leaf: grid.leaves[grid.cells[$0].leaf].code) }
            if barred {
                let source = grid.sources[grid.cells[cells[0]].source]
                found.findings.append(Finding(.error, .barredSource, subject: figure.subject, location: figure.location,
                                              stated: figure.printed, expected: 0,
                                              statement: Message(.checkSourceBarred, .message(figure.subject), .amount(figure.printed),
                                                                 .localized(source.name), .text(code))))
            }
        }
        return found
    }
}
