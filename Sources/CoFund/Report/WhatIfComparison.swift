/// A scenario against the base plan: what changed, in the proposal's own figures (whole units when the
/// proposal is in whole units), and the sentence that says what drove it.
struct Comparison {
    enum Standing: Equatable {
        case binding, slack, notMet, absent
    }

    struct LeafChange {
        var leaf: String
        var base: Double
        var scenario: Double
        var difference: Double { scenario - base }
    }

    struct SourceChange {
        var source: String
        var baseUsed: Double
        var used: Double
        var baseRate: Double?
        var rate: Double?
    }

    struct RuleChange {
        var id: String
        var instance: String?
        var base: Standing
        var scenario: Standing
    }

    let base: WhatIfCase
    let scenario: WhatIfCase
    let leafChanges: [LeafChange]
    let sourceChanges: [SourceChange]
    let ruleChanges: [RuleChange]

    init(base: WhatIfCase, scenario: WhatIfCase) {
        self.base = base
        self.scenario = scenario
        let baseSolved = base.solution.solved
        let solved = scenario.solution.solved
        // A difference below half a unit of a whole proposal is no difference; of a continuous one, round-off.
        // Only when both are whole: a continuous scenario beside a whole base changes lines by fractions, each one
        // a change to show (−0.3 was hidden below the base's half unit).
        let unit = solved?.whole != nil ? baseSolved?.whole?.unit : nil
        let threshold = unit.map { $0 / 2 } ?? Tolerances.printedZero
        var leaves: [LeafChange] = []
        if let solved, let baseSolved {
            let before = Self.byLeaf(baseSolved.allocation)
            let after = Self.byLeaf(solved.allocation)
            var codes = base.structure.allocatedLeaves.map(\.code)
            codes += scenario.structure.allocatedLeaves.map(\.code).filter { !Set(codes).contains($0) }
            for code in codes {
                let change = LeafChange(leaf: code, base: before[code] ?? 0, scenario: after[code] ?? 0)
                if abs(change.difference) > threshold { leaves.append(change) }
            }
        }
        leafChanges = leaves

        var sources: [SourceChange] = []
        if let solved, let baseSolved {
            let before = Self.bySource(baseSolved.allocation)
            let after = Self.bySource(solved.allocation)
            let baseRates = Self.rates(baseSolved)
            let rates = Self.rates(solved)
            for source in scenario.structure.plan.sources {
                let change = SourceChange(source: source.id, baseUsed: before[source.id] ?? 0, used: after[source.id] ?? 0,
                                          baseRate: baseRates[source.id], rate: rates[source.id])
                let rateChanged = switch (change.baseRate, change.rate) {
                case (let a?, let b?): abs(a - b) > 1e-9
                case (nil, nil): false
                default: true
                }
                if abs(change.used - change.baseUsed) > threshold || rateChanged { sources.append(change) }
            }
        }
        sourceChanges = sources

        var rules: [RuleChange] = []
        if let solved, let baseSolved {
            let before = Self.standings(baseSolved)
            let after = Self.standings(solved)
            var keys = before.map(\.key)
            keys += after.map(\.key).filter { key in !keys.contains { $0 == key } }
            for key in keys {
                let b = before.first { $0.key == key }?.standing ?? .absent
                let a = after.first { $0.key == key }?.standing ?? .absent
                if a != b { rules.append(RuleChange(id: key.id, instance: key.instance, base: b, scenario: a)) }
            }
        }
        ruleChanges = rules
    }

    /// Each plan stage's value as the proposal has it (whole units when it is in whole units).
    static func stageValues(_ solution: PlanSolution) -> [ObjectiveStage: Double] {
        guard let solved = solution.solved else { return [:] }
        var values: [ObjectiveStage: Double] = [:]
        for (k, entry) in solved.stageValues.enumerated() where values[entry.stage] == nil {
            values[entry.stage] = solved.whole.map { k < $0.stageValues.count ? $0.stageValues[k] : entry.value } ?? entry.value
        }
        return values
    }

