import LinearProgramming

/// A proposal in whole units of the plan (whole millions unless the plan's `rounding:` says otherwise):
/// every line a whole number, so lines add up exactly to every total, every rule met on those figures.
public struct WholeUnitProposal: Sendable {
    public var allocation: Allocation
    /// Each plan stage's optimum over whole-unit allocations, in stage order.
    public var stageValues: [Double]
    /// The even-spread stage's value over whole-unit allocations.
    public var spreadValue: Double
    /// The unit the proposal is whole in, in the plan's unit.
    public var unit: Double
    /// True when some rule is met within rounding only, as `check` accepts it: the figures stand for unrounded
    /// amounts, each within half a unit, that meet every rule exactly (229 beside 2,293 for a 10% rule).
    public var rulesWithinRounding: Bool
    /// True when a search stopped at its time limit with a whole-unit allocation not proved best.
    public var stoppedWithGap: Bool
    /// How far the even spread may be from the most even one, relative, when its search stopped at its
    /// step limit short of both its aims, 1% or one unit of weighted deviation (nil: within either).
    public var spreadGap: Double? = nil
}

/// Why no whole-unit proposal is given (the continuous answer is reported instead).
public enum NoWholeUnitProposal: String, Sendable, Codable, Error {
    /// No whole-unit allocation meets the rules, even with each rule rounded to the unit.
    case noWholeAllocation = "no-whole-allocation"
    /// The search ran out of time before finding one.
    case stopped
}

/// Solves the plan's stages again as integer programs, lexicographically, then the even spread, all in
/// whole units: stage k is optimised over whole-unit allocations with stages 1…k−1 held at their
/// whole-unit optima, so each stage's value is the best any signable allocation reaches, reported beside
/// the continuous optimum it cannot beat.
///
/// The rules are met as `check` meets them: exactly, or within rounding (10% of 3,634 is 363.4 and the
/// province's 363 is right), decided over every figure the proposal prints (`figures`, `certifyRounding`).
/// Allowed from the start, not only when no exact whole answer exists: otherwise a change that merely made
/// an exact answer possible (Tịnh Biên's DA2 need raised to 2,750) moved three lines off the plan's own
/// figures, which were right. Without `figures` (the effects of a million, on a program already widened),
/// the exact attempt comes first and each rule row may then fall short by half a unit.
struct WholeUnitSolver {
    let integerSolver: any IntegerProgramSolver
    let unit: Double
    let tolerance: Double
    /// The program's rule rows are already widened by half a unit (the continuous plan needed it).
    var rulesRounded = false
    /// The figures a document of the proposal prints (`RoundingFigures`): with them, rules met within rounding
    /// are met as `check` decides it, not only row by row (`certifyRounding`).
    var figures: [[Int]] = []
    /// Up to this many allocation columns: the certified program doubles them and adds a row per printed figure,
    /// which on a plan of 7,462 sources (22,000 columns) took its search from 4 s to 25 s. A larger plan tries the
    /// exact rules first, as before, and rounding only when they admit no whole answer (a count, so every machine
    /// decides alike).
    static let roundingFirstColumnLimit = 4_000

    /// Whether `a` is better than `b`: a better value of the first stage where they differ (beyond the stages'
    /// slack), else a more even spread by more than round-off; a tie keeps `b`.
    static func better(_ a: WholeUnitProposal, than b: WholeUnitProposal, _ compiled: CompiledPlan) -> Bool {
        for (k, stage) in compiled.stages.enumerated() where k < a.stageValues.count && k < b.stageValues.count {
            let x = a.stageValues[k], y = b.stageValues[k]
            guard abs(x - y) > 1e-6 * max(1, abs(y)) else { continue }
            return stage.sense == .maximize ? x > y : x < y
        }
        return a.spreadValue < b.spreadValue - 1e-6 * max(1, abs(b.spreadValue))
    }

