import LinearProgramming

/// What one million more or less of a source changes in the proposal, in whole units.
///
/// The parametric analysis reads each effect on the continuous optimum, where a million less can leave 0.7
/// of one line and 0.3 of another unfunded, 13 interchangeable lines gain 0.0769 each, and a line shown as
/// 200 of 200 can gain 0.04. None of that can be signed. Here the plan's program, with the source moved by
/// one million, is solved again in whole units (`WholeUnitSolver`: every stage at its best whole-unit value,
/// the rules exactly or within rounding as the proposal met them), and among those answers the one whose
/// lines are closest (Σ |f(p) − t(p)|) to the current proposal moved by the continuous effect,
/// t(p) = proposal(p) + effect(p). So the million less falls wholly on DA7.TDA1 (0.3 + 0.3 from its
/// targets) rather than on DA7.TDA2 (0.7 + 0.7), and a million more goes to one of the 13 lines, not to a
/// new rounding of all of them: the smallest signable change, the one an officer would write. Where
/// several lines are equally close (13 interchangeable lines, each to gain 0.0769), the one whose whole
/// amount lies furthest below its continuous amount takes it: a second, much lighter term
/// ε·Σ |f(p) − (continuous(p) + effect(p))|, ε = `tieWeight`, the unrounded answer of the changed plan.
///
/// Only where the continuous effect stands for a whole million (every stage's rate holds at least that far)
/// and says something (some line changes), only for a plan with a whole-unit proposal, and only within the
/// limits below: a plan too large for two dozen more searches keeps its continuous effects, and each effect
/// says which it is (`Effect.wholeUnits`). The limits are counts, not times, so the same plan gets the same
/// report on every machine; a search that stops at the time limit keeps the continuous effect.
struct WholeUnitEffects: Sendable {
    /// Sources whose effects are re-solved, in the report's order (one search each way).
    static var sourceLimit: Int { 12 }
    /// Columns of the plan's program beyond which no effect is re-solved.
    static var columnLimit: Int { 4_000 }
    /// Weight of the tie-break against the closeness to the proposal: far below the least difference in
    /// closeness that matters (a hundredth of a unit in each of dozens of lines).
    static var tieWeight: Double { 1e-4 }

    let integerSolver: any IntegerProgramSolver
    let unit: Double
    let tolerance: Double
    /// The plan's rule rows are already widened by half a unit (its continuous program needed it).
    let rulesRounded: Bool
    let threads: Int
    /// The figures the proposal prints (`RoundingFigures`): the moved plans are searched with the rules met as
    /// the proposal meets them, within rounding as `check` decides it. Not used on a program already widened.
    var figures: [[Int]] = []

    /// A move of one source by one million, one way.
    private struct Job: Sendable {
        var row: Int          // index in `PlanSensitivity.rows`
        var direction: Double
    }

    /// `sensitivity` with its sources' effects replaced by whole-unit ones where they can be found.
    func apply(to sensitivity: inout PlanSensitivity, base: SolvedPlan, timeLimit: Double?) throws {
        guard let proposal = base.whole, base.compiled.program.columns.count <= Self.columnLimit else { return }
        let jobs = Self.jobs(sensitivity)
        guard !jobs.isEmpty else { return }
        let budget = SolveBudget(SolveOptions(timeLimitSeconds: timeLimit))
        let timeLeft: @Sendable () -> Double? = { budget.remaining(SolveOptions(timeLimitSeconds: timeLimit)).timeLimitSeconds }
        let current = Self.funded(proposal.allocation, leaves: base.compiled.fundedColumns.keys.sorted())
        let continuous = Self.funded(base.continuousAllocation, leaves: Array(current.keys))
        let rows = sensitivity.rows
        let compiled = base.compiled
        var configured = WholeUnitSolver(integerSolver: integerSolver, unit: unit, tolerance: tolerance, rulesRounded: rulesRounded)
        if !rulesRounded { configured.figures = figures }
        let solver = configured
        let changes = try ParallelMap.map(jobs.count, threads: threads) { i -> [String: Double]? in
            let job = jobs[i], row = rows[job.row]
            guard let effect = job.direction > 0 ? row.up : row.down, timeLeft().map({ $0 > 0 }) ?? true else { return nil }
            var moved = compiled
            let b = moved.program.rows[row.row].bounds
            moved.program.rows[row.row].bounds = Bounds(lower: b.lower.isFinite ? b.lower + job.direction : b.lower,
                                                        upper: b.upper.isFinite ? b.upper + job.direction : b.upper)
            var targets = current, unrounded = continuous
            for (leaf, change) in effect.funded {
                targets[leaf, default: 0] += change / effect.amount
                unrounded[leaf, default: 0] += change / effect.amount
            }
            // Ties between lines are the point of the second term: floating-point noise must not break them, or
            // which of 13 alike lines takes the million changes from run to run.
            let program = Self.closest(moved, to: targets.mapValues(Self.denoised), ties: unrounded.mapValues(Self.denoised))
            guard case .success(let answer) = try solver.solve(moved, spread: program, timeLeft: timeLeft),
                  !answer.stoppedWithGap else { return nil }
            let after = Self.funded(answer.allocation, leaves: Array(current.keys))
            var change: [String: Double] = [:]
            for (leaf, amount) in after where abs(amount - current[leaf]!) > 1e-6 * max(1, unit) { change[leaf] = amount - current[leaf]! }
            return change
        }
        for (job, change) in zip(jobs, changes) {
            // No whole-unit change where the continuous answer moves: the continuous effect stands.
            guard let change, !change.isEmpty else { continue }
            var effect = PlanSensitivity.Effect(amount: 1, funded: change, wholeUnits: true)
            if let exact = job.direction > 0 ? sensitivity.rows[job.row].up : sensitivity.rows[job.row].down {
                effect.alike = Self.alike(change, exact: exact, rounding: current.merging(continuous) { $0 - $1 })
            }
            if job.direction > 0 { sensitivity.rows[job.row].up = effect } else { sensitivity.rows[job.row].down = effect }
        }
    }

