import LinearProgramming

/// Solves one level of a distribution: the least distance from the formula, the even spread of what
/// limits move, whole units; or, when no division meets every limit, what to change.
public struct DistributionLevelSolver<Solver: LinearProgramSolver & IntegerProgramSolver>: Sendable {
    public let solver: Solver
    public var options: SolveOptions
    /// Rounds to whole units (the default); false keeps the continuous optimum (`--exact-amounts`).
    public var wholeUnits: Bool

    /// The most subproblems one rounding search visits (each phase's relaxation is whole, so it normally
    /// ends at the root; the joint fallback may not).
    static var roundingNodeLimit: Int { 20_000 }

    public init(solver: Solver, options: SolveOptions = SolveOptions(), wholeUnits: Bool = true) {
        self.solver = solver
        self.options = options
        self.wholeUnits = wholeUnits
    }

    public func solve(_ p: DistributionProblem) throws -> DistributionLevelOutcome {
        let first = try solver.solve(DistributionProgram.deviation(p), options: options)
        switch first.status {
        case .optimal: break
        case .infeasible, .infeasibleOrUnbounded: return try diagnose(p)
        default: return .unfinished(first.status)
        }
        let distance = first.objective
        // At distance 0 every area has its formula amount, the only division that does: nothing to spread.
        let even = distance <= Tolerances.recheck ? first
            : try solver.solve(DistributionProgram.evenness(p, distance: distance), options: options)
        // The evenness stage only chooses among optimal divisions; if it stops early the first one stands.
        let chosen = even.status == .optimal ? even : first
        let continuous = p.pairs.indices.map { p.pairs[$0].target + chosen.columnValues[2 * $0] - chosen.columnValues[2 * $0 + 1] }
        var solution = DistributionLevelSolution(problem: p, continuous: continuous, distance: distance)
        if even.status == .optimal && distance > Tolerances.recheck {
            solution.largestOverRate = even.columnValues[2 * p.pairs.count]
            solution.largestUnderRate = even.columnValues[2 * p.pairs.count + 1]
        }
        // Money that counterpart rows measure against (central) is rounded first, then the local money
        // that must match it, area by area. Each phase alone is a transportation problem whose relaxation
        // is whole, so the search ends at its root; rounding both at once couples every area's cells and
        // left GLPK's search running for minutes on a province of 100 communes.
        guard wholeUnits else { return .solved(solution) }
        let local = Set(p.counterparts.flatMap(\.local))
        var decided = [Double?](repeating: nil, count: p.pairs.count)
        var status: IntegerSolutionStatus?
        if !local.isEmpty {
            let phases = [Set(p.pairs.indices.filter { !local.contains($0) }), local]
            for phase in phases where status == nil {
                (decided, status) = try round(p, continuous, decided: decided, phase: phase)
            }
        }
        if local.isEmpty || status != nil {
            (decided, status) = try round(p, continuous, decided: [Double?](repeating: nil, count: p.pairs.count), phase: nil)
        }
        if let status { solution.noWhole = status } else { solution.whole = decided.map { $0! } }
        return .solved(solution)
    }

