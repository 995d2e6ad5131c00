import LinearProgramming

/// A point along a swept figure where the optimal value of a plan stage changes its rate: a need becomes
/// met, a source runs out, a rule starts to bind, a line starts or stops receiving money.
public struct SweepBreakpoint: Sendable, Equatable {
    /// The figure there, in the plan's unit (or as a ratio).
    public var value: Double
    /// The first plan stage (0-based) whose rate changes there.
    public var stage: Int
    /// d(stage value)/d(figure) just before and just after (nil after: no allocation meets every rule beyond).
    public var rateBefore: Double?
    public var rateAfter: Double?
    /// `.breakpoint`, or `.infeasible` when no allocation meets every rule beyond it.
    public var end: PlanSensitivity.End
    /// What starts or stops limiting the allocation there (only rows and columns that exist).
    public var causes: [PlanSensitivity.Cause]
    /// Below this value no allocation meets every rule, from it on one does: where a sweep that starts in an
    /// impossible range becomes possible (Tịnh Biên's province needs 497.8 at least).
    public var feasibleFrom = false
}

/// The breakpoints a walk along a figure found.
public struct SweepWalk: Sendable {
    public var breakpoints: [SweepBreakpoint]
    /// The walk stopped at `maximum` breakpoints, or a search could not settle an end (time, iterations).
    public var incomplete: Bool
    /// Re-solves spent.
    public var solves: Int
}

/// Finds the breakpoints of every plan stage's optimal value along one amount of the plan (what a source has
/// available, a need, a floor, a fixed amount: the right-hand side of one row), from `from` to `to`, by
/// parametric analysis, not by sampling: at each point the right-hand rate of every stage and how far it
/// holds are found as `PlanSensitivityAnalyzer` finds them (Eisner–Severance search, each end proved by
/// re-solves), the next point is the nearest end, and the walk goes on from there. A breakpoint between two
/// steps of a sweep is so reported at its own value. Each point is a fresh compile of the plan with the
/// figure set there, so the search works on the program `solve` would solve at that figure.
public struct ParametricSweep<Factory: LinearProgramSessionFactory>: Sendable {
    public let factory: Factory
    public var options: SolveOptions
    /// The most breakpoints one sweep reports; a walk that finds more stops there and says so.
    public var maximum = 200

    public init(factory: Factory, options: SolveOptions = SolveOptions()) {
        self.factory = factory
        self.options = options
    }

    /// The row an edit moves, when it is an amount on the right-hand side of one row.
    public static func row(of edit: ScenarioEdit) -> RowMeaning? {
        switch edit {
        case .available(let source, _): .source(source)
        case .need(let project, let capital, _): .need(project: project, capital: capital)
        case .floor(let project, let capital, _): .floor(project: project, capital: capital)
        case .fixed(let project, let source, _): .fixed(project: project, source: source)
        default: nil
        }
    }

