/// The report of a what-if study: the base plan and each scenario side by side (objective values, outcome),
/// then, scenario by scenario, the projects whose money changed, the sources whose use or value of one
/// more million changed, the rules whose standing changed, one sentence on what drove the change, and for
/// a scenario no allocation meets, its lawful repair as `solve` gives it. Language-free, like every report.
public struct WhatIfReportBuilder: Sendable {
    public init() {}

    public func build(_ study: WhatIfStudy) -> Report {
        let base = study.base
        var sections = [scenarioSection(study)]
        var allocationRows: [[ReportCell]] = []
        var sourceRows: [[ReportCell]] = []
        var ruleRows: [[ReportCell]] = []
        var drivers: [Message] = []
        var repairs: [ReportSection] = []
        for case_ in study.scenarios {
            let name = Self.name(case_.scenario)
            let comparison = Comparison(base: base, scenario: case_)
            allocationRows += comparison.leafChanges.map { change in
                [.code(case_.scenario?.id ?? ""), .code(change.leaf), .amount(change.base), .amount(change.scenario), .amount(change.difference)]
            }
            sourceRows += comparison.sourceChanges.map { change in
                [.code(case_.scenario?.id ?? ""), .message(Message(.labelledText, case_.structure.source(change.source).map { .localized($0.name) } ?? .text(change.source))),
                 .amount(change.baseUsed), .amount(change.used), .amount(change.used - change.baseUsed),
                 change.baseRate.map { .number($0) } ?? .none, change.rate.map { .number($0) } ?? .none]
            }
            let wording = PlanWording(structure: case_.structure)
            // One row per rule and change of standing, its instances (projects) listed together.
            var groups: [(id: String, base: Comparison.Standing, scenario: Comparison.Standing, instances: [String])] = []
            for change in comparison.ruleChanges {
                if let g = groups.firstIndex(where: { $0.id == change.id && $0.base == change.base && $0.scenario == change.scenario }) {
                    if let instance = change.instance { groups[g].instances.append(instance) }
                } else {
                    groups.append((change.id, change.base, change.scenario, change.instance.map { [$0] } ?? []))
                }
            }
            ruleRows += groups.map { group in
                let rule = wording.ruleName(group.id)
                let name = group.instances.isEmpty ? rule : Message(.whatifInstances, .message(rule), .text(group.instances.joined(separator: ", ")))
                return [.code(case_.scenario?.id ?? ""), .message(name), .message(Self.standing(group.base)), .message(Self.standing(group.scenario))]
            }
            drivers.append(comparison.sentence(name: name))
            if case .infeasible(let plan) = case_.solution {
                let diagnosis = DiagnosisSection(case_.structure)
                var section = diagnosis.repairSection(plan.diagnosis)
                section.id = "repair-\(case_.scenario?.id ?? "")"
                section.title = Message(.whatifSectionRepair, name)
                repairs.append(section)
            }
        }
        let scenarioColumn = ReportColumn("scenario", Message(.whatifColumnScenario))
        if !allocationRows.isEmpty {
            sections.append(ReportSection(id: "allocation", title: Message(.whatifSectionAllocation), blocks: [.table(ReportTable(
                id: "allocation",
                columns: [scenarioColumn, ReportColumn("project", Message(.columnProject)),
                          ReportColumn("base", Message(.whatifColumnBase), numeric: true),
                          ReportColumn("scenarioAmount", Message(.whatifColumnInScenario), numeric: true),
                          ReportColumn("difference", Message(.whatifColumnDifference), numeric: true)],
                rows: allocationRows))]))
        }
        if !sourceRows.isEmpty {
            sections.append(ReportSection(id: "sources", title: Message(.whatifSectionSources), blocks: [.table(ReportTable(
                id: "sources",
                columns: [scenarioColumn, ReportColumn("source", Message(.columnSource)),
                          ReportColumn("baseUsed", Message(.whatifColumnBase), numeric: true),
                          ReportColumn("used", Message(.whatifColumnInScenario), numeric: true),
                          ReportColumn("difference", Message(.whatifColumnDifference), numeric: true),
                          ReportColumn("baseValue", Message(.whatifColumnValueBase), numeric: true),
                          ReportColumn("value", Message(.whatifColumnValueScenario), numeric: true)],
                rows: sourceRows))]))
        }
        if !ruleRows.isEmpty {
            sections.append(ReportSection(id: "rules", title: Message(.whatifSectionRules), blocks: [.table(ReportTable(
                id: "rules",
                columns: [scenarioColumn, ReportColumn("rule", Message(.columnRule)),
                          ReportColumn("base", Message(.whatifColumnStatusBase)),
                          ReportColumn("scenarioStanding", Message(.whatifColumnStatusScenario))],
                rows: ruleRows))]))
        }
        sections.append(ReportSection(id: "drivers", title: Message(.whatifSectionDrivers), blocks: [.items(drivers)]))
        sections += repairs
        let status = study.scenarios.allSatisfy({ $0.solution.outcome == .solved }) && base.solution.outcome == .solved ? "solved" : "mixed"
        return Report(command: "whatif", status: status, headline: Message(.whatifHeadline, .integer(study.scenarios.count)),
                      plan: SolveReportBuilder.header(base.structure), sections: sections)
    }

