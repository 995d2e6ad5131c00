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
}
