import LinearProgramming

/// The report of `cofund solve`, as sections without a language: the objective stages, the allocation
/// and its totals, projects, sources with their sensitivity, every rule with required/achieved/slack, or
/// the diagnosis, or the missing inputs.
public struct SolveReportBuilder {
    public let structure: PlanStructure
    /// The technical view: shadow prices, ranges and LP names shown in every format, and the sentences
    /// that read them. Without it they are kept in JSON only and a report speaks in plan terms.
    public let detail: Bool
    private let wording: PlanWording
    private let parentOf: [String: String]

    public init(_ structure: PlanStructure, detail: Bool = false) {
        self.structure = structure
        self.detail = detail
        wording = PlanWording(structure: structure)
        var parentOf: [String: String] = [:]
        for project in structure.allProjects { for child in project.children { parentOf[child.code] = project.code } }
        self.parentOf = parentOf
    }

    /// Visibility of a technical column a person reads in the detailed report.
    private var technical: ReportColumn.Visibility { detail ? .always : .detail }
    /// Visibility of a technical column that is data even in the detailed report.
    private var technicalData: ReportColumn.Visibility { detail ? .data : .detail }

    public func build(_ result: PlanSolution) -> Report {
        var sections: [ReportSection] = []
        var notes: [Message] = []
        switch result {
        case .solved(let plan):
            sections.append(objectiveSection(plan))
            sections.append(allocationSection(plan))
            sections.append(projectSection(plan))
            sections.append(sourceSection(plan))
            if let rules = ruleSection(plan) { sections.append(rules) }
            if let sensitivity = plan.planSensitivity {
                sections += SensitivitySectionBuilder(structure: structure).sections(sensitivity, detail: detail)
            }
        case .infeasible(let plan):
            if !plan.stageValues.isEmpty { sections.append(objectiveSection(plan.stageValues, achievedBy: nil)) }
            sections += DiagnosisSection(structure).build(plan.diagnosis)
        case .missingInputs(let missing):
            sections.append(missingSection(missing))
        case .unfinished(let plan):
            if !plan.stageValues.isEmpty { sections.append(objectiveSection(plan.stageValues, achievedBy: nil)) }
            if let trouble = plan.trouble { notes.append(wording.trouble(trouble)) }
        }
        if let warnings = WarningSection.build(structure: structure, result: result) { sections.append(warnings) }
        notes += structure.excludedLeaves.map { Message(.noteNotAllocated, .text($0.code), .localized(exclusionReason($0.code, $0.reason))) }
            + structure.plan.noteTexts.map { Message(.labelledText, .localized($0)) }
        if !notes.isEmpty { sections.append(ReportSection(id: "notes", title: Message(.sectionNotes), blocks: [.items(notes)])) }
        return Report(command: "solve", status: result.outcome.rawValue, headline: headline(result), plan: Self.header(structure),
                      sections: sections)
    }

    public static func header(_ structure: PlanStructure) -> PlanHeader {
        let plan = structure.plan
        let ruleSet = structure.loaded.ruleSet
        return PlanHeader(id: plan.id, place: plan.place, level: plan.level, year: plan.year, unit: plan.unit,
                          ruleSet: ruleSet.id, tier: plan.tier, ruleSetName: ruleSet.name.vi.isEmpty ? nil : ruleSet.name,
                          tierName: plan.tier.flatMap { id in ruleSet.tiers.first { $0.id == id }?.description }.flatMap { $0.vi.isEmpty ? nil : $0 })
    }

    /// Why a leaf gets nothing, in the reader's language: the note of the project that says `allocate:
    /// false` (the leaf or a parent), else the reason the structure gives.
    private func exclusionReason(_ leaf: String, _ reason: String) -> LocalizedText {
        var code: String? = leaf
        while let current = code, let project = structure.project(current) {
            if !project.allocate { return project.noteText ?? LocalizedText(vi: reason) }
            code = parentOf[current]
        }
        return LocalizedText(vi: reason)
    }