    func solve(_ compiled: CompiledPlan, spread: EvenSpread.Program, timeLeft: () -> Double?) throws
        -> Result<WholeUnitProposal, NoWholeUnitProposal> {
        if rulesRounded {
            var result = try attempt(compiled, spread: spread, roundedRules: false, timeLeft: timeLeft)
            if case .success(var proposal) = result {
                proposal.rulesWithinRounding = true
                result = .success(proposal)
            }
            return result
        }
        if !figures.isEmpty && compiled.allocationColumns.count <= Self.roundingFirstColumnLimit {
            // Both ways, and the better answer: rounding can reach a better stage value or stay nearer the plan's own
            // figures (Tịnh Biên with DA2's need at 2,750 keeps them: spread 1.1 against 710 exactly), while the exact
            // search can end nearer the most even split within the spread's 1% tolerance (central 4,900: 1,560.1
            // exactly, 1,575.4 within rounding, 77 of the 78 cut on one line).
            // Whether the answer taken needs rounding at all is the caller's re-check to say (`PlanSolver`).
            let exact = try attempt(compiled, spread: spread, roundedRules: false, timeLeft: timeLeft)
            let rounded = try attempt(compiled, spread: spread, roundedRules: true, timeLeft: timeLeft)
            switch (exact, rounded) {
            case (.success(let e), .success(let r)): return .success(Self.better(r, than: e, compiled) ? r : e)
            case (.success(let e), _): return .success(e)
            case (_, .success(let r)): return .success(r)
            case (.failure(.stopped), _), (_, .failure(.stopped)): return .failure(.stopped)
            default: return .failure(.noWholeAllocation)
            }
        }
        switch try attempt(compiled, spread: spread, roundedRules: false, timeLeft: timeLeft) {
        case .success(let proposal): return .success(proposal)
        case .failure(.stopped): return .failure(.stopped)
        case .failure(.noWholeAllocation):
            return try attempt(compiled, spread: spread, roundedRules: true, timeLeft: timeLeft)
        }
    }

