import LinearProgramming

/// Why no allocation meets every rule, and the least that would change that.
public struct Diagnosis: Sendable, Equatable, Codable {
    /// The smallest total change (in million VND) that makes the plan feasible, item by item.
    public var repairs: [Repair]
    /// A minimal set of plan elements that cannot all hold together: drop any one and the rest can.
    public var conflicts: [Conflict]
    public var totalRepair: Double
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
    public var amount: Double
    /// For a counterpart rule: the ratio it asks for, and the ratio the repaired allocation reaches.
    public var requiredRatio: Double?
    public var reachedRatio: Double?
}

public struct Conflict: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case source, need, floor, fixed, rule }
    public var kind: Kind
    public var subject: String
    /// Capital type or source for needs, floors and fixed amounts.
    public var detail: String?
}

/// Finds the smallest repair with an elastic model (every plan figure and rule may bend, at a cost of 1
/// per million) and a minimal conflicting set with a deletion filter over plan elements, re-solving warm
/// in one session each time an element is dropped.
///
/// Every solve runs under the options' limits, with what is left of the time budget; one that stops at a
/// limit or in numerical trouble throws `StoppedEarly` rather than being taken for "feasible" or
/// "infeasible", which would give a wrong repair or conflict set.
struct Diagnoser<Factory: LinearProgramSessionFactory> {
    let structure: PlanStructure
    let factory: Factory
    let options: SolveOptions
    let budget: SolveBudget

    init(structure: PlanStructure, factory: Factory, options: SolveOptions, budget: SolveBudget? = nil) {
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
        let (repairs, total) = try smallestRepair()
        return Diagnosis(repairs: repairs, conflicts: try conflictSet(), totalRepair: total)
    }

    private func smallestRepair() throws -> ([Repair], Double) {
        let elastic = try PlanCompiler(structure, elastic: true).compile()
        let session = try factory.makeSession(for: elastic.program, options: budget.remaining(options))
        let solution = try solve(session)
        // The elastic model is always feasible (every relaxable row may bend); anything else is trouble.
        guard solution.status == .optimal else { throw StoppedEarly(status: .numericalTrouble) }
        var repairs: [Repair] = []
        for (j, meaning) in elastic.columns.enumerated() {
            guard case .relaxation(let row, let up) = meaning else { continue }
            let amount = solution.columnValues[j]
            guard amount > Tolerances.repair else { continue }
            if let repair = Self.repair(elastic.rows[row], up: up, amount: amount) { repairs.append(repair) }
        }
        addRatios(&repairs, allocation: PlanSolver<Factory>.allocation(from: solution, compiled: elastic))
        return (repairs.sorted { $0.amount > $1.amount }, solution.objective)
    }

    /// "How far must the rule be relaxed": for a counterpart rule short of local money, the ratio that the
    /// repaired allocation actually reaches beside the ratio the rule asks for.
    private func addRatios(_ repairs: inout [Repair], allocation: Allocation) {
        let items = AllocationCheck(structure).items(for: allocation)
        for k in repairs.indices where repairs[k].kind == .relaxRule {
            guard let rule = structure.loaded.rules.first(where: { $0.id == repairs[k].subject }),
                  case .counterpart(_, _, let ratio, _, _) = rule.kind,
                  let item = items.first(where: { $0.kind == .counterpart && $0.id == rule.id && $0.instance == repairs[k].instance })
            else { continue }
            let r = structure.ratio(ratio)
            repairs[k].requiredRatio = r
            // required = r × base money, so achieved / base = r × achieved / required.
            repairs[k].reachedRatio = item.required > 0 ? r * item.achieved / item.required : nil
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
    private func conflictSet() throws -> [Conflict] {
        var compiled = try PlanCompiler(structure).compile()
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
        for group in groups {
            let rows = rowsOfGroup[group]!
            for i in rows { try session.setRowBounds(i, .free) }
            if try solve(session).status == .optimal {
                for i in rows { try session.setRowBounds(i, compiled.program.rows[i].bounds) }
                kept.append(group)
            }
        }
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
