import LinearProgramming

/// Computes `PlanSensitivity` by parametric re-solves, warm in one session of any solver.
///
/// ## The value functions
/// For a row parameter b (a source's amount, a rule row's right-hand side), stage k's optimal value V_k(b) is
/// the lexicographic optimum: earlier stages re-optimised at the changed b. On an interval where the
/// earlier stages' values are linear in b (V_j(b0 + t) = V_j(b0) + ρ_j t), stage k's program is the plan's
/// program with row b moved by t and each hold row j moved by ρ_j t: a right-hand side affine in t. An LP's
/// optimal value is concave (maximisation) or convex (minimisation) in its right-hand side, so V_k is
/// concave or convex piecewise-linear in t there. The analyzer works with g = σ V (σ = −1 for a
/// minimisation), concave, one side at a time (t ≥ 0 is the distance moved up or down).
/// For a weight w of a leaf, the funded-need stage's value is convex in w (a maximum of linear functions),
/// with slope the leaf's funded amount; g = −V.
///
/// ## Slopes
/// At any re-solve the row duals give a supergradient of g: y_b (the varied row) plus Σ_j y_hold(j) ρ_j
/// (the hold rows move with t): by the chain rule, since the LP value is concave in the whole right-hand
/// side vector. For a weight the slope is the leaf's funded amount.
///
/// ## Breakpoints (Eisner–Severance)
/// A concave piecewise-linear g is found exactly from supporting lines. Given g(0) and a supergradient s0 at 0,
/// and the end U of the search (the cap, the edge of feasibility, an earlier stage's end), `stretch`
/// re-solves at U. If the supporting line at U passes through (0, g(0)), g is linear on [0, U]. Otherwise the
/// line from (0, g(0)) with slope s0 and the supporting line at U meet at t*; a re-solve at t* either lies on
/// both lines (then t* is the one breakpoint in [0, U]) or below them (then the first breakpoint is in
/// (0, t*), and the search recurses on [0, t*]). Each step finds a new linear piece, so the search ends; it is
/// capped at `searchLimit` re-solves. While the slope at 0 is unknown (at a degenerate point the dual gives
/// some supergradient, not the right derivative), the same step finds it: the first supporting line that
/// passes through (0, g(0)) is the first piece's, and its slope is the one-sided rate.
///
/// ## Ends and causes
/// The feasible range of b is found first, with one LP per side (the row's activity made as small or large as
/// the other rows allow): beyond it no allocation meets every rule. An interval that reaches the cap M (twice
/// the sum of every source, need, floor and fixed amount) is called unlimited only when its rate is 0 and the
/// move relaxes the row (then g is non-decreasing and concave, so a zero slope stays zero) with every earlier
/// stage unlimited at rate 0; otherwise the cap is reported as it is. At a breakpoint, the solutions just
/// before it, at it (warm from before, so along the same basis) and just beyond are compared: the rows that
/// reach their bound there (a need met, a source used up, a rule binding) and the allocations that fall to
/// zero are what starts to bind; those that leave their bound just beyond are what stops.
///
/// ## Work
/// At most `parameterLimit` rows (sources first, then rule rows) and `parameterLimit` weights are analysed;
/// the rest are counted in the result. Every re-solve is counted. The time limit of `options` is one budget
/// for the whole analysis (as for `PlanSolver.solve`), and `solveLimit` caps the re-solves: when either runs
/// out, or a re-solve stops at a limit or in numerical trouble, the parameter being analysed and all after it
/// are left out (counted), never reported from a half-finished search. A re-solve that ends infeasible or
/// unbounded is a fact about the plan; one that ends at a limit is not, and is never read as infeasible.
public struct PlanSensitivityAnalyzer<Factory: LinearProgramSessionFactory> {
    public static var defaultParameterLimit: Int { 200 }
    /// Re-solves one interval search may spend.
    public static var searchLimit: Int { 40 }

    public let factory: Factory
    public var options: SolveOptions
    public var parameterLimit: Int
    /// At most this many re-solves in all (nil: no cap but the time limit).
    public var solveLimit: Int?
    /// At most this much work in all, counted so that the report is the same on every machine: each re-solve
    /// costs the program's rows plus columns, and a new session six times that (loading the program into the
    /// solver is most of it). Tịnh Biên's analysis costs about 60,000 and a generated district plan's about
    /// 1.5 million; a plan of 7,462 sources (30,000 rows and columns) reaches the limit after some dozens of
    /// re-solves, where the time limit alone left a different number of parameters out on every run.
    public var workLimit: Int? = Self.defaultWorkLimit
    public static var defaultWorkLimit: Int { 4_000_000 }

    public init(factory: Factory, options: SolveOptions = SolveOptions(), parameterLimit: Int = Self.defaultParameterLimit,
                solveLimit: Int? = nil) {
        self.factory = factory
        self.options = options
        self.parameterLimit = parameterLimit
        self.solveLimit = solveLimit
    }

    /// The sensitivity of a solved plan (what `PlanSolver.solve` returned), against its structure.
    /// Effects and weight ranges describe the answer `solve` reported: the even spread's when it built one,
    /// the plan stages' own optimum under `--exact-amounts` (which builds none).
    public func analyze(_ solved: SolvedPlan, structure: PlanStructure) throws -> PlanSensitivity? {
        try run(solved.compiled, structure: structure, readsEvenSpread: solved.spreadValue != nil) { try $0.analyze() }
    }

    /// The sensitivity of a prepared plan; nil when it has no program (missing inputs) or no optimum.
    public func analyze(_ prepared: PreparedPlan) throws -> PlanSensitivity? {
        guard let compiled = prepared.compiled else { return nil }
        return try analyze(compiled, structure: prepared.structure)
    }

    /// The sensitivity of a compiled plan; nil when the plan has no optimum. Only the plan's own objective
    /// stages are analysed (`structure.plan.objective.stages`); stages the compiled program has beyond them
    /// (a final even spread) are used only to re-solve the allocation for `Effect`s.
    public func analyze(_ compiled: CompiledPlan, structure: PlanStructure) throws -> PlanSensitivity? {
        try run(compiled, structure: structure) { try $0.analyze() }
    }

