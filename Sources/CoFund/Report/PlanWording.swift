/// Puts rows, columns, rules, repairs, conflicts and missing inputs of a plan into messages: language-free
/// values whose words are chosen when a report is rendered.
public struct PlanWording: Sendable {
    public let structure: PlanStructure

    public init(structure: PlanStructure) { self.structure = structure }

    func source(_ id: String) -> MessageArgument {
        structure.source(id).map { .localized($0.name) } ?? .text(id)
    }

    static func capital(_ c: CapitalType) -> Message { Message(c == .investment ? .capitalInvestment : .capitalRecurrent) }

    static func level(_ level: BudgetLevel) -> Message {
        switch level {
        case .central: Message(.levelCentral)
        case .province: Message(.levelProvince)
        case .district: Message(.levelDistrict)
        case .commune: Message(.levelCommune)
        case .other: Message(.levelOther)
        }
    }

    static func stage(_ stage: ObjectiveStage) -> Message {
        switch stage {
        case .maximizeFundedNeed: Message(.stageMaximizeFundedNeed)
        case .minimizeLocalMoney: Message(.stageMinimizeLocalMoney)
        case .minimizeDeviation: Message(.stageMinimizeDeviation)
        case .maximizeCentralSpent: Message(.stageMaximizeCentralSpent)
        }
    }

    /// "DA2 (investment)" where a capital type narrows a limit, else "DA2".
    private func withCapital(_ subject: String, _ capital: CapitalType?) -> MessageArgument {
        guard let capital else { return .text(subject) }
        return .message(Message(.withCapital, .text(subject), .message(Self.capital(capital))))
    }

    private func withCapital(_ subject: String, raw: String?) -> MessageArgument {
        withCapital(subject, raw.flatMap(CapitalType.init(rawValue:)))
    }

    func row(_ meaning: RowMeaning) -> Message {
        switch meaning {
        case .funded(let p): Message(.rowFunded, .text(p))
        case .source(let s): Message(.rowSource, source(s))
        case .need(let p, let c): Message(.rowNeed, withCapital(p, c))
        case .floor(let p, let c): Message(.rowFloor, withCapital(p, c))
        case .fixed(let p, let s): Message(.rowFixed, source(s), .text(p))
        // Rows name what limits a range, which only the detailed report shows: ids are the short form there.
        case .rule(let id, let instance):
            instance.map { Message(.rowRule, .message(Message(.withInstance, .text(id), .text($0)))) } ?? Message(.rowRule, .text(id))
        case .stage(let k): Message(.rowStage, .integer(k + 1))
        case .deviation(let p, let s): s.map { Message(.rowTargetOfSource, .text(p), source($0)) } ?? Message(.rowTarget, .text(p))
        }
    }

    func column(_ meaning: ColumnMeaning, rows: [RowMeaning]) -> Message {
        switch meaning {
        case .allocation(let key): Message(.columnAllocation, source(key.source), .message(Self.capital(key.capital)), .text(key.project))
        case .funded(let p): Message(.rowFunded, .text(p))
        case .overTarget(let p, _): Message(.columnOverTarget, .text(p))
        case .underTarget(let p, _): Message(.columnUnderTarget, .text(p))
        case .relaxation(let row, _): Message(.columnRelaxation, .message(self.row(rows[row])))
        }
    }

    /// A rule as a reader knows it: its description in the reader's language with its id in brackets, and
    /// the project an instance of it is about ("Ngân sách tỉnh đối ứng 10% … [province-10pct] — DA2").
    func ruleName(_ id: String, instance: String? = nil) -> Message {
        let named = structure.loaded.rules.first { $0.id == id }.map { Message(.ruleNamed, .message(ruleDescription($0)), .text(id)) }
            ?? Message(.labelledText, .text(id))
        return instance.map { Message(.ruleOnProject, .message(named), .text($0)) } ?? named
    }

    func ruleDescription(_ rule: Rule) -> Message {
        if let text = rule.description { return Message(.labelledText, .localized(text)) }
        switch rule.kind {
        case .counterpart(let levels, let of, let ratio, let scope, let capital):
            let over: MessageArgument = switch scope {
            case .plan: .message(Message(.scopePlan))
            case .project(let code): .text(code)
            case .eachProject: .message(Message(.scopeEachProject))
            case .eachSubproject: .message(Message(.scopeEachSubproject))
            }
            let description = Message(.ruleCounterpart, .message(levelSum(levels)), .percent(structure.ratio(ratio)), .message(levelSum(of)), over)
            guard let capital else { return description }
            return Message(.withCapital, .message(description), .message(Self.capital(capital)))
        case .share(let project, let atMost, let atLeast, _):
            var parts: [Message] = []
            if let atLeast { parts.append(Message(.shareAtLeast, .percent(atLeast))) }
            if let atMost { parts.append(Message(.shareAtMost, .percent(atMost))) }
            return Message(.ruleShare, .text(project), .list(parts))
        case .bar(let barred, let projects):
            return Message(.ruleBar, source(barred), .text(projects.joined(separator: ", ")))
        case .investmentOnly(let projects):
            return Message(.ruleInvestmentOnly, .text(projects.joined(separator: ", ")))
        }
    }

