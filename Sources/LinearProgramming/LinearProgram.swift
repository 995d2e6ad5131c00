/// Whether the objective is to be made as small or as large as possible.
public enum ObjectiveSense: String, Sendable, Codable, Equatable, Hashable {
    case minimize
    case maximize
}

/// One coefficient of a constraint row: `coefficient * x[column]`.
public struct Term: Sendable, Equatable, Hashable, Codable {
    /// 0-based index into `LinearProgram.columns`.
    public var column: Int
    public var coefficient: Double

    public init(column: Int, coefficient: Double) {
        self.column = column
        self.coefficient = coefficient
    }
}

/// A decision variable.
public struct Column: Sendable, Equatable, Hashable {
    public var name: String
    public var bounds: Bounds
    public var objective: Double
    /// Whether the column may only take whole-number values. A `LinearProgramSolver` ignores it and solves
    /// the LP relaxation; an `IntegerProgramSolver` keeps it (see `LinearProgram+Integer.swift`).
    public var isInteger: Bool

    public init(name: String, bounds: Bounds = .nonNegative, objective: Double = 0, isInteger: Bool = false) {
        self.name = name
        self.bounds = bounds
        self.objective = objective
        self.isInteger = isInteger
    }
}

// "isInteger" is written only when true and read as false when missing, so that continuous programs keep
// the JSON they had before integer columns existed, and that JSON still reads.
extension Column: Codable {
    private enum CodingKeys: String, CodingKey { case name, bounds, objective, isInteger }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        bounds = try container.decode(Bounds.self, forKey: .bounds)
        objective = try container.decode(Double.self, forKey: .objective)
        isInteger = try container.decodeIfPresent(Bool.self, forKey: .isInteger) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(bounds, forKey: .bounds)
        try container.encode(objective, forKey: .objective)
        if isInteger { try container.encode(true, forKey: .isInteger) }
    }
}

/// A constraint: `bounds.lower <= sum(terms) <= bounds.upper`.
public struct Row: Sendable, Equatable, Hashable, Codable {
    public var name: String
    public var bounds: Bounds
    public var terms: [Term]

    public init(name: String, bounds: Bounds, terms: [Term]) {
        self.name = name
        self.bounds = bounds
        self.terms = terms
    }
}

/// A linear program as a plain value, independent of any solver.
///
/// Rows hold their coefficients sparsely. Indices are 0-based everywhere in this layer; a solver
/// binding translates them once, at its own boundary. Names are kept so that exported LP files and
/// reports read in the plan's own words (`x(DA2,central)`).
public struct LinearProgram: Sendable, Equatable, Hashable, Codable {
    public var name: String
    public var sense: ObjectiveSense
    public var objectiveName: String
    /// A constant added to the objective (GLPK's "shift").
    public var objectiveConstant: Double
    public var columns: [Column]
    public var rows: [Row]

    public init(
        name: String = "lp",
        sense: ObjectiveSense = .minimize,
        objectiveName: String = "obj",
        objectiveConstant: Double = 0,
        columns: [Column] = [],
        rows: [Row] = []
    ) {
        self.name = name
        self.sense = sense
        self.objectiveName = objectiveName
        self.objectiveConstant = objectiveConstant
        self.columns = columns
        self.rows = rows
    }

    public var nonZeroCount: Int { rows.reduce(0) { $0 + $1.terms.count } }

    public func columnIndex(named name: String) -> Int? { columns.firstIndex { $0.name == name } }
    public func rowIndex(named name: String) -> Int? { rows.firstIndex { $0.name == name } }

    /// The name of a row or column.
    public func name(of variable: Variable) -> String {
        switch variable {
        case .row(let i): rows[i].name
        case .column(let j): columns[j].name
        }
    }

    /// Objective value of a column vector, constant included.
    public func objectiveValue(_ x: [Double]) -> Double {
        var total = objectiveConstant
        for (j, column) in columns.enumerated() { total += column.objective * x[j] }
        return total
    }

    /// Row activities `A x` for a column vector.
    public func activities(_ x: [Double]) -> [Double] {
        rows.map { row in row.terms.reduce(0) { $0 + $1.coefficient * x[$1.column] } }
    }
}

/// A row or a column of a linear program, the two kinds of variable a simplex basis is made of.
public enum Variable: Sendable, Equatable, Hashable, Codable {
    case row(Int)
    case column(Int)
}
