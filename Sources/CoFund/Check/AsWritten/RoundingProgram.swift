import LinearProgramming

/// Decides, with a linear program, how far a plan's printed figures are from agreeing with each other and
/// with its rules.
///
/// The unknowns are the unrounded cell amounts x ≥ 0 (see `FigureGrid`). Every printed figure f must be
/// within `halfUnit` of the sum of its cells; every rule instance must hold on the cells. Each of those
/// requirements may bend, at a cost, by an elastic amount: e for a figure, r for a rule. The program
/// minimises the weighted sum of the elastic amounts, so
/// - with `halfUnit` = 0, a figure or rule with no elastic amount holds *exactly* on the figures as printed;
/// - with `halfUnit` = half the rounding unit, one with no elastic amount holds *within rounding*: there
///   are unrounded amounts, each within half a unit of its printed figure, that meet every rule and add
///   up to every total; and the elastic amount of the others is how far they miss *beyond* rounding.
///
/// Weights say whom to blame when figures disagree: a rule before a figure (a counterpart 0.4 short is
/// the rule's miss, not a misprint); then the broader figure before the narrower one: the plan's totals
/// (where documents leave lines out), then a project's figure against its sub-projects, then a line's
/// total against its sources, and a line's amount from one source last.
struct RoundingProgram {
    struct Outcome: Sendable {
        /// Cell amounts, in grid order.
        let cells: [Double]
        /// Elastic amount per figure and per rule measure: how far each misses.
        let figureMiss: [Double]
        let ruleMiss: [Double]
    }

    static let ruleWeight = 0.1

    static func weight(_ figure: StatedFigure) -> Double {
        guard case .line = figure.origin else { return 1 }
        if figure.leaves.count > 1 { return 10 }
        if figure.sources.count > 1 || figure.capitals.count > 1 { return 100 }
        return 1000
    }

    let grid: FigureGrid
    let figures: [StatedFigure]
    let measures: [RuleMeasure]

    func program(halfUnit h: Double) -> LinearProgram {
        var columns: [Column] = grid.cells.enumerated().map { k, cell in
            Column(name: "x\(k)", bounds: cell.isZero ? .exactly(0) : .nonNegative)
        }
        var rows: [Row] = []
        for (k, figure) in figures.enumerated() {
            let weight = Self.weight(figure)
            let over = columns.count, under = columns.count + 1
            columns.append(Column(name: "over\(k)", bounds: .nonNegative, objective: weight))
            columns.append(Column(name: "under\(k)", bounds: .nonNegative, objective: weight))
            // Σ cells − over + under within [f − h, f + h]: `over` when the cells add up to more than the
            // figure says, `under` when to less.
            var terms = figure.cells.map { Term(column: $0, coefficient: 1) }
            terms.append(Term(column: over, coefficient: -1))
            terms.append(Term(column: under, coefficient: 1))
            // A negative figure is a slip of its own (`Verdicts` reports it as impossible): it says nothing of the
            // money, so it constrains nothing. Kept, it made the totals over it look wrong ("5,476, but its parts
            // add up to 5,476") while the slip was the minus sign.
            let bounds: Bounds = figure.printed < 0 ? .free
                : figure.isUpperLimit ? .atMost(figure.printed + h) : .between(figure.printed - h, figure.printed + h)
            rows.append(Row(name: "figure\(k)", bounds: bounds, terms: terms))
        }
        for (k, measure) in measures.enumerated() {
            let miss = columns.count
            columns.append(Column(name: "miss\(k)", bounds: .nonNegative, objective: Self.ruleWeight))
            var terms = measure.terms()
            terms.append(Term(column: miss, coefficient: measure.isUpperLimit ? -1 : 1))
            rows.append(Row(name: "rule\(k)", bounds: measure.isUpperLimit ? .atMost(0) : .atLeast(0), terms: terms))
        }
        return LinearProgram(name: "rounding", sense: .minimize, objectiveName: "miss", columns: columns, rows: rows)
    }

    func solve(halfUnit: Double, with solver: any LinearProgramSolver, options: SolveOptions) throws -> Outcome {
        let program = program(halfUnit: halfUnit)
        let solution = try solver.solve(program, options: options)
        // The program always has a solution (every requirement is elastic) and is bounded below by 0;
        // anything else is the solver's trouble, reported as such.
        guard solution.status == .optimal else { throw CheckError.solverStopped(solution.status) }
        let x = solution.columnValues
        let n = grid.cells.count
        let figureMiss = figures.indices.map { k in max(0, x[n + 2 * k]) + max(0, x[n + 2 * k + 1]) }
        let first = n + 2 * figures.count
        let ruleMiss = measures.indices.map { max(0, x[first + $0]) }
        return Outcome(cells: Array(x[0..<n]).map { max(0, $0) }, figureMiss: figureMiss, ruleMiss: ruleMiss)
    }
}

/// Why a check could not be finished.
public enum CheckError: Error, Sendable, Equatable {
    case solverStopped(SolutionStatus)
    case integerSolverStopped(IntegerSolutionStatus)
}
