/// Post-optimal (ranging) analysis of an optimal basic solution, as plain data.
///
/// One entry per row and per column, with the same content as glpsol's `--ranges` report:
/// - a *non-basic* variable (a binding constraint, a column at a bound) gets the range over which its
///   activity (a row's right-hand side) can move while the basis stays optimal, the objective value at
///   each end, and the variable that leaves the basis there; its objective coefficient range comes from
///   its reduced cost;
/// - a *basic* variable (a slack constraint, a column strictly between bounds) gets the range of its
///   objective coefficient over which the basis stays optimal, its activity and the objective value at
///   each end, and the variable that enters the basis there.
public struct SensitivityReport: Sendable, Equatable, Codable {
    public var objective: Double
    public var rows: [RangingEntry]
    public var columns: [RangingEntry]

    public init(objective: Double, rows: [RangingEntry], columns: [RangingEntry]) {
        self.objective = objective
        self.rows = rows
        self.columns = columns
    }

    public func entry(for variable: Variable) -> RangingEntry {
        switch variable {
        case .row(let i): rows[i]
        case .column(let j): columns[j]
        }
    }
}

/// One end of a range: how far a quantity can go and what happens there.
public struct Breakpoint: Sendable, Equatable, Codable {
    /// The variable's activity at this end (±infinity when unlimited).
    public var activity: Double
    /// The variable's objective coefficient at this end (±infinity when unlimited).
    public var objectiveCoefficient: Double
    /// The objective value at this end (±infinity when it grows without limit).
    public var objectiveValue: Double
    /// The row or column whose change of basis status limits this end; nil when the end is unlimited.
    public var limitingVariable: Variable?

    public init(activity: Double, objectiveCoefficient: Double, objectiveValue: Double, limitingVariable: Variable?) {
        self.activity = activity
        self.objectiveCoefficient = objectiveCoefficient
        self.objectiveValue = objectiveValue
        self.limitingVariable = limitingVariable
    }
}

public struct RangingEntry: Sendable, Equatable, Codable {
    public var variable: Variable
    public var name: String
    public var status: BasisStatus
    public var activity: Double
    /// For a row: bound minus activity, as glpsol prints it; for a column: 0.
    public var slack: Double
    /// For a column: its objective coefficient; for a row: 0.
    public var objectiveCoefficient: Double
    /// Row dual value or column reduced cost.
    public var marginal: Double
    public var bounds: Bounds
    public var lower: Breakpoint
    public var upper: Breakpoint

    public init(
        variable: Variable, name: String, status: BasisStatus, activity: Double, slack: Double,
        objectiveCoefficient: Double, marginal: Double, bounds: Bounds, lower: Breakpoint, upper: Breakpoint
    ) {
        self.variable = variable
        self.name = name
        self.status = status
        self.activity = activity
        self.slack = slack
        self.objectiveCoefficient = objectiveCoefficient
        self.marginal = marginal
        self.bounds = bounds
        self.lower = lower
        self.upper = upper
    }
}

extension Breakpoint {
    // Infinite ends and absent limits are written as null in JSON.
    private enum CodingKeys: String, CodingKey { case activity, objectiveCoefficient, objectiveValue, limitingVariable }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        activity = try c.decodeInfinite(.activity)
        objectiveCoefficient = try c.decodeInfinite(.objectiveCoefficient)
        objectiveValue = try c.decodeInfinite(.objectiveValue)
        limitingVariable = try c.decodeIfPresent(Variable.self, forKey: .limitingVariable)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeInfinite(activity, .activity)
        try c.encodeInfinite(objectiveCoefficient, .objectiveCoefficient)
        try c.encodeInfinite(objectiveValue, .objectiveValue)
        try c.encodeIfPresent(limitingVariable, forKey: .limitingVariable)
    }
}

extension KeyedDecodingContainer {
    /// Reads a number written by `encodeInfinite`: a number, or the strings "+inf" / "-inf".
    func decodeInfinite(_ key: Key) throws -> Double {
        if let number = try? decode(Double.self, forKey: key) { return number }
        switch try decode(String.self, forKey: key) {
        case "+inf", "inf": return .infinity
        case "-inf": return -.infinity
        default: throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a number or ±inf")
        }
    }
}

extension KeyedEncodingContainer {
    /// JSON cannot hold infinity: write it as "+inf" / "-inf".
    mutating func encodeInfinite(_ value: Double, _ key: Key) throws {
        if value.isFinite { try encode(value, forKey: key) } else { try encode(value > 0 ? "+inf" : "-inf", forKey: key) }
    }
}
