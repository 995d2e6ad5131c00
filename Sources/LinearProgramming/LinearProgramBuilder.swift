/// Builds a `LinearProgram` by name, merging repeated terms, so that model compilers never juggle indices.
public struct LinearProgramBuilder: Sendable {
    public private(set) var program: LinearProgram
    private var columnIndexByName: [String: Int] = [:]
    private var rowIndexByName: [String: Int] = [:]

    public init(name: String = "lp", sense: ObjectiveSense = .minimize, objectiveName: String = "obj") {
        program = LinearProgram(name: name, sense: sense, objectiveName: objectiveName)
    }

    public func columnIndex(_ name: String) -> Int? { columnIndexByName[name] }
    public func rowIndex(_ name: String) -> Int? { rowIndexByName[name] }

    /// Adds a column; a name used twice is a programming error in the compiler and is reported as such.
    @discardableResult
    public mutating func addColumn(
        _ name: String, bounds: Bounds = .nonNegative, objective: Double = 0, isInteger: Bool = false
    ) throws -> Int {
        if columnIndexByName[name] != nil { throw LinearProgramError.duplicateName(kind: .column, name: name) }
        let index = program.columns.count
        program.columns.append(Column(name: name, bounds: bounds, objective: objective, isInteger: isInteger))
        columnIndexByName[name] = index
        return index
    }

    /// Adds a row from (column, coefficient) pairs; coefficients on the same column are summed and zeros dropped.
    @discardableResult
    public mutating func addRow(_ name: String, bounds: Bounds, terms: [(column: Int, coefficient: Double)]) throws -> Int {
        if rowIndexByName[name] != nil { throw LinearProgramError.duplicateName(kind: .row, name: name) }
        var merged: [Int: Double] = [:]
        var order: [Int] = []
        for term in terms {
            if merged[term.column] == nil { order.append(term.column) }
            merged[term.column, default: 0] += term.coefficient
        }
        let row = Row(
            name: name, bounds: bounds,
            terms: order.compactMap { j in merged[j]! == 0 ? nil : Term(column: j, coefficient: merged[j]!) })
        let index = program.rows.count
        program.rows.append(row)
        rowIndexByName[name] = index
        return index
    }

    public mutating func setObjective(column: Int, coefficient: Double) {
        program.columns[column].objective = coefficient
    }

    public mutating func setSense(_ sense: ObjectiveSense) { program.sense = sense }
    public mutating func setObjectiveConstant(_ value: Double) { program.objectiveConstant = value }
}

extension LinearProgramBuilder {
    /// Adds one more term to an existing row (for elastic variables added after the row).
    public mutating func appendTerm(row: Int, column: Int, coefficient: Double) {
        if let k = program.rows[row].terms.firstIndex(where: { $0.column == column }) {
            program.rows[row].terms[k].coefficient += coefficient
        } else {
            program.rows[row].terms.append(Term(column: column, coefficient: coefficient))
        }
    }
}
