/// The report section of `PlanSensitivity`, in words an officer uses: what one million more or less of
/// each source and rule changes, how far that holds and what happens there, and the weights over which the
/// allocation stays the same.
///
/// Sign convention, the same in sentences and tables: the column "one million more" is the change of the
/// stage's value when the figure grows by one million (dV/db on the right), "one million less" the change
/// when it shrinks by one million (−dV/db on the left). So "one million less leaves one million of DA2
/// unfunded" stands beside −1. The default view has no LP terms; `detail` adds the one-sided rates as
/// derivatives, the intervals of the figure and the LP names of rows and of what limits each end.
public struct SensitivitySectionBuilder: Sendable {
    public let structure: PlanStructure

    public init(structure: PlanStructure) { self.structure = structure }

    public func sections(_ s: PlanSensitivity, detail: Bool) -> [ReportSection] {
        var sentences: [Message] = []
        var sourceRows: [[ReportCell]] = []
        var ruleRows: [[ReportCell]] = []
        for row in s.rows {
            switch row.parameter {
            case .source(let id):
                let name = source(id)
                if row.value == 0 && !row.bounds.isFixed {
                    // A source with nothing available: one plain sentence, no table row unless asked.
                    if let first = row.stages.first, first.objective == .maximizeFundedNeed, let rate = first.up.rate, abs(rate) > 1e-9 {
                        sentences.append(Message(.sensitivityNothingAvailableGain, name, .number(rate)))
                    } else {
                        sentences.append(Message(.sensitivityNothingAvailable, name))
                    }
                    if detail { sourceRows += tableRows(row, subject: .message(Message(.labelledText, name)), detail: detail) }
                    continue
                }
                for (k, stage) in row.stages.enumerated() {
                    if let sentence = sourceSentence(row, stage, name: name, first: k == 0) { sentences.append(sentence) }
                }
                sourceRows += tableRows(row, subject: .message(Message(.labelledText, name)), detail: detail)
            case .rule(let id, let instance):
                // By the rule's own words, the id in brackets, as every other table names it.
                let name: MessageArgument = .message(PlanWording(structure: structure).ruleName(id, instance: instance))
                for (k, stage) in row.stages.enumerated()
                where stage.up.rate.map({ abs($0) > 1e-9 }) ?? true || stage.down.rate.map({ abs($0) > 1e-9 }) ?? true {
                    if let sentence = ruleSentence(row, stage, name: name, first: k == 0) { sentences.append(sentence) }
                }
                ruleRows += tableRows(row, subject: .message(Message(.labelledText, name)), detail: detail)
            }
        }
        let visibility: ReportColumn.Visibility = detail ? .always : .data
        func columns(_ subject: ReportColumn) -> [ReportColumn] {
            [subject, ReportColumn("stage", Message(.sensitivityColumnObjective)),
             ReportColumn("more", Message(.sensitivityColumnMore), numeric: true),
             ReportColumn("moreFor", Message(.sensitivityColumnMoreFor), numeric: true),
             ReportColumn("less", Message(.sensitivityColumnLess), numeric: true),
             ReportColumn("lessFor", Message(.sensitivityColumnLessFor), numeric: true),
             ReportColumn("row", Message(.sensitivityColumnRow), visibility: visibility),
             ReportColumn("rateUp", Message(.sensitivityColumnRateUp), numeric: true, visibility: .data),
             ReportColumn("rateDown", Message(.sensitivityColumnRateDown), numeric: true, visibility: .data),
             ReportColumn("upInterval", Message(.sensitivityColumnUpInterval), visibility: .data),
             ReportColumn("downInterval", Message(.sensitivityColumnDownInterval), visibility: .data)]
        }
        var blocks: [ReportBlock] = []
        if s.rowsLeftOut > 0 || s.weightsLeftOut > 0 {
            sentences.append(Message(.sensitivityLeftOut, .integer(s.rowsLeftOut), .integer(s.weightsLeftOut),
                                     .integer(s.parameterLimit)))
        }
        for weight in s.weights where weight.lower == weight.upper {
            sentences.append(Message(.sensitivityWeightPoint, .text(weight.project)))
        }
        if !sentences.isEmpty { blocks.append(.items(sentences)) }
        if !sourceRows.isEmpty {
            blocks.append(.table(ReportTable(id: "sources", columns: columns(ReportColumn("source", Message(.columnSource))), rows: sourceRows)))
        }
        if !ruleRows.isEmpty {
            blocks.append(.table(ReportTable(id: "rules", columns: columns(ReportColumn("rule", Message(.columnRule))), rows: ruleRows)))
        }
        if !s.weights.isEmpty {
            let rows: [[ReportCell]] = s.weights.map { w in
                // "no limit" in text, null in data: a numeric column holds numbers only.
                let upper: ReportCell = w.upperEnd == .domain ? .absent(Message(.sensitivityCellNoLimit)) : .number(Self.clean(w.upper))
                return [.code(w.project), .number(w.weight), .amount(Self.clean(w.funded)), .number(Self.clean(w.lower)), upper,
                        .range(ReportRange(lower: Self.clean(w.lower), upper: w.upperEnd == .domain ? nil : Self.clean(w.upper), plain: true))]
            }
            blocks.append(.table(ReportTable(
                id: "weights",
                columns: [ReportColumn("project", Message(.columnProject)), ReportColumn("weight", Message(.columnWeight), numeric: true),
                          // The continuous optimum's amounts the weight ranges are about: data only, the projects table shows the proposal.
                          ReportColumn("funded", Message(.columnAllocated), numeric: true, visibility: .data),
                          ReportColumn("from", Message(.sensitivityColumnWeightFrom), numeric: true),
                          ReportColumn("to", Message(.sensitivityColumnWeightTo), numeric: true),
                          ReportColumn("range", Message(.sensitivityColumnWeightRange), visibility: .data)],
                rows: rows)))
        }
        guard !blocks.isEmpty else { return [] }
        return [ReportSection(id: "sensitivity", title: Message(.sensitivitySection), blocks: blocks)]
    }

