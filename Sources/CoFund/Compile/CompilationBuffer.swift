import LinearProgramming

/// The program being built, with the meaning of each row and column recorded as it is added.
struct CompilationBuffer {
    var builder: LinearProgramBuilder
    var rows: [RowMeaning] = []
    var columns: [ColumnMeaning] = []
    var allocation: [AllocationKey: Int] = [:]
    var funded: [String: Int] = [:]
    /// The plan structure's step counter: compilation counts its own steps there too.
    let work: WorkCounter

    init(name: String, work: WorkCounter) {
        builder = LinearProgramBuilder(name: name, sense: .maximize, objectiveName: "objective")
        self.work = work
    }

    mutating func addColumn(_ name: String, _ meaning: ColumnMeaning, bounds: Bounds = .nonNegative) throws -> Int {
        work.add()
        // The unique name is found in a statement of its own: `builder.columnIndex` passed inline would keep a
        // copy of the builder alive across `addColumn`, which then copied every column so far (quadratic).
        let unique = Self.unique(name) { builder.columnIndex($0) }
        let index = try builder.addColumn(unique, bounds: bounds)
        columns.append(meaning)
        return index
    }

    mutating func addRow(_ name: String, _ meaning: RowMeaning, _ bounds: Bounds, _ terms: [(column: Int, coefficient: Double)]) throws {
        work.add(1 + terms.count)
        let unique = Self.unique(name) { builder.rowIndex($0) }
        try builder.addRow(unique, bounds: bounds, terms: terms)
        rows.append(meaning)
    }

    /// Allocation columns of `leaves`, from the sources `include` accepts, of one capital type or both.
    func allocationTerms(
        _ leaves: [Project], sources: [FundingSource], where include: (FundingSource) -> Bool,
        capital: CapitalType? = nil, coefficient: Double = 1
    ) -> [(column: Int, coefficient: Double)] {
        var terms: [(column: Int, coefficient: Double)] = []
        work.add(leaves.count * sources.count)
        for leaf in leaves {
            for source in sources where include(source) {
                for c in CapitalType.allCases where capital == nil || capital == c {
                    if let j = allocation[AllocationKey(project: leaf.code, source: source.id, capital: c)] { terms.append((j, coefficient)) }
                }
            }
        }
        return terms
    }

    /// f(p) columns of `leaves`, each with coefficient 1.
    func fundedTerms(_ leaves: [Project]) -> [(column: Int, coefficient: Double)] {
        leaves.compactMap { funded[$0.code] }.map { (column: $0, coefficient: 1.0) }
    }

    /// Names collide only when two ids differ by '-' versus '_' (both become '_'); a suffix keeps them apart.
    private static func unique(_ name: String, existing: (String) -> Int?) -> String {
        if existing(name) == nil { return name }
        var k = 2
        while existing("\(name)#\(k)") != nil { k += 1 }
        return "\(name)#\(k)"
    }
}