    private func headline(_ result: PlanSolution) -> Message {
        switch result.outcome {
        case .solved: Message(.statusSolved)
        case .infeasible: Message(.statusInfeasible)
        case .missingInputs: Message(.statusMissingInputs)
        case .unfinished: Message(.statusUnfinished, .message(Self.solverStatus(result.solverStatus ?? .numericalTrouble)))
        }
    }

    static func solverStatus(_ status: SolutionStatus) -> Message {
        switch status {
        case .optimal: Message(.solverOptimal)
        case .infeasible: Message(.solverInfeasible)
        case .unbounded: Message(.solverUnbounded)
        case .infeasibleOrUnbounded: Message(.solverInfeasibleOrUnbounded)
        case .iterationLimit: Message(.solverIterationLimit)
        case .timeLimit: Message(.solverTimeLimit)
        case .numericalTrouble: Message(.solverNumericalTrouble)
        }
    }

    // MARK: - Sections

    private func missingSection(_ missing: [MissingInput]) -> ReportSection { Self.missingSection(missing, wording) }

    /// The amounts the plan does not state, each at its file, line and field (also a sweep's, when no step
    /// can be solved for them).
    static func missingSection(_ missing: [MissingInput], _ wording: PlanWording) -> ReportSection {
        let table = ReportTable(
            id: "missing",
            columns: [ReportColumn("file", Message(.columnFile), visibility: .data), ReportColumn("line", Message(.columnLine), visibility: .data),
                      ReportColumn("field", Message(.columnField), visibility: .data),
                      ReportColumn("message", Message(.columnProblem), visibility: .data)],
            rows: missing.map { [.text($0.location.file), .integer($0.location.line), .text($0.field), .message(wording.missing($0))] })
        let items = missing.map {
            Message(.locatedProblem, .text("\($0.location)"), .text($0.field), .message(wording.missing($0)))
        }
        return ReportSection(id: "missing", title: Message(.sectionMissing), blocks: [.items(items), .table(table)])
    }

    /// Each stage's optimum and, for a solved plan, what the final allocation achieves on it.
    private func objectiveSection(_ stageValues: [(stage: ObjectiveStage, value: Double)],
                                  achievedBy final: (CompiledPlan, Solution)?) -> ReportSection {
        var rows: [[ReportCell]] = []
        for (k, stage) in stageValues.enumerated() {
            var achieved = stage.value
            if let (compiled, solution) = final, k < compiled.stages.count {
                achieved = zip(compiled.stages[k].coefficients, solution.columnValues).reduce(0) { $0 + $1.0 * $1.1 }
            }
            rows.append([.integer(k + 1), .code(stage.stage.rawValue),
                         .message(Message(.stageNumbered, .integer(k + 1), .message(PlanWording.stage(stage.stage)))), .number(stage.value),
                         .number(achieved)])
        }
        let table = ReportTable(
            id: "objective",
            columns: [ReportColumn("order", Message(.labelledText, .text("#")), numeric: true, visibility: .data),
                      ReportColumn("stage", Message(.columnStage), visibility: .data),
                      ReportColumn("name", Message(.columnObjective)), ReportColumn("value", Message(.columnValue), numeric: true),
                      ReportColumn("achieved", Message(.columnAchieved), numeric: true, visibility: .data)],
            rows: rows)
        return ReportSection(id: "objective", title: Message(.sectionObjective), blocks: [.table(table)])
    }