    /// A figure of the analysis as it means something: round-off of the re-solves (1.0000000000000029) removed,
    /// six decimals kept (a millionth of a million đồng is one đồng).
    static func clean(_ value: Double) -> Double {
        let rounded = (value * 1e6).rounded() / 1e6
        return rounded == 0 ? 0 : rounded
    }

    // MARK: - Sentences

    /// "; one million less lowers it by 1 million": the change of the stage's value, −rate on the left, in words.
    private static func less(_ rate: Double) -> Message {
        if abs(rate) <= 1e-9 { return Message(.sensitivityStageLessNothing) }
        return Message(-rate > 0 ? .sensitivityStageLessUp : .sensitivityStageLessDown, .amount(clean(abs(rate))))
    }

    /// "1 million more to DA3, 0.125 million less to DA1": each line's change per million moved, in code order.
    /// Lines that change alike (interchangeable lines, cut alike) are named once: "0.5 million more to each of
    /// DA2 and DA3", in the order of their first line.
    private static func changes(_ effect: PlanSensitivity.Effect) -> [Message] {
        if let (leaf, amount) = effect.funded.first, effect.funded.count == 1, !effect.alike.isEmpty {
            let any = effect.alike.count > 1
            let key: MessageKey = amount > 0 ? (any ? .sensitivityMoreForOrAnyAlike : .sensitivityMoreForOrAlike)
                : (any ? .sensitivityLessForOrAnyAlike : .sensitivityLessForOrAlike)
            return [Message(key, .number(abs(amount) / effect.amount), .text(leaf), any ? .message(lines(effect.alike)) : .text(effect.alike[0]))]
        }
        return alike(effect.funded.map { ($0.key, $0.value / effect.amount) }).map { amount, leaves in
            let key: MessageKey = leaves.count > 1 ? (amount > 0 ? .sensitivityMoreForEach : .sensitivityLessForEach)
                : (amount > 0 ? .sensitivityMoreFor : .sensitivityLessFor)
            return Message(key, .number(abs(amount)), leaves.count > 1 ? .message(lines(leaves)) : .text(leaves[0]))
        }
    }

