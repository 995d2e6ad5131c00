/// Builds a `LinearProgram` by name, merging repeated terms, so that model compilers never juggle indices.
public struct LinearProgramBuilder: Sendable {
    public private(set) var program: LinearProgram
    private var columnIndexByName: [String: Int] = [:]
    private var rowIndexByName: [String: Int] = [:]

    public init(name: String = "lp", sense: ObjectiveSense = .minimize, objectiveName: String = "obj") {
        program = LinearProgram(name: name, sense: sense, objectiveName: objectiveName)
    }

    /// Room for this many more columns and rows, for a compiler that knows its size (a province's
    /// distribution adds thousands): the name indexes then never grow and rehash on the way.
    public mutating func reserve(columns: Int, rows: Int) {
        program.columns.reserveCapacity(program.columns.count + columns)
        program.rows.reserveCapacity(program.rows.count + rows)
        columnIndexByName.reserveCapacity(columnIndexByName.count + columns)
        rowIndexByName.reserveCapacity(rowIndexByName.count + rows)
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
        let row = Row(name: name, bounds: bounds, terms: Self.merged(terms))
        let index = program.rows.count
        program.rows.append(row)
        rowIndexByName[name] = index
        return index
    }

    /// The terms with coefficients on one column summed, in the order each column first appears, zeros
    /// dropped. Short rows (most of a plan's) are merged by scanning, without a dictionary per row.
    static func merged(_ terms: [(column: Int, coefficient: Double)]) -> [Term] {
        var out: [Term] = []
        out.reserveCapacity(terms.count)
        if terms.count <= 16 {
            for term in terms {
                if let k = out.firstIndex(where: { $0.column == term.column }) {
                    out[k].coefficient += term.coefficient
                } else {
                    out.append(Term(column: term.column, coefficient: term.coefficient))
                }
            }
        } else {
            var position: [Int: Int] = [:]
            position.reserveCapacity(terms.count)
            for term in terms {
                if let k = position[term.column] {
                    out[k].coefficient += term.coefficient
                } else {
                    position[term.column] = out.count
                    out.append(Term(column: term.column, coefficient: term.coefficient))
                }
            }
        }
        out.removeAll { $0.coefficient == 0 }
        return out
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