    /// `body` on a run in a new session of the compiled program, under one budget; nil when the base solve
    /// itself did not finish.
    func run<T>(_ compiled: CompiledPlan, structure: PlanStructure, readsEvenSpread: Bool = true,
                _ body: (inout SensitivityRun) throws -> T?) throws -> T? {
        // Parametric re-solves are floating-point: `--exact` applies to the answer, not to its sensitivity.
        var options = options
        options.exact = false
        let budget = SolveBudget(options)
        let session = try factory.makeSession(for: compiled.program, options: budget.remaining(options))
        var run = SensitivityRun(compiled: compiled, structure: structure, session: session, parameterLimit: parameterLimit,
                                 searchLimit: Self.searchLimit, options: options, budget: budget, solveLimit: solveLimit)
        run.workLimit = workLimit
        let factory = factory
        run.makeSession = { try factory.makeSession(for: $0, options: $1) }
        run.readsEvenSpread = readsEvenSpread
        do {
            return try body(&run)
        } catch is SensitivityStopped {
            return nil
        }
    }
}

extension PlanSensitivityAnalyzer {
    /// What one more million of each source adds to the plan's first stage (the rate upward, true for the plan
    /// as `analyze` finds it), the one figure of the sensitivity a what-if study compares between scenarios,
    /// at a fraction of the re-solves. Nil when the plan has no optimum; a source left out was not finished
    /// inside the budget.
    public func sourceRates(_ compiled: CompiledPlan, structure: PlanStructure) throws -> [String: Double]? {
        try run(compiled, structure: structure) { try $0.sourceRatesUp() }
    }
}

/// A re-solve ended at a limit or in numerical trouble, or the analysis ran out of re-solves or time.
struct SensitivityStopped: Error {}

/// One analysis, in one session.
struct SensitivityRun {
    let compiled: CompiledPlan
    let structure: PlanStructure
    let session: any LinearProgramSession
    let parameterLimit: Int
    let searchLimit: Int
    let planStages: Int
    let tolerance: Double
    let cap: Double
    let options: SolveOptions
    let budget: SolveBudget
    let solveLimit: Int?
    var solves = 0
    /// `PlanSensitivityAnalyzer.workLimit` and the work spent so far.
    var workLimit: Int?
    var work = 0
    /// The stage whose objective the session holds (nil: unknown, set every coefficient).
    var currentStage: Int?
    var baseValues: [Double] = []
    var baseSolutions: [Solution] = []
    var baseFinal: Solution?
    /// A new session for a program built on the plan's (the even spread's, or the answer closest to the base),
    /// which `Effect`s and weight ranges are read from (nil: from the plan stages' own re-solves only).
    var makeSession: ((LinearProgram, SolveOptions) throws -> any LinearProgramSession)?
    /// Whether the answer reported is the even spread's (`solve` built one), so `Effect`s are read from it;
    /// otherwise (`--exact-amounts`) from the plan stages' own answer.
    var readsEvenSpread = false
    /// The base plan's funded amounts after the even spread, once computed.
    var baseSpreadFunded: [String: Double]??

    init(compiled: CompiledPlan, structure: PlanStructure, session: any LinearProgramSession, parameterLimit: Int, searchLimit: Int,
         options: SolveOptions, budget: SolveBudget, solveLimit: Int?) {
        self.options = options
        self.budget = budget
        self.solveLimit = solveLimit
        self.compiled = compiled
        self.structure = structure
        self.session = session
        self.parameterLimit = parameterLimit
        self.searchLimit = searchLimit
        planStages = min(structure.plan.objective.stages.count, compiled.stages.count)
        tolerance = structure.plan.objective.tolerance
        var total = 0.0
        for (i, meaning) in compiled.rows.enumerated() {
            switch meaning {
            case .source, .need, .floor, .fixed:
                let bounds = compiled.program.rows[i].bounds
                total += max(bounds.lower.isFinite ? abs(bounds.lower) : 0, bounds.upper.isFinite ? abs(bounds.upper) : 0)
            default: break
            }
        }
        cap = 2 * max(total, 1)
        currentStage = 0
    }

    // MARK: - Session helpers

    /// One re-solve: its solution when optimal, nil when the program is infeasible or unbounded (facts about
    /// the plan); throws `SensitivityStopped` when it stopped at a limit or in trouble, or nothing is left.
    mutating func solve() throws -> Solution? {
        let solution = try rawSolve()
        switch solution.status {
        case .optimal: return solution
        case .infeasible, .infeasibleOrUnbounded, .unbounded: return nil
        case .iterationLimit, .timeLimit, .numericalTrouble: throw SensitivityStopped()
        }
    }

    mutating func rawSolve() throws -> Solution {
        try session.setOptions(try spendSolve())
        return try session.solve()
    }

    /// Counts one re-solve against the run's limit and returns what is left of its budget for it; throws
    /// `SensitivityStopped` when no re-solve or no time is left.
    mutating func spendSolve() throws -> SolveOptions {
        if let solveLimit, solves >= solveLimit { throw SensitivityStopped() }
        try charge(compiled.program.rows.count + compiled.program.columns.count)
        let remaining = budget.remaining(options)
        if let seconds = remaining.timeLimitSeconds, seconds <= 0 { throw SensitivityStopped() }
        solves += 1
        return remaining
    }

    /// Counts `units` of work against `workLimit`; throws `SensitivityStopped` once it is spent.
    mutating func charge(_ units: Int) throws {
        if let workLimit, work + units > workLimit { throw SensitivityStopped() }
        work += units
    }

    /// A new session's cost: loading a program is about six in-session re-solves of it.
    mutating func chargeSession(_ program: LinearProgram) throws {
        try charge(6 * (program.rows.count + program.columns.count))
    }

    /// The plan's program without objective, row `row` at `bounds`, and each stage k < `values.count` held at
    /// `values[k]` as the plan holds it (one row each, named `name(k)`): the answers as good as those values.
    func programWithStagesHeld(_ values: [Double], row: Int?, bounds: Bounds?, name: String) -> LinearProgram {
        var program = compiled.program
        if let row, let bounds { program.rows[row].bounds = bounds }
        for j in program.columns.indices { program.columns[j].objective = 0 }
        for (k, stage) in compiled.stages.enumerated() where k < values.count {
            let terms = stage.coefficients.enumerated().filter { $0.element != 0 }.map { Term(column: $0.offset, coefficient: $0.element) }
            program.rows.append(Row(name: "\(name)(\(k + 1))", bounds: hold(values[k], stage: k), terms: terms))
        }
        return program
    }

    mutating func useStage(_ k: Int) throws {
        guard currentStage != k else { return }
        let stage = compiled.stages[k]
        try session.setSense(stage.sense)
        if let current = currentStage {
            let previous = compiled.stages[current].coefficients
            try session.setObjectiveCoefficients(
                stage.coefficients.enumerated().filter { $0.element != previous[$0.offset] }.map { (column: $0.offset, value: $0.element) })
        } else {
            try session.setObjectiveCoefficients(stage.coefficients.enumerated().map { (column: $0.offset, value: $0.element) })
        }
        currentStage = k
    }

