import LinearProgramming

/// Why no allocation meets every rule, and the least that would change that.
public struct Diagnosis: Sendable, Equatable, Codable {
    /// The repair, item by item: what the plan may change first (lawful), then what only the plan's
    /// `mayBend:` allows, then what would need the law or the money assigned from above to change; by
    /// amount within each.
    public var repairs: [Repair]
    /// A minimal set of plan elements that cannot all hold together: drop any one and the rest can. Empty
    /// when it was not looked for (`PlanSolver.conflictSets` off: a what-if study shows only the repair).
    public var conflicts: [Conflict]
    /// The sum of the repair's amounts (exact, before rounding).
    public var totalRepair: Double
    /// The plan solved again with the repair applied.
    public var resolve: RepairResolve?
    /// The unit the proposed amounts are rounded to, when they are (the plan's `rounding:`, else 1).
    public var roundingUnit: Double?

    public init(repairs: [Repair], conflicts: [Conflict], totalRepair: Double, resolve: RepairResolve? = nil,
                roundingUnit: Double? = nil) {
        self.repairs = repairs
        self.conflicts = conflicts
        self.totalRepair = totalRepair
        self.resolve = resolve
        self.roundingUnit = roundingUnit
    }

    /// Whether every change is the plan's own to make.
    public var isLawful: Bool { repairs.allSatisfy { $0.standing == .lawful } }
    /// Whether some change would need the law, or the money assigned from above, to change.
    public var needsTheLawToChange: Bool { repairs.contains { $0.standing == .unlawful } }
}

/// Whether a change is the plan's own to make.
public enum RepairStanding: String, Sendable, Codable, Comparable, CaseIterable {
    /// The rule set lets it bend (needs, floors, local money by default; a rule with `bend: true`).
    case lawful
    /// The rule set does not, but the plan's `mayBend:` allows it.
    case allowedByPlan = "allowed-by-plan"
    /// Neither: central money assigned from above, or a legal ratio.
    case unlawful

    private var rank: Int { RepairStanding.allCases.firstIndex(of: self)! }
    public static func < (a: RepairStanding, b: RepairStanding) -> Bool { a.rank < b.rank }
}

public struct Repair: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// More of a source than is available.
        case moreMoney = "more-money"
        /// Less of a source than the plan says must be spent in full.
        case spendLess = "spend-less"
        case raiseNeed = "raise-need"
        case lowerFloor = "lower-floor"
        case changeFixed = "change-fixed"
        /// Local money short of a counterpart rule, or a share outside its limit.
        case relaxRule = "relax-rule"
    }

    public var kind: Kind
    /// Source id, project code or rule id.
    public var subject: String
    public var instance: String?
    /// The change the elastic program found (exact; signed for a fixed amount).
    public var amount: Double
    /// For a counterpart rule: the ratio it asks for, and the ratio the repaired allocation reaches.
    public var requiredRatio: Double?
    public var reachedRatio: Double?
    public var standing: RepairStanding = .lawful
    /// The change proposed: `amount` rounded outward to the plan's unit where that is safe (a need, a
    /// floor, money not spent in full), else `amount`.
    public var proposed: Double?
    /// The plan's figure before and after the proposed change (for a rule: its ratio).
    public var from: Double?
    public var to: Double?

    public init(kind: Kind, subject: String, instance: String?, amount: Double, requiredRatio: Double? = nil,
                reachedRatio: Double? = nil, standing: RepairStanding = .lawful) {
        self.kind = kind
        self.subject = subject
        self.instance = instance
        self.amount = amount
        self.requiredRatio = requiredRatio
        self.reachedRatio = reachedRatio
        self.standing = standing
    }

    /// The change as proposed (rounded where it is), always positive except a lowered fixed amount.
    public var proposedAmount: Double { proposed ?? amount }

    /// Whether the proposed change differs from the exact one by more than round-off.
    public var isRounded: Bool { abs(proposedAmount - amount) > Tolerances.recheck * max(1, abs(amount)) }
}