    static func byLeaf(_ allocation: Allocation) -> [String: Double] {
        var sums: [String: Double] = [:]
        for key in allocation.keys.sorted() { sums[key.project, default: 0] += allocation[key] ?? 0 }
        return sums
    }

    static func bySource(_ allocation: Allocation) -> [String: Double] {
        var sums: [String: Double] = [:]
        for key in allocation.keys.sorted() { sums[key.source, default: 0] += allocation[key] ?? 0 }
        return sums
    }

    /// What one more million of each source does to the first stage (the right rate, true for the plan).
    static func rates(_ solved: SolvedPlan) -> [String: Double] {
        if let rates = solved.sourceRates { return rates.mapValues(SensitivitySectionBuilder.clean) }
        var rates: [String: Double] = [:]
        for row in solved.planSensitivity?.rows ?? [] {
            if case .source(let id) = row.parameter, let rate = row.stages.first?.up.rate { rates[id] = SensitivitySectionBuilder.clean(rate) }
        }
        return rates
    }

    struct RuleKey: Equatable {
        var id: String
        var instance: String?
    }

    /// Counterpart and share rules as the proposal meets them: exactly (within half a unit of a whole
    /// proposal, which is as exact as whole units can be), with room to spare, or not.
    static func standings(_ solved: SolvedPlan) -> [(key: RuleKey, standing: Standing)] {
        let half = solved.whole.map { $0.unit / 2 } ?? 0
        return solved.checkItems.filter { $0.kind == .counterpart || $0.kind == .share }.map { item in
            let standing: Standing = !item.satisfied ? .notMet
                : item.isBinding || abs(item.slack) <= half + Tolerances.printedZero ? .binding : .slack
            return (RuleKey(id: item.id, instance: item.instance), standing)
        }
    }

    // MARK: - The sentence

    func sentence(name: MessageArgument) -> Message {
        switch scenario.solution {
        case .infeasible(let plan):
            let section = DiagnosisSection(scenario.structure)
            return Message(.whatifDriverInfeasible, name, .list(plan.diagnosis.repairs.map(section.text)))
        case .missingInputs, .unfinished:
            return Message(.whatifDriverNotSolved, name, .message(WhatIfReportBuilder.outcome(scenario.solution)))
        case .solved:
            break
        }
        var parts: [Message] = []
        let stages = base.structure.plan.objective.stages
        let before = Self.stageValues(base.solution)
        let after = Self.stageValues(scenario.solution)
        if let first = stages.first, let a = before[first], let b = after[first], abs(a - b) > Tolerances.printedZero {
            parts.append(Message(.whatifDriverValue, name, .message(PlanWording.stage(first)), .amount(a), .amount(b)))
        }
        let losers = leafChanges.filter { $0.difference < 0 }.sorted { ($0.difference, $0.leaf) < ($1.difference, $1.leaf) }
        let gainers = leafChanges.filter { $0.difference > 0 }.sorted { (-$0.difference, $0.leaf) < (-$1.difference, $1.leaf) }
        func list(_ changes: [LeafChange]) -> MessageArgument {
            .list(changes.prefix(3).map { Message(.whatifProjectChange, .text($0.leaf), .amount($0.difference)) })
        }
        // A tier no rule of the plan uses changes nothing, and saying only "nothing changes" hid why (Tịnh Biên's
        // 10% rule has its own ratio: the 15% tier is the counterpart-minimum rule's, which it does not apply).
        let tierChanged = scenario.scenario?.changes.contains { if case .tier = $0.edit { true } else { false } } ?? false
        let tierUsed = scenario.structure.loaded.rules.contains { rule in
            if case .counterpart(_, _, .tier, _, _) = rule.kind { true } else { false }
        }
        if tierChanged && !tierUsed && parts.isEmpty && losers.isEmpty && gainers.isEmpty { return Message(.whatifDriverTierUnused, name) }
        if parts.isEmpty && losers.isEmpty && gainers.isEmpty { return Message(.whatifDriverNoChange, name) }
        if parts.isEmpty { parts.append(Message(.labelledText, name)) }
        if !losers.isEmpty && gainers.isEmpty { parts.append(Message(.whatifDriverFalls, list(losers))) }
        if losers.isEmpty && !gainers.isEmpty { parts.append(Message(.whatifDriverGoesTo, list(gainers))) }
        if !losers.isEmpty && !gainers.isEmpty { parts.append(Message(.whatifDriverMoves, list(losers), list(gainers))) }
        if let cause = cause(losers: losers) { parts.append(cause) }
        var sentence = parts[0]
        for part in parts.dropFirst() { sentence = Message(.sensitivityJoin, .message(sentence), .message(part)) }
        return sentence
    }