    private func attempt(_ compiled: CompiledPlan, spread: EvenSpread.Program, roundedRules: Bool,
                         timeLeft: () -> Double?) throws -> Result<WholeUnitProposal, NoWholeUnitProposal> {
        let whole = Set(compiled.columns.indices.filter {
            switch compiled.columns[$0] {
            case .allocation, .funded: true
            default: false
            }
        })
        var program = integral(compiled.program, whole: whole)
        Self.wholeAmounts(&program, compiled, whole: whole)
        let stageUnrounded = roundedRules ? roundRules(&program, compiled, whole: whole) : nil
        var values: [Double] = []
        var gap = false
        var x: [Double] = []
        var start: [Double]?
        for (k, stage) in compiled.stages.enumerated() {
            for j in program.columns.indices {
                program.columns[j].objective = j < stage.coefficients.count ? stage.coefficients[j] * scale(j, whole) : 0
            }
            program.sense = stage.sense
            if k > 0 { program.rows[compiled.stageRows[k - 1]].bounds = hold(values[k - 1], compiled.stages[k - 1].sense) }
            // The previous stage's answer meets this stage's hold row too: it starts the search, so a tightly
            // constrained stage (a 6% counterpart on every line of a district plan) never ends with no point.
            // The first stage has no earlier answer: the best whole point next to its continuous optimum
            // starts it instead (a district plan's search took 1.6 s to find its first point without one).
            if start == nil {
                start = try Self.roundedNeighbour(of: program, whole: whole, solver: integerSolver, gap: 0, timeLeft: timeLeft)
            }
            let solution = try integerSolver.solveInteger(program, options: IntegerSolveOptions(timeLimitSeconds: timeLeft(), start: start))
            switch solution.status {
            case .optimal, .feasibleWithGap:
                gap = gap || solution.status == .feasibleWithGap
                start = solution.columnValues
                x = snapped(solution.columnValues, whole)
                values.append(zip(stage.coefficients, x).reduce(0) { $0 + $1.0 * $1.1 })
            case .infeasible where k == 0: return .failure(.noWholeAllocation)
            default: return .failure(.stopped)
            }
        }
        // The even spread, every plan stage held at its whole-unit optimum.
        var last = integral(spread.program, whole: whole)
        Self.wholeAmounts(&last, compiled, whole: whole)
        let spreadUnrounded = roundedRules ? roundRules(&last, compiled, whole: whole) : nil
        for (k, row) in spread.stageRows.enumerated() { last.rows[row].bounds = hold(values[k], compiled.stages[k].sense) }
        // The stages' answer, with each deviation column at the deviation it leaves, starts the spread; its
        // unrounded amounts, which the two programs keep at different columns, are carried over.
        let stagesStart = start.map { point -> [Double] in
            guard let from = stageUnrounded, let to = spreadUnrounded else { return Self.spreadPoint(point, program: last) }
            var moved = Self.spreadPoint(Array(point.prefix(compiled.program.columns.count)), program: last)
            for k in 0..<(point.count - from) where to + k < moved.count { moved[to + k] = point[from + k] }
            return moved
        }
        // A better start, when there is one: the best whole point next to the spread's continuous optimum.
        let neighbour = try Self.roundedNeighbour(of: last, whole: whole, solver: integerSolver, gap: Self.spreadGapTolerance,
                                                  absoluteGap: spreadAbsoluteGap, through: stagesStart, timeLeft: timeLeft)
        let spreadStart = neighbour.map { Self.better($0, than: stagesStart, in: last) } ?? stagesStart
        var options = IntegerSolveOptions(timeLimitSeconds: timeLeft(), relativeGapTolerance: Self.spreadGapTolerance, start: spreadStart)
        options.nodeLimit = Self.spreadNodeLimit
        options.absoluteGapTolerance = spreadAbsoluteGap
        options.absoluteGapAfterNodes = Self.spreadAbsoluteGapAfterNodes
        let solution = try integerSolver.solveInteger(last, options: options)
        var spreadValue = 0.0
        var spreadGap: Double?
        /// Takes a whole point of the spread program as the answer.
        func take(_ point: [Double]) {
            let all = snapped(point, whole)
            x = Array(all.prefix(compiled.columns.count))
            spreadValue = spread.deviationColumns.reduce(0) { $0 + last.columns[$1].objective * all[$1] }
        }
        switch solution.status {
        case .optimal, .feasibleWithGap:
            // Within the spread's tolerance, or at its step limit, is its answer, the same on every machine;
            // only a search stopped by the clock short of both is reported as such.
            let closeEnough = Self.closeEnough(solution, gap: Self.spreadGapTolerance, absoluteGap: spreadAbsoluteGap)
            let stoppedByClock = (timeLeft() ?? .infinity) <= 0.01
            if solution.status == .feasibleWithGap && !closeEnough {
                if stoppedByClock { gap = true } else { spreadGap = solution.relativeGap }
            }
            take(solution.columnValues)
        default:
            // The spread's search found nothing better in time: the best point it was offered stands, the whole
            // point next to the continuous even spread when that was found, else the stages' own whole answer.
            gap = true
            if let point = spreadStart, point.count == last.columns.count { take(point) }
        }
        var allocation: Allocation = [:]
        for (key, j) in compiled.allocationColumns { allocation[key] = x[j] }
        var proposal = WholeUnitProposal(allocation: allocation, stageValues: values, spreadValue: spreadValue, unit: unit,
                                         rulesWithinRounding: roundedRules, stoppedWithGap: gap)
        proposal.spreadGap = spreadGap
        return .success(proposal)
    }

