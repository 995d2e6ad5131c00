import LinearProgramming

/// What `check` found in a plan as written.
public struct PlanCheckResult: Sendable {
    public var rounding: RoundingUnit
    /// Sorted in report order (`Finding.reportOrder`).
    public var findings: [Finding]
    /// Checks that held exactly.
    public var held: Int

    public var errors: [Finding] { findings.filter { $0.severity == .error } }
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}

/// `cofund check`: every printed figure against the others, every rule on the printed amounts, capital
/// types and bars, impossible figures, with each verdict (exact, within rounding, fails) decided by
/// `RoundingProgram` rather than by a tolerance.
public struct PlanAsWrittenCheck: Sendable {
    public let structure: PlanStructure

    public init(_ structure: PlanStructure) { self.structure = structure }

    /// A figure is zero, or two figures agree, when they differ by less than this (amounts are decimals
    /// such as 10% of 2,293, which binary arithmetic does not hold exactly).
    static func tolerance(_ scale: Double) -> Double { 1e-6 * max(1, abs(scale)) }

    public func run(solver: any LinearProgramSolver, options: SolveOptions = SolveOptions()) throws -> PlanCheckResult {
        let grid = FigureGrid(structure)
        let figures = StatedFigure.all(structure, grid: grid)
        let measures = RuleMeasure.all(structure, grid: grid)
        let unit = RoundingUnit.assumed(for: structure.plan, figures: figures.map(\.printed))
        var found = CheckFindings()
        if !figures.isEmpty || !measures.isEmpty {
            let program = RoundingProgram(grid: grid, figures: figures, measures: measures)
            let exact = try program.solve(halfUnit: 0, with: solver, options: options)
            let rounded = try program.solve(halfUnit: unit.half, with: solver, options: options)
            let verdicts = Verdicts(structure: structure, grid: grid, figures: figures, measures: measures, unit: unit,
                                    exact: exact, rounded: rounded)
            found.append(verdicts.figureFindings())
            found.append(verdicts.ruleFindings())
            found.append(verdicts.eligibilityFindings())
        }
        let table = structure.loaded.areaTable
        if let table { found.append(AreaTableCheck(table).run()) }
        found.append(Self.indicators(structure.plan, table: table).run())
        return PlanCheckResult(rounding: unit, findings: found.findings.sorted(by: Finding.reportOrder), held: found.held)
    }

    /// The indicators' check, its area-table references read from `table`.
    static func indicators(_ plan: Plan, table: AreaTable?) -> IndicatorCheck {
        IndicatorCheck(plan) { row, column in
            // A percentage is off by half its last printed decimal; a count is exact.
            guard let figure = table?.row(id: row)?.figures[column] else { return nil }
            return (figure.value, column.hasSuffix("_pct") ? figure.decimals : nil)
        }
    }
}