    /// A solved plan's stages: the proposal's value of each (whole units unless --exact-amounts), the
    /// continuous optimum beside it, the even-spread stage last, and what the proposal's rounding means.
    private func objectiveSection(_ plan: SolvedPlan) -> ReportSection {
        var rows: [[ReportCell]] = []
        let whole = plan.whole
        for (k, stage) in plan.stageValues.enumerated() {
            let value = (whole?.stageValues[k] ?? stage.value) + 0  // + 0: no "-0"
            rows.append([.integer(k + 1), .code(stage.stage.rawValue),
                         .message(Message(.stageNumbered, .integer(k + 1), .message(PlanWording.stage(stage.stage)))), .number(value),
                         // The continuous optimum on a millionth grid: 498, not the solver's 497.9999945239997.
                         .number(SensitivitySectionBuilder.clean(stage.value)), .number(value + 0)])
        }
        var columns = [ReportColumn("order", Message(.labelledText, .text("#")), numeric: true, visibility: .data),
                       ReportColumn("stage", Message(.columnStage), visibility: .data),
                       ReportColumn("name", Message(.columnObjective)), ReportColumn("value", Message(.columnValue), numeric: true)]
        columns.append(ReportColumn("continuous", Message(.columnWithoutRounding), numeric: true, visibility: whole == nil ? .data : .always))
        // What the reported allocation achieves on each stage (machine-readable formats only).
        columns.append(ReportColumn("achieved", Message(.columnAchieved), numeric: true, visibility: .data))
        var tables = [ReportTable(id: "objective", columns: columns, rows: rows)]
        // The even spread, the stage every whole-unit proposal ends with, in a table of its own: it is no
        // stage of the plan's, and its value (a distance) means little to a reader outside --detail.
        if let whole {
            tables.append(ReportTable(
                id: "spread",
                columns: [ReportColumn("name", Message(.columnObjective)),
                          ReportColumn("value", Message(.columnValue), numeric: true, visibility: technical),
                          ReportColumn("continuous", Message(.columnWithoutRounding), numeric: true, visibility: technical)],
                rows: [[.message(Message(.stageNumbered, .integer(rows.count + 1), .message(Message(.stageEvenSpread)))), .number(whole.spreadValue + 0), plan.spreadValue.map { .number($0 + 0) } ?? .empty]]))
        }
        var items: [Message] = []
        let unit = structure.plan.rounding ?? 1
        let unitWords = unit == 1 ? Message(.unitMillionVND) : Message(.unitOfMillions, .number(unit))
        if let whole {
            items.append(Message(.wholeUnitsNote, .message(unitWords)))
            if whole.rulesWithinRounding { items.append(Message(.wholeWithinRounding, .message(unitWords))) }
            if whole.stoppedWithGap { items.append(Message(.wholeGap)) }
            if let gap = whole.spreadGap { items.append(Message(.wholeSpreadGap, .percent(gap))) }
        } else if let reason = plan.noWhole {
            items.append(Message(reason == .stopped ? .wholeSearchStopped : .wholeNone))
        } else {
            items.append(Message(.exactAmountsNote))
        }
        return ReportSection(id: "objective", title: Message(.sectionObjective), blocks: tables.map { .table($0) } + [.items(items)])
    }

