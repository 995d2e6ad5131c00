import LinearProgramming

/// One amount of the allocation: money from `source`, as `capital`, to the leaf project `project`.
public struct AllocationKey: Sendable, Hashable, Codable, Comparable {
    public var project: String
    public var source: String
    public var capital: CapitalType

    public init(project: String, source: String, capital: CapitalType) {
        self.project = project
        self.source = source
        self.capital = capital
    }

    public static func < (a: AllocationKey, b: AllocationKey) -> Bool {
        (a.project, a.source, a.capital.rawValue) < (b.project, b.source, b.capital.rawValue)
    }
}

/// What a row of the compiled program stands for in the plan.
public enum RowMeaning: Sendable, Equatable, Hashable {
    /// f(p) = Σ allocations to leaf p (definition, never relaxed).
    case funded(project: String)
    /// Money of a source used: at most (or exactly, when it must be spent in full) what is available.
    case source(String)
    /// A project's ceiling, in total or for one capital type.
    case need(project: String, capital: CapitalType?)
    /// A project's floor, in total or for one capital type.
    case floor(project: String, capital: CapitalType?)
    /// An amount fixed in advance for a project from a source.
    case fixed(project: String, source: String)
    /// A rule, or one instance of it (a project or sub-project for each-* scopes; "max"/"min" for shares).
    case rule(id: String, instance: String?)
    /// Holds an earlier lexicographic stage's optimum (definition, never relaxed).
    case stage(Int)
    /// Deviation from a target (definition, never relaxed).
    case deviation(project: String, source: String?)

    /// Whether the diagnosis may relax this row: plan figures and rules yes, definitions no.
    public var isRelaxable: Bool {
        switch self {
        case .funded, .stage, .deviation: false
        default: true
        }
    }

    /// The plan element the row belongs to, for grouping rows in the conflict search.
    public var group: String {
        switch self {
        case .funded(let p): "funded:\(p)"
        case .source(let s): "source:\(s)"
        case .need(let p, let c): "need:\(p):\(c?.rawValue ?? "total")"
        case .floor(let p, let c): "floor:\(p):\(c?.rawValue ?? "total")"
        case .fixed(let p, let s): "fixed:\(p):\(s)"
        case .rule(let id, _): "rule:\(id)"
        case .stage(let k): "stage:\(k)"
        case .deviation(let p, let s): "deviation:\(p):\(s ?? "")"
        }
    }
}

/// What a column of the compiled program stands for in the plan.
public enum ColumnMeaning: Sendable, Equatable, Hashable {
    case allocation(AllocationKey)
    /// Total money to a leaf project.
    case funded(project: String)
    case overTarget(project: String, source: String?)
    case underTarget(project: String, source: String?)
    /// Elastic variable of the diagnosis model: lets `row` go beyond its upper (`up`) or lower end.
    case relaxation(row: Int, up: Bool)
}

/// A plan compiled to a linear program, with the meaning of every row and column kept beside it so
/// that solutions and sensitivity can be read back in the plan's own terms.
public struct CompiledPlan: Sendable {
    public var program: LinearProgram
    public var rows: [RowMeaning] { didSet { rowIndexByMeaning = Self.index(rows) } }
    public var columns: [ColumnMeaning]
    public var allocationColumns: [AllocationKey: Int] { didSet { sortedAllocationColumns = Self.sorted(allocationColumns) } }
    /// `allocationColumns` in key order, sorted once: the sensitivity analysis builds an even-spread program per
    /// effect, and sorting 22,000 keys each time was a seventh of a 7,462-source plan's solve.
    public private(set) var sortedAllocationColumns: [(key: AllocationKey, column: Int)]
    public var fundedColumns: [String: Int]
    /// Objective coefficients (dense, one per column) and sense of each objective stage.
    public var stages: [(stage: ObjectiveStage, coefficients: [Double], sense: ObjectiveSense)]
    /// Row index of the hold row of each stage but the last.
    public var stageRows: [Int]
    /// Leaves the plan allocates nothing to, with the reason.
    public var excludedLeaves: [(code: String, reason: String)]
    /// Where each meaning's row is: reports look up one row per source and rule instance.
    private var rowIndexByMeaning: [RowMeaning: Int]

    public init(program: LinearProgram, rows: [RowMeaning], columns: [ColumnMeaning], allocationColumns: [AllocationKey: Int],
                fundedColumns: [String: Int], stages: [(stage: ObjectiveStage, coefficients: [Double], sense: ObjectiveSense)],
                stageRows: [Int], excludedLeaves: [(code: String, reason: String)]) {
        self.program = program
        self.rows = rows
        self.columns = columns
        self.allocationColumns = allocationColumns
        sortedAllocationColumns = Self.sorted(allocationColumns)
        self.fundedColumns = fundedColumns
        self.stages = stages
        self.stageRows = stageRows
        self.excludedLeaves = excludedLeaves
        rowIndexByMeaning = Self.index(rows)
    }

    public func rowIndex(_ meaning: RowMeaning) -> Int? { rowIndexByMeaning[meaning] }

    private static func sorted(_ columns: [AllocationKey: Int]) -> [(key: AllocationKey, column: Int)] {
        columns.sorted { $0.key < $1.key }.map { (key: $0.key, column: $0.value) }
    }

    private static func index(_ rows: [RowMeaning]) -> [RowMeaning: Int] {
        var index: [RowMeaning: Int] = [:]
        for (i, meaning) in rows.enumerated() where index[meaning] == nil { index[meaning] = i }
        return index
    }
}