    /// "0.5 million of each of DA2 and DA3": the lines a million less leaves unfunded, alike lines named once;
    /// "1 million of DA2 or, equally, of DA3" when the whole million falls on one of several alike lines.
    private static func amountsOf(_ lost: [(leaf: String, amount: Double)], alikeTo others: [String] = []) -> [Message] {
        if lost.count == 1, !others.isEmpty {
            let any = others.count > 1
            return [Message(any ? .sensitivityAmountOfOrAnyAlike : .sensitivityAmountOfOrAlike, .number(lost[0].amount), .text(lost[0].leaf),
                            any ? .message(lines(others)) : .text(others[0]))]
        }
        return alike(lost.map { ($0.leaf, $0.amount) }).map { amount, leaves in
            leaves.count > 1 ? Message(.sensitivityAmountOfEach, .number(amount), .message(lines(leaves)))
                : Message(.sensitivityAmountOf, .number(amount), .text(leaves[0]))
        }
    }

    /// "DA2, DA3 and DA5": the lines of one group, so that two groups in a row do not run together.
    private static func lines(_ leaves: [String]) -> Message {
        Message(.sensitivityLinesAnd, .list(leaves.dropLast().map { Message(.labelledText, .text($0)) }), .text(leaves.last!))
    }

    /// Changes grouped by their amount as printed (`clean`), each group in code order, the groups in the order of
    /// their first line.
    private static func alike(_ changes: [(String, Double)]) -> [(amount: Double, leaves: [String])] {
        var groups: [(amount: Double, leaves: [String])] = []
        for (leaf, value) in changes.sorted(by: { $0.0 < $1.0 }) {
            let amount = clean(value)
            if let i = groups.firstIndex(where: { $0.amount == amount }) { groups[i].leaves.append(leaf) } else { groups.append((amount, [leaf])) }
        }
        return groups
    }

    private func source(_ id: String) -> MessageArgument {
        structure.source(id).map { .localized($0.name) } ?? .text(id)
    }

    private static func join(_ parts: [Message]) -> Message {
        guard var sentence = parts.first else { return Message(.labelledText, .text("")) }
        for part in parts.dropFirst() { sentence = Message(.sensitivityJoin, .message(sentence), .message(part)) }
        return sentence
    }

    /// True when not even one million can move this way: the rules hold for less than that (Tịnh Biên's central
    /// money can grow by 0.1818 million only), so no sentence about "one million more" may be said of it.
    private static func beyondReach(_ side: PlanSensitivity.Side) -> Bool {
        side.rate != nil && side.end == .infeasible && (side.length ?? .infinity) < 1 - 1e-9
    }

    /// An amount where one decimal shows it, else four (a limit of 0.1818 is not 0.2: at 0.2 a rule breaks).
    static func precise(_ value: Double) -> ReportCell {
        abs(value * 10 - (value * 10).rounded()) <= 1e-6 * max(1, abs(value)) ? .amount(value) : .number(value)
    }

    /// How far a figure can move when that is less than one million, to four decimals rounded down: 0.1818, not
    /// 0.2 (Tịnh Biên's central money can grow by 5,476 / 1.1 − 4,978 = 0.1818…, and 0.2 more would break a rule).
    private static func reach(_ side: PlanSensitivity.Side) -> MessageArgument {
        .number(((side.length ?? 0) * 1e4 + 1e-6).rounded(.down) / 1e4)
    }

    /// The stage rate's clause after an effect that names lines: the extent is the rate's, not the lines'
    /// (one million less leaves 1 million of DA7.TDA1 unfunded, but DA7.TDA1 has 342 while the rate holds down
    /// to nothing). Said only when the rate holds beyond the first million.
    private func rateClause(_ side: PlanSensitivity.Side, more: Bool, value: Double) -> Message {
        let rate = side.rate ?? 0
        guard abs(rate) > 1e-9, (side.length ?? .infinity) > 1 + 1e-9 || side.end == .unlimited else {
            return extent(side, more: more, value: value)
        }
        // The rate itself is not repeated: it is weighted funded need, which is not money to a line when weights differ.
        return Message(.sensitivityJoin, .message(Message(more ? .sensitivityEachMoreFunds : .sensitivityEachLessLeaves)),
                       .message(extent(side, more: more, value: value)))
    }