    func hold(_ value: Double, stage k: Int) -> Bounds {
        let slack = tolerance * max(1, abs(value))
        return compiled.stages[k].sense == .maximize ? .atLeast(value - slack) : .atMost(value + slack)
    }

    /// Hold rows of stages before `k` at `values`, the others free.
    func setHolds(before k: Int, values: [Double]) throws {
        for (j, row) in compiled.stageRows.enumerated() {
            try session.setRowBounds(row, j < k ? hold(values[j], stage: j) : .free)
        }
    }

    /// The plan's bounds of row i with its finite ends moved by `shift`.
    func shifted(_ i: Int, _ shift: Double) -> Bounds {
        let bounds = compiled.program.rows[i].bounds
        return Bounds(lower: bounds.lower.isFinite ? bounds.lower + shift : bounds.lower,
                      upper: bounds.upper.isFinite ? bounds.upper + shift : bounds.upper)
    }

    /// Every compiled stage in order at the program's current bounds, each held for the next: the plan's answer.
    mutating func solveAllStages() throws -> (values: [Double], solutions: [Solution])? {
        var values: [Double] = []
        var solutions: [Solution] = []
        try setHolds(before: 0, values: [])
        for k in compiled.stages.indices {
            try useStage(k)
            guard let solution = try solve() else { return nil }
            values.append(solution.objective)
            solutions.append(solution)
            if k < compiled.stageRows.count { try session.setRowBounds(compiled.stageRows[k], hold(solution.objective, stage: k)) }
        }
        return (values, solutions)
    }

    /// The base plan's funded amounts after the even spread (computed once); nil when it has none.
    mutating func baseSpread(_ base: Solution) throws -> [String: Double]? {
        if let known = baseSpreadFunded { return known }
        let found = try spreadFunded(base, values: baseSolutions.map(\.objective), row: nil, bounds: nil)
        baseSpreadFunded = .some(found)
        return found
    }

    /// The funded amounts of the answer `solve` gives from `solution` (every compiled stage at `values`): the
    /// even spread over them, with row `row` at `bounds`; nil without a spread session or an optimum.
    mutating func spreadFunded(_ solution: Solution, values: [Double], row: Int?, bounds: Bounds?) throws -> [String: Double]? {
        guard readsEvenSpread, makeSession != nil else { return nil }
        var moved = compiled
        if let row, let bounds { moved.program.rows[row].bounds = bounds }
        let spread = EvenSpread.program(moved, structure: structure, reference: compiled.allocation(from: solution))
        var program = spread.program
        for (k, row) in spread.stageRows.enumerated() where k < values.count { program.rows[row].bounds = hold(values[k], stage: k) }
        return try fundedInNewSession(program)
    }

    /// Whether a change takes money from some lines and gives it to others (its parts cancel out).
    static func movesBothWays(_ change: [String: Double], amount: Double) -> Bool {
        let net = abs(change.values.reduce(0, +)), moved = change.values.reduce(0) { $0 + abs($1) }
        return moved > net + 1e-3 * amount
    }

    /// The funded amounts closest to `base` (least Σ |f − f_base|) among the answers with every compiled stage at
    /// `values` and row `row` at `bounds`: what the million changes when no even spread says which of several
    /// equally good answers is meant (`--exact-amounts`), instead of a jump to another vertex ("1,199 million less
    /// to DA2, 1,200 million more to DA3" for one million). Nil without a session or an optimum.
    mutating func closestFunded(to base: [String: Double], values: [Double], row: Int, bounds: Bounds) throws -> [String: Double]? {
        var program = programWithStagesHeld(values, row: row, bounds: bounds, name: "closest_hold")
        program.sense = .minimize
        for (leaf, column) in compiled.fundedColumns.sorted(by: { $0.key < $1.key }) {
            let over = program.columns.count
            program.columns.append(Column(name: "closest_over(\(leaf))", bounds: .nonNegative, objective: 1))
            program.columns.append(Column(name: "closest_under(\(leaf))", bounds: .nonNegative, objective: 1))
            program.rows.append(Row(name: "closest(\(leaf))", bounds: .exactly(base[leaf] ?? 0),
                                    terms: [Term(column: column, coefficient: 1), Term(column: over, coefficient: -1),
                                            Term(column: over + 1, coefficient: 1)]))
        }
        return try fundedInNewSession(program)
    }

    /// Solves `program` (the plan's program with rows and columns added) in a new session, under the run's
    /// budget and re-solve count: the funded amounts of its optimum, nil when it has none.
    mutating func fundedInNewSession(_ program: LinearProgram) throws -> [String: Double]? {
        guard let makeSession else { return nil }
        try chargeSession(program)
        let answer = try makeSession(program, try spendSolve()).solve()
        guard answer.status == .optimal else { return nil }
        return compiled.fundedColumns.mapValues { answer.columnValues[$0] }
    }

    func funded(_ solution: Solution) -> [String: Double] {
        compiled.fundedColumns.mapValues { solution.columnValues[$0] }
    }

    // MARK: - The analysis

    /// The plan's own solve, every stage held for the next, kept as the base of every search; its final basis,
    /// which each parameter's search starts from (nil when the plan has no optimum).
    mutating func solveBase() throws -> Basis? {
        guard planStages > 0, let base = try solveAllStages() else { return nil }
        baseValues = Array(base.values.prefix(planStages))
        baseSolutions = base.solutions
        baseFinal = base.solutions.last
        return try session.basis()
    }