/// The plan solved again, as `PlanSolver` solves it, with a repair applied.
public struct RepairResolve: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable {
        /// An allocation meets every rule of the repaired plan: the repair works.
        case solved
        /// Still no allocation (a repair that does not work: a bug or round-off).
        case infeasible
        /// The solver stopped at a limit or in numerical trouble.
        case unfinished
    }

    public var outcome: Outcome
    /// How the solve ended, when not solved.
    public var solverStatus: SolutionStatus?
    /// Each objective stage's optimal value in the repaired plan.
    public var stageValues: [Double]
    /// Money allocated in the repaired plan.
    public var allocated: Double?
    /// Whether the rounded (proposed) amounts were applied; false when only the exact ones work.
    public var rounded: Bool

    public init(outcome: Outcome, solverStatus: SolutionStatus? = nil, stageValues: [Double] = [], allocated: Double? = nil,
                rounded: Bool) {
        self.outcome = outcome
        self.solverStatus = solverStatus
        self.stageValues = stageValues
        self.allocated = allocated
        self.rounded = rounded
    }
}

public struct Conflict: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case source, need, floor, fixed, rule }
    public var kind: Kind
    public var subject: String
    /// Capital type or source for needs, floors and fixed amounts.
    public var detail: String?
}

/// Finds the repair in the order the law sets, with a lexicographic elastic model: every plan figure and
/// rule may bend past its bound, but first the total change the law forbids (central money assigned from
/// above, legal ratios: `RepairStanding.unlawful`) is made as small as it can be — zero whenever any
/// other repair exists — and held; then what only the plan's `mayBend:` allows; then, last, the lawful
/// changes (needs, floors, local money), at a cost of 1 per million. So the diagnosis never proposes less
/// central money than assigned while raising a need or adding local money would do. The repair is then
/// applied to the plan and solved again (`resolve`), and a minimal conflicting set is found with a
/// deletion filter over plan elements, re-solving warm in one session each time an element is dropped.
///
/// Every solve runs under the options' limits, with what is left of the time budget; one that stops at a
/// limit or in numerical trouble throws `StoppedEarly` rather than being taken for "feasible" or
/// "infeasible", which would give a wrong repair or conflict set.
struct Diagnoser<Factory: LinearProgramSessionFactory> {
    let structure: PlanStructure
    let factory: Factory
    let options: SolveOptions
    let budget: SolveBudget
    /// The plan's own program (`PlanCompiler(structure).compile()`), when the caller has it already: the
    /// deletion filter starts from it instead of compiling the plan again (a fifth of a diagnosis).
    let compiled: CompiledPlan?
    /// Whether to look for the conflicting set at all (the deletion filter is most of a diagnosis' re-solves).
    var findsConflicts = true

    init(structure: PlanStructure, factory: Factory, options: SolveOptions, budget: SolveBudget? = nil, compiled: CompiledPlan? = nil) {
        self.compiled = compiled
        self.structure = structure
        self.factory = factory
        self.options = options
        self.budget = budget ?? SolveBudget(options)
    }

    /// Solves under the remaining budget; only an optimum or a proof of infeasibility is an answer.
    private func solve(_ session: any LinearProgramSession) throws -> Solution {
        try session.setOptions(budget.remaining(options))
        let solution = try session.solve()
        switch solution.status {
        case .optimal, .infeasible, .infeasibleOrUnbounded: return solution
        default: throw StoppedEarly(status: solution.status)
        }
    }

    func diagnose() throws -> Diagnosis {
        var (repairs, total) = try smallestRepair()
        let unit = RepairApplication.roundingUnit(structure)
        RepairApplication(structure: structure).propose(&repairs, unit: unit)
        // Lawful first, then larger first; ties in a fixed order (kind, subject, instance), never the sort's.
        repairs.sort {
            ($0.standing, -abs($0.proposedAmount), $0.kind.rawValue, $0.subject, $0.instance ?? "")
                < ($1.standing, -abs($1.proposedAmount), $1.kind.rawValue, $1.subject, $1.instance ?? "")
        }
        let conflicts = findsConflicts ? try conflictSet() : []
        let resolve = RepairApplication(structure: structure).resolve(repairs, factory: factory, options: options, budget: budget)
        return Diagnosis(repairs: repairs, conflicts: conflicts, totalRepair: total, resolve: resolve,
                         roundingUnit: repairs.contains(where: \.isRounded) ? unit : nil)
    }