    private func sourceSentence(_ row: PlanSensitivity.RowParameter, _ stage: PlanSensitivity.StageRates, name: MessageArgument,
                                first: Bool) -> Message? {
        var parts: [Message] = []
        // How far the plan can move at all is the same for every stage: said with the first one only.
        let upBlocked = Self.beyondReach(stage.up), downBlocked = Self.beyondReach(stage.down)
        if !first && upBlocked {
            // Its "more" side was said with the first stage: the sentence is about one million less only.
            guard !downBlocked, let rate = stage.down.rate else { return nil }
            let objective = PlanWording.stage(stage.objective)
            let change: Message = abs(rate) <= 1e-9 ? Message(.sensitivityOnlyLessNothing, name, .message(objective))
                : Message(-rate > 0 ? .sensitivityOnlyLessUp : .sensitivityOnlyLessDown, name, .message(objective), .amount(Self.clean(abs(rate))))
            return Self.join([change, extent(stage.down, more: false, value: row.value)])
        }
        if upBlocked {
            if first { parts.append(Message(.sensitivityMoreBeyondReach, name, Self.reach(stage.up))) }
        } else if stage.objective == .maximizeFundedNeed {
            if let rate = stage.up.rate {
                if abs(rate) <= 1e-9 {
                    parts.append(Message(.sensitivityMoreFundsNothing, name))
                    if row.reachableNeedsMet == true { parts.append(Message(.sensitivityNeedsMet)) }
                    parts.append(extent(stage.up, more: true, value: row.value))
                } else if let effect = row.up, effect.amount > 0, !effect.funded.isEmpty {
                    // Line by line, in money: what the re-solve one million up gave and took. The table's rate is
                    // the weighted sum of these, so the two always agree (1 more to DA3 and 0.125 less to DA1
                    // of weight 2 is 0.75).
                    parts.append(Message(.sensitivityMoreChanges, name, .list(Self.changes(effect))))
                    parts.append(rateClause(stage.up, more: true, value: row.value))
                } else {
                    parts.append(Message(.sensitivityMoreFunds, name, .amount(Self.clean(rate))))
                    parts.append(extent(stage.up, more: true, value: row.value))
                }
            } else {
                parts.append(Message(.sensitivityMoreImpossible, name))
            }
        } else {
            let objective = PlanWording.stage(stage.objective)
            if let rate = stage.up.rate {
                parts += [abs(rate) <= 1e-9 ? Message(.sensitivityStageMoreNothing, name, .message(objective))
                            : Message(rate > 0 ? .sensitivityStageMoreUp : .sensitivityStageMoreDown, name, .message(objective),
                                      .amount(Self.clean(abs(rate)))),
                          extent(stage.up, more: true, value: row.value)]
            } else {
                parts.append(Message(.sensitivityMoreImpossible, name))
            }
        }
        if downBlocked {
            guard first else { return parts.isEmpty ? nil : Self.join(parts) }
            parts.append(Message(.sensitivityLessBeyondReach, Self.reach(stage.down)))
        } else if let rate = stage.down.rate {
            if stage.objective == .maximizeFundedNeed {
                let lost = (row.down?.funded ?? [:]).filter { $0.value < 0 }.sorted { $0.key < $1.key }
                if !lost.isEmpty, let effect = row.down, effect.amount > 0 {
                    let leaves = MessageArgument.list(Self.amountsOf(lost.map { ($0.key, -$0.value / effect.amount) },
                                                                     alikeTo: effect.funded.count == 1 ? effect.alike : []))
                    var gained = effect
                    gained.funded = effect.funded.filter { $0.value > 0 }
                    parts.append(gained.funded.isEmpty ? Message(.sensitivityLessLeaves, leaves)
                                 : Message(.sensitivityLessLeavesGives, leaves, .list(Self.changes(gained))))
                    parts.append(rateClause(stage.down, more: false, value: row.value))
                } else {
                    parts.append(abs(rate) <= 1e-9 ? Message(.sensitivityLessCostsNothing) : Self.less(rate))
                    parts.append(extent(stage.down, more: false, value: row.value))
                }
            } else {
                parts += [Self.less(rate), extent(stage.down, more: false, value: row.value)]
            }
        } else {
            parts.append(Message(.sensitivityLessImpossible))
        }
        return Self.join(parts)
    }