    mutating func analyze() throws -> PlanSensitivity? {
        guard let baseBasis = try solveBase() else { return nil }

        var candidates: [(PlanSensitivity.Parameter, Int)] = []
        for source in structure.plan.sources {
            if let i = compiled.rowIndex(.source(source.id)) { candidates.append((.source(source.id), i)) }
        }
        for (i, meaning) in compiled.rows.enumerated() {
            if case .rule(let id, let instance) = meaning { candidates.append((.rule(id: id, instance: instance), i)) }
        }
        var rows: [PlanSensitivity.RowParameter] = []
        var stopped = false
        for (parameter, i) in candidates.prefix(parameterLimit) {
            try session.setBasis(baseBasis)
            do {
                rows.append(try analyzeRow(parameter, i))
            } catch is SensitivityStopped {
                stopped = true
            }
            try session.setRowBounds(i, compiled.program.rows[i].bounds)
            if stopped { break }
        }

        var weights: [PlanSensitivity.WeightRange] = []
        var leaves: [String] = []
        if let kw = (0..<planStages).first(where: { compiled.stages[$0].stage == .maximizeFundedNeed }) {
            leaves = structure.allocatedLeaves.map(\.code).filter { compiled.fundedColumns[$0] != nil }
            for code in leaves.prefix(parameterLimit) where !stopped {
                try session.setBasis(baseBasis)
                do {
                    weights.append(try analyzeWeight(code, stage: kw))
                } catch is SensitivityStopped {
                    stopped = true
                    try useStage(kw)
                    try session.setObjectiveCoefficient(compiled.fundedColumns[code]!, compiled.stages[kw].coefficients[compiled.fundedColumns[code]!])
                }
            }
        }
        return PlanSensitivity(rows: rows, weights: weights, rowsLeftOut: candidates.count - rows.count,
                               weightsLeftOut: leaves.count - weights.count, parameterLimit: parameterLimit, cap: cap, solves: solves,
                               baseFunded: funded(baseFinal!), stageValues: baseValues)
    }

    /// Each source's first-stage rate upward, found as `analyze` finds it (the same base solve, the same
    /// feasible range and the same search for the first linear piece) and nothing more: no length, no cause,
    /// no downward side, no later stage. A source the analysis could not finish is left out with all after it.
    mutating func sourceRatesUp() throws -> [String: Double]? {
        guard let baseBasis = try solveBase() else { return nil }
        let sources = structure.plan.sources.compactMap { source in compiled.rowIndex(.source(source.id)).map { (source.id, $0) } }
        var rates: [String: Double] = [:]
        for (id, i) in sources.prefix(parameterLimit) {
            try session.setBasis(baseBasis)
            do {
                let feasible = try feasibleDistance(i, direction: 1)
                if let rate = try firstStageRate(i, direction: 1, limit: min(feasible ?? cap, cap)) { rates[id] = rate }
            } catch is SensitivityStopped {
                try session.setRowBounds(i, compiled.program.rows[i].bounds)
                break
            }
            try session.setRowBounds(i, compiled.program.rows[i].bounds)
        }
        return rates
    }

    /// Stage 0's one-sided rate dV/dt for row i moved in `direction`: the `rate` of `analyzeRowSide`'s first side
    /// (nil where that side is infeasible).
    mutating func firstStageRate(_ i: Int, direction: Double, limit: Double) throws -> Double? {
        let tiny = 1e-9 * max(1, abs(compiled.program.rows[i].bounds.upper.isFinite ? compiled.program.rows[i].bounds.upper : 0))
        guard limit > tiny else { return nil }
        let sigma = compiled.stages[0].sense == .maximize ? 1.0 : -1.0
        let s0 = sigma * direction * baseSolutions[0].rowDuals[i]
        guard let piece = try firstPiece(g0: sigma * baseValues[0], s0: s0, slopeKnown: false, upTo: limit, evaluate: { run, t in
            try run.probeRow(i, direction: direction, stage: 0, rates: [], at: t)
        }) else { return nil }
        return direction * sigma * piece.slope
    }

    // MARK: - Rows

    /// A re-solve of stage k with row i moved by `direction·t` and each earlier hold moved by its rate.
    struct Probe {
        var t: Double
        var value: Double
        var slope: Double
        var solution: Solution
        /// Every stage's value there, when the probe solved them all (`complete`).
        var values: [Double] = []
    }

    /// With `complete`, the later stages are solved too (each held for the next, as the plan is solved) and the
    /// probe's solution is the final one: the allocation the plan would get there, which is what causes are
    /// read from (stage k alone may leave the allocation undecided, as maximise-funded-need does when every
    /// line has weight 1).
    mutating func probeRow(_ i: Int, direction: Double, stage k: Int, rates: [Double], at t: Double,
                           complete: Bool = false) throws -> Probe? {
        try session.setRowBounds(i, shifted(i, direction * t))
        try setHolds(before: k, values: (0..<k).map { baseValues[$0] + rates[$0] * t })
        try useStage(k)
        guard let solution = try solve() else { return nil }
        let sigma = compiled.stages[k].sense == .maximize ? 1.0 : -1.0
        var slope = direction * solution.rowDuals[i]
        for j in 0..<k { slope += solution.rowDuals[compiled.stageRows[j]] * rates[j] }
        var final = solution
        var values: [Double] = []
        if complete {
            var previous = solution
            values = (0..<k).map { baseValues[$0] + rates[$0] * t } + [solution.objective]
            for later in (k + 1)..<max(k + 1, compiled.stages.count) {
                try session.setRowBounds(compiled.stageRows[later - 1], hold(previous.objective, stage: later - 1))
                try useStage(later)
                guard let next = try solve() else { break }
                previous = next
                final = next
                values.append(next.objective)
            }
        }
        return Probe(t: t, value: sigma * solution.objective, slope: sigma * slope, solution: final, values: values)
    }

    /// How far row i can move in `direction` before no allocation meets every rule (nil: no limit).
    mutating func feasibleDistance(_ i: Int, direction: Double) throws -> Double? {
        let bounds = compiled.program.rows[i].bounds
        // Moving the upper end up or the lower end down only relaxes the row.
        let needsMax = direction > 0 && bounds.lower.isFinite
        let needsMin = direction < 0 && bounds.upper.isFinite
        guard needsMax || needsMin else { return nil }
        try setHolds(before: 0, values: [])
        try session.setRowBounds(i, .free)
        var coefficients = [Double](repeating: 0, count: compiled.program.columns.count)
        for term in compiled.program.rows[i].terms { coefficients[term.column] += term.coefficient }
        try session.setSense(needsMax ? .maximize : .minimize)
        try session.setObjectiveCoefficients(coefficients.enumerated().map { (column: $0.offset, value: $0.element) })
        currentStage = nil
        let solution = try rawSolve()
        try session.setRowBounds(i, bounds)
        switch solution.status {
        case .optimal:
            return max(0, needsMax ? solution.objective - bounds.lower : bounds.upper - solution.objective)
        case .unbounded, .infeasibleOrUnbounded:
            return nil  // no limit
        default:
            throw SensitivityStopped()
        }
    }