    /// The final stage of the search: every plan stage held, Σ |f(p) − t(p)| + ε Σ |f(p) − u(p)| over the lines
    /// minimised (t: `targets`, u: `ties`).
    static func closest(_ compiled: CompiledPlan, to targets: [String: Double], ties: [String: Double]) -> EvenSpread.Program {
        let held = EvenSpread.stagesHeld(compiled, objectiveName: "closest_whole_change")
        var program = held.program
        var deviations: [Int] = []
        for (leaf, target) in targets.sorted(by: { $0.key < $1.key }) {
            guard let funded = compiled.fundedColumns[leaf] else { continue }
            let name = PlanCompiler.lpName(leaf)
            for (kind, value, weight) in [("change", target, 1.0), ("change_tie", ties[leaf] ?? target, tieWeight)] {
                let over = program.columns.count
                program.columns.append(Column(name: "\(kind)_over(\(name))", bounds: .nonNegative, objective: weight))
                program.columns.append(Column(name: "\(kind)_under(\(name))", bounds: .nonNegative, objective: weight))
                deviations += [over, over + 1]
                program.rows.append(Row(name: "\(kind)(\(name))", bounds: .exactly(value),
                                        terms: [Term(column: funded, coefficient: 1), Term(column: over, coefficient: -1),
                                                Term(column: over + 1, coefficient: 1)]))
            }
        }
        return EvenSpread.Program(program: program, stageRows: held.stageRows, deviationColumns: deviations)
    }

    /// The lines that could take a change as well as the one line it falls on in whole units: those the
    /// continuous effect moves by the same amount, the same way, whose proposal is rounded from the continuous
    /// optimum by as much (`rounding`: proposal − continuous, per line). None unless the continuous optimum
    /// shares the change equally among all the lines it moves and the whole change is one line's.
    static func alike(_ change: [String: Double], exact: PlanSensitivity.Effect, rounding: [String: Double]) -> [String] {
        guard change.count == 1, let (line, amount) = change.first, let share = exact.funded[line], share * amount > 0,
              exact.funded.count > 1, exact.funded.values.allSatisfy({ abs($0 - share) <= 1e-9 * max(1, abs(share)) }) else { return [] }
        let offset = rounding[line] ?? 0
        return exact.funded.keys.filter { $0 != line && abs((rounding[$0] ?? 0) - offset) <= 1e-6 }.sorted()
    }

    /// The moves whose continuous effect is one whole million that changes some line, sources in the report's order.
    private static func jobs(_ sensitivity: PlanSensitivity) -> [Job] {
        var jobs: [Job] = []
        var sourcesTaken = 0
        for (r, row) in sensitivity.rows.enumerated() {
            guard case .source = row.parameter else { continue }
            var moves: [Job] = []
            for (direction, effect) in [(1.0, row.up), (-1.0, row.down)] {
                guard let effect, effect.amount == 1, !effect.funded.isEmpty else { continue }
                moves.append(Job(row: r, direction: direction))
            }
            guard !moves.isEmpty else { continue }
            guard sourcesTaken < sourceLimit else { break }
            sourcesTaken += 1
            jobs += moves
        }
        return jobs
    }

    /// Each leaf's funded amount in an allocation, summed in key order (the same bits on every run).
    static func funded(_ allocation: Allocation, leaves: [String]) -> [String: Double] {
        var funded = Dictionary(uniqueKeysWithValues: leaves.map { ($0, 0.0) })
        for (key, amount) in allocation.sorted(by: { $0.key < $1.key }) where funded[key.project] != nil { funded[key.project]! += amount }
        return funded
    }

    /// An amount on a grid of a millionth of a unit: what solver noise leaves of it on every run.
    static func denoised(_ amount: Double) -> Double { (amount * 1e6).rounded() / 1e6 }
}
