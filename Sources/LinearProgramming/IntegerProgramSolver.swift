/// Limits and switches for one integer solve (branch and bound), LP relaxation included.
public struct IntegerSolveOptions: Sendable, Equatable {
    /// One minute per solve, as for an LP: a branch-and-bound search can run for ever, and a limit turns
    /// that into a `feasibleWithGap` or `noSolutionFound` outcome.
    public static let defaultTimeLimitSeconds = 60.0

    /// Stop after this many seconds, LP relaxation included (nil: no limit).
    public var timeLimitSeconds: Double?
    /// Stop as soon as an integer point is proved within this relative gap of the optimum,
    /// |objective − bound| / (|objective| + ε). 0 (the default, and GLPK's) proves optimality.
    public var relativeGapTolerance: Double
    /// Let the solver print its progress to the terminal (standard error). Off by default.
    public var verbose: Bool

    /// A point known to satisfy every constraint (an earlier stage's answer, which a later stage's hold row
    /// keeps feasible), offered to the search as its first incumbent: without one, a search can run its whole
    /// time without finding any integer point of a tightly constrained program. One value per column; a
    /// solver checks it and ignores it when it is not feasible.
    public var start: [Double]?
    /// A feasibility pump and cuts besides branch and bound (deterministic, on by default); off, the search is
    /// plain branch and bound (tests of what a limit does use it).
    public var heuristics: Bool
    /// Stop after this many subproblems (nil: no limit), with the best point found and its proved gap. A
    /// count of steps, unlike a time limit, ends the search at the same point on every machine.
    public var nodeLimit: Int?
    /// Stop as soon as an integer point is proved within this much of the optimum, |objective − bound|, in the
    /// objective's own units (nil: no such test). Beside a relative gap, for objectives whose optimum is small
    /// noise (the rounding of whole units): there no relative gap closes, and an absolute one says what matters.
    public var absoluteGapTolerance: Double?
    /// `absoluteGapTolerance` is tested only from this many subproblems on: a small search still proves its
    /// optimum, a long one stops once it is close.
    public var absoluteGapAfterNodes = 0

    public init(
        timeLimitSeconds: Double? = IntegerSolveOptions.defaultTimeLimitSeconds, relativeGapTolerance: Double = 0,
        verbose: Bool = false, start: [Double]? = nil, heuristics: Bool = true
    ) {
        self.heuristics = heuristics
        self.timeLimitSeconds = timeLimitSeconds
        self.relativeGapTolerance = relativeGapTolerance
        self.verbose = verbose
        self.start = start
    }
}

/// What an integer solve ended with. Outcomes are values; misuse of a solver is a thrown `SolverError`.
public enum IntegerSolutionStatus: String, Sendable, Codable, Equatable, Hashable, CaseIterable {
    /// An integer point proved optimal (to the solver's tolerances).
    case optimal
    /// No integer point satisfies every constraint and bound: the LP relaxation is infeasible, an integer
    /// column's bounds hold no integer, or the search proved that none exists.
    case infeasible
    /// An integer point exists and the objective improves without limit from it.
    case unbounded
    /// Stopped (time limit, or the gap tolerance reached) with an integer point whose distance from the
    /// optimum is bounded by `relativeGap`.
    case feasibleWithGap
    /// Stopped at a limit before any integer point was found; whether one exists is unknown.
    case noSolutionFound
    /// The solver's linear algebra broke down; an integer point found before, if any, is kept.
    case numericalTrouble
}

/// The result of an integer solve, aligned index by index with the program it came from.
///
/// `columnValues`, `rowActivities` and `objective` describe one integer-feasible point, the best found
/// (for `unbounded`: one from which the objective improves without limit); they are empty / nil when no
/// such point was found. Integer columns hold exact whole numbers.
public struct IntegerSolution: Sendable, Equatable, Codable {
    public var status: IntegerSolutionStatus
    /// The objective at `columnValues`, constant included; nil without an integer point.
    public var objective: Double?
    public var columnValues: [Double]
    public var rowActivities: [Double]
    /// A proved bound on the optimal objective: no integer point is better (lower when minimising, higher
    /// when maximising). It equals `objective` when optimal and is ±infinity when unbounded; otherwise it
    /// is the best bound of the search's open subproblems, or the LP relaxation's optimum; nil when not
    /// even the relaxation was solved.
    public var bestBound: Double?
    /// |objective − bestBound| / (|objective| + DBL_EPSILON), GLPK's measure (so it is comparable with
    /// `relativeGapTolerance`): 0 when optimal, nil when either number is missing or infinite.
    public var relativeGap: Double?

    public init(
        status: IntegerSolutionStatus, objective: Double? = nil, columnValues: [Double] = [], rowActivities: [Double] = [],
        bestBound: Double? = nil, relativeGap: Double? = nil
    ) {
        self.status = status
        self.objective = objective
        self.columnValues = columnValues
        self.rowActivities = rowActivities
        self.bestBound = bestBound
        self.relativeGap = relativeGap
    }

    /// Whether the solution carries an integer-feasible point.
    public var hasIntegerPoint: Bool { objective != nil }

    /// The relative gap between an objective value and a bound, as GLPK measures it (`ios_relative_gap`).
    public static func relativeGap(objective: Double, bound: Double) -> Double? {
        guard objective.isFinite && bound.isFinite else { return nil }
        return abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
    }
}

extension IntegerSolution {
    // bestBound is ±infinity for an unbounded program, which JSON cannot hold: written as "+inf" / "-inf".
    private enum CodingKeys: String, CodingKey { case status, objective, columnValues, rowActivities, bestBound, relativeGap }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decode(IntegerSolutionStatus.self, forKey: .status)
        objective = try c.decodeIfPresent(Double.self, forKey: .objective)
        columnValues = try c.decode([Double].self, forKey: .columnValues)
        rowActivities = try c.decode([Double].self, forKey: .rowActivities)
        bestBound = try c.contains(.bestBound) && !c.decodeNil(forKey: .bestBound) ? c.decodeInfinite(.bestBound) : nil
        relativeGap = try c.decodeIfPresent(Double.self, forKey: .relativeGap)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(objective, forKey: .objective)
        try c.encode(columnValues, forKey: .columnValues)
        try c.encode(rowActivities, forKey: .rowActivities)
        if let bestBound { try c.encodeInfinite(bestBound, .bestBound) }
        try c.encodeIfPresent(relativeGap, forKey: .relativeGap)
    }
}

/// Anything that can solve a `LinearProgram` whose columns may be integer (`Column.isInteger`).
///
/// Before the solver sees it, a program is checked with `validateAsIntegerProgram()` (an invalid one
/// throws `SolverError.invalidProgram`), an integer column whose bounds hold no integer makes the result
/// `infeasible` at once, and the bounds of integer columns are rounded inward (`roundingIntegerBounds()`).
public protocol IntegerProgramSolver: Sendable {
    func solveInteger(_ program: LinearProgram, options: IntegerSolveOptions) throws -> IntegerSolution
}

extension IntegerProgramSolver {
    public func solveInteger(_ program: LinearProgram) throws -> IntegerSolution {
        try solveInteger(program, options: IntegerSolveOptions())
    }
}