    private func ruleSentence(_ row: PlanSensitivity.RowParameter, _ stage: PlanSensitivity.StageRates, name: MessageArgument,
                              first: Bool) -> Message? {
        var parts: [Message] = []
        let objective = PlanWording.stage(stage.objective)
        // A counterpart rule or share floor reads "≥": raising it requires more; a share ceiling reads "≤".
        let requires = row.bounds.lower.isFinite
        // Less than one million of room before no allocation meets the rules: said once, with the first stage.
        let upBlocked = Self.beyondReach(stage.up), downBlocked = Self.beyondReach(stage.down)
        if upBlocked {
            if first { parts.append(Message(.sensitivityRuleMoreBeyondReach, name, Self.reach(stage.up))) }
        } else if let rate = stage.up.rate {
            let key: MessageKey = requires ? (rate > 0 ? .sensitivityRuleRequireMoreUp : .sensitivityRuleRequireMoreDown)
                : (rate > 0 ? .sensitivityRuleAllowMoreUp : .sensitivityRuleAllowMoreDown)
            parts += [abs(rate) <= 1e-9
                        ? Message(requires ? .sensitivityRuleRequireMoreNothing : .sensitivityRuleAllowMoreNothing, name, .message(objective))
                        : Message(key, name, .message(objective), .amount(Self.clean(abs(rate)))),
                      extent(stage.up, more: true, value: row.value)]
        } else {
            parts.append(Message(.sensitivityRuleMoreImpossible, name))
        }
        // What follows the rule's name needs a sentence start; a later stage with nothing said of "more" has none.
        guard !parts.isEmpty else { return nil }
        if downBlocked {
            if first { parts.append(Message(.sensitivityLessBeyondReach, Self.reach(stage.down))) }
        } else if let rate = stage.down.rate {
            parts += [Self.less(rate),
                      extent(stage.down, more: false, value: row.value)]
        } else {
            parts.append(Message(.sensitivityLessImpossible))
        }
        return Self.join(parts)
    }

    /// " (true for up to 59,653 million more; beyond it no allocation meets every rule)".
    private func extent(_ side: PlanSensitivity.Side, more: Bool, value: Double) -> Message {
        guard let length = side.length, side.end != .unlimited else { return Message(.sensitivityAnyAmount) }
        if !more && side.end == .infeasible && value > 0 && abs(length - value) <= 1e-6 * max(1, value) {
            return Message(.sensitivityDownToNothing)
        }
        let clause: Message
        switch side.end {
        case .breakpoint, .earlierStage:
            clause = cause(side.causes).map { Message(.sensitivityUntil, .message($0)) } ?? Message(.labelledText, .text(""))
        case .infeasible: clause = Message(.sensitivityBeyondImpossible)
        case .cap, .domain, .unresolved, .unlimited: clause = Message(.sensitivityCheckedUpTo)
        }
        return Message(more ? .sensitivityForMore : .sensitivityForLess, .amount(length), .message(clause))
    }