    /// Whether every funded line changed in proportion to its money in the base: each line's change within one
    /// unit of its share of the whole change (whole amounts round each share), or within round-off when
    /// continuous. Cuts of 10, 10 and 2 on lines of 100, 100 and 100 are not "in proportion".
    private func proportional(_ baseSolved: SolvedPlan) -> Bool {
        let before = Self.byLeaf(baseSolved.allocation).filter { $0.value > Tolerances.printedZero }
        let total = before.values.reduce(0, +)
        guard total > 0 else { return false }
        let changes = Dictionary(uniqueKeysWithValues: leafChanges.map { ($0.leaf, $0.difference) })
        let rate = changes.values.reduce(0, +) / total
        let slack = (scenario.solution.solved?.whole?.unit ?? 0) + Tolerances.printedZero
        return before.allSatisfy { leaf, amount in abs((changes[leaf] ?? 0) - rate * amount) <= slack }
    }

    /// Why the money moved, when the plan says it plainly: a rule that starts or stops limiting the
    /// allocation, or the cut taken from the projects of the lowest priority weight.
    private func cause(losers: [LeafChange]) -> Message? {
        let wording = PlanWording(structure: scenario.structure)
        if let binds = ruleChanges.first(where: { $0.scenario == .binding }) {
            return Message(.whatifDriverRuleBinds, .message(wording.ruleName(binds.id, instance: binds.instance)))
        }
        // A rule that stops limiting is what follows from less money, not what drives it: not a cause.
        guard !losers.isEmpty, base.structure.plan.objective.stages.first == .maximizeFundedNeed,
              let baseSolved = base.solution.solved else { return nil }
        let funded = Self.byLeaf(baseSolved.allocation).filter { $0.value > Tolerances.printedZero }.map(\.key)
        let weights = funded.map { base.structure.weight($0) }
        guard let lowest = weights.min(), let highest = weights.max() else { return nil }
        if lowest == highest && losers.count > 1 {
            if proportional(baseSolved) { return Message(.whatifDriverSpread) }
            // Lines the cut leaves with nothing, while others of the same priority keep money: said by name, with
            // what it means (Trùng Khánh's 4,009 less of recurrent money took all of DA4.TDA1's 2,659).
            // Nearly all of it on one line (77 of Tịnh Biên's 78 on DA6.TDA2) is no spread either.
            let cut = losers.reduce(0) { $0 + $1.difference }
            if let largest = losers.first, cut < 0, largest.difference / cut >= 0.9 {
                return Message(.whatifDriverMostlyOne, .text(largest.leaf))
            }
            let emptied = losers.filter { $0.base > Tolerances.printedZero && abs($0.scenario) <= Tolerances.printedZero }.map(\.leaf).sorted()
            guard !emptied.isEmpty else { return Message(.whatifDriverSpreadUnevenly) }
            return Message(.whatifDriverSpreadEmptying, .list(emptied.prefix(5).map { Message(.labelledText, .text($0)) }))
        }
        guard lowest < highest else { return nil }
        let loserWeights = losers.map { base.structure.weight($0.leaf) }
        guard loserWeights.allSatisfy({ $0 == lowest }) else { return nil }
        return Message(.whatifDriverLowestWeight, .number(lowest))
    }
}
