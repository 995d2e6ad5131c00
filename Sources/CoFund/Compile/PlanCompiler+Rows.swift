import LinearProgramming

extension PlanCompiler {
    /// x(p,s,c) for every allowed combination, f(p), and the definition f(p) − Σ x(p,·,·) = 0.
    func addAllocationColumns(_ buffer: inout CompilationBuffer) throws {
        for leaf in structure.allocatedLeaves {
            let name = Self.lpName(leaf.code)
            let capital = structure.capital(leaf.code)
            var terms: [(column: Int, coefficient: Double)] = []
            for source in plan.sources where !structure.isBarred(source: source.id, leaf: leaf.code) {
                for c in capital where source.capital.contains(c) {
                    let key = AllocationKey(project: leaf.code, source: source.id, capital: c)
                    let j = try buffer.addColumn("x(\(name),\(Self.lpName(source.id)),\(c.code))", .allocation(key))
                    buffer.allocation[key] = j
                    terms.append((j, -1))
                }
            }
            let f = try buffer.addColumn("f(\(name))", .funded(project: leaf.code))
            buffer.funded[leaf.code] = f
            try buffer.addRow("fund(\(name))", .funded(project: leaf.code), .exactly(0), [(f, 1)] + terms)
        }
    }

    /// Money used from each source: at most what is available, or exactly that when it must be spent in full.
    func addSourceRows(_ buffer: inout CompilationBuffer) throws {
        for source in plan.sources {
            guard let available = source.available else { continue }
            let terms = buffer.allocationTerms(structure.allocatedLeaves, sources: [source], where: { _ in true })
            try buffer.addRow("avail(\(Self.lpName(source.id)))", .source(source.id),
                              source.spendInFull ? .exactly(available) : .atMost(available), terms)
        }
    }

    /// Needs and floors, in total and per capital type, and fixed amounts, for leaves and parents alike.
    func addNeedFloorAndFixedRows(_ buffer: inout CompilationBuffer) throws {
        for project in structure.allProjects {
            let covered = structure.leaves(under: project.code)
            if covered.isEmpty { continue }
            let name = Self.lpName(project.code)
            // With the counterpart on top, needs and floors are central money: local money comes on top.
            let fundedTerms = plan.counterpartOnTop ? buffer.allocationTerms(covered, sources: plan.sources, where: { $0.level == .central })
                : buffer.fundedTerms(covered)
            let inNeed: (FundingSource) -> Bool = { !plan.counterpartOnTop || $0.level == .central }
            if let need = project.need.total {
                try buffer.addRow("need(\(name))", .need(project: project.code, capital: nil), .atMost(need), fundedTerms)
            }
            if let floor = project.floor.total {
                try buffer.addRow("floor(\(name))", .floor(project: project.code, capital: nil), .atLeast(floor), fundedTerms)
            }
            for c in CapitalType.allCases {
                let terms = buffer.allocationTerms(covered, sources: plan.sources, where: inNeed, capital: c)
                if let need = project.need.byCapital[c] {
                    try buffer.addRow("need(\(name),\(c.code))", .need(project: project.code, capital: c), .atMost(need), terms)
                }
                if let floor = project.floor.byCapital[c] {
                    try buffer.addRow("floor(\(name),\(c.code))", .floor(project: project.code, capital: c), .atLeast(floor), terms)
                }
            }
            for (sourceId, amount) in project.fixed.sorted(by: { $0.key < $1.key }) {
                try buffer.addRow("fixed(\(name),\(Self.lpName(sourceId)))", .fixed(project: project.code, source: sourceId), .exactly(amount),
                                  buffer.allocationTerms(covered, sources: structure.source(sourceId).map { [$0] } ?? [], where: { _ in true }))
            }
        }
    }

    /// Counterpart rules (one row per instance of their scope) and share rules; bars and investment-only
    /// rules need no row, since the forbidden columns were never created.
    func addRuleRows(_ buffer: inout CompilationBuffer) throws {
        let sources = plan.sources
        for rule in structure.loaded.rules {
            let id = Self.lpName(rule.id)
            switch rule.kind {
            case .counterpart(let levels, let of, let ratio, let scope, let capital):
                let r = structure.ratio(ratio)
                for instance in structure.instances(of: scope) {
                    let local = buffer.allocationTerms(instance.leaves, sources: sources, where: { levels.contains($0.level) }, capital: capital)
                    let base = buffer.allocationTerms(instance.leaves, sources: sources, where: { of.contains($0.level) },
                                                      capital: capital, coefficient: -r)
                    if local.isEmpty && base.isEmpty { continue }
                    let name = instance.name.map { "rule(\(id),\(Self.lpName($0)))" } ?? "rule(\(id))"
                    try buffer.addRow(name, .rule(id: rule.id, instance: instance.name), .atLeast(0), local + base)
                }
            case .share(let project, let atMost, let atLeast, let shareSources):
                let inScope: (FundingSource) -> Bool = { shareSources?.contains($0.id) ?? true }
                let own = buffer.allocationTerms(structure.leaves(under: project), sources: sources, where: inScope)
                if let atMost {
                    let all = buffer.allocationTerms(structure.allocatedLeaves, sources: sources, where: inScope, coefficient: -atMost)
                    try buffer.addRow("rule(\(id),max)", .rule(id: rule.id, instance: "max"), .atMost(0), own + all)
                }
                if let atLeast {
                    let all = buffer.allocationTerms(structure.allocatedLeaves, sources: sources, where: inScope, coefficient: -atLeast)
                    try buffer.addRow("rule(\(id),min)", .rule(id: rule.id, instance: "min"), .atLeast(0), own + all)
                }
            case .bar, .investmentOnly:
                continue
            }
        }
    }

