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

    var plan: Plan { structure.plan }

    public func compile() throws -> CompiledPlan {
        var buffer = CompilationBuffer(name: Self.lpName(plan.id), work: structure.work)
        try addAllocationColumns(&buffer)
        try addSourceRows(&buffer)
        try addNeedFloorAndFixedRows(&buffer)
        try addRuleRows(&buffer)
        if plan.objective.stages.contains(.minimizeDeviation) { try addDeviationRows(&buffer) }
        let columnsBeforeElastic = buffer.columns.count
        var stages = stageObjectives(buffer)
        let stageRows = try addStageHoldRows(&buffer, stages: stages)
        if elastic { try addElasticColumns(&buffer) }

        // Start with the first stage's objective (or, for the diagnosis, the total relaxation).
        var program = buffer.builder.program
        if elastic {
            program.sense = .minimize
            for (j, meaning) in buffer.columns.enumerated() {
                if case .relaxation = meaning { program.columns[j].objective = 1 } else { program.columns[j].objective = 0 }
            }
        } else if let first = stages.first {
            program.sense = first.sense
            for j in 0..<columnsBeforeElastic { program.columns[j].objective = first.coefficients[j] }
        }
        for k in stages.indices {
            stages[k].coefficients += [Double](repeating: 0, count: buffer.columns.count - columnsBeforeElastic)
        }
        return CompiledPlan(
            program: program, rows: buffer.rows, columns: buffer.columns, allocationColumns: buffer.allocation,
            fundedColumns: buffer.funded, stages: stages, stageRows: stageRows, excludedLeaves: structure.excludedLeaves)
    }

    /// LP names allow letters, digits and !"#$%&()/,.;?@_`'{}|~ in the CPLEX LP format; a '-' would make
    /// GLPK write a made-up name (r_12), so it becomes '_'.
    /// (Byte by byte: Foundation's `replacingOccurrences` cost 5% of a what-if run, called for every name of
    /// every scenario's program.)
    public static func lpName(_ id: String) -> String {
        guard id.utf8.contains(UInt8(ascii: "-")) else { return id }
        return String(decoding: id.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 }, as: UTF8.self)
    }
}
