/// What a solve ended with. Outcomes are values; misuse of a solver is a thrown error instead.
public enum SolutionStatus: String, Sendable, Codable, Equatable, Hashable, CaseIterable {
    /// A basic solution that is primal and dual feasible.
    case optimal
    /// No point satisfies every constraint and bound.
    case infeasible
    /// Feasible, but the objective improves without limit.
    case unbounded
    /// The solver proved that no optimum exists without telling which of the two above holds.
    case infeasibleOrUnbounded
    /// The iteration limit was reached before optimality was proved.
    case iterationLimit
    /// The time limit was reached before optimality was proved.
    case timeLimit
    /// The basis became singular or ill-conditioned and the solver could not recover.
    case numericalTrouble

    public var hasOptimalSolution: Bool { self == .optimal }

    /// A sentence a planner understands.
    public var explanation: String {
        switch self {
        case .optimal:
            "An optimal solution was found: every constraint holds and no other feasible choice does better."
        case .infeasible:
            "No solution satisfies every constraint at once: some requirements contradict each other or the money available."
        case .unbounded:
            "The objective can grow without limit: some quantity has no upper bound or ceiling."
        case .infeasibleOrUnbounded:
            "The problem has no optimal solution: it is either contradictory or has no limit."
        case .iterationLimit:
            "The solver stopped at its iteration limit before proving the answer optimal."
        case .timeLimit:
            "The solver stopped at its time limit before proving the answer optimal."
        case .numericalTrouble:
            "The solver ran into numerical difficulties (numbers of very different sizes) and could not finish."
        }
    }
}

/// Where a variable stands in a simplex basis.
public enum BasisStatus: String, Sendable, Codable, Equatable, Hashable {
    case basic
    case atLower
    case atUpper
    /// A free variable outside the basis (value 0).
    case free
    /// A fixed variable outside the basis.
    case fixed

    public var isBasic: Bool { self == .basic }

    /// The two-letter code glpsol prints (BS, NL, NU, NF, NS).
    public var glpsolCode: String {
        switch self {
        case .basic: "BS"
        case .atLower: "NL"
        case .atUpper: "NU"
        case .free: "NF"
        case .fixed: "NS"
        }
    }
}
