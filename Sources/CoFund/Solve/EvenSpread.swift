import LinearProgramming

/// The final objective stage every solve adds after the plan's own: among the allocations that are
/// equally good for the plan's stages, the one a planner would write.
///
/// With every plan stage held at its optimum, it minimises
///
///     Σ 10·|Σ x over a stated figure − the stated amount|            (the plan's own figures, when it states them)
///   + Σ  1·|x(p,s,c) − ρ(p,s,c) · Σ_s' x(p,s',c)|                     (each line shares its money like the plan does)
///
/// where ρ(p,s,c) is source s's share of the money of capital type c that the plan's stages gave to the
/// sources line p may take (from the solution before this stage). So local counterpart sits on each line in
/// proportion to the central money there, no line is funded wholly by one source while the others pay for
/// the rest, and a plan that states its lines is answered with the allocation closest to them. Without it
/// the simplex returns whatever vertex it reached first: one line wholly provincial, another wholly central.
///
/// Each |·| is a pair of columns d⁺, d⁻ ≥ 0 and one row (terms) − d⁺ + d⁻ = target.
struct EvenSpread {
    /// Weight of a figure the plan states against one of the proportional terms: the plan's own lines
    /// come first when both cannot hold.
    static let statedWeight = 10.0

    /// The program of the spread stage: the compiled program with the deviation columns and rows, every
    /// plan stage held (`holds`), and the spread as its (minimised) objective.
    struct Program {
        var program: LinearProgram
        /// Row holding each plan stage's objective, in stage order.
        var stageRows: [Int]
        /// Every deviation column (d⁺ and d⁻).
        var deviationColumns: [Int]
    }

    /// Builds the stage. `reference` is the allocation the plan's stages gave (for the shares ρ).
    static func program(_ compiled: CompiledPlan, structure: PlanStructure, reference: Allocation) -> Program {
        var program = compiled.program
        for j in program.columns.indices { program.columns[j].objective = 0 }
        program.sense = .minimize
        program.objectiveName = "even_spread"
        var stageRows = compiled.stageRows
        if let last = compiled.stages.last {
            let terms = last.coefficients.enumerated().filter { $0.element != 0 }.map { Term(column: $0.offset, coefficient: $0.element) }
            stageRows.append(program.rows.count)
            program.rows.append(Row(name: "stage(\(compiled.stages.count),\(PlanCompiler.lpName(last.stage.rawValue)))", bounds: .free, terms: terms))
        }
        var deviations: [Int] = []
        func addDeviation(_ name: String, _ terms: [Term], target: Double, weight: Double) {
            guard !terms.isEmpty else { return }
            let over = program.columns.count
            program.columns.append(Column(name: "spread_over(\(name))", bounds: .nonNegative, objective: weight))
            program.columns.append(Column(name: "spread_under(\(name))", bounds: .nonNegative, objective: weight))
            deviations += [over, over + 1]
            program.rows.append(Row(name: "spread(\(name))", bounds: .exactly(target),
                                    terms: terms + [Term(column: over, coefficient: -1), Term(column: over + 1, coefficient: 1)]))
        }

        let plan = structure.plan
        // Indexes built once: a plan of thousands of lines must not scan the allocation per line.
        var usedBySource: [String: [CapitalType: Double]] = [:]
        for (key, amount) in reference { usedBySource[key.source, default: [:]][key.capital, default: 0] += amount }
        var keysOfLeaf: [String: [(key: AllocationKey, column: Int)]] = [:]
        for (key, column) in compiled.allocationColumns { keysOfLeaf[key.project, default: []].append((key, column)) }
        for leaf in structure.allocatedLeaves {
            let name = PlanCompiler.lpName(leaf.code)
            // The plan's own figures for the line, in the plan's unit (a figure written in another unit is
            // a slip `check` reports, not a target).
            for (k, stated) in leaf.stated.enumerated() where stated.writtenUnit == nil && stated.amount >= 0 {
                let keys = (keysOfLeaf[leaf.code] ?? []).filter { key, _ in
                    (stated.source.map { $0 == key.source } ?? true)
                        && (stated.level.map { $0 == structure.source(key.source)?.level } ?? true)
                        && (stated.capital.map { $0 == key.capital } ?? true)
                }
                let terms = keys.map { Term(column: $0.column, coefficient: 1) }.sorted { $0.column < $1.column }
                addDeviation("\(name),stated\(k + 1)", terms, target: stated.amount, weight: statedWeight)
            }
            // Each line shares its money among the sources it may take as the plan's stages did overall.
            for capital in CapitalType.allCases {
                let cells = plan.sources.compactMap { source -> (source: String, column: Int)? in
                    compiled.allocationColumns[AllocationKey(project: leaf.code, source: source.id, capital: capital)].map { (source.id, $0) }
                }
                guard cells.count > 1 else { continue }
                let used = cells.map { usedBySource[$0.source]?[capital] ?? 0 }
                let total = used.reduce(0, +)
                guard total > Tolerances.zeroAmount else { continue }
                for (i, cell) in cells.enumerated() {
                    let share = used[i] / total
                    var terms = cells.map { Term(column: $0.column, coefficient: -share) }
                    terms[i].coefficient += 1
                    terms = terms.filter { $0.coefficient != 0 }
                    addDeviation("\(name),\(PlanCompiler.lpName(cell.source)),\(capital.code)", terms, target: 0, weight: 1)
                }
            }
        }
        return Program(program: program, stageRows: stageRows, deviationColumns: deviations)
    }
}