    /// What starts to bind at an end, in words (the first two). A leaf that receives nothing at all is said
    /// once, not again for each source it received money from.
    func cause(_ causes: [PlanSensitivity.Cause]) -> Message? {
        let starting = causes.filter { $0.change == .starts }
        let emptied = Set(starting.compactMap { cause -> String? in
            if case .column(.funded(let project), _) = cause.limit { return project }
            return nil
        })
        var needsMet: [String] = []
        for cause in starting {
            if case .row(.need(let project, _), _) = cause.limit, !needsMet.contains(project) { needsMet.append(project) }
        }
        var words: [Message] = []
        var namedNeeds = false
        for cause in starting {
            if case .column(.allocation(let key), _) = cause.limit, emptied.contains(key.project) { continue }
            // Needs met at once are one clause ("the needs of DA2, DA3 and DA5 are met"), as many as are kept.
            // A need per capital type met at once is still one line's need: named once.
            if case .row(.need, _) = cause.limit {
                if !namedNeeds {
                    words.append(needsMet.count > 1 ? Message(.sensitivityCauseNeedsMet, .message(Self.lines(needsMet)))
                                                    : Message(.sensitivityCauseNeedMet, .text(needsMet[0])))
                }
                namedNeeds = true
                continue
            }
            if let clause = self.words(cause) { words.append(clause) }
        }
        words = Array(words.prefix(2))
        guard !words.isEmpty else { return nil }
        return words.count == 1 ? words[0] : Message(.labelledText, arguments: [.list(words)])
    }

    private func words(_ cause: PlanSensitivity.Cause) -> Message? {
        switch cause.limit {
        case .row(let meaning, _):
            switch meaning {
            case .need(let project, _): return Message(.sensitivityCauseNeedMet, .text(project))
            case .floor(let project, _): return Message(.sensitivityCauseFloor, .text(project))
            case .source(let id): return Message(.sensitivityCauseSourceUsedUp, source(id))
            case .rule(let id, let instance):
                return Message(.sensitivityCauseRuleExact, instance.map { .message(Message(.withInstance, .text(id), .text($0))) } ?? .text(id))
            default: return nil
            }
        case .column(let meaning, _):
            switch meaning {
            case .allocation(let key): return Message(.sensitivityCauseNoMoneyFrom, source(key.source), .text(key.project))
            case .funded(let project): return Message(.sensitivityCauseGetsNothing, .text(project))
            default: return nil
            }
        }
    }

    // MARK: - Tables

    private func tableRows(_ row: PlanSensitivity.RowParameter, subject: ReportCell, detail: Bool) -> [[ReportCell]] {
        row.stages.map { stage in
            func change(_ rate: Double?, sign: Double) -> ReportCell {
                rate.map { .number(Self.clean(sign * $0)) } ?? .absent(Message(.sensitivityCellImpossible))
            }
            func reach(_ side: PlanSensitivity.Side) -> ReportCell {
                // Words in text, null in data (the rate columns say which: null rate, impossible; a rate, no limit).
                guard side.rate != nil else { return .absent(Message(.sensitivityCellImpossible)) }
                guard let length = side.length, side.end != .unlimited else { return .absent(Message(.sensitivityCellNoLimit)) }
                if side.end == .cap || side.end == .unresolved { return .message(Message(.sensitivityCellAtLeast, .amount(Self.clean(length)))) }
                return Self.precise(Self.clean(length))
            }
            func interval(_ side: PlanSensitivity.Side, more: Bool) -> ReportCell {
                guard side.rate != nil else { return .none }
                let end = side.length.map { Self.clean(row.value + (more ? $0 : -$0)) }
                let limit = side.causes.first { $0.change == .starts }
                let limitName: String? = limit.map {
                    switch $0.limit {
                    case .row(_, let name), .column(_, let name): name
                    }
                }
                let limitWords = cause(side.causes)
                return .range(more ? ReportRange(lower: row.value, upper: end, upperLimit: limitWords, upperLimitName: limitName)
                              : ReportRange(lower: end, upper: row.value, lowerLimit: limitWords, lowerLimitName: limitName))
            }
            return [subject, .message(PlanWording.stage(stage.objective)), change(stage.up.rate, sign: 1), reach(stage.up),
                    change(stage.down.rate, sign: -1), reach(stage.down), .code(row.rowName),
                    stage.up.rate.map { .number(Self.clean($0)) } ?? .none, stage.down.rate.map { .number(Self.clean($0)) } ?? .none,
                    interval(stage.up, more: true), interval(stage.down, more: false)]
        }
    }
}