    private func allocationSection(_ result: SolvedPlan) -> ReportSection {
        let plan = structure.plan
        let sums = AllocationSums(result.allocation)
        let leaves = structure.allocatedLeaves
        var columns = [ReportColumn("project", Message(.columnProject))]
        // A source's id names its column; one called "project" or "total" would take a fixed column's id
        // (JSON would hold two "total" keys), so it becomes "source:total" (ids cannot hold a colon).
        columns += plan.sources.map { source in
            let id = ["project", "total"].contains(source.id) ? "source:" + source.id : source.id
            return ReportColumn(id, Message(.labelledText, .localized(source.name)), numeric: true)
        }
        columns.append(ReportColumn("total", Message(.total), numeric: true))
        // The code alone, for programs: the first column shows it with the document's label ("DA2 (1. Dự án 2)").
        columns.append(ReportColumn("code", Message(.columnProject), visibility: .data))
        var columnTotals = [Double](repeating: 0, count: plan.sources.count)
        var rows: [[ReportCell]] = []
        for leaf in leaves {
            var row: [ReportCell] = [.code(leaf.label.map { "\(leaf.code) (\($0))" } ?? leaf.code)]
            var rowTotal = 0.0
            var bySource: [String: Double] = [:]
            for entry in sums.entries(of: leaf.code) { bySource[entry.key.source, default: 0] += entry.amount }
            for (k, source) in plan.sources.enumerated() {
                let value = bySource[source.id] ?? 0
                rowTotal += value
                columnTotals[k] += value
                row.append(.amount(value, zeroAs: "·"))
            }
            rows.append(row + [.amount(rowTotal), .code(leaf.code)])
        }
        let matrix = ReportTable(id: "matrix", columns: columns, rows: rows,
                                 footer: [[.message(Message(.total))] + columnTotals.map { .amount($0) } + [.amount(sums.sum()), .empty]])
        // The long form, one line per project, source and capital type: what spreadsheets and programs read.
        let lines = ReportTable(
            id: "allocation",
            columns: [ReportColumn("project", Message(.columnProject), visibility: .data), ReportColumn("label", Message(.columnProject), visibility: .data),
                      ReportColumn("source", Message(.columnSource), visibility: .data),
                      ReportColumn("capital", Message(.columnCapital), visibility: .data),
                      ReportColumn("amount", Message(.columnAmount), numeric: true, visibility: .data)],
            rows: sums.entries.filter { $0.amount > Tolerances.zeroAmount }.map { entry in
                [.code(entry.key.project), structure.project(entry.key.project)?.label.map(ReportCell.text) ?? .empty,
                 .code(entry.key.source), .code(entry.key.capital.rawValue), .amount(entry.amount)]
            })
        var byLevel: [BudgetLevel: Double] = [:]
        var byCapital: [CapitalType: Double] = [:]
        for (key, amount) in sums.entries {
            guard let source = structure.source(key.source) else { continue }
            byLevel[source.level, default: 0] += amount
            byCapital[key.capital, default: 0] += amount
        }
        let facts = [
            ReportFact(id: "byLevel", label: Message(.totalsByLevel), parts: BudgetLevel.allCases.compactMap { level in
                byLevel[level].map { ReportFact.Part(id: level.rawValue, label: PlanWording.level(level), value: .amount($0)) }
            }),
            ReportFact(id: "byCapital", label: Message(.totalsByCapital), parts: CapitalType.allCases.compactMap { c in
                byCapital[c].map { ReportFact.Part(id: c.rawValue, label: PlanWording.capital(c), value: .amount($0)) }
            }),
        ]
        return ReportSection(id: "allocation", title: Message(.sectionAllocation), blocks: [.table(matrix), .facts(facts), .table(lines)])
    }

    private func projectSection(_ result: SolvedPlan) -> ReportSection {
        let excluded = Dictionary(structure.excludedLeaves.map { ($0.code, $0.reason) }, uniquingKeysWith: { a, _ in a })
        let sums = AllocationSums(result.allocation)
        let depth = Self.depths(structure.plan.projects)
        let rows: [[ReportCell]] = structure.allProjects.map { project in
            var byCapital: [CapitalType: Double] = [:]
            var total = 0.0
            for leaf in structure.leaves(under: project.code) {
                for (key, amount) in sums.entries(of: leaf.code) {
                    byCapital[key.capital, default: 0] += amount
                    total += amount
                }
            }
            var weightRange: ReportCell = .empty
            // Read at the funded-need stage: the weights are that stage's objective coefficients.
            if project.isLeaf, let report = result.fundedNeedSensitivity, let j = result.compiled.fundedColumns[project.code] {
                let entry = report.columns[j]
                weightRange = .range(range(lower: entry.lower.objectiveCoefficient, upper: entry.upper.objectiveCoefficient,
                                           lowerLimit: entry.lower.limitingVariable, upperLimit: entry.upper.limitingVariable,
                                           compiled: result.compiled, plain: true))
            }
            let need = project.need.total ?? (project.need.byCapital.isEmpty ? nil : CapitalType.allCases.compactMap { project.need.byCapital[$0] }.reduce(0, +))
            let weight = project.isLeaf ? structure.weight(project.code) : project.weight
            let reason = excluded[project.code]
            return [
                .code(project.code, depth: depth[project.code] ?? 0), need.map { .amount($0) } ?? .none,
                reason == nil ? .amount(total) : .absent(Message(.outsidePlan)),
                byCapital[.investment].map { .amount($0) } ?? .none, byCapital[.recurrent].map { .amount($0) } ?? .none,
                weight.map(ReportCell.number) ?? .empty, weightRange,
                project.label.map(ReportCell.text) ?? .empty, .localized(project.name), .bool(project.isLeaf),
                project.floor.total.map { .amount($0) } ?? .none,
                // In the report's language, as the note says it (the plan's `note:` has both).
                reason.map { .localized(exclusionReason(project.code, $0)) } ?? .empty,
            ]
        }
        let table = ReportTable(
            id: "projects",
            columns: [
                ReportColumn("code", Message(.columnProject)), ReportColumn("need", Message(.columnNeed), numeric: true),
                ReportColumn("allocated", Message(.columnAllocated), numeric: true),
                ReportColumn("investment", Message(.columnInvestment), numeric: true),
                ReportColumn("recurrent", Message(.columnRecurrent), numeric: true),
                ReportColumn("weight", Message(.columnWeight), numeric: true),
                ReportColumn("weightRange", Message(.columnWeightRange), visibility: technical),
                ReportColumn("label", Message(.columnProject), visibility: .data), ReportColumn("name", Message(.columnProject), visibility: .data),
                ReportColumn("isLeaf", Message(.columnProject), visibility: .data),
                ReportColumn("floor", Message(.columnProject), numeric: true, visibility: .data),
                ReportColumn("excludedReason", Message(.columnProject), visibility: .data),
            ],
            rows: rows)
        return ReportSection(id: "projects", title: Message(.sectionProjects), blocks: [.table(table)])
    }