    /// A point of the spread program from a point of the stages' program: its columns, then each added
    /// column (a deviation d⁺ or d⁻, or a free column holding a line's total) set so its row holds: each
    /// spread row adds one total (−1) or one pair d⁺/d⁻ (−1, +1), after the totals it refers to.
    static func spreadPoint(_ point: [Double], program: LinearProgram) -> [Double] {
        var values = point + [Double](repeating: 0, count: max(0, program.columns.count - point.count))
        var assigned = Set(point.indices)
        for row in program.rows where row.bounds.lower == row.bounds.upper {
            let unknown = row.terms.filter { !assigned.contains($0.column) }
            guard !unknown.isEmpty else { continue }
            let known = row.terms.filter { assigned.contains($0.column) }.reduce(0.0) { $0 + $1.coefficient * values[$1.column] }
            let residual = row.bounds.lower - known
            if unknown.count == 1 {
                // A line's total: terms − T = 0.
                values[unknown[0].column] = residual / unknown[0].coefficient
            } else if unknown.count == 2, let over = unknown.first(where: { $0.coefficient < 0 }),
                      let under = unknown.first(where: { $0.coefficient > 0 }) {
                // A deviation: (terms) − d⁺ + d⁻ = target, so d⁺ = max(0, terms − target), d⁻ = max(0, target − terms).
                values[over.column] = max(0, -residual)
                values[under.column] = max(0, residual)
            }
            unknown.forEach { assigned.insert($0.column) }
        }
        return values
    }

    /// The best whole point (within `gap`) whose whole columns each lie within a margin of the continuous
    /// optimum rounded down or up, or between it and `through`, a whole point known to be feasible (which
    /// then starts the search); nil when no box holds one or a search ends without one.
    /// The first margin is one unit more than rounding: a line the LP leaves at a whole amount must be free to give a unit to its
    /// fractional neighbours, or the box often holds no point at all (16 of 18 solvable scenarios of the
    /// benchmark's district plan). A search started from this point proves it within its tolerance at or near
    /// the root; on that plan, the even spread started from the stages' answer alone took 100 to 1,800
    /// subproblems (60 to 900 ms) to find its first good point, and some ended at the step limit 3.4 times
    /// less even than the LP bound allows.
    static func roundedNeighbour(of program: LinearProgram, whole: Set<Int>, solver: any IntegerProgramSolver, gap: Double,
                                 absoluteGap: Double? = nil, through known: [Double]? = nil, timeLeft: () -> Double?) throws -> [Double]? {
        var relaxation = program
        for j in whole { relaxation.columns[j].isInteger = false }
        let continuous = try solver.solveInteger(relaxation, options: IntegerSolveOptions(timeLimitSeconds: timeLeft()))
        guard continuous.status == .optimal, continuous.columnValues.count == program.columns.count else { return nil }
        let known = known.flatMap { $0.count == program.columns.count ? $0 : nil }
        // Wider boxes only when a narrower one holds no whole point (a plan spending every source in full with
        // a counterpart on every line can need several units of room); each failed box costs one small search.
        // The first point found is taken: going on to wider boxes for a better one measured slower overall
        // (the search that follows is no faster from a slightly better start).
        for margin in [1.0, 4.0, 16.0] {
            var box = program
            var empty = false
            for j in whole {
                let value = continuous.columnValues[j]
                let bounds = program.columns[j].bounds
                var low = (value - 1e-9).rounded(.down) - margin, high = (value + 1e-9).rounded(.up) + margin
                if let known { low = min(low, known[j].rounded()); high = max(high, known[j].rounded()) }
                low = max(bounds.lower, low)
                high = min(bounds.upper, high)
                if low > high { empty = true; break }
                box.columns[j].bounds = Bounds(lower: low, upper: high)
            }
            if empty { return nil }
            var options = IntegerSolveOptions(timeLimitSeconds: timeLeft(), relativeGapTolerance: gap, start: known)
            options.nodeLimit = spreadNodeLimit
            options.absoluteGapTolerance = absoluteGap
            options.absoluteGapAfterNodes = spreadAbsoluteGapAfterNodes
            let solution = try solver.solveInteger(box, options: options)
            switch solution.status {
            case .optimal, .feasibleWithGap: return solution.columnValues
            case .infeasible: continue
            default: return nil
            }
        }
        return nil
    }

