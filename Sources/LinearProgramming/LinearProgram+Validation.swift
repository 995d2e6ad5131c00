extension LinearProgram {
    /// Longest name, in UTF-8 bytes, that GLPK (and the LP/MPS formats it writes) accepts.
    public static let maximumNameBytes = 255
    /// Most rows or columns a solver with 32-bit indices can hold.
    public static let maximumDimension = Int(Int32.max) - 1

    /// Checks everything a solver would otherwise trip over: names, finiteness, bound order,
    /// indices and duplicate terms. Throws the first problem found, naming its row or column.
    public func validate() throws {
        try Self.checkName(name, kind: .problem, index: 0, allowEmpty: true)
        try Self.checkName(objectiveName, kind: .objective, index: 0, allowEmpty: true)
        guard objectiveConstant.isFinite else {
            throw LinearProgramError.notFinite(kind: .objective, name: objectiveName, field: "constant", value: objectiveConstant)
        }
        guard columns.count <= Self.maximumDimension else {
            throw LinearProgramError.tooLarge(kind: .column, count: columns.count, limit: Self.maximumDimension)
        }
        guard rows.count <= Self.maximumDimension else {
            throw LinearProgramError.tooLarge(kind: .row, count: rows.count, limit: Self.maximumDimension)
        }
        var seenColumns = Set<String>(minimumCapacity: columns.count)  // sized once: growing rehashes every name
        for (j, column) in columns.enumerated() {
            try Self.checkName(column.name, kind: .column, index: j, allowEmpty: false)
            guard seenColumns.insert(column.name).inserted else {
                throw LinearProgramError.duplicateName(kind: .column, name: column.name)
            }
            guard column.objective.isFinite else {
                throw LinearProgramError.notFinite(kind: .column, name: column.name, field: "objective coefficient", value: column.objective)
            }
            try Self.checkBounds(column.bounds, kind: .column, name: column.name)
        }
        var seenRows = Set<String>(minimumCapacity: rows.count)
        var seenInRow = [Int](repeating: -1, count: columns.count)
        for (i, row) in rows.enumerated() {
            try Self.checkName(row.name, kind: .row, index: i, allowEmpty: false)
            guard seenRows.insert(row.name).inserted else {
                throw LinearProgramError.duplicateName(kind: .row, name: row.name)
            }
            try Self.checkBounds(row.bounds, kind: .row, name: row.name)
            for term in row.terms {
                guard term.column >= 0 && term.column < columns.count else {
                    throw LinearProgramError.columnIndexOutOfRange(row: row.name, column: term.column, columnCount: columns.count)
                }
                guard term.coefficient.isFinite else {
                    throw LinearProgramError.notFinite(
                        kind: .row, name: row.name, field: "coefficient of '\(columns[term.column].name)'", value: term.coefficient)
                }
                // GLPK rejects duplicate (row, column) pairs with abort(); catch them here in one pass.
                guard seenInRow[term.column] != i else {
                    throw LinearProgramError.duplicateTerm(row: row.name, column: columns[term.column].name)
                }
                seenInRow[term.column] = i
            }
        }
    }

    private static func checkName(_ name: String, kind: LinearProgramError.Kind, index: Int, allowEmpty: Bool) throws {
        if name.isEmpty {
            if allowEmpty { return }
            throw LinearProgramError.emptyName(kind: kind, index: index)
        }
        let bytes = name.utf8.count
        guard bytes <= maximumNameBytes else {
            throw LinearProgramError.nameTooLong(kind: kind, name: name, bytes: bytes, limit: maximumNameBytes)
        }
        // GLPK aborts on control characters in names (glp_set_row_name: "invalid character(s)").
        guard !name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw LinearProgramError.nameHasControlCharacter(kind: kind, name: name)
        }
    }

    private static func checkBounds(_ bounds: Bounds, kind: LinearProgramError.Kind, name: String) throws {
        if bounds.lower.isNaN { throw LinearProgramError.notFinite(kind: kind, name: name, field: "lower bound", value: bounds.lower) }
        if bounds.upper.isNaN { throw LinearProgramError.notFinite(kind: kind, name: name, field: "upper bound", value: bounds.upper) }
        if bounds.lower == .infinity { throw LinearProgramError.infiniteBoundOnWrongSide(kind: kind, name: name, field: "lower bound") }
        if bounds.upper == -.infinity { throw LinearProgramError.infiniteBoundOnWrongSide(kind: kind, name: name, field: "upper bound") }
        guard bounds.lower <= bounds.upper else {
            throw LinearProgramError.invertedBounds(kind: kind, name: name, lower: bounds.lower, upper: bounds.upper)
        }
    }
}
