import LinearProgramming

/// A repaired plan: the figures that change, from what to what, so that every figure adds up and every
/// rule holds.
public struct PlanRepair: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public var subject: Message
        /// Where the figure is written in the plan file (its value), so `--write` can replace it.
        public var location: SourceLocation
        public var from: Double
        public var to: Double
        /// The unit the figure was written in when not the plan's ("đồng"); the repair writes the plan's.
        public var writtenUnit: String?

        public var dropsWrittenUnit: Bool { writtenUnit != nil }
    }

    /// Money figures of the plan file.
    public var changes: [Change]
    /// Indicators whose relation failed, brought to what the plan's own figures give (not money).
    public var targets: [Change] = []
    /// Every figure a whole number of the rounding unit.
    public var whole: Bool
    /// The area table with its own arithmetic mended, when it needed mending.
    public var areaTable: AreaTableRepair? = nil
    /// Σ |to − from| over the money changes.
    public var totalChange: Double { changes.reduce(0) { $0 + abs($1.to - $1.from) } }
}

/// Why there is no whole-unit repair.
public enum NoWholeRepair: Sendable, Equatable {
    /// A figure that may not move (central money kept as assigned) is not a whole number of the unit.
    case lockedFigureNotWhole(subject: Message, value: Double)
    /// The rules and the figures kept fixed allow only fractional amounts; the continuous repair shows them.
    case onlyFractional(continuous: PlanRepair)
    /// The branch-and-bound search stopped at its time limit before finding whole amounts.
    case stopped
}

public enum RepairOutcome: Sendable, Equatable {
    case repaired(PlanRepair)
    case noWholeRepair(NoWholeRepair)
    /// Even fractional amounts cannot meet every rule with the figures kept fixed.
    case impossible
}

/// Options of `check --fix`.
public struct RepairOptions: Sendable, Equatable {
    /// Whole numbers of the rounding unit, by an integer program.
    public var whole: Bool
    /// Change central money only where nothing else will do (weight 1000 against 1; without it, central
    /// money still loses ties).
    public var centralLast: Bool
    /// Never change central money.
    public var keepCentral: Bool

    /// By default as `check --fix` repairs: in whole units, central money last.
    public init(whole: Bool = true, centralLast: Bool = true, keepCentral: Bool = false) {
        self.whole = whole
        self.centralLast = centralLast
        self.keepCentral = keepCentral
    }
}

/// Finds the nearest plan whose figures add up and whose rules all hold: the least total absolute change,
/// weighted as `check` blames figures (a plan total 1, a project's figure 10, a line's total 100, a line's
/// amount from one source 1000) and so that central money moves last, over the unrounded cell amounts of
/// `FigureGrid`, with every cell a line may not have (a capital type it may not receive, a barred
/// source) held at zero.
public struct PlanRepairer: Sendable {
    public let structure: PlanStructure
    public let unit: Double

    public init(_ structure: PlanStructure, unit: Double) {
        self.structure = structure
        self.unit = unit
    }

    public func repair(_ options: RepairOptions, solver: any LinearProgramSolver, integerSolver: any IntegerProgramSolver) throws -> RepairOutcome {
        let grid = FigureGrid(structure)
        let figures = StatedFigure.all(structure, grid: grid)
        let measures = RuleMeasure.all(structure, grid: grid)
        let locked = figures.map { options.keepCentral && isCentral($0, grid: grid) }
        if options.whole, let k = figures.indices.first(where: { locked[$0] && !isWhole(figures[$0].printed) }) {
            return .noWholeRepair(.lockedFigureNotWhole(subject: figures[k].subject, value: figures[k].printed))
        }
        let program = self.program(grid: grid, figures: figures, measures: measures, locked: locked, options: options)
        let continuous = try solver.solve(program, options: SolveOptions())
        guard continuous.status == .optimal else {
            if continuous.status == .infeasible { return .impossible }
            throw CheckError.solverStopped(continuous.status)
        }
        let fractional = withTableAndTargets(changes(continuous.columnValues, grid: grid, figures: figures, whole: false))
        guard options.whole else { return .repaired(fractional) }
        var integer = program
        for k in grid.cells.indices { integer.columns[k].isInteger = true }
        let solution = try integerSolver.solveInteger(integer, options: IntegerSolveOptions())
        switch solution.status {
        case .optimal, .feasibleWithGap:
            return .repaired(withTableAndTargets(changes(solution.columnValues, grid: grid, figures: figures, whole: true)))
        case .infeasible: return .noWholeRepair(.onlyFractional(continuous: fractional))
        case .noSolutionFound: return .noWholeRepair(.stopped)
        case .unbounded, .numericalTrouble: throw CheckError.integerSolverStopped(solution.status)
        }
    }

    /// The money repair with the area table mended and every target its figures do not reach brought to
    /// what they give (measured on the mended table).
    private func withTableAndTargets(_ money: PlanRepair) -> PlanRepair {
        var repair = money
        let table = structure.loaded.areaTable.map(AreaTableRepair.init)
        if let table, !table.changes.isEmpty { repair.areaTable = table }
        for (indicator, value) in PlanAsWrittenCheck.indicators(structure.plan, table: table?.table ?? structure.loaded.areaTable).repairs() {
            guard let location = indicator.location else { continue }
            let name = indicator.name.vi.isEmpty ? LocalizedText(vi: indicator.id) : indicator.name
            repair.targets.append(PlanRepair.Change(subject: Message(.labelledText, .localized(name)), location: location,
                                                    from: indicator.value, to: value, writtenUnit: nil))
        }
        return repair
    }