    mutating func analyzeRow(_ parameter: PlanSensitivity.Parameter, _ i: Int) throws -> PlanSensitivity.RowParameter {
        let bounds = compiled.program.rows[i].bounds
        let value = bounds.upper.isFinite ? bounds.upper : bounds.lower
        var stages = (0..<planStages).map {
            PlanSensitivity.StageRates(stage: $0, objective: compiled.stages[$0].stage, value: baseValues[$0],
                                       up: Self.infeasibleSide, down: Self.infeasibleSide)
        }
        var effects: [Double: PlanSensitivity.Effect] = [:]
        for direction in [1.0, -1.0] {
            let feasible = try feasibleDistance(i, direction: direction)
            let limit = min(feasible ?? cap, cap)
            let sides = try analyzeRowSide(i, direction: direction, limit: limit, feasibleLimit: feasible)
            for k in sides.indices {
                if direction > 0 { stages[k].up = sides[k] } else { stages[k].down = sides[k] }
            }
            // One unit, or the whole interval where every stage is linear when that is shorter.
            let lengths = sides.map { $0.rate == nil ? 0 : ($0.length ?? .infinity) }
            let amount = min(1, lengths.min() ?? 0)
            if amount > 0 {
                try session.setRowBounds(i, shifted(i, direction * amount))
                if let moved = try solveAllStages(), let base = baseFinal {
                    func change(from: [String: Double], to: [String: Double]) -> [String: Double] {
                        var change: [String: Double] = [:]
                        for leaf in compiled.fundedColumns.keys {
                            let delta = to[leaf]! - from[leaf]!
                            if abs(delta) > 1e-3 * amount { change[leaf] = delta }
                        }
                        return change
                    }
                    var effect = change(from: funded(base), to: funded(moved.solutions.last!))
                    // The change in the answer `solve` gives, which ends with the even spread. The stages' re-solve
                    // alone is a vertex: where two lines are interchangeable it may jump to another vertex of the
                    // same face ("478 more to DA2 and 477 less to DA3") or put the whole million on one of them
                    // ("1 million more to DA2") where `solve` gives each the same share.
                    if let before = try baseSpread(base),
                       let after = try spreadFunded(moved.solutions.last!, values: moved.values, row: i, bounds: shifted(i, direction * amount)) {
                        effect = change(from: before, to: after)
                    } else if !readsEvenSpread, Self.movesBothWays(effect, amount: amount),
                              let closest = try closestFunded(to: funded(base), values: moved.values, row: i, bounds: shifted(i, direction * amount)) {
                        effect = change(from: funded(base), to: closest)
                    }
                    effects[direction] = PlanSensitivity.Effect(amount: amount, funded: effect)
                }
                try session.setRowBounds(i, bounds)
            }
        }
        var reachable: [String] = []
        var needsMet: Bool?
        if case .source(let id) = parameter {
            reachable = structure.allocatedLeaves.map(\.code).filter { leaf in
                compiled.allocationColumns.keys.contains { $0.project == leaf && $0.source == id }
            }
            if let final = baseFinal { needsMet = reachable.allSatisfy { needMet($0, in: final) } }
        }
        return PlanSensitivity.RowParameter(parameter: parameter, row: i, rowName: compiled.program.rows[i].name, bounds: bounds,
                                            value: value.isFinite ? value : 0, stages: stages, up: effects[1], down: effects[-1],
                                            reachableLeaves: reachable, reachableNeedsMet: needsMet)
    }

    static let infeasibleSide = PlanSensitivity.Side(rate: nil, length: 0, end: .infeasible, rateBeyond: nil, causes: [])

    /// Whether a ceiling (need) over the leaf, its own or an ancestor's, is reached.
    func needMet(_ leaf: String, in solution: Solution) -> Bool {
        let lineage = Set(structure.lineage(leaf))
        for (r, meaning) in compiled.rows.enumerated() {
            if case .need(let project, _) = meaning, lineage.contains(project), isTight(r, solution, bounds: compiled.program.rows[r].bounds) {
                return true
            }
        }
        return false
    }

    /// Each plan stage's side in one direction.
    mutating func analyzeRowSide(_ i: Int, direction: Double, limit: Double, feasibleLimit: Double?) throws -> [PlanSensitivity.Side] {
        var sides: [PlanSensitivity.Side] = []
        var rates: [Double] = []      // dV_j/dt on this side, j < k
        var ends: [Double] = []       // lengths of the earlier stages (∞ for no limit)
        let relaxing = (direction > 0 && !compiled.program.rows[i].bounds.lower.isFinite)
            || (direction < 0 && !compiled.program.rows[i].bounds.upper.isFinite)
        let tiny = 1e-9 * max(1, abs(compiled.program.rows[i].bounds.upper.isFinite ? compiled.program.rows[i].bounds.upper : 0))
        guard limit > tiny else { return (0..<planStages).map { _ in Self.infeasibleSide } }
        for k in 0..<planStages {
            let sigma = compiled.stages[k].sense == .maximize ? 1.0 : -1.0
            let earlierEnd = ends.enumerated().min { $0.element < $1.element }
            var searchEnd = limit
            var endsAtEarlier: Int?
            if let earlierEnd, earlierEnd.element < searchEnd {
                searchEnd = earlierEnd.element
                endsAtEarlier = earlierEnd.offset
            }
            // The slope at 0 from the base solution of stage k (a supergradient, not yet the one-sided rate).
            let base = baseSolutions[k]
            var s0 = direction * base.rowDuals[i]
            for j in 0..<k { s0 += base.rowDuals[compiled.stageRows[j]] * rates[j] }
            s0 *= sigma
            let g0 = sigma * baseValues[k]
            let rateSoFar = rates
            let stretch = try self.stretch(g0: g0, s0: s0, slopeKnown: false, upTo: searchEnd) { run, t in
                try run.probeRow(i, direction: direction, stage: k, rates: rateSoFar, at: t)
            }
            guard let stretch else {
                sides.append(Self.infeasibleSide)
                rates.append(0)
                ends.append(0)
                continue
            }
            let rate = sigma * stretch.slope    // dV_k/dt
            var side = PlanSensitivity.Side(rate: direction * rate, length: stretch.length, end: .breakpoint, rateBeyond: nil, causes: [])
            if stretch.unresolved {
                side.end = .unresolved
            } else if stretch.length < searchEnd * (1 - 1e-12) {
                side.end = .breakpoint
                let around = try probesAround(stretch.length, upTo: searchEnd) { run, t in
                    try run.probeRow(i, direction: direction, stage: k, rates: rateSoFar, at: t, complete: true)
                }
                side.causes = try causes(around, parameterRow: i, direction: direction)
                if let beyond = around.beyond { side.rateBeyond = direction * sigma * beyond.slope }
            } else if let j = endsAtEarlier {
                side.end = .earlierStage(j)
                side.causes = sides[j].causes
            } else if let feasibleLimit, feasibleLimit <= cap {
                side.end = .infeasible
                let around = try probesAround(stretch.length, upTo: stretch.length) { run, t in
                    try run.probeRow(i, direction: direction, stage: k, rates: rateSoFar, at: t, complete: true)
                }
                side.causes = try causes(around, parameterRow: i, direction: direction)
            } else {
                let earlierFlat = (0..<k).allSatisfy { sides[$0].end == .unlimited && abs(rates[$0]) <= 1e-9 }
                if relaxing && abs(rate) <= 1e-9 && earlierFlat {
                    side.end = .unlimited
                    side.length = nil
                } else {
                    side.end = .cap
                }
            }
            sides.append(side)
            rates.append(rate)
            ends.append(side.length ?? .infinity)
        }
        return sides
    }