    static func name(_ scenario: Scenario?) -> MessageArgument {
        guard let scenario else { return .message(Message(.whatifBase)) }
        return scenario.name.map { .localized($0) } ?? .text(scenario.id)
    }

    static func standing(_ standing: Comparison.Standing) -> Message {
        switch standing {
        case .binding: Message(.whatifRuleBinding)
        case .slack: Message(.whatifRuleSlack)
        case .notMet: Message(.whatifRuleNotMet)
        case .absent: Message(.whatifRuleAbsent)
        }
    }

    static func outcome(_ solution: PlanSolution) -> Message {
        switch solution.outcome {
        case .solved: Message(.whatifOutcomeSolved)
        case .infeasible: Message(.whatifOutcomeInfeasible)
        case .missingInputs: Message(.whatifOutcomeMissing)
        case .unfinished: Message(.whatifOutcomeUnfinished)
        }
    }

    /// One row per plan (the base, then each scenario) with its changes and outcome; then each plan
    /// stage's value per plan and its difference from the base's, one row per plan and stage (a study of a
    /// thousand scenarios stays a table one can read).
    private func scenarioSection(_ study: WhatIfStudy) -> ReportSection {
        let stages = study.base.structure.plan.objective.stages
        let baseValues = Comparison.stageValues(study.base.solution)
        let plans = [study.base] + study.scenarios
        let rows: [[ReportCell]] = plans.map { case_ in
            [.code(case_.scenario?.id ?? "base"), .message(Message(.labelledText, Self.name(case_.scenario))),
             .message(Message(.labelledText, .list(case_.scenario.map {
                 Self.changes($0, base: study.base.structure, changed: case_.prepared.loaded)
             } ?? []))),
             .message(Self.outcome(case_.solution))]
        }
        var valueRows: [[ReportCell]] = []
        for case_ in plans {
            let values = Comparison.stageValues(case_.solution)
            for (k, stage) in stages.enumerated() {
                let value = values[stage]
                valueRows.append([.code(case_.scenario?.id ?? "base"), .message(Message(.stageNumbered, .integer(k + 1), .message(PlanWording.stage(stage)))),
                                  value.map { .amount($0) } ?? .none,
                                  case_.scenario == nil ? .empty : (value.flatMap { v in baseValues[stage].map { .amount(v - $0) } } ?? .none)])
            }
        }
        return ReportSection(id: "scenarios", title: Message(.whatifSectionScenarios), blocks: [
            .table(ReportTable(id: "scenarios", columns: [
                ReportColumn("scenario", Message(.whatifColumnScenario)), ReportColumn("name", Message(.whatifColumnName)),
                ReportColumn("changes", Message(.whatifColumnChanges)), ReportColumn("outcome", Message(.whatifColumnOutcome))], rows: rows)),
            .table(ReportTable(id: "objective", columns: [
                ReportColumn("scenario", Message(.whatifColumnScenario)), ReportColumn("stage", Message(.sensitivityColumnObjective)),
                ReportColumn("value", Message(.whatifColumnValue), numeric: true),
                ReportColumn("difference", Message(.whatifColumnDifference), numeric: true)], rows: valueRows)),
        ])
    }