    private func isWhole(_ value: Double) -> Bool {
        let scaled = value / unit
        return abs(scaled - scaled.rounded()) <= 1e-9 * max(1, abs(scaled))
    }

    private func isCentral(_ figure: StatedFigure, grid: FigureGrid) -> Bool {
        let levels = Set(figure.cells.filter { !grid.cells[$0].isZero }.map { grid.sources[grid.cells[$0].source].level })
        return levels == [.central]
    }

    /// In units of the rounding unit, so that an integer column is a whole number of it.
    private func program(grid: FigureGrid, figures: [StatedFigure], measures: [RuleMeasure], locked: [Bool],
                         options: RepairOptions) -> LinearProgram {
        var columns: [Column] = grid.cells.indices.map { k in
            Column(name: "x\(k)", bounds: grid.mayHoldMoney(k, structure) ? .nonNegative : .exactly(0))
        }
        var rows: [Row] = []
        for (k, figure) in figures.enumerated() {
            var terms = figure.cells.map { Term(column: $0, coefficient: 1) }
            let value = figure.printed / unit
            if locked[k] {
                rows.append(Row(name: "figure\(k)", bounds: figure.isUpperLimit ? .atMost(value) : .exactly(value), terms: terms))
                continue
            }
            // The broader figure moves before the narrower one, as `check` blames it: mending a total that
            // leaves out a line beats cutting the line. Among equal changes central money moves last
            // (a hair dearer), and with `centralLast` only where nothing else will do.
            let central = isCentral(figure, grid: grid) ? (options.centralLast ? 1000.0 : 1.001) : 1.0
            let weight = RoundingProgram.weight(figure) * central
            let up = columns.count
            columns.append(Column(name: "up\(k)", bounds: .nonNegative, objective: weight))
            terms.append(Term(column: up, coefficient: -1))
            if figure.isUpperLimit {
                rows.append(Row(name: "figure\(k)", bounds: .atMost(value), terms: terms))
            } else {
                let down = columns.count
                columns.append(Column(name: "down\(k)", bounds: .nonNegative, objective: weight))
                terms.append(Term(column: down, coefficient: 1))
                rows.append(Row(name: "figure\(k)", bounds: .exactly(value), terms: terms))
            }
        }
        // In whole units the rules are met as `check` meets them, within rounding: on unrounded amounts y, each
        // figure within half a unit of its whole figure (Σ y − Σ x in [−½, ½]), so the repaired plan passes
        // `check` without a change to a figure that was right (Tịnh Biên's 229 of 2,293 stays: 229.3 rounds
        // to it). The whole figures x still add up exactly. As fractions (`whole` off) the figures are the
        // amounts themselves and the rules hold on them.
        var ruleColumn: (Int) -> Int = { $0 }
        if options.whole {
            let y = columns.count
            for k in grid.cells.indices { columns.append(Column(name: "y\(k)", bounds: columns[k].bounds)) }
            for (k, figure) in figures.enumerated() {
                let terms = figure.cells.flatMap { [Term(column: y + $0, coefficient: 1), Term(column: $0, coefficient: -1)] }
                rows.append(Row(name: "rounded\(k)", bounds: figure.isUpperLimit ? .atMost(0.5) : .between(-0.5, 0.5), terms: terms))
            }
            ruleColumn = { y + $0 }
        }
        for (k, measure) in measures.enumerated() {
            let terms = measure.terms().map { Term(column: ruleColumn($0.column), coefficient: $0.coefficient) }
            rows.append(Row(name: "rule\(k)", bounds: measure.isUpperLimit ? .atMost(0) : .atLeast(0), terms: terms))
        }
        return LinearProgram(name: "repair", sense: .minimize, objectiveName: "change", columns: columns, rows: rows)
    }

    /// Each figure's new value is the sum of its new cells (an upper limit only rises, and only when its
    /// cells need more).
    private func changes(_ x: [Double], grid: FigureGrid, figures: [StatedFigure], whole: Bool) -> PlanRepair {
        var changes: [PlanRepair.Change] = []
        for figure in figures {
            var sum = figure.cells.reduce(0) { $0 + x[$1] }
            if whole { sum = sum.rounded() }
            var to = sum * unit
            if !whole { to = (to * 1e6).rounded() / 1e6 }  // solver noise, far below any unit a document prints
            if figure.isUpperLimit { to = max(figure.printed, to) }
            if to < 0 { to = 0 }
            let slip = figure.writtenUnit.flatMap { $0 == .millionDong ? nil : $0.rawValue }
            if abs(to - figure.printed) > 1e-9 * max(1, abs(to)) || slip != nil {
                changes.append(PlanRepair.Change(subject: figure.subject, location: figure.location, from: figure.printed, to: to,
                                                 writtenUnit: slip))
            }
        }
        return PlanRepair(changes: changes, whole: whole)
    }
}