    // MARK: - Weights

    mutating func analyzeWeight(_ code: String, stage k: Int) throws -> PlanSensitivity.WeightRange {
        let j = compiled.fundedColumns[code]!
        let w0 = compiled.stages[k].coefficients[j]
        // The line's money in the answer `solve` reports (after the even spread). The allocation stays optimal
        // while the stage's value follows the line of that slope; where the spread left the line between its
        // least and its most on the stage's optimal face (two interchangeable lines sharing a shortfall), the
        // value leaves that line at once, and any change of the weight changes the allocation.
        let shown = try baseFinal.flatMap { try baseSpread($0) }
        let fStar = shown?[code] ?? baseSolutions[k].columnValues[j]
        var result = PlanSensitivity.WeightRange(project: code, stage: k, weight: w0, funded: fStar, lower: w0, upper: w0,
                                                 lowerEnd: .domain, upperEnd: .domain, lowerShift: [:], upperShift: [:])
        try setHolds(before: k, values: baseValues)
        try useStage(k)
        for direction in [1.0, -1.0] {
            let room = direction > 0 ? PlanSensitivity.largestWeight - w0 : w0
            var end = PlanSensitivity.End.domain
            var length = max(0, room)
            var shift: [String: Double] = [:]
            if room > 0 {
                // g(t) = −V(w0 + direction·t) is concave; the current allocation stays optimal while g follows the
                // line of slope −direction·f*, the slope the allocation gives.
                let probe: (inout SensitivityRun, Double) throws -> Probe? = { run, t in
                    try run.session.setObjectiveCoefficient(j, w0 + direction * t)
                    guard let solution = try run.solve() else { return nil }
                    return Probe(t: t, value: -solution.objective, slope: -direction * solution.columnValues[j], solution: solution)
                }
                let g0 = -baseValues[k]
                if let stretch = try self.stretch(g0: g0, s0: -direction * fStar, slopeKnown: true, upTo: room, evaluate: probe) {
                    length = stretch.length
                    if stretch.unresolved {
                        end = .unresolved
                    } else if stretch.length < room * (1 - 1e-12) {
                        end = .breakpoint
                        let around = try probesAround(stretch.length, upTo: room, evaluate: probe)
                        if let beyond = around.beyond {
                            for (leaf, column) in compiled.fundedColumns {
                                let before = shown?[leaf] ?? baseSolutions[k].columnValues[column]
                                let delta = beyond.solution.columnValues[column] - before
                                if abs(delta) > 1e-6 * max(1, abs(before)) { shift[leaf] = delta }
                            }
                        }
                    }
                } else {
                    length = 0
                    end = .unresolved
                }
                try session.setObjectiveCoefficient(j, w0)
            }
            if direction > 0 {
                result.upper = w0 + length
                result.upperEnd = end
                result.upperShift = shift
            } else {
                result.lower = w0 - length
                result.lowerEnd = end
                result.lowerShift = shift
            }
        }
        return result
    }

    // MARK: - The search

    struct Stretch {
        /// Slope of g on [0, length].
        var slope: Double
        var length: Double
        var unresolved: Bool
    }

    func close(_ a: Double, _ b: Double, scale: Double) -> Bool {
        abs(a - b) <= 1e-7 * max(1, abs(a), abs(b), scale)
    }

    /// The longest [0, T] ⊆ [0, U] on which the concave g is linear from 0, and its slope (see the type's
    /// comment). `s0` is a supergradient at 0; with `slopeKnown` it is the slope wanted (a weight's funded
    /// amount) and T is 0 when g leaves that line at once. Nil when g cannot be evaluated at all.
    mutating func stretch(g0: Double, s0: Double, slopeKnown: Bool, upTo limit: Double,
                          evaluate: (inout SensitivityRun, Double) throws -> Probe?) throws -> Stretch? {
        guard let first = try firstPiece(g0: g0, s0: s0, slopeKnown: slopeKnown, upTo: limit, evaluate: evaluate) else { return nil }
        if let found = first.found { return found }
        var budget = first.budget
        let slope = first.slope, verified = first.verified, scale = first.scale
        // Phase B: the slope is known on [0, verified]; the first breakpoint lies in [verified, U].
        var right = first.atEnd
        while true {
            if close(right.value, g0 + slope * right.t, scale: scale) {
                return Stretch(slope: slope, length: right.t, unresolved: false)
            }
            let denominator = slope - right.slope
            guard denominator > 1e-12 * max(1, abs(slope)), budget > 0 else {
                return Stretch(slope: slope, length: verified, unresolved: true)
            }
            let t = min(max((right.value - right.slope * right.t - g0) / denominator, verified), right.t)
            guard let probe = try evaluate(&self, t) else { return Stretch(slope: slope, length: verified, unresolved: true) }
            budget -= 1
            if close(probe.value, g0 + slope * t, scale: scale) { return Stretch(slope: slope, length: t, unresolved: false) }
            if t <= verified + 1e-12 * max(1, verified) { return Stretch(slope: slope, length: verified, unresolved: false) }
            right = probe
        }
    }

    /// Phase A of `stretch`: the first linear piece's slope, and how far it is known to reach.
    struct FirstPiece {
        var slope: Double
        /// g is linear with `slope` on [0, verified].
        var verified: Double
        /// The re-solve at the end of the search.
        var atEnd: Probe
        /// Re-solves left for phase B.
        var budget: Int
        var scale: Double
        /// Set when phase A already settled the whole stretch (its end, or that it cannot be resolved).
        var found: Stretch?
    }