    /// Depth of each project below the top of the plan (leaves are indented under their parents).
    private static func depths(_ projects: [Project]) -> [String: Int] {
        var depth: [String: Int] = [:]
        func visit(_ project: Project, _ level: Int) {
            depth[project.code] = project.isLeaf ? 1 : level
            for child in project.children { visit(child, level + 1) }
        }
        for project in projects { visit(project, 0) }
        return depth
    }

    private func sourceSection(_ result: SolvedPlan) -> ReportSection {
        let sums = AllocationSums(result.allocation)
        let finalStage = result.stageValues.last?.stage
        var rows: [[ReportCell]] = []
        var sentences: [Message] = []
        for source in structure.plan.sources {
            let used = sums.total(source: source.id)
            var price: Double?, priceRange: ReportRange?, needPrice: Double?, needRange: ReportRange?
            if let i = result.compiled.rowIndex(.source(source.id)) {
                if let report = result.sensitivity { (price, priceRange) = rowSensitivity(i, report: report, compiled: result.compiled) }
                if let report = result.fundedNeedSensitivity { (needPrice, needRange) = rowSensitivity(i, report: report, compiled: result.compiled) }
            }
            rows.append([
                .localized(source.name), .message(PlanWording.level(source.level)),
                source.available.map { .amount($0, mark: source.spendInFull ? "*" : nil) } ?? .none, .amount(used),
                price.map(ReportCell.number) ?? .none,
                .code(source.id), .code(source.level.rawValue), .text(source.capital.map(\.rawValue).joined(separator: " ")),
                .bool(source.spendInFull), priceRange.map(ReportCell.range) ?? .empty, needPrice.map(ReportCell.number) ?? .none,
                needRange.map(ReportCell.range) ?? .empty,
            ])
            let current = source.available ?? used
            if let needPrice, let needRange {
                sentences.append(sentence(Message(.sensitivityFundsNeed, .localized(source.name), .number(needPrice)), needRange, current: current))
            }
            if finalStage != .maximizeFundedNeed, let price, let priceRange, let finalStage {
                let head = Message(.sensitivityChangesObjective, .localized(source.name), .message(PlanWording.stage(finalStage)), .number(price))
                sentences.append(sentence(head, priceRange, current: current))
            }
        }
        let table = ReportTable(
            id: "sources",
            columns: [
                ReportColumn("name", Message(.columnSource)), ReportColumn("levelName", Message(.columnLevel)),
                ReportColumn("available", Message(.columnAvailable), numeric: true), ReportColumn("used", Message(.columnUsed), numeric: true),
                ReportColumn("shadowPrice", Message(.columnShadowPrice), numeric: true, visibility: technical),
                ReportColumn("id", Message(.columnSource), visibility: .data), ReportColumn("level", Message(.columnLevel), visibility: .data),
                ReportColumn("capital", Message(.columnCapital), visibility: .data),
                ReportColumn("spendInFull", Message(.sourcesFootnote), visibility: .data),
                ReportColumn("range", Message(.columnRange), visibility: technicalData),
                ReportColumn("fundedNeedShadowPrice", Message(.columnShadowPrice), numeric: true, visibility: technicalData),
                ReportColumn("fundedNeedRange", Message(.columnRange), visibility: technicalData),
            ],
            rows: rows)
        var blocks: [ReportBlock] = [.table(table)]
        // The sentences read the shadow prices and ranges: the technical view.
        if detail, !sentences.isEmpty { blocks.append(.items(sentences)) }
        return ReportSection(id: "sources", title: Message(.sectionSources), blocks: blocks)
    }