    private func smallestRepair() throws -> ([Repair], Double) {
        let elastic = try PlanCompiler(structure, elastic: true).compile()
        let policy = BendPolicy(structure.loaded)
        var program = elastic.program
        var byStanding: [RepairStanding: [Int]] = [:]
        for (j, meaning) in elastic.columns.enumerated() {
            program.columns[j].objective = 0
            guard case .relaxation(let row, let up) = meaning else { continue }
            byStanding[policy.standing(elastic.rows[row], up: up), default: []].append(j)
        }
        // A hold row per standing but the last, free until its stage is solved.
        let order = RepairStanding.allCases.reversed().filter { !(byStanding[$0] ?? []).isEmpty }
        var holdRows: [RepairStanding: Int] = [:]
        for standing in order.dropLast() {
            holdRows[standing] = program.rows.count
            program.rows.append(Row(name: "repair_hold(\(standing.rawValue))", bounds: .free,
                                    terms: byStanding[standing]!.map { Term(column: $0, coefficient: 1) }))
        }
        program.sense = .minimize
        let session = try factory.makeSession(for: program, options: budget.remaining(options))
        var solution: Solution?
        var previous: [Int] = []
        for standing in order {
            let columns = byStanding[standing]!
            try session.setObjectiveCoefficients(previous.map { ($0, 0.0) } + columns.map { ($0, 1.0) })
            let stage = try solve(session)
            // The elastic model is always feasible (every relaxable row may bend); anything else is trouble.
            guard stage.status == .optimal else { throw StoppedEarly(status: .numericalTrouble) }
            if let hold = holdRows[standing] {
                let z = max(0, stage.objective)
                try session.setRowBounds(hold, .atMost(z + Tolerances.stageHold * max(1, z)))
            }
            previous = columns
            solution = stage
        }
        guard let solution else { return ([], 0) }
        var repairs: [Repair] = []
        for (j, meaning) in elastic.columns.enumerated() {
            guard case .relaxation(let row, let up) = meaning else { continue }
            let amount = solution.columnValues[j]
            guard amount > Tolerances.repair else { continue }
            if var repair = Self.repair(elastic.rows[row], up: up, amount: amount) {
                repair.standing = policy.standing(elastic.rows[row], up: up)
                repairs.append(repair)
            }
        }
        addRatios(&repairs, allocation: PlanSolver<Factory>.allocation(from: solution, compiled: elastic))
        return (repairs, repairs.reduce(0) { $0 + abs($1.amount) })
    }

    /// "How far must the rule be relaxed": for a counterpart rule short of local money, the ratio that the
    /// repaired allocation actually reaches beside the ratio the rule asks for.
    private func addRatios(_ repairs: inout [Repair], allocation: Allocation) {
        // Only a rule to relax has ratios; the re-check below is otherwise a tenth of a diagnosis for nothing.
        guard repairs.contains(where: { $0.kind == .relaxRule }) else { return }
        let items = AllocationCheck(structure).items(for: allocation)
        for k in repairs.indices where repairs[k].kind == .relaxRule {
            guard let rule = structure.loaded.rules.first(where: { $0.id == repairs[k].subject }),
                  let r = Self.ratio(of: rule, instance: repairs[k].instance, structure: structure),
                  let item = items.first(where: { ($0.kind == .counterpart || $0.kind == .share) && $0.id == rule.id
                      && $0.instance == repairs[k].instance })
            else { continue }
            repairs[k].requiredRatio = r
            // required = r × base money, so achieved / base = r × achieved / required.
            repairs[k].reachedRatio = item.required > 0 ? r * item.achieved / item.required : nil
        }
    }