    /// Rounds the pairs of `phase` (all when nil), the `decided` ones held: every pair whole afterwards
    /// that was decided or in the phase, or the status of a search that found no whole point.
    private func round(_ p: DistributionProblem, _ continuous: [Double], decided: [Double?], phase: Set<Int>?) throws
        -> ([Double?], IntegerSolutionStatus?) {
        let (program, floors, binary) = try DistributionProgram.wholeUnits(p, amounts: continuous, decided: decided, phase: phase)
        var result = decided
        func settle(_ ups: [Double]) {
            for index in p.pairs.indices where decided[index] == nil && (phase?.contains(index) ?? true) {
                result[index] = floors[index] + (binary[index].map { ups[$0].rounded() } ?? 0)
            }
        }
        guard !program.columns.isEmpty else {
            // Nothing to choose; the rows left must hold with every pair at its floor.
            settle([])
            return (result, program.rows.allSatisfy { $0.terms.isEmpty && $0.bounds.lower <= 1e-9 && $0.bounds.upper >= -1e-9 } ? nil : .infeasible)
        }
        var integerOptions = IntegerSolveOptions()
        integerOptions.timeLimitSeconds = options.timeLimitSeconds
        // The relaxation is whole or nearly so (one row of ones per cell); Gomory cuts and the feasibility
        // pump cost more on thousands of binaries than the search they would shorten.
        integerOptions.heuristics = false
        // A step limit, not only the clock, ends a search that does not close: the same answer everywhere.
        integerOptions.nodeLimit = Self.roundingNodeLimit
        let rounded = try solver.solveInteger(program, options: integerOptions)
        guard rounded.status == .optimal || rounded.status == .feasibleWithGap, !rounded.columnValues.isEmpty else { return (decided, rounded.status) }
        settle(rounded.columnValues)
        return (result, nil)
    }

    /// The least total change of limits and per-area counterparts that lets the money be divided.
    private func diagnose(_ p: DistributionProblem) throws -> DistributionLevelOutcome {
        let (program, slack) = try DistributionProgram.elastic(p)
        let solved = try solver.solve(program, options: options)
        guard solved.status == .optimal else { return .unfinished(solved.status) }
        var changes: [DistributionRepair] = []
        for entry in slack {
            let amount = solved.columnValues[entry.column]
            // Less than a thousandth of a unit is the solver's arithmetic, not a change anyone makes.
            guard amount > 1e-3 else { continue }
            switch entry.row {
            case .limit(let index):
                let row = p.limits[index]
                changes.append(DistributionRepair(unit: row.unit, limit: row.spec, counterpart: nil,
                                                  from: entry.loosens ? row.upper : row.lower,
                                                  to: entry.loosens ? row.upper + amount : row.lower - amount))
            case .counterpart(let index):
                changes.append(DistributionRepair(unit: p.counterparts[index].unit, limit: nil, counterpart: index, from: 0, to: -amount))
            }
        }
        return .infeasible(DistributionInfeasible(problem: p, repairs: changes))
    }
}

/// How one level ended.
public enum DistributionLevelOutcome: Sendable {
    case solved(DistributionLevelSolution)
    /// No division meets every limit; the least change that makes one.
    case infeasible(DistributionInfeasible)
    case unfinished(SolutionStatus)
}

/// One level's division: each pair's continuous amount and, normally, its whole-unit amount.
public struct DistributionLevelSolution: Sendable {
    public var problem: DistributionProblem
    /// Stage 2's amount of each pair (the continuous optimum).
    public var continuous: [Double]
    /// The least L1 distance from the formula (stage 1's optimum).
    public var distance: Double
    public var largestOverRate = 0.0
    public var largestUnderRate = 0.0
    /// Whole units of each pair, when found.
    public var whole: [Double]?
    /// Why no whole-unit division was found, when none was.
    public var noWhole: IntegerSolutionStatus?

    /// The amounts reported: whole units when found, else the continuous ones.
    public var amounts: [Double] { whole ?? continuous }

    /// Σ |y − t| of the amounts reported.
    public var reportedDistance: Double {
        zip(amounts, problem.pairs).reduce(0) { $0 + abs($1.0 - $1.1.target) }
    }
}

/// A level no division meets, with the least change of its limits that would make one.
public struct DistributionInfeasible: Sendable {
    public var problem: DistributionProblem
    public var repairs: [DistributionRepair]
}

/// A limit or counterpart to change: in `unit`, from `from` to `to` (a ceiling raised, a floor lowered).
/// A counterpart's figures are how much local money may be missing: 0 to `-to`.
public struct DistributionRepair: Sendable, Equatable {
    public var unit: Int
    public var limit: Int?
    public var counterpart: Int?
    public var from: Double
    public var to: Double
}
