import LinearProgramming

/// The final objective stage every solve adds after the plan's own: among the allocations that are
/// equally good for the plan's stages, the one a planner would write.
///
/// With every plan stage held at its optimum, it minimises
///
///     Σ 10·|Σ x over a stated figure − the stated amount|            (the plan's own figures, when it states them)
///   + Σ  1·|x(p,s,c) − ρ(p,s,c) · Σ_s' x(p,s',c)|                     (each line shares its money like the plan does)
///   + Σ  1·|n_q·f(p) − n_p·f(q)| / (n_p + n_q)                       (interchangeable lines, the same share of need)
///
/// where ρ(p,s,c) is source s's share of the money of capital type c that the plan's stages gave to the
/// sources line p may take (from the solution before this stage). So local counterpart sits on each line in
/// proportion to the central money there, no line is funded wholly by one source while the others pay for
/// the rest, and a plan that states its lines is answered with the allocation closest to them. Without it
/// the simplex returns whatever vertex it reached first: one line wholly provincial, another wholly central.
///
/// Each |·| is a pair of columns d⁺, d⁻ ≥ 0 and one row (terms) − d⁺ + d⁻ = target. A sum that many rows
/// share (a line's money of one type, with more than two sources) is a free column of its own.
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

    /// The compiled program with no objective (minimised, named `objectiveName`) and a row for every plan
    /// stage's objective, the last one's included, to hold each at its optimum: what a final stage starts from.
    static func stagesHeld(_ compiled: CompiledPlan, objectiveName: String) -> (program: LinearProgram, stageRows: [Int]) {
        var program = compiled.program
        for j in program.columns.indices { program.columns[j].objective = 0 }
        program.sense = .minimize
        program.objectiveName = objectiveName
        var stageRows = compiled.stageRows
        if let last = compiled.stages.last {
            let terms = last.coefficients.enumerated().filter { $0.element != 0 }.map { Term(column: $0.offset, coefficient: $0.element) }
            stageRows.append(program.rows.count)
            program.rows.append(Row(name: "stage(\(compiled.stages.count),\(PlanCompiler.lpName(last.stage.rawValue)))", bounds: .free, terms: terms))
        }
        return (program, stageRows)
    }

    /// Builds the stage. `reference` is the allocation the plan's stages gave (for the shares ρ).
    /// With `evenAnswer` (the continuous spread's answer, pairs and all), lines that are compared in pairs are
    /// instead held near their amounts in it: |f(p) − f̂(p)|, one row a line. The whole-unit search then only
    /// rounds an even split the linear program has already found; with the pairs themselves it took 2.4 times
    /// as long on Tịnh Biên's scenarios (15 pairs of 6 lines).
    static func program(_ compiled: CompiledPlan, structure: PlanStructure, reference: Allocation, evenAnswer: Allocation? = nil) -> Program {
        let held = stagesHeld(compiled, objectiveName: "even_spread")
        var program = held.program
        let stageRows = held.stageRows
        var deviations: [Int] = []
        var usedBySource: [String: [CapitalType: Double]] = [:]
        // Summed in key order: the same plan gives the same shares, bit for bit, on every run.
        // The compiled columns are already in key order; an allocation with other keys (none is built so) is sorted.
        let ordered: [(key: AllocationKey, value: Double)] = reference.count == compiled.sortedAllocationColumns.count
            && compiled.sortedAllocationColumns.allSatisfy({ reference[$0.key] != nil })
            ? compiled.sortedAllocationColumns.map { (key: $0.key, value: reference[$0.key]!) }
            : reference.sorted(by: { $0.key < $1.key }).map { (key: $0.key, value: $0.value) }
        for (key, amount) in ordered { usedBySource[key.source, default: [:]][key.capital, default: 0] += amount }
        func used(_ source: String) -> Double { usedBySource[source]?.values.reduce(0, +) ?? 0 }
        let centralUsed = structure.plan.sources.filter { $0.level == .central }.reduce(0) { $0 + used($1.id) }
        func addDeviation(_ name: String, _ terms: [Term], target: Double, weight: Double) {
            guard !terms.isEmpty else { return }
            let over = program.columns.count
            program.columns.append(Column(name: "spread_over(\(name))", bounds: .nonNegative, objective: weight))
            program.columns.append(Column(name: "spread_under(\(name))", bounds: .nonNegative, objective: weight))
            deviations += [over, over + 1]
            program.rows.append(Row(name: "spread(\(name))", bounds: .exactly(target),
                                    terms: terms + [Term(column: over, coefficient: -1), Term(column: over + 1, coefficient: 1)]))
        }

        /// A free column equal to the sum of `columns` (one row): the share rows refer to it, so a line of n
        /// sources costs n terms per row, not n² in all.
        func total(_ name: String, _ columns: [Int]) -> Int {
            let sum = program.columns.count
            program.columns.append(Column(name: "spread_total(\(name))", bounds: .free, objective: 0))
            program.rows.append(Row(name: "spread_total(\(name))", bounds: .exactly(0),
                                    terms: columns.map { Term(column: $0, coefficient: 1) } + [Term(column: sum, coefficient: -1)]))
            return sum
        }

        /// Cells of one capital type share the line's money of that type as their sources are used overall.
        func shareAlike(_ cells: [(key: AllocationKey, column: Int)], name: String) {
            for capital in CapitalType.allCases {
                let same = cells.filter { $0.key.capital == capital }
                guard same.count > 1 else { continue }
                let amounts = same.map { usedBySource[$0.key.source]?[capital] ?? 0 }
                let sum = amounts.reduce(0, +)
                guard sum > Tolerances.zeroAmount else { continue }
                let line = same.count > 2 ? total("\(name),\(capital.code)", same.map(\.column)) : nil
                for (i, cell) in same.enumerated() {
                    let share = amounts[i] / sum
                    var terms: [Term]
                    if let line {
                        terms = [Term(column: cell.column, coefficient: 1), Term(column: line, coefficient: -share)]
                    } else {
                        terms = same.map { Term(column: $0.column, coefficient: -share) }
                        terms[i].coefficient += 1
                    }
                    addDeviation("\(name),\(PlanCompiler.lpName(cell.key.source)),\(capital.code)", terms.filter { $0.coefficient != 0 },
                                 target: 0, weight: 1)
                }
            }
        }
        let plan = structure.plan
        // Indexes built once: a plan of thousands of lines must not scan the allocation per line.
        var keysOfLeaf: [String: [(key: AllocationKey, column: Int)]] = [:]
        for (key, column) in compiled.sortedAllocationColumns { keysOfLeaf[key.project, default: []].append((key, column)) }
        for leaf in structure.allocatedLeaves {
            let name = PlanCompiler.lpName(leaf.code)
            // The plan's own figures for the line, in the plan's unit (a figure written in another unit is
            // a slip `check` reports, not a target).
            for (k, stated) in leaf.stated.enumerated() where stated.writtenUnit == nil && stated.amount >= 0 {
                let keys = (keysOfLeaf[leaf.code] ?? []).filter { key, _ in
                    (stated.source.map { $0 == key.source } ?? true)
                        && (stated.level.map { $0 == structure.source(key.source)?.level } ?? true)
                        && (stated.capital.map { $0 == key.capital } ?? true)
                        // A plan with its counterpart on top states central money on its lines.
                        && (!plan.counterpartOnTop || stated.source != nil || stated.level != nil
                            || structure.source(key.source)?.level == .central)
                }
                let terms = keys.map { Term(column: $0.column, coefficient: 1) }.sorted { $0.column < $1.column }
                addDeviation("\(name),stated\(k + 1)", terms, target: stated.amount, weight: statedWeight)
            }
            let cells = (keysOfLeaf[leaf.code] ?? []).sorted { $0.key < $1.key }
            let isCentral: (String) -> Bool = { structure.source($0)?.level == .central }
            let centralCells = cells.filter { isCentral($0.key.source) }
            if centralUsed > Tolerances.zeroAmount && !centralCells.isEmpty {
                // Grouped once: a plan of thousands of sources must not scan the line's cells per source.
                var cellsOfSource: [String: [(key: AllocationKey, column: Int)]] = [:]
                for cell in cells where !isCentral(cell.key.source) { cellsOfSource[cell.key.source, default: []].append(cell) }
                // Every other source gives each line the same share of its central money as it gives overall:
                // the counterpart in proportion to the central money on each line.
                // With many counterpart sources the line's central money is one column they all refer to.
                let central = cellsOfSource.count > 2 && centralCells.count > 1 ? total("\(name),central", centralCells.map(\.column)) : nil
                for source in plan.sources where !isCentral(source.id) {
                    guard let own = cellsOfSource[source.id], !own.isEmpty else { continue }
                    let share = used(source.id) / centralUsed
                    let terms = own.map { Term(column: $0.column, coefficient: 1) }
                        + (central.map { [Term(column: $0, coefficient: -share)] }
                            ?? centralCells.map { Term(column: $0.column, coefficient: -share) })
                    addDeviation("\(name),\(PlanCompiler.lpName(source.id))", terms, target: 0, weight: 1)
                }
                // Central sources among themselves, per capital type, as they are used overall.
                shareAlike(centralCells, name: name)
            } else {
                // No central money on the line (a self-funded plan): its sources share it alike.
                shareAlike(cells, name: name)
            }
        }
        addEvenShares(compiled, structure: structure, keysOfLeaf: keysOfLeaf, answer: evenAnswer, add: addDeviation)
        return Program(program: program, stageRows: stageRows, deviationColumns: deviations)
    }

    /// The spread's value at an allocation: its deviations, each at what the allocation leaves (the funded
    /// columns are the lines' sums; no spread row refers to any other column of the plan's program).
    static func value(of allocation: Allocation, in spread: Program, compiled: CompiledPlan) -> Double {
        var point = [Double](repeating: 0, count: compiled.program.columns.count)
        // Each line's sum in key order, once over the cells (not once per line: a scan of every cell per line).
        var funded: [String: Double] = [:]
        for (key, column) in compiled.sortedAllocationColumns {
            point[column] = allocation[key] ?? 0
            funded[key.project, default: 0] += point[column]
        }
        for (code, column) in compiled.fundedColumns { point[column] = funded[code] ?? 0 }
        let values = WholeUnitSolver.spreadPoint(point, program: spread.program)
        return spread.deviationColumns.reduce(0) { $0 + spread.program.columns[$1].objective * values[$1] }
    }

    /// Weight of a pair's term against one million of a source's share on a line. The same: in whole units the
    /// shares on each line miss by up to half a unit anyway, and a lower weight let that rounding buy an
    /// uneven split (1,256 and 1,266 for two equal lines instead of 1,261 each).
    static let evenShareWeight = 1.0
    /// Lines of one kind compared pair by pair up to this many; a larger group compares neighbours in code
    /// order (n − 1 rows instead of n(n − 1)/2).
    static let pairwiseGroupLimit = 32

    /// A line that may be evened with others: its money is bounded by one need alone, its own or that of
    /// the one project above it that has one. A floor, a fixed amount or a target on the line or above it
    /// can hold it where the others cannot follow, and a held line would pull the pairs of the others apart
    /// (two lines held at their floors pushed the rest towards the smaller need: 75% and 7.4% of their needs
    /// instead of 10% each).
    ///
    /// A need stated on a parent only (DA7 needs 500, its sub-projects state nothing) makes two kinds of line:
    /// the parent, its money the sum of its sub-projects', compared with other lines by its need; and each
    /// sub-project, compared with its siblings by equal amounts (need/k each), since nothing tells them
    /// apart. Without them the simplex gave DA7.TDA1 201 and DA7.TDA2 nothing, and DA2 its whole 100 of 100
    /// while DA7 got 201 of 500.
    struct EvenLine {
        var code: String
        /// The line's part in the LP names: its code, with the capital type when the need is per capital type.
        var name: String
        var need: Double
        /// The cells whose money is compared with the need (the central ones with the counterpart on top).
        var counted: [(key: AllocationKey, column: Int)]
        /// f(p) (for a parent, its sub-projects' f), or the counted cells with the counterpart on top.
        var terms: [Term]
    }

    /// The groups of two or more lines the plan's stages cannot tell apart (the same sources and capital types,
    /// the same coefficients in every stage), each bounded by one need alone, in plan order.
    static func evenGroups(_ compiled: CompiledPlan, structure: PlanStructure,
                           keysOfLeaf: [String: [(key: AllocationKey, column: Int)]]? = nil) -> [[EvenLine]] {
        let plan = structure.plan
        var cellsOfLeaf = keysOfLeaf ?? [:]
        if keysOfLeaf == nil {
            for (key, column) in compiled.sortedAllocationColumns { cellsOfLeaf[key.project, default: []].append((key, column)) }
        }
        func bare(_ project: Project) -> Bool {
            project.floor.isEmpty && project.fixed.isEmpty && project.target == nil && project.targetBySource.isEmpty
        }
        var groups: [String: [EvenLine]] = [:]
        var order: [String] = []
        func add(_ line: EvenLine, _ key: String) {
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(line)
        }
        /// What the stages see of a leaf: its sources and capital types, and its columns' coefficients in every
        /// stage; with the cells compared (central ones with the counterpart on top). Nil for a leaf no even
        /// line can hold.
        func seen(_ leaf: Project) -> (signature: String, f: Int, counted: [(key: AllocationKey, column: Int)])? {
            guard bare(leaf), let f = compiled.fundedColumns[leaf.code] else { return nil }
            let cells = cellsOfLeaf[leaf.code] ?? []
            let counted = plan.counterpartOnTop ? cells.filter { structure.source($0.key.source)?.level == .central } : cells
            guard !counted.isEmpty else { return nil }
            var signature = cells.map { "\($0.key.source)|\($0.key.capital.code)" }.joined(separator: ",")
            for stage in compiled.stages {
                signature += ";" + ([f] + cells.map(\.column)).map { String(stage.coefficients[$0].bitPattern) }.joined(separator: ",")
            }
            return (signature, f, counted)
        }
        func terms(_ f: Int, _ counted: [(key: AllocationKey, column: Int)]) -> [Term] {
            plan.counterpartOnTop ? counted.map { Term(column: $0.column, coefficient: 1) } : [Term(column: f, coefficient: 1)]
        }
        var parentsDone: Set<String> = []
        for leaf in structure.allocatedLeaves {
            let above = structure.lineage(leaf.code).dropFirst().compactMap { structure.project($0) }
            guard above.allSatisfy(bare) else { continue }
            let needsAbove = above.filter { !$0.need.isEmpty }
            if leaf.need.isEmpty {
                // The need is a parent's: the parent as one line, its sub-projects as lines among themselves.
                guard needsAbove.count == 1, let parent = needsAbove.first, parent.need.byCapital.isEmpty,
                      let need = parent.need.total, need > Tolerances.zeroAmount, parentsDone.insert(parent.code).inserted else { continue }
                let under = structure.leaves(under: parent.code)
                let seenUnder = under.map { seen($0) }
                // Every sub-project bare, needing nothing of its own, none between it and the parent, all alike.
                guard under.count > 1, seenUnder.allSatisfy({ $0 != nil }), Set(seenUnder.map { $0!.signature }).count == 1,
                      under.allSatisfy({ sub in structure.lineage(sub.code).compactMap { structure.project($0) }
                                            .filter { !$0.need.isEmpty }.map(\.code) == [parent.code] }) else { continue }
                let signature = seenUnder[0]!.signature
                let counted = seenUnder.flatMap { $0!.counted }
                add(EvenLine(code: parent.code, name: PlanCompiler.lpName(parent.code), need: need, counted: counted,
                             terms: seenUnder.flatMap { terms($0!.f, $0!.counted) }), signature)
                for (sub, view) in zip(under, seenUnder) {
                    add(EvenLine(code: sub.code, name: PlanCompiler.lpName(sub.code), need: need / Double(under.count), counted: view!.counted,
                                 terms: terms(view!.f, view!.counted)), "under:" + parent.code + "|" + signature)
                }
                continue
            }
            guard needsAbove.isEmpty, let view = seen(leaf) else { continue }
            if leaf.need.byCapital.isEmpty {
                guard let need = leaf.need.total, need > Tolerances.zeroAmount else { continue }
                add(EvenLine(code: leaf.code, name: PlanCompiler.lpName(leaf.code), need: need, counted: view.counted,
                             terms: terms(view.f, view.counted)), view.signature)
            } else {
                // A need per capital type (investment 1,000 and recurrent 500) is compared type by type: each line's
                // investment money as a share of its investment need. Only when a total, if stated, does not bind
                // below the types' sum: then each type is bounded by its own need alone.
                let sum = leaf.need.byCapital.values.reduce(0, +)
                guard leaf.need.total.map({ $0 >= sum - 1e-9 * max(1, sum) }) ?? true else { continue }
                for capital in CapitalType.allCases {
                    guard let need = leaf.need.byCapital[capital], need > Tolerances.zeroAmount else { continue }
                    let part = view.counted.filter { $0.key.capital == capital }
                    guard !part.isEmpty else { continue }
                    add(EvenLine(code: leaf.code, name: "\(PlanCompiler.lpName(leaf.code)),\(capital.code)", need: need, counted: part,
                                 terms: part.map { Term(column: $0.column, coefficient: 1) }),
                        view.signature + "|need:" + capital.code)
                }
            }
        }
        return order.map { groups[$0]! }.filter { $0.count > 1 }
    }

    /// Lines of one group (`evenGroups`) receive the same share of their needs: when money is short, two
    /// lines of equal priority are cut alike instead of one fully funded and the other left with what remains
    /// (a vertex of the simplex). For lines p, q with needs n_p, n_q and money f_p, f_q the term is
    ///
    ///     |n_q·f_p − n_p·f_q| / (n_p + n_q) / (k − 1)      (k lines in the group)
    ///
    /// summed over every pair of the group. Pairs, not a distance to one common share: a sum of distances to
    /// a share is the same for every split of a shortfall below it, so it would leave the vertex in place.
    /// Divided by k − 1, a line's pairs weigh less than one million of its own money, so a figure the plan
    /// states (weight 10) still comes first however many lines are compared with it (12 pairs of weight 1
    /// moved a stated 100 to 50).
    private static func addEvenShares(_ compiled: CompiledPlan, structure: PlanStructure,
                                      keysOfLeaf: [String: [(key: AllocationKey, column: Int)]], answer: Allocation?,
                                      add: (String, [Term], Double, Double) -> Void) {
        for lines in evenGroups(compiled, structure: structure, keysOfLeaf: keysOfLeaf) {
            if let answer {
                // Held near the continuous answer instead of compared in pairs (see `program`).
                for line in lines {
                    let target = line.counted.reduce(0.0) { $0 + (answer[$1.key] ?? 0) }
                    add("\(line.name),even", line.terms, target, evenShareWeight)
                }
                continue
            }
            var pairs: [(Int, Int)] = []
            let weight: Double
            if lines.count <= pairwiseGroupLimit {
                for a in lines.indices { for b in lines.indices where b > a { pairs.append((a, b)) } }
                weight = evenShareWeight / Double(lines.count - 1)
            } else {
                pairs = (1..<lines.count).map { ($0 - 1, $0) }
                weight = evenShareWeight / 2
            }
            for (a, b) in pairs {
                let p = lines[a], q = lines[b]
                let scale = 1 / (p.need + q.need)
                let terms = p.terms.map { Term(column: $0.column, coefficient: q.need * scale) }
                    + q.terms.map { Term(column: $0.column, coefficient: -p.need * scale) }
                add("\(p.name),\(q.name),even", terms, 0, weight)
            }
        }
    }
}
