/// The diagnosis as report sections, in plain words: the repair in the order the law sets (what the plan
/// may change, then what only the plan allows, then what would need the law or the money assigned from
/// above to change), each change with the figure before and after it, what solving the repaired plan
/// again gave, and a minimal set of conflicting requirements. Section ids `repair` and `conflicts`, as
/// before; the data tables keep their ids (`total`, `repairs`, `conflicts`) and add `resolve`.
public struct DiagnosisSection {
    public let structure: PlanStructure
    private let wording: PlanWording

    public init(_ structure: PlanStructure) {
        self.structure = structure
        wording = PlanWording(structure: structure)
    }

    public func build(_ diagnosis: Diagnosis) -> [ReportSection] {
        [repairSection(diagnosis), conflictSection(diagnosis)]
    }

    private func dataColumns(_ ids: [String]) -> [ReportColumn] {
        let numeric: Set<String> = ["amount", "proposed", "from", "to", "requiredRatio", "reachedRatio", "totalRepair", "allocated"]
        return ids.map { ReportColumn($0, Message(.labelledText, .text($0)), numeric: numeric.contains($0), visibility: .data) }
    }

    public func repairSection(_ diagnosis: Diagnosis) -> ReportSection {
        var blocks: [ReportBlock] = [.paragraph(summary(diagnosis))]
        if diagnosis.repairs.isEmpty {
            blocks.append(.paragraph(Message(.diagnosisNothingToChange)))
        } else {
            // Each change says its standing when not all of them are lawful.
            blocks.append(.items(diagnosis.repairs.map { repair in
                diagnosis.isLawful ? text(repair) : Message(.repairWithStanding, .message(text(repair)), .message(Self.standing(repair.standing)))
            }))
        }
        if let unit = diagnosis.roundingUnit { blocks.append(.paragraph(Message(.resolveRounded, .amount(unit)))) }
        if let resolve = diagnosis.resolve { blocks.append(.paragraph(Self.resolveText(resolve))) }
        let total = ReportTable(id: "total", columns: dataColumns(["totalRepair"]), rows: [[.amount(diagnosis.totalRepair)]])
        let repairs = ReportTable(
            id: "repairs",
            columns: dataColumns(["kind", "subject", "instance", "standing", "amount", "proposed", "from", "to", "requiredRatio",
                                  "reachedRatio", "text"]),
            rows: diagnosis.repairs.map { repair in
                let figure: (Double?) -> ReportCell = { value in
                    guard let value else { return .none }
                    return repair.kind == .relaxRule ? .number(value) : .amount(value)
                }
                return [.code(repair.kind.rawValue), .code(repair.subject), repair.instance.map { ReportCell.code($0) } ?? .empty,
                        .code(repair.standing.rawValue), .amount(repair.amount), .amount(repair.proposedAmount), figure(repair.from),
                        figure(repair.to), repair.requiredRatio.map(ReportCell.number) ?? .none,
                        repair.reachedRatio.map(ReportCell.number) ?? .none, .message(text(repair))]
            })
        blocks += [.table(total), .table(repairs)]
        if let resolve = diagnosis.resolve {
            blocks.append(.table(ReportTable(
                id: "resolve", columns: dataColumns(["outcome", "allocated", "rounded", "text"]),
                rows: [[.code(resolve.outcome.rawValue), resolve.allocated.map { ReportCell.amount($0) } ?? .none, .bool(resolve.rounded),
                        .message(Self.resolveText(resolve))]])))
        }
        let shown = diagnosis.repairs.reduce(0) { $0 + abs($1.proposedAmount) }
        return ReportSection(id: "repair", title: Message(.sectionLawfulRepair, .amount(shown)), blocks: blocks)
    }

    public func conflictSection(_ diagnosis: Diagnosis) -> ReportSection {
        let conflicts = ReportTable(
            id: "conflicts", columns: dataColumns(["kind", "subject", "detail", "text"]),
            rows: diagnosis.conflicts.map {
                [.code($0.kind.rawValue), .code($0.subject), $0.detail.map { ReportCell.code($0) } ?? .empty, .message(wording.conflict($0))]
            })
        return ReportSection(id: "conflicts", title: Message(.sectionConflicts),
                             blocks: [.items(diagnosis.conflicts.map(wording.conflict)), .table(conflicts)])
    }

    /// Whether the repair is lawful, allowed only by the plan, or needs the law to change, and if so what.
    public func summary(_ diagnosis: Diagnosis) -> Message {
        let unlawful = diagnosis.repairs.filter { $0.standing == .unlawful }
        if !unlawful.isEmpty { return Message(.diagnosisNoLawful, .list(unlawful.map(text))) }
        let allowed = diagnosis.repairs.filter { $0.standing == .allowedByPlan }
        if !allowed.isEmpty { return Message(.diagnosisAllowedByPlan, .list(allowed.map(text))) }
        return Message(.diagnosisLawful)
    }

    static func standing(_ standing: RepairStanding) -> Message {
        switch standing {
        case .lawful: Message(.standingLawful)
        case .allowedByPlan: Message(.standingAllowedByPlan)
        case .unlawful: Message(.standingUnlawful)
        }
    }

    static func resolveText(_ resolve: RepairResolve) -> Message {
        switch resolve.outcome {
        case .solved: Message(.resolveSolved, .amount(resolve.allocated ?? 0))
        case .infeasible: Message(.resolveStillInfeasible)
        case .unfinished: Message(.resolveUnfinished, .message(SolveReportBuilder.solverStatus(resolve.solverStatus ?? .numericalTrouble)))
        }
    }

    private func subject(_ code: String, _ capital: String?) -> MessageArgument {
        guard let capital = capital.flatMap(CapitalType.init(rawValue:)) else { return .text(code) }
        return .message(Message(.withCapital, .text(code), .message(PlanWording.capital(capital))))
    }

    /// One change in plain words, with the figure before and after it.
    public func text(_ repair: Repair) -> Message {
        let change = MessageArgument.amount(abs(repair.proposedAmount))
        guard let from = repair.from, let to = repair.to else { return wording.repair(repair) }
        switch repair.kind {
        case .raiseNeed: return Message(.repairRaiseNeedTo, subject(repair.subject, repair.instance), change, .amount(from), .amount(to))
        case .lowerFloor: return Message(.repairLowerFloorTo, subject(repair.subject, repair.instance), change, .amount(from), .amount(to))
        case .moreMoney: return Message(.repairAddMoney, wording.source(repair.subject), change, .amount(from), .amount(to))
        case .spendLess: return Message(.repairCutMoney, wording.source(repair.subject), change, .amount(from), .amount(to))
        case .changeFixed:
            return Message(.repairFixedTo, repair.instance.map(wording.source) ?? .text(""), .text(repair.subject), change, .amount(from),
                           .amount(to))
        case .relaxRule:
            let rule: MessageArgument = repair.instance.map { .message(Message(.withInstance, .text(repair.subject), .text($0))) }
                ?? .text(repair.subject)
            return Message(.repairRuleTo, rule, change, .percent(to), .percent(from))
        }
    }
}