    /// "…: each extra million funds 0.75 million more (weighted) need, up to 434.5 more (where … starts to
    /// bind); downwards, up to 200 less (where …)".
    private func sentence(_ head: Message, _ range: ReportRange, current: Double) -> Message {
        var parts = [head]
        if let upper = range.upper {
            parts.append(range.upperLimit.map { Message(.sensitivityUpToWhere, .amount(upper - current), .message($0)) }
                ?? Message(.sensitivityUpTo, .amount(upper - current)))
        } else {
            parts.append(Message(.sensitivityNoLimitUp))
        }
        if let lower = range.lower {
            parts.append(range.lowerLimit.map { Message(.sensitivityDownToWhere, .amount(current - lower), .message($0)) }
                ?? Message(.sensitivityDownTo, .amount(current - lower)))
        } else {
            parts.append(Message(.labelledText, .text("")))
        }
        return Message(.joined, arguments: parts.map(MessageArgument.message))
    }

    private func ruleSection(_ result: SolvedPlan) -> ReportSection? {
        let rules = structure.loaded.rules
        var rows: [[ReportCell]] = []
        for item in result.checkItems where item.kind == .counterpart || item.kind == .share {
            var price: Double?, rangeInfo: ReportRange?
            if let i = result.compiled.rowIndex(.rule(id: item.id, instance: item.instance)), let report = result.sensitivity {
                (price, rangeInfo) = rowSensitivity(i, report: report, compiled: result.compiled)
                // The row reads (money counted) − (requirement) ≥ 0; its right-hand side is a shift of the
                // requirement, so the range is reported as the required amount it allows.
                if var shifted = rangeInfo {
                    shifted.lower = shifted.lower.map { item.required + $0 }
                    shifted.upper = shifted.upper.map { item.required + $0 }
                    rangeInfo = shifted
                }
            }
            rows.append(ruleRow(id: item.id, instance: item.instance, kind: item.kind.rawValue, required: item.required,
                                achieved: item.achieved, slack: item.slack, binding: item.isBinding, satisfied: item.satisfied,
                                price: price, range: rangeInfo))
        }
        let sums = AllocationSums(result.allocation)
        for rule in rules {
            // Bars and investment-only rules are met by construction (the forbidden amounts are not
            // variables); they are listed with the money that would break them, measured on the allocation.
            let forbidden: Double
            switch rule.kind {
            case .bar(let source, _):
                forbidden = sums.sum { $0.source == source && structure.isBarred(source: source, leaf: $0.project) }
            case .investmentOnly:
                forbidden = sums.sum { $0.capital == .investment && !structure.capital($0.project).contains(.investment) }
            default: continue
            }
            rows.append(ruleRow(id: rule.id, instance: nil, kind: rule.kind.reportName, required: 0, achieved: forbidden, slack: -forbidden,
                                binding: false, satisfied: forbidden <= Tolerances.zeroAmount, price: nil, range: nil))
        }
        guard !rows.isEmpty else { return nil }
        let table = ReportTable(
            id: "rules",
            columns: [
                ReportColumn("name", Message(.columnRule)), ReportColumn("project", Message(.columnProject)),
                ReportColumn("required", Message(.columnRequired), numeric: true),
                ReportColumn("achieved", Message(.columnAchieved), numeric: true), ReportColumn("slack", Message(.columnSlack), numeric: true),
                ReportColumn("binding", Message(.columnBinding), visibility: technical),
                ReportColumn("shadowPrice", Message(.columnShadowPrice), numeric: true, visibility: technical),
                ReportColumn("range", Message(.columnRange), visibility: technical),
                ReportColumn("rule", Message(.columnRule), visibility: .data),
                ReportColumn("id", Message(.columnRule), visibility: .data), ReportColumn("instance", Message(.columnRule), visibility: .data),
                ReportColumn("kind", Message(.columnRule), visibility: .data), ReportColumn("satisfied", Message(.columnRule), visibility: .data),
            ],
            rows: rows)
        return ReportSection(id: "rules", title: Message(.sectionRules), blocks: [.table(table)])
    }