    /// nil when the edit is not an amount of one row (a ratio or a weight: coefficients, not right-hand sides).
    public func walk(base: LoadedPlan, edit: ScenarioEdit, from: Double, to: Double) throws -> SweepWalk? {
        guard let meaning = Self.row(of: edit), to > from else { return nil }
        var walk = SweepWalk(breakpoints: [], incomplete: false, solves: 0)
        var t = from
        let budget = SolveBudget(options)
        while t < to {
            guard walk.breakpoints.count < maximum else {
                walk.incomplete = true
                break
            }
            let scenario = Scenario(id: "sweep", name: nil, changes: [ScenarioChange(edit: edit.with(.value(t)),
                                    location: SourceLocation(file: "--vary", line: 0), field: "")], location: SourceLocation(file: "--vary", line: 0))
            let prepared = try ScenarioApplier.prepare(scenario, on: base)
            guard let compiled = prepared.compiled, let i = compiled.rowIndex(meaning) else { return nil }
            var runOptions = budget.remaining(options)
            runOptions.exact = false
            let session = try factory.makeSession(for: compiled.program, options: runOptions)
            var run = SensitivityRun(compiled: compiled, structure: prepared.structure, session: session, parameterLimit: 1,
                                     searchLimit: PlanSensitivityAnalyzer<Factory>.searchLimit, options: runOptions, budget: budget, solveLimit: nil)
            // For what binds at a breakpoint, read off every answer as good as the vertex (`causes`).
            let factory = factory
            run.makeSession = { try factory.makeSession(for: $0, options: $1) }
            let sides: [PlanSensitivity.Side]
            do {
                guard let found = try run.rightSides(ofRow: i, limit: to - t) else {
                    // No allocation at t: the walk goes on from where one first exists, if it does before `to` (the
                    // figures at which the rules can be met are one interval, so there is no other).
                    guard walk.breakpoints.isEmpty, let start = try Self.feasibleFrom(compiled, row: i, at: t, to: to, factory: factory,
                                                                                     options: budget.remaining(runOptions)),
                          start > t + 1e-9 * max(1, abs(t)), start < to else { break }
                    walk.solves += 1
                    walk.breakpoints.append(SweepBreakpoint(value: start, stage: 0, rateBefore: nil, rateAfter: nil, end: .breakpoint,
                                                            causes: [], feasibleFrom: true))
                    // A hair inside, so the boundary's own round-off does not read as infeasible again.
                    t = start + 1e-7 * max(1, abs(start))
                    continue
                }
                sides = found
            } catch is SensitivityStopped {
                walk.incomplete = true
                break
            }
            walk.solves += run.solves
            // The nearest end among the stages, the earliest stage on a tie (a later stage's end that is an
            // earlier stage's is the same point).
            var next: (length: Double, stage: Int)?
            for (k, side) in sides.enumerated() {
                if side.rate == nil {
                    next = (0, k)
                    break
                }
                guard let length = side.length, side.end != .cap, side.end != .unlimited else { continue }
                if side.end == .unresolved { walk.incomplete = true }
                if next == nil || length < next!.length * (1 - 1e-12) { next = (length, k) }
            }
            guard let (length, k) = next, t + length < to - 1e-12 * max(1, abs(to)) else { break }
            let side = sides[k]
            if side.rate == nil || (length <= 1e-9 * max(1, abs(t)) && side.end != .infeasible) {
                // Nothing meets the rules just past t: the walk ends here.
                walk.breakpoints.append(SweepBreakpoint(value: t, stage: k, rateBefore: nil, rateAfter: nil, end: .infeasible, causes: side.causes))
                break
            }
            let end: PlanSensitivity.End = side.end == .infeasible ? .infeasible : .breakpoint
            walk.breakpoints.append(SweepBreakpoint(value: t + length, stage: k, rateBefore: side.rate,
                                                    rateAfter: end == .infeasible ? nil : side.rateBeyond, end: end, causes: side.causes))
            if end == .infeasible { break }
            t += length
        }
        return walk
    }
}

extension ParametricSweep {
    /// The least value in [t, to] of the figure on row `row` (its bound now at t) at which every rule can be met:
    /// the figure made a column τ of its own and minimised, no stage's objective involved. Nil when no value in
    /// the range will do, or the row is not a plain bound at t.
    static func feasibleFrom(_ compiled: CompiledPlan, row: Int, at t: Double, to: Double, factory: Factory,
                             options: SolveOptions) throws -> Double? {
        var program = compiled.program
        let bounds = program.rows[row].bounds
        func atT(_ value: Double) -> Bool { abs(value - t) <= 1e-9 * max(1, abs(t)) }
        guard !bounds.lower.isFinite || atT(bounds.lower), !bounds.upper.isFinite || atT(bounds.upper) else { return nil }
        for j in program.columns.indices { program.columns[j].objective = 0 }
        let tau = program.columns.count
        program.columns.append(Column(name: "sweep_figure", bounds: Bounds(lower: t, upper: to), objective: 1))
        program.rows[row].terms.append(Term(column: tau, coefficient: -1))
        program.rows[row].bounds = Bounds(lower: bounds.lower.isFinite ? 0 : bounds.lower, upper: bounds.upper.isFinite ? 0 : bounds.upper)
        for k in compiled.stageRows { program.rows[k].bounds = .free }
        program.sense = .minimize
        let solution = try factory.makeSession(for: program, options: options).solve()
        guard solution.status == .optimal else { return nil }
        return solution.columnValues[tau]
    }
}

extension SensitivityRun {
    /// Every plan stage's right-hand side (one more unit) along row i, up to `limit`; nil when the plan has no
    /// optimum at its current figures.
    mutating func rightSides(ofRow i: Int, limit: Double) throws -> [PlanSensitivity.Side]? {
        guard planStages > 0, let base = try solveAllStages() else { return nil }
        baseValues = Array(base.values.prefix(planStages))
        baseSolutions = base.solutions
        baseFinal = base.solutions.last
        let basis = try session.basis()
        let feasible = try feasibleDistance(i, direction: 1)
        try session.setBasis(basis)
        // Infeasibility beyond the sweep's end is not an end inside it: the rate then holds to the end.
        let within = feasible.flatMap { $0 <= limit ? $0 : nil }
        return try analyzeRowSide(i, direction: 1, limit: within ?? limit, feasibleLimit: within)
    }
}
