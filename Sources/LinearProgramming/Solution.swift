/// The result of a solve, aligned index by index with the program it came from.
///
/// Sign conventions follow GLPK and glpsol: a row dual is d(objective)/d(row activity), a reduced cost
/// is d(objective)/d(column value), for both minimisation and maximisation.
public struct Solution: Sendable, Equatable, Codable {
    public var status: SolutionStatus
    public var objective: Double
    public var columnValues: [Double]
    public var reducedCosts: [Double]
    public var rowActivities: [Double]
    public var rowDuals: [Double]
    public var columnBasis: [BasisStatus]
    public var rowBasis: [BasisStatus]
    /// Simplex iterations used by this solve (0 for a trivial or exact re-solve).
    public var iterations: Int

    public init(
        status: SolutionStatus, objective: Double, columnValues: [Double], reducedCosts: [Double],
        rowActivities: [Double], rowDuals: [Double], columnBasis: [BasisStatus], rowBasis: [BasisStatus],
        iterations: Int = 0
    ) {
        self.status = status
        self.objective = objective
        self.columnValues = columnValues
        self.reducedCosts = reducedCosts
        self.rowActivities = rowActivities
        self.rowDuals = rowDuals
        self.columnBasis = columnBasis
        self.rowBasis = rowBasis
        self.iterations = iterations
    }

    public func value(of variable: Variable) -> Double {
        switch variable {
        case .row(let i): rowActivities[i]
        case .column(let j): columnValues[j]
        }
    }

    public func basisStatus(of variable: Variable) -> BasisStatus {
        switch variable {
        case .row(let i): rowBasis[i]
        case .column(let j): columnBasis[j]
        }
    }

    /// Dual value of a row, or reduced cost of a column.
    public func marginal(of variable: Variable) -> Double {
        switch variable {
        case .row(let i): rowDuals[i]
        case .column(let j): reducedCosts[j]
        }
    }
}

/// A simplex basis: the status of every column and row, aligned with the program. A session can hand
/// its basis out after a solve and another session of the same program (on another thread) can start
/// from it, so scenario workers do not all start cold.
public struct Basis: Sendable, Equatable, Hashable, Codable {
    public var columns: [BasisStatus]
    public var rows: [BasisStatus]

    public init(columns: [BasisStatus], rows: [BasisStatus]) {
        self.columns = columns
        self.rows = rows
    }
}