    /// The figure an amount edit changes, in words ("Central budget available", "need of DA2"); nil for an
    /// edit that is not one figure (a tier, an objective, a rule added or dropped).
    static func subject(_ edit: ScenarioEdit, _ wording: PlanWording) -> Message? {
        switch edit {
        case .available(let s, _): Message(.whatifSubjectAvailable, wording.source(s))
        case .need(let p, let c, _): Message(.whatifSubjectNeed, .text(p + (c.map { ".\($0.rawValue)" } ?? "")))
        case .floor(let p, let c, _): Message(.whatifSubjectFloor, .text(p + (c.map { ".\($0.rawValue)" } ?? "")))
        case .weight(let p, _): Message(.whatifSubjectWeight, .text(p))
        case .target(let p, _): Message(.whatifSubjectTarget, .text(p))
        case .fixed(let p, let s, _): Message(.whatifSubjectFixed, .text(p), wording.source(s))
        case .ratio(let r, _): Message(.whatifSubjectRuleRatio, .text(r))
        case .shareAtMost(let r, _): Message(.whatifSubjectShareAtMost, .text(r))
        case .shareAtLeast(let r, _): Message(.whatifSubjectShareAtLeast, .text(r))
        case .tierRatio(let t, _): Message(.whatifSubjectTierRatio, .text(t))
        case .tier, .objective, .addRule, .applyRule, .dropRule: nil
        }
    }

    /// Each change in words, short enough for a table cell, with the figure it gives: "Central budget
    /// available × 0.9 (4,978 → 4,480)", "ratio of province-10pct: 0.15", "counterpart tier: central-15".
    static func changes(_ scenario: Scenario, base structure: PlanStructure, changed: LoadedPlan) -> [Message] {
        let wording = PlanWording(structure: structure)
        let base = structure.loaded
        return scenario.changes.map { change in
            var before: Double?
            var after: Double?
            switch change.edit {
            case .available(let s, _):
                before = base.plan.source(s)?.available
                after = changed.plan.source(s)?.available
            case .need(let p, let c, _):
                before = c.map { base.plan.project(p)?.need.byCapital[$0] } ?? base.plan.project(p)?.need.total
                after = c.map { changed.plan.project(p)?.need.byCapital[$0] } ?? changed.plan.project(p)?.need.total
            case .tier(let t): return Message(.whatifChangeTier, .text(t))
            case .objective(let stages): return Message(.whatifChangeObjective, .list(stages.map(PlanWording.stage)))
            case .addRule(let rule): return Message(.whatifChangeAddRule, .text(rule.id))
            case .applyRule(let id): return Message(.whatifChangeAddRule, .text(id))
            case .dropRule(let id): return Message(.whatifChangeDropRule, .text(id))
            default: break
            }
            guard let what = subject(change.edit, wording) else { return Message(.labelledText, .text(change.field)) }
            switch change.edit.amount {
            case .scale(let factor):
                if let before, let after {
                    return Message(.whatifChangeTimesGives, .message(what), .number(factor), .amount(before), .amount(after))
                }
                return Message(.whatifChangeTimes, .message(what), .number(factor))
            case .value(let value): return Message(.whatifChangeTo, .message(what), change.edit.isRatio ? .number(value) : .amount(value))
            case nil: return what
            }
        }
    }
}