    /// Whether a search ended optimal or within either tolerance of its bound.
    static func closeEnough(_ solution: IntegerSolution, gap: Double, absoluteGap: Double?) -> Bool {
        if solution.status == .optimal { return true }
        if let relative = solution.relativeGap, relative <= gap * (1 + 1e-9) { return true }
        guard let absoluteGap, let value = solution.objective, let bound = solution.bestBound else { return false }
        return abs(value - bound) <= absoluteGap
    }

    /// The point with the lower objective (the spread is minimised); `candidate` when there is no other.
    static func better(_ candidate: [Double], than other: [Double]?, in program: LinearProgram) -> [Double] {
        guard let other else { return candidate }
        func value(_ x: [Double]) -> Double { zip(program.columns, x).reduce(0) { $0 + $1.0.objective * $1.1 } }
        return value(candidate) <= value(other) ? candidate : other
    }

    /// How far from the most even whole-unit spread the search may stop: 1% of the spread's deviation.
    /// The spread only chooses among allocations equally good for every plan stage (those are held exactly),
    /// and proving the most even one can take a branch and bound minutes on a district plan of a dozen lines
    /// and seven sources (an LP bound 0.4% below the whole optimum that never closes); stopping at a proved
    /// gap, not at a time limit, keeps the answer the same on every machine.
    static let spreadGapTolerance = 0.01
    /// The most subproblems the even spread's search visits. A generated national plan (amounts of
    /// millions) kept GLPK's bound 12% below its point for the whole 30 s budget; the plan's own stages are
    /// proved first, so what a limit costs is only how even the spread is, and a count of steps gives the
    /// same answer on every machine where a time limit would not.
    static let spreadNodeLimit = 2_000
    /// How far from the most even whole-unit spread the search may also stop, in the plan's units of weighted
    /// deviation: one unit. Where every line is near its share the spread's optimum is the rounding's own noise
    /// (a few units over a dozen lines and five sources), which an LP bound cannot see, so no relative gap
    /// closes: 13 interchangeable lines with a counterpart on each ran the 2,000 steps twice over (4.8 s) to end
    /// 4.3% from a bound nobody can reach. Moving one unit between two cells changes the spread by about one unit.
    /// It is tested only after the first 200 subproblems, so that a small plan's search still proves its most
    /// even spread (three lines cut 33/34 of central, not 32 with a 0.2 worse spread).
    var spreadAbsoluteGap: Double { unit * Self.spreadAbsoluteGapUnits }
    static let spreadAbsoluteGapUnits = 1.0
    static let spreadAbsoluteGapAfterNodes = 200

    private func scale(_ j: Int, _ whole: Set<Int>) -> Double { whole.contains(j) ? unit : 1 }

    /// The whole columns as integers counted in units: x = unit · z.
    private func integral(_ program: LinearProgram, whole: Set<Int>) -> LinearProgram {
        var program = program
        for j in whole {
            program.columns[j].isInteger = true
            if unit != 1 {
                let b = program.columns[j].bounds
                program.columns[j].bounds = Bounds(lower: b.lower / unit, upper: b.upper / unit)
            }
        }
        if unit != 1 {
            for i in program.rows.indices {
                for t in program.rows[i].terms.indices where whole.contains(program.rows[i].terms[t].column) {
                    program.rows[i].terms[t].coefficient *= unit
                }
            }
        }
        return program
    }

    /// A fixed amount or a source to spend in full of a fraction of the unit (exactly 1,000.5 million) is
    /// met within rounding, by the whole number just below or above it: no document in whole millions can
    /// give it exactly. Only rows of whole columns of one coefficient whose range holds no whole point move.
    static func wholeAmounts(_ program: inout LinearProgram, _ compiled: CompiledPlan, whole: Set<Int>) {
        for (i, meaning) in compiled.rows.enumerated() {
            switch meaning {
            case .fixed, .source: break
            default: continue
            }
            let row = program.rows[i]
            guard let c = row.terms.first?.coefficient, c > 0,
                  row.terms.allSatisfy({ whole.contains($0.column) && $0.coefficient == c }) else { continue }
            let low = row.bounds.lower / c, high = row.bounds.upper / c
            guard low.isFinite, (low - 1e-9).rounded(.up) > (high + 1e-9).rounded(.down) else { continue }
            program.rows[i].bounds = Bounds(lower: (high + 1e-9).rounded(.down) * c, upper: (low - 1e-9).rounded(.up) * c)
        }
    }