    /// Σ f − over + under = target, per project total and per source, for the deviation objective.
    func addDeviationRows(_ buffer: inout CompilationBuffer) throws {
        for project in structure.allProjects {
            let covered = structure.leaves(under: project.code)
            if covered.isEmpty { continue }
            let name = Self.lpName(project.code)
            if let target = project.target {
                let over = try buffer.addColumn("over(\(name))", .overTarget(project: project.code, source: nil))
                let under = try buffer.addColumn("under(\(name))", .underTarget(project: project.code, source: nil))
                let funded = plan.counterpartOnTop ? buffer.allocationTerms(covered, sources: plan.sources, where: { $0.level == .central })
                    : buffer.fundedTerms(covered)
                try buffer.addRow("dev(\(name))", .deviation(project: project.code, source: nil), .exactly(target),
                                  funded + [(over, -1), (under, 1)])
            }
            for (sourceId, target) in project.targetBySource.sorted(by: { $0.key < $1.key }) {
                let source = Self.lpName(sourceId)
                let over = try buffer.addColumn("over(\(name),\(source))", .overTarget(project: project.code, source: sourceId))
                let under = try buffer.addColumn("under(\(name),\(source))", .underTarget(project: project.code, source: sourceId))
                try buffer.addRow("dev(\(name),\(source))", .deviation(project: project.code, source: sourceId), .exactly(target),
                                  buffer.allocationTerms(covered, sources: structure.source(sourceId).map { [$0] } ?? [], where: { _ in true })
                                    + [(over, -1), (under, 1)])
            }
        }
    }

    /// Each stage's objective coefficients over the columns built so far.
    func stageObjectives(_ buffer: CompilationBuffer) -> [(stage: ObjectiveStage, coefficients: [Double], sense: ObjectiveSense)] {
        plan.objective.stages.map { stage in
            var coefficients = [Double](repeating: 0, count: buffer.columns.count)
            for (j, meaning) in buffer.columns.enumerated() {
                switch (stage, meaning) {
                case (.maximizeFundedNeed, .funded(let p)) where !plan.counterpartOnTop: coefficients[j] = structure.weight(p)
                // On top: the need funded is central money; the counterpart follows from the rules.
                case (.maximizeFundedNeed, .allocation(let key)) where plan.counterpartOnTop:
                    if structure.source(key.source)?.level == .central { coefficients[j] = structure.weight(key.project) }
                case (.minimizeLocalMoney, .allocation(let key)):
                    if structure.source(key.source)?.level.isLocal == true { coefficients[j] = 1 }
                case (.maximizeCentralSpent, .allocation(let key)):
                    if structure.source(key.source)?.level == .central { coefficients[j] = 1 }
                case (.minimizeDeviation, .overTarget), (.minimizeDeviation, .underTarget): coefficients[j] = 1
                default: break
                }
            }
            return (stage, coefficients, stage.isMaximization ? .maximize : .minimize)
        }
    }

    /// A row per stage but the last, free until its stage is solved and its optimum is to be held.
    func addStageHoldRows(_ buffer: inout CompilationBuffer,
                          stages: [(stage: ObjectiveStage, coefficients: [Double], sense: ObjectiveSense)]) throws -> [Int] {
        var stageRows: [Int] = []
        for (k, stage) in stages.dropLast().enumerated() {
            let terms = stage.coefficients.enumerated().filter { $0.element != 0 }.map { (column: $0.offset, coefficient: $0.element) }
            stageRows.append(buffer.rows.count)
            try buffer.addRow("stage(\(k + 1),\(Self.lpName(stage.stage.rawValue)))", .stage(k), .free, terms)
        }
        return stageRows
    }

    /// The diagnosis model: every relaxable row may bend past either finite end, at a cost of 1 per million.
    func addElasticColumns(_ buffer: inout CompilationBuffer) throws {
        for (i, meaning) in buffer.rows.enumerated() where meaning.isRelaxable {
            let row = buffer.builder.program.rows[i]
            if row.bounds.hasFiniteUpper {
                let j = try buffer.addColumn("relax_up(\(row.name))", .relaxation(row: i, up: true))
                buffer.builder.appendTerm(row: i, column: j, coefficient: -1)
            }
            if row.bounds.hasFiniteLower {
                let j = try buffer.addColumn("relax_down(\(row.name))", .relaxation(row: i, up: false))
                buffer.builder.appendTerm(row: i, column: j, coefficient: 1)
            }
        }
    }
}