    /// "province + district": budget levels joined in their natural order.
    private func levelSum(_ levels: [BudgetLevel]) -> Message {
        let words = levels.map(Self.level)
        guard var sum = words.first else { return Message(.labelledText, .text("")) }
        for next in words.dropFirst() { sum = Message(.levelSum, .message(sum), .message(next)) }
        return sum
    }

    func repair(_ repair: Repair) -> Message {
        let amount = MessageArgument.amount(abs(repair.amount))
        switch repair.kind {
        case .moreMoney: return Message(.repairMoreMoney, source(repair.subject), amount)
        case .spendLess: return Message(.repairSpendLess, source(repair.subject), amount)
        case .raiseNeed: return Message(.repairRaiseNeed, withCapital(repair.subject, raw: repair.instance), amount)
        case .lowerFloor: return Message(.repairLowerFloor, withCapital(repair.subject, raw: repair.instance), amount)
        case .changeFixed:
            let from = repair.instance.map(source) ?? .text("")
            return Message(repair.amount > 0 ? .repairRaiseFixed : .repairLowerFixed, from, .text(repair.subject), amount)
        case .relaxRule:
            let rule: MessageArgument = .message(ruleName(repair.subject, instance: repair.instance))
            if let required = repair.requiredRatio, let reached = repair.reachedRatio {
                return Message(.repairRelaxRuleWithRatio, rule, amount, .percent(reached), .percent(required))
            }
            return Message(.repairRelaxRule, rule, amount)
        }
    }

    public func missing(_ input: MissingInput) -> Message {
        switch input.kind {
        case .sourceAmount: Message(.missingSourceAmount, source(input.subject))
        case .need: Message(.missingNeed, .text(input.subject))
        case .noProjects: Message(.missingNoProjects)
        case .noSources: Message(.missingNoSources)
        }
    }

    /// "the ceiling (need) of DA2 (investment): 1,200 million VND", from the project's own figure.
    private func limit(_ key: MessageKey, _ conflict: Conflict, _ amounts: KeyPath<Project, CapitalAmounts>) -> Message {
        let figures = structure.project(conflict.subject)?[keyPath: amounts]
        let capital = conflict.detail.flatMap(CapitalType.init(rawValue:))
        let value = capital.flatMap { figures?.byCapital[$0] } ?? figures?.total
        return Message(key, withCapital(conflict.subject, capital), value.map(MessageArgument.amount) ?? .message(Message(.unknownAmount)))
    }

    func conflict(_ conflict: Conflict) -> Message {
        switch conflict.kind {
        case .source:
            guard let source = structure.source(conflict.subject) else { return Message(.labelledText, .text(conflict.subject)) }
            let amount = source.available.map(MessageArgument.amount) ?? .message(Message(.unknownAmount))
            return Message(source.spendInFull ? .conflictSourceSpendInFull : .conflictSourceAtMost, .localized(source.name), amount)
        case .need: return limit(.conflictNeed, conflict, \.need)
        case .floor: return limit(.conflictFloor, conflict, \.floor)
        case .fixed:
            let value = conflict.detail.flatMap { structure.project(conflict.subject)?.fixed[$0] }
            return Message(.conflictFixed, conflict.detail.map(source) ?? .text(""), .text(conflict.subject),
                           value.map(MessageArgument.amount) ?? .message(Message(.unknownAmount)))
        case .rule:
            guard let rule = structure.loaded.rules.first(where: { $0.id == conflict.subject }) else {
                return Message(.labelledText, .text(conflict.subject))
            }
            return Message(.labelledText, .message(ruleName(rule.id)))
        }
    }

    /// Why an answer could not be trusted, after the retry.
    func trouble(_ trouble: NumericalTrouble) -> Message {
        var parts: [Message] = []
        if let stage = trouble.failedStage { parts.append(Message(.troubleStage, .integer(stage))) }
        if !trouble.violations.isEmpty {
            let listed = trouble.violations.map { item in
                item.kind == .counterpart || item.kind == .share
                    ? Message(.troubleViolationNamed, .message(ruleName(item.id, instance: item.instance)),
                              .number(item.required), .number(item.achieved))
                    : Message(.troubleViolation, .text(item.kind.rawValue), .text(item.instance.map { "\(item.id) (\($0))" } ?? item.id),
                              .number(item.required), .number(item.achieved))
            }
            parts.append(Message(.troubleRecheck, .list(listed)))
        }
        let retry = trouble.retryStatus.map { Message(.troubleRetryEnded, .message(SolveReportBuilder.solverStatus($0))) }
            ?? Message(.troubleRetryFailed)
        return Message(.troubleHeadline, .list(parts), .message(retry))
    }
}
