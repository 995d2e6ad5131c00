import LinearProgramming

/// Compiles a plan into a linear program.
///
/// Columns: x(p,s,c) ≥ 0, money from source s as capital c to leaf p (only where the capital types agree
/// and no rule bars s); f(p), total money to leaf p; over(p)/under(p) for deviation targets.
/// Rows: see `RowMeaning`. Names come from the plan (`x(DA2,central,rec)`, `need(DA2)`,
/// `rule(cp_province,DA2)`), spelled with characters the CPLEX LP format accepts.
public struct PlanCompiler {
    public let structure: PlanStructure
    /// Whether to add elastic columns to every relaxable row (the diagnosis model).
    public var elastic = false

    public init(_ structure: PlanStructure, elastic: Bool = false) {
        self.structure = structure
        self.elastic = elastic
    }

    public func compile() throws -> CompiledPlan {
        var b = LinearProgramBuilder(name: Self.lpName(structure.plan.id), sense: .maximize, objectiveName: "objective")
        var rows: [RowMeaning] = []
        var columns: [ColumnMeaning] = []
        var allocation: [AllocationKey: Int] = [:]
        var funded: [String: Int] = [:]
        let plan = structure.plan
        let leaves = structure.allocatedLeaves

        func addColumn(_ name: String, _ meaning: ColumnMeaning, bounds: Bounds = .nonNegative) throws -> Int {
            let index = try b.addColumn(uniqueName(name, existing: b.columnIndex), bounds: bounds)
            columns.append(meaning)
            return index
        }
        func addRow(_ name: String, _ meaning: RowMeaning, _ bounds: Bounds, _ terms: [(column: Int, coefficient: Double)]) throws {
            try b.addRow(uniqueName(name, existing: b.rowIndex), bounds: bounds, terms: terms)
            rows.append(meaning)
        }

        // Allocation and funded-total columns, and the definition f(p) − Σ x(p,·,·) = 0.
        for leaf in leaves {
            let capital = structure.capital(leaf.code)
            var terms: [(column: Int, coefficient: Double)] = []
            for source in plan.sources where !structure.isBarred(source: source.id, leaf: leaf.code) {
                for c in capital where source.capital.contains(c) {
                    let key = AllocationKey(project: leaf.code, source: source.id, capital: c)
                    let j = try addColumn("x(\(Self.lpName(leaf.code)),\(Self.lpName(source.id)),\(c.code))", .allocation(key))
                    allocation[key] = j
                    terms.append((j, -1))
                }
            }
            let f = try addColumn("f(\(Self.lpName(leaf.code)))", .funded(project: leaf.code))
            funded[leaf.code] = f
            try addRow("fund(\(Self.lpName(leaf.code)))", .funded(project: leaf.code), .exactly(0), [(f, 1)] + terms)
        }

        func allocationTerms(leaves: [Project], sources: (FundingSource) -> Bool, capital: CapitalType? = nil, coefficient: Double = 1)
            -> [(column: Int, coefficient: Double)] {
            var terms: [(column: Int, coefficient: Double)] = []
            for leaf in leaves {
                for source in plan.sources where sources(source) {
                    for c in CapitalType.allCases where capital == nil || capital == c {
                        if let j = allocation[AllocationKey(project: leaf.code, source: source.id, capital: c)] { terms.append((j, coefficient)) }
                    }
                }
            }
            return terms
        }

        // Sources: used ≤ available, or = available when it must be spent in full.
        for source in plan.sources {
            guard let available = source.available else { continue }
            let terms = allocationTerms(leaves: leaves, sources: { $0.id == source.id })
            try addRow("avail(\(Self.lpName(source.id)))", .source(source.id),
                       source.spendInFull ? .exactly(available) : .atMost(available), terms)
        }

        // Needs and floors, in total and per capital type, for leaves and parents.
        for project in plan.allProjects {
            let covered = structure.leaves(under: project.code)
            if covered.isEmpty { continue }
            let name = Self.lpName(project.code)
            let fundedTerms = covered.compactMap { funded[$0.code] }.map { (column: $0, coefficient: 1.0) }
            if let need = project.need.total { try addRow("need(\(name))", .need(project: project.code, capital: nil), .atMost(need), fundedTerms) }
            if let floor = project.floor.total { try addRow("floor(\(name))", .floor(project: project.code, capital: nil), .atLeast(floor), fundedTerms) }
            for c in CapitalType.allCases {
                let terms = allocationTerms(leaves: covered, sources: { _ in true }, capital: c)
                if let need = project.need.byCapital[c] {
                    try addRow("need(\(name),\(c.code))", .need(project: project.code, capital: c), .atMost(need), terms)
                }
                if let floor = project.floor.byCapital[c] {
                    try addRow("floor(\(name),\(c.code))", .floor(project: project.code, capital: c), .atLeast(floor), terms)
                }
            }
            for (sourceId, amount) in project.fixed.sorted(by: { $0.key < $1.key }) {
                try addRow("fixed(\(name),\(Self.lpName(sourceId)))", .fixed(project: project.code, source: sourceId), .exactly(amount),
                           allocationTerms(leaves: covered, sources: { $0.id == sourceId }))
            }
        }

        // Rules.
        for rule in structure.loaded.rules {
            let id = Self.lpName(rule.id)
            switch rule.kind {
            case .counterpart(let levels, let of, let ratio, let scope, let capital):
                let r = structure.ratio(ratio)
                for instance in structure.instances(of: scope) {
                    let local = allocationTerms(leaves: instance.leaves, sources: { levels.contains($0.level) }, capital: capital)
                    let base = allocationTerms(leaves: instance.leaves, sources: { of.contains($0.level) }, capital: capital, coefficient: -r)
                    if local.isEmpty && base.isEmpty { continue }
                    let name = instance.name.map { "rule(\(id),\(Self.lpName($0)))" } ?? "rule(\(id))"
                    try addRow(name, .rule(id: rule.id, instance: instance.name), .atLeast(0), local + base)
                }
            case .share(let project, let atMost, let atLeast, let sources):
                let inScope: (FundingSource) -> Bool = { sources?.contains($0.id) ?? true }
                let own = allocationTerms(leaves: structure.leaves(under: project), sources: inScope)
                if let atMost {
                    let all = allocationTerms(leaves: leaves, sources: inScope, coefficient: -atMost)
                    try addRow("rule(\(id),max)", .rule(id: rule.id, instance: "max"), .atMost(0), own + all)
                }
                if let atLeast {
                    let all = allocationTerms(leaves: leaves, sources: inScope, coefficient: -atLeast)
                    try addRow("rule(\(id),min)", .rule(id: rule.id, instance: "min"), .atLeast(0), own + all)
                }
            case .bar, .investmentOnly:
                continue  // enforced by leaving the barred columns out
            }
        }

        // Deviation from targets, when an objective stage asks for it.
        if plan.objective.stages.contains(.minimizeDeviation) {
            for project in plan.allProjects {
                let covered = structure.leaves(under: project.code)
                if covered.isEmpty { continue }
                let name = Self.lpName(project.code)
                if let target = project.target {
                    let over = try addColumn("over(\(name))", .overTarget(project: project.code, source: nil))
                    let under = try addColumn("under(\(name))", .underTarget(project: project.code, source: nil))
                    let terms = covered.compactMap { funded[$0.code] }.map { (column: $0, coefficient: 1.0) }
                    try addRow("dev(\(name))", .deviation(project: project.code, source: nil), .exactly(target),
                               terms + [(over, -1), (under, 1)])
                }
                for (sourceId, target) in project.targetBySource.sorted(by: { $0.key < $1.key }) {
                    let over = try addColumn("over(\(name),\(Self.lpName(sourceId)))", .overTarget(project: project.code, source: sourceId))
                    let under = try addColumn("under(\(name),\(Self.lpName(sourceId)))", .underTarget(project: project.code, source: sourceId))
                    try addRow("dev(\(name),\(Self.lpName(sourceId)))", .deviation(project: project.code, source: sourceId), .exactly(target),
                               allocationTerms(leaves: covered, sources: { $0.id == sourceId }) + [(over, -1), (under, 1)])
                }
            }
        }

        // Objective stages, and a hold row (free until its stage is solved) for all but the last.
        let columnCount = columns.count
        var stages: [(stage: ObjectiveStage, coefficients: [Double], sense: ObjectiveSense)] = []
        for stage in plan.objective.stages {
            var coefficients = [Double](repeating: 0, count: columnCount)
            for (j, meaning) in columns.enumerated() {
                switch (stage, meaning) {
                case (.maximizeFundedNeed, .funded(let p)): coefficients[j] = structure.weight(p)
                case (.minimizeLocalMoney, .allocation(let key)):
                    if plan.source(key.source)?.level.isLocal == true { coefficients[j] = 1 }
                case (.maximizeCentralSpent, .allocation(let key)):
                    if plan.source(key.source)?.level == .central { coefficients[j] = 1 }
                case (.minimizeDeviation, .overTarget), (.minimizeDeviation, .underTarget): coefficients[j] = 1
                default: break
                }
            }
            stages.append((stage, coefficients, stage.isMaximization ? .maximize : .minimize))
        }
        var stageRows: [Int] = []
        for (k, stage) in stages.dropLast().enumerated() {
            let terms = stage.coefficients.enumerated().filter { $0.element != 0 }.map { (column: $0.offset, coefficient: $0.element) }
            stageRows.append(rows.count)
            try addRow("stage(\(k + 1),\(stage.stage.rawValue.replacingOccurrences(of: "-", with: "_")))", .stage(k), .free, terms)
        }

        // The diagnosis model: every relaxable row may bend, at a cost of 1 per million.
        if elastic {
            for (i, meaning) in rows.enumerated() where meaning.isRelaxable {
                let row = b.program.rows[i]
                if row.bounds.hasFiniteUpper {
                    let j = try addColumn("relax_up(\(row.name))", .relaxation(row: i, up: true))
                    try appendTerm(&b, row: i, column: j, coefficient: -1)
                }
                if row.bounds.hasFiniteLower {
                    let j = try addColumn("relax_down(\(row.name))", .relaxation(row: i, up: false))
                    try appendTerm(&b, row: i, column: j, coefficient: 1)
                }
            }
        }

        // Start with the first stage's objective (or, for the diagnosis, the total relaxation).
        var program = b.program
        if elastic {
            program.sense = .minimize
            for (j, meaning) in columns.enumerated() {
                if case .relaxation = meaning { program.columns[j].objective = 1 } else { program.columns[j].objective = 0 }
            }
        } else if let first = stages.first {
            program.sense = first.sense
            for j in 0..<columnCount { program.columns[j].objective = first.coefficients[j] }
        }
        for k in stages.indices { stages[k].coefficients += [Double](repeating: 0, count: columns.count - columnCount) }
        return CompiledPlan(
            program: program, rows: rows, columns: columns, allocationColumns: allocation, fundedColumns: funded,
            stages: stages, stageRows: stageRows, excludedLeaves: structure.excludedLeaves)
    }

    private func appendTerm(_ b: inout LinearProgramBuilder, row: Int, column: Int, coefficient: Double) throws {
        b.appendTerm(row: row, column: column, coefficient: coefficient)
    }

    /// LP names allow letters, digits and !"#$%&()/,.;?@_`'{}|~ in the CPLEX LP format; a '-' would make
    /// GLPK write a made-up name (r_12), so it becomes '_'.
    public static func lpName(_ id: String) -> String { id.replacingOccurrences(of: "-", with: "_") }

    private func uniqueName(_ name: String, existing: (String) -> Int?) -> String {
        if existing(name) == nil { return name }
        var k = 2
        while existing("\(name)#\(k)") != nil { k += 1 }
        return "\(name)#\(k)"
    }
}