    /// The ratio a rule instance asks for: a counterpart's ratio, or a share's limit ("max" or "min").
    static func ratio(of rule: Rule, instance: String?, structure: PlanStructure) -> Double? {
        switch rule.kind {
        case .counterpart(_, _, let ratio, _, _): structure.ratio(ratio)
        case .share(_, let atMost, let atLeast, _): instance == "min" ? atLeast : atMost
        case .bar, .investmentOnly: nil
        }
    }

    static func repair(_ meaning: RowMeaning, up: Bool, amount: Double) -> Repair? {
        switch meaning {
        case .source(let s): Repair(kind: up ? .moreMoney : .spendLess, subject: s, instance: nil, amount: amount)
        case .need(let p, let c): Repair(kind: .raiseNeed, subject: p, instance: c?.rawValue, amount: amount)
        case .floor(let p, let c): Repair(kind: .lowerFloor, subject: p, instance: c?.rawValue, amount: amount)
        case .fixed(let p, let s): Repair(kind: .changeFixed, subject: p, instance: s, amount: up ? amount : -amount)
        case .rule(let id, let instance): Repair(kind: .relaxRule, subject: id, instance: instance, amount: amount)
        case .funded, .stage, .deviation: nil
        }
    }

    /// Deletion filter: drop each element in turn; if the rest is still infeasible it was not needed for the
    /// conflict and stays dropped, otherwise it is restored. What remains is minimal.
    ///
    /// Elements are dropped a block at a time (`dropAll`): when the rest is still infeasible without the whole
    /// block, dropping them one by one would have dropped every one of them too (each set on the way contains
    /// the rest), so one solve stands for the block's; otherwise the block is restored and its halves are tried
    /// in turn. The set kept is the one the element-by-element filter keeps, found in about k·log₂(n) solves
    /// for k kept of n instead of n: a plan with ten thousand sources spent in full needed ten thousand solves.
    private func conflictSet() throws -> [Conflict] {
        var compiled = try self.compiled ?? PlanCompiler(structure).compile()
        // Feasibility only: no objective.
        for j in compiled.program.columns.indices { compiled.program.columns[j].objective = 0 }
        let session = try factory.makeSession(for: compiled.program, options: budget.remaining(options))
        guard try solve(session).status != .optimal else { return [] }
        var groups: [String] = []
        var rowsOfGroup: [String: [Int]] = [:]
        for (i, meaning) in compiled.rows.enumerated() where meaning.isRelaxable {
            if rowsOfGroup[meaning.group] == nil { groups.append(meaning.group) }
            rowsOfGroup[meaning.group, default: []].append(i)
        }
        var kept: [String] = []
        // Drops `block` if the rest stays infeasible without it; else keeps what of it is needed. `needed`: the
        // rest is already known to be feasible without the whole block (its first half was just dropped whole).
        func dropAll(_ block: ArraySlice<String>, needed: Bool = false) throws {
            guard !block.isEmpty else { return }
            if !needed {
                let rows = block.flatMap { rowsOfGroup[$0]! }
                for i in rows { try session.setRowBounds(i, .free) }
                guard try solve(session).status == .optimal else { return }
                for i in rows { try session.setRowBounds(i, compiled.program.rows[i].bounds) }
            }
            if block.count == 1 { kept.append(block.first!); return }
            let middle = block.startIndex + block.count / 2
            let keptBefore = kept.count
            try dropAll(block[..<middle])
            try dropAll(block[middle...], needed: kept.count == keptBefore)
        }
        try dropAll(groups[...])
        return kept.compactMap { group in
            switch compiled.rows[rowsOfGroup[group]![0]] {
            case .source(let s): return Conflict(kind: .source, subject: s, detail: nil)
            case .need(let p, let c): return Conflict(kind: .need, subject: p, detail: c?.rawValue)
            case .floor(let p, let c): return Conflict(kind: .floor, subject: p, detail: c?.rawValue)
            case .fixed(let p, let s): return Conflict(kind: .fixed, subject: p, detail: s)
            case .rule(let id, _): return Conflict(kind: .rule, subject: id, detail: nil)
            case .funded, .stage, .deviation: return nil
            }
        }
    }
}