    /// The first piece's slope from 0 towards U (see the type's comment); nil when g cannot be evaluated at U.
    mutating func firstPiece(g0: Double, s0: Double, slopeKnown: Bool, upTo limit: Double,
                             evaluate: (inout SensitivityRun, Double) throws -> Probe?) throws -> FirstPiece? {
        var budget = searchLimit
        var U = limit
        var endProbe = try evaluate(&self, U)
        budget -= 1
        if endProbe == nil {
            // At the edge of feasibility a re-solve may fail by round-off: step back a little.
            U = limit * (1 - 1e-7) - 1e-9
            guard U > 0 else { return nil }
            endProbe = try evaluate(&self, U)
            budget -= 1
        }
        guard let atEnd = endProbe else { return nil }
        // Values are compared at the size of g(0), and of the values themselves (`close`), never at the size of
        // the far end: a weight's search ends at a weight of a million, where g is a million times larger, and
        // a tolerance of that size took a drop of 59 at t = 0.09 for a straight line (a range of 1 to 1.0944
        // for a line whose allocation changes at any weight above 1).
        let scale = abs(g0)

        var piece = FirstPiece(slope: s0, verified: 0, atEnd: atEnd, budget: budget, scale: scale)
        func settled(_ stretch: Stretch) -> FirstPiece {
            var settled = piece
            settled.slope = stretch.slope
            settled.found = stretch
            return settled
        }
        if slopeKnown { return piece }
        var right = atEnd
        while true {
            if close(right.value, g0 + right.slope * right.t, scale: scale) {
                piece.slope = right.slope
                piece.verified = right.t
                return piece
            }
            if close(right.value, g0 + s0 * right.t, scale: scale) {
                piece.verified = right.t
                return piece
            }
            let denominator = s0 - right.slope
            guard denominator > 1e-12 * max(1, abs(s0)), piece.budget > 0 else {
                return settled(Stretch(slope: right.slope, length: 0, unresolved: true))
            }
            let t = min(max((right.value - right.slope * right.t - g0) / denominator, 0), right.t)
            if t <= 1e-12 * max(1, right.t) {
                // The supporting line at `right` passes through (0, g(0)) within round-off: it is the first piece.
                piece.slope = right.slope
                piece.verified = right.t
                return piece
            }
            guard let probe = try evaluate(&self, t) else { return settled(Stretch(slope: s0, length: 0, unresolved: true)) }
            piece.budget -= 1
            if close(probe.value, g0 + s0 * t, scale: scale) { return settled(Stretch(slope: s0, length: t, unresolved: false)) }
            right = probe
        }
    }

    /// Re-solves just before an end, at it and just beyond it (when there is room).
    struct Around {
        var before: Probe?
        var at: Probe?
        var beyond: Probe?
    }

    mutating func probesAround(_ T: Double, upTo limit: Double, evaluate: (inout SensitivityRun, Double) throws -> Probe?) throws -> Around {
        let step = max(1e-3, 1e-6 * abs(T))
        var around = Around()
        if T > 0 { around.before = try evaluate(&self, max(0, T - min(T / 2, step * 10))) }
        around.at = try evaluate(&self, T)
        if limit > T { around.beyond = try evaluate(&self, T + min((limit - T) / 2, step)) }
        return around
    }

    // MARK: - Causes

    func isTight(_ r: Int, _ solution: Solution, bounds: Bounds) -> Bool {
        let activity = solution.rowActivities[r]
        let lower = bounds.lower.isFinite && abs(activity - bounds.lower) <= 1e-6 * max(1, abs(bounds.lower))
        let upper = bounds.upper.isFinite && abs(activity - bounds.upper) <= 1e-6 * max(1, abs(bounds.upper))
        return lower || upper
    }

    /// The rows and columns whose state changes at the end: what starts to bind there (before → at) and
    /// what stops just beyond it (at → beyond). Only inequality rows of the plan (sources, needs, floors,
    /// rules) and allocation or funded columns: definitions and stage holds never are causes, and columns
    /// that do not exist cannot be named.
    ///
    /// A row is read off the whole set of answers as good as the probe's in every stage, not off the one
    /// vertex the simplex returned: it starts to bind when it binds in every such answer at the end and can
    /// be slack in one just before it (`rowsThatCanBeSlack`). Where lines are interchangeable the vertex
    /// before the end leaves one of them short and the others met, which one being the pivoting's choice: six
    /// needs met at once at the end were named as one ("the need of DA7.TDA2 is met", or of DA2 after
    /// another pivoting rule). When no row passes (a face the re-solves could not settle), the vertices' own
    /// reading is kept.
    mutating func causes(_ around: Around, parameterRow: Int?, direction: Double) throws -> [PlanSensitivity.Cause] {
        guard let at = around.at else { return [] }
        func rowBounds(_ r: Int, _ probe: Probe) -> Bounds {
            r == parameterRow ? shifted(r, direction * probe.t) : compiled.program.rows[r].bounds
        }
        var tightAt: [Int] = []
        for (r, meaning) in compiled.rows.enumerated() {
            switch meaning {
            case .source, .need, .floor, .rule: break
            default: continue
            }
            let bounds = compiled.program.rows[r].bounds
            if bounds.isFixed || (!bounds.lower.isFinite && !bounds.upper.isFinite) { continue }
            if isTight(r, at.solution, bounds: rowBounds(r, at)) { tightAt.append(r) }
        }
        func limit(_ r: Int) -> PlanSensitivity.Limit { .row(compiled.rows[r], name: compiled.program.rows[r].name) }

        // The vertices' reading: tight at the end, slack in the vertex before it (or beyond it).
        var vertexStarts: [Int] = [], vertexStops: [Int] = []
        for r in tightAt {
            if let before = around.before, !isTight(r, before.solution, bounds: rowBounds(r, before)) {
                vertexStarts.append(r)
            } else if let beyond = around.beyond, !isTight(r, beyond.solution, bounds: rowBounds(r, beyond)) {
                vertexStops.append(r)
            }
        }
        // The faces' reading.
        var starts: [Int] = [], stops: [Int] = []
        var settled = true
        if let before = around.before {
            let tightBefore = tightAt.filter { isTight($0, before.solution, bounds: rowBounds($0, before)) }
            if let slack = try rowsThatCanBeSlack(tightBefore, at: before, parameterRow: parameterRow, direction: direction) {
                starts = tightAt.filter { !tightBefore.contains($0) || slack.contains($0) }
            } else { settled = false }
        }
        if settled, let beyond = around.beyond {
            let rest = tightAt.filter { !starts.contains($0) }
            let tightBeyond = rest.filter { isTight($0, beyond.solution, bounds: rowBounds($0, beyond)) }
            if let slack = try rowsThatCanBeSlack(tightBeyond, at: beyond, parameterRow: parameterRow, direction: direction) {
                stops = rest.filter { !tightBeyond.contains($0) || slack.contains($0) }
            } else { settled = false }
        }
        if settled, let slackAt = try rowsThatCanBeSlack(starts + stops, at: at, parameterRow: parameterRow, direction: direction) {
            starts.removeAll { slackAt.contains($0) }
            stops.removeAll { slackAt.contains($0) }
        } else { settled = false }
        if !settled || starts.isEmpty && stops.isEmpty { (starts, stops) = (vertexStarts, vertexStops) }

        var found = starts.map { PlanSensitivity.Cause(limit: limit($0), change: .starts, isParameterItself: $0 == parameterRow) }
            + stops.map { PlanSensitivity.Cause(limit: limit($0), change: .stops, isParameterItself: $0 == parameterRow) }
        for (j, meaning) in compiled.columns.enumerated() {
            switch meaning {
            case .allocation, .funded: break
            default: continue
            }
            let zeroAt = abs(at.solution.columnValues[j]) <= 1e-7
            let limit = PlanSensitivity.Limit.column(meaning, name: compiled.program.columns[j].name)
            if let before = around.before, zeroAt, before.solution.columnValues[j] > 1e-6 {
                found.append(.init(limit: limit, change: .starts, isParameterItself: false))
            }
        }
        // Rows first (what a planner names), the parameter itself last; a dozen at most.
        let ordered = found.filter { !$0.isParameterItself && $0.change == .starts } + found.filter { !$0.isParameterItself && $0.change == .stops }
            + found.filter(\.isParameterItself)
        return Array(ordered.prefix(Self.causesKept))
    }