    private func ruleRow(id: String, instance: String?, kind: String, required: Double, achieved: Double, slack: Double, binding: Bool,
                         satisfied: Bool, price: Double?, range: ReportRange?) -> [ReportCell] {
        [.message(wording.ruleName(id)), instance.map { ReportCell.code($0) } ?? .empty,
         .amount(required), .amount(achieved), .amount(slack), .bool(binding),
         price.map(ReportCell.number) ?? .none, range.map(ReportCell.range) ?? .empty,
         .code(instance.map { "\(id) [\($0)]" } ?? id), .code(id), instance.map { ReportCell.code($0) } ?? .empty, .code(kind), .bool(satisfied)]
    }

    // MARK: - Sensitivity in plan terms

    /// Shadow price of a row and the range of its right-hand side over which it holds.
    ///
    /// A binding (non-basic) row takes its range from GLPK's bound analysis. A slack (basic) row has a zero
    /// shadow price that holds until its limit is tightened to the current activity, where it starts to bind.
    private func rowSensitivity(_ i: Int, report: SensitivityReport, compiled: CompiledPlan) -> (Double?, ReportRange?) {
        let entry = report.rows[i]
        if entry.status != .basic {
            return (entry.marginal, range(lower: entry.lower.activity, upper: entry.upper.activity,
                                          lowerLimit: entry.lower.limitingVariable, upperLimit: entry.upper.limitingVariable, compiled: compiled))
        }
        let itself = Variable.row(i)
        switch (entry.bounds.hasFiniteLower, entry.bounds.hasFiniteUpper) {
        case (false, true):
            return (0, range(lower: entry.activity, upper: .infinity, lowerLimit: itself, upperLimit: nil, compiled: compiled, itself: itself))
        case (true, false):
            return (0, range(lower: -.infinity, upper: entry.activity, lowerLimit: nil, upperLimit: itself, compiled: compiled, itself: itself))
        default: return (0, nil)  // a degenerate basic equality: no range without a second analysis
        }
    }

    private func range(lower: Double, upper: Double, lowerLimit: Variable?, upperLimit: Variable?, compiled: CompiledPlan,
                       itself: Variable? = nil, plain: Bool = false) -> ReportRange {
        func name(_ v: Variable?) -> String? {
            guard let v else { return nil }
            return compiled.program.name(of: v)
        }
        func words(_ v: Variable?) -> Message? {
            guard let v else { return nil }
            // A slack limit's range ends where the limit itself starts to bind.
            if v == itself { return Message(.limitItself) }
            switch v {
            case .row(let i): return wording.row(compiled.rows[i])
            case .column(let j): return wording.column(compiled.columns[j], rows: compiled.rows)
            }
        }
        return ReportRange(
            lower: lower.isFinite ? lower : nil, upper: upper.isFinite ? upper : nil, plain: plain,
            lowerLimit: lower.isFinite ? words(lowerLimit) : nil, upperLimit: upper.isFinite ? words(upperLimit) : nil,
            lowerLimitName: lower.isFinite ? name(lowerLimit) : nil, upperLimitName: upper.isFinite ? name(upperLimit) : nil)
    }
}

extension RuleKind {
    /// The rule kind's id in reports.
    var reportName: String {
        switch self {
        case .counterpart: "counterpart"
        case .share: "share"
        case .bar: "bar"
        case .investmentOnly: "investment-only"
        }
    }
}