    /// Every rule row may miss by half a unit: its required amount rounded, as the document rounds it; and, with
    /// `figures`, the rules hold exactly on unrounded amounts within half a unit of every figure, as `check`
    /// decides "within rounding". Returns where the unrounded amounts' columns start (nil without `figures`).
    func roundRules(_ program: inout LinearProgram, _ compiled: CompiledPlan, whole: Set<Int>) -> Int? {
        let start = figures.isEmpty ? nil : Self.certifyRounding(&program, compiled, unit: unit, figures: figures, whole: whole)
        Self.roundRules(&program, compiled, unit: unit)
        return start
    }

    /// Row by row, a rule may miss by half a unit; that alone let three lines of 1,004 and 100 each pass a 10%
    /// rule while the province's 300 in all cannot stand for the 301.2 they need together (3,011.5 × 10%, each
    /// figure within half a million). So the rules must also hold exactly on unrounded amounts y, one per
    /// allocation column, each figure's y within half a unit of its whole figure: Σ y − Σ x in [−½, ½] for every
    /// figure of `figures`, every rule row copied onto y with its exact bounds. That is `check`'s question, asked
    /// of the proposal before it is made. Returns the index of the first y column (in allocation-column order).
    static func certifyRounding(_ program: inout LinearProgram, _ compiled: CompiledPlan, unit: Double, figures: [[Int]],
                                whole: Set<Int>) -> Int {
        let half = unit / 2
        let start = program.columns.count
        var unrounded: [Int: Int] = [:]
        for cell in compiled.sortedAllocationColumns {
            unrounded[cell.column] = program.columns.count
            program.columns.append(Column(name: "unrounded_\(cell.column)", bounds: compiled.program.columns[cell.column].bounds))
        }
        // A whole column is counted in units (x = unit · z): its term in money is unit · z.
        func inMoney(_ j: Int) -> Double { whole.contains(j) ? unit : 1 }
        for (k, figure) in figures.enumerated() {
            let terms = figure.compactMap { j in unrounded[j].map { Term(column: $0, coefficient: 1) } }
                + figure.map { Term(column: $0, coefficient: -inMoney($0)) }
            program.rows.append(Row(name: "rounded_figure_\(k)", bounds: .between(-half, half), terms: terms))
        }
        for (i, meaning) in compiled.rows.enumerated() {
            guard case .rule = meaning else { continue }
            let terms = program.rows[i].terms.map { term in
                unrounded[term.column].map { Term(column: $0, coefficient: term.coefficient / inMoney(term.column)) } ?? term
            }
            program.rows.append(Row(name: "unrounded_rule_\(i)", bounds: compiled.program.rows[i].bounds, terms: terms))
        }
        return start
    }

    static func roundRules(_ program: inout LinearProgram, _ compiled: CompiledPlan, unit: Double) {
        let half = unit / 2
        for (i, meaning) in compiled.rows.enumerated() {
            guard case .rule = meaning else { continue }
            let b = program.rows[i].bounds
            program.rows[i].bounds = Bounds(lower: b.lower.isFinite ? b.lower - half : b.lower,
                                            upper: b.upper.isFinite ? b.upper + half : b.upper)
        }
    }

    /// Values in the plan's unit, whole columns exact multiples of the unit (the solver's 1e-9 noise gone).
    private func snapped(_ z: [Double], _ whole: Set<Int>) -> [Double] {
        z.enumerated().map { j, value in whole.contains(j) ? value.rounded() * unit : value }
    }

    private func hold(_ value: Double, _ sense: ObjectiveSense) -> Bounds {
        let slack = max(tolerance * max(1, abs(value)), 1e-6 * max(1, abs(value)))
        return sense == .maximize ? .atLeast(value - slack) : .atMost(value + slack)
    }
}