    /// The most causes one end keeps (needs met at once are named together, see `SensitivitySectionBuilder.cause`).
    static let causesKept = 12

    /// Which of `rows` (each at one of its bounds in `probe`'s solution) can be away from it in some answer as
    /// good as the probe's in every stage, asked in one new session of the plan's program with
    /// the parameter row where the probe had it and every stage held at the probe's value, as the plan holds
    /// it. Held exactly, a later stage could not reach its value (it was found with the earlier ones held
    /// within the tolerance); so a row counts as slack only when it moves by well over what the holds' slack
    /// allows, in the row's units (a hundred times the stages' slack over their smallest coefficients, 6·10⁻⁴ on
    /// Tịnh Biên; the probe before an end is 0.01 from it unless the end is nearer than 0.02). Nil when the
    /// probe did not solve every stage or the face has no optimum: the vertex is then read as it is. A re-solve
    /// stopped at a limit stops the analysis, as every other re-solve does.
    ///
    /// A row with a price (a non-zero dual) in the probe's last stage binds in every optimum of that stage, by
    /// complementary slackness: it is not re-solved.
    mutating func rowsThatCanBeSlack(_ rows: [Int], at probe: Probe, parameterRow: Int?, direction: Double) throws -> Set<Int>? {
        let rows = rows.filter { abs(probe.solution.rowDuals[$0]) <= 1e-9 }
        guard !rows.isEmpty else { return [] }
        guard let makeSession, probe.values.count == compiled.stages.count else { return nil }
        let program = programWithStagesHeld(probe.values, row: parameterRow, bounds: parameterRow.map { shifted($0, direction * probe.t) },
                                            name: "face_hold")
        // How far a row may drift inside the holds' slack, in the row's own units: each stage's slack over its
        // smallest coefficient (with priority weights of 1,000 a stage's slack moves the money a thousandth).
        var drift = 0.0
        for (k, stage) in compiled.stages.enumerated() {
            let smallest = stage.coefficients.lazy.filter { $0 != 0 }.map(abs).min() ?? 1
            drift += tolerance * max(1, abs(probe.values[k])) / smallest
        }
        try chargeSession(program)
        let face = try makeSession(program, budget.remaining(options))
        // Each row pushed away from the bound it is at (down from an upper one, up from a lower one), all at
        // once, each in units of the least move that counts (`threshold`): the rows an answer moves that far can
        // be slack; the others are asked again without them, until an answer moves none. About one re-solve a row
        // that can be slack, and one for all the rows that cannot, where a re-solve per row tripled the analysis
        // of Tịnh Biên. An answer that moves no row far enough but adds up to more than one unit may be spending
        // the room on small moves of many rows: then each row is asked alone.
        var side: [Int: (sign: Double, bound: Double, threshold: Double)] = [:]
        for r in rows {
            let bounds = program.rows[r].bounds
            let atUpper = bounds.upper.isFinite && abs(probe.solution.rowActivities[r] - bounds.upper) <= 1e-6 * max(1, abs(bounds.upper))
            let bound = atUpper ? bounds.upper : bounds.lower
            side[r] = (atUpper ? -1 : 1, bound, max(1e-6 * max(1, abs(bound)), 100 * drift))
        }
        var objective = [Double](repeating: 0, count: program.columns.count)
        try face.setSense(.maximize)
        func push(_ pushed: [Int]) throws -> Solution? {
            let remaining = try spendSolve()
            var next = [Double](repeating: 0, count: program.columns.count)
            for r in pushed {
                let (sign, _, threshold) = side[r]!
                for term in program.rows[r].terms { next[term.column] += sign * term.coefficient / threshold }
            }
            try face.setObjectiveCoefficients(next.indices.filter { next[$0] != objective[$0] }.map { ($0, next[$0]) })
            objective = next
            try face.setOptions(remaining)
            let answer = try face.solve()
            switch answer.status {
            case .optimal: return answer
            case .infeasible, .infeasibleOrUnbounded, .unbounded: return nil
            case .iterationLimit, .timeLimit, .numericalTrouble: throw SensitivityStopped()
            }
        }
        func move(_ r: Int, _ answer: Solution) -> Double { abs(answer.rowActivities[r] - side[r]!.bound) / side[r]!.threshold }
        var open = rows
        var slack = Set<Int>()
        while !open.isEmpty {
            guard let answer = try push(open) else { return nil }
            let moved = open.filter { move($0, answer) > 1 }
            if moved.isEmpty {
                guard open.reduce(0, { $0 + move($1, answer) }) > 1 + 1e-9 else { break }
                for r in open {
                    guard let alone = try push([r]) else { return nil }
                    if move(r, alone) > 1 { slack.insert(r) }
                }
                break
            }
            slack.formUnion(moved)
            open.removeAll { slack.contains($0) }
        }
        return slack
    }
}
