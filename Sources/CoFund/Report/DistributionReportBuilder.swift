/// The report of `cofund distribute`, as sections without a language: how the money was divided and how
/// far from the formula, each area's score and share, its money per project and per source and capital
/// type with the reason for any difference from its share, the provinces of a hierarchical run, what to
/// change where no division meets the limits, the re-check, and the plan's own sensitivity as `solve`
/// reports it.
public struct DistributionReportBuilder: Sendable {
    public var detail: Bool

    public init(detail: Bool = false) { self.detail = detail }

    public func build(_ study: DistributionStudy) -> Report {
        let setup = study.setup
        let structure = setup.structure
        let solveReport = SolveReportBuilder(structure, detail: detail).build(study.plan)
        guard study.plan.outcome == .solved, let top = study.top else {
            // The plan itself has no allocation: what `solve` says is the whole answer.
            return Report(command: "distribute", status: study.plan.outcome.rawValue, headline: solveReport.headline,
                          plan: solveReport.plan, sections: solveReport.sections)
        }
        let lines = study.lines
        let formula = formulaAmounts(study, lines: lines)
        var sections: [ReportSection] = [summary(study, lines: lines, formula: formula), shares(setup)]
        if !lines.isEmpty {
            sections.append(areaSection(study, lines: lines, formula: formula))
            sections.append(lineSection(study, lines: lines, formula: formula))
        }
        if setup.isHierarchical, case .solved(let first) = top { sections.append(groupSection(study, first)) }
        if let repairs = repairSection(study) { sections.append(repairs) }
        if !study.checks.isEmpty { sections.append(checkSection(study.checks)) }
        sections += solveReport.sections.filter { $0.id == "sensitivity" }
        let outcome = study.outcome
        let headline: Message = switch outcome {
        case .solved: Message(.distHeadlineSolved, .amount(Double(setup.areas.count)), .amount(lines.reduce(0) { $0 + $1.amount }))
        case .infeasible: Message(.distHeadlineInfeasible)
        default: Message(.distHeadlineUnfinished)
        }
        return Report(command: "distribute", status: outcome.rawValue, headline: headline, plan: solveReport.plan, sections: sections)
    }

    // MARK: - Sections

    private func summary(_ study: DistributionStudy, lines: [DistributionLine], formula: [Double]) -> ReportSection {
        let setup = study.setup
        var items: [Message] = [Message(.distFormulaIs, .localized(setup.formula.name.vi.isEmpty ? LocalizedText(vi: setup.formula.id) : setup.formula.name),
                                        .text(setup.formula.id))]
        items.append(setup.isHierarchical ? Message(.distAreasInGroups, .amount(Double(setup.areas.count)), .amount(Double(setup.groups.count)))
                                          : Message(.distAreasOneLevel, .amount(Double(setup.areas.count))))
        if !lines.isEmpty {
            let continuous = zip(lines, formula).reduce(0) { $0 + abs($1.0.continuous - $1.1) }
            let whole = zip(lines, formula).reduce(0) { $0 + abs($1.0.amount - $1.1) }
            items.append(Message(.distDistance, .amount(Self.clean(continuous)), .amount(Self.clean(whole))))
            let largest = lines.indices.map { abs(lines[$0].amount - formula[$0]) }.max() ?? 0
            items.append(Message(.distLargestDifference, .amount(Self.clean(largest))))
            if setup.isHierarchical {
                // The provinces' own amounts are whole before their communes are divided.
                let provinces = zip(lines, formula).reduce(0) { $0 + abs($1.0.levelTarget - $1.1) }
                items.append(Message(.distDistanceFromProvinces, .amount(Self.clean(provinces))))
            }
        }
        switch setup.settings.counterpart {
        case .perArea: items.append(Message(.distCounterpartPerArea))
        case .perProvince where setup.isHierarchical: items.append(Message(.distCounterpartPerProvince))
        default: break
        }
        for outcome in [study.top].compactMap({ $0 }) + study.groups {
            if case .solved(let solution) = outcome, solution.noWhole != nil {
                items.append(Message(.distNoWhole))
                break
            }
        }
        return ReportSection(id: "distribution", title: Message(.distSection),
                             blocks: [.items(items), .paragraph(Message(.distMeasure))])
    }

    private func shares(_ setup: DistributionSetup) -> ReportSection {
        let total = setup.areas.reduce(0) { $0 + $1.score }
        let criteria = setup.formula.criteria.enumerated().filter { index, _ in setup.areas.contains { $0.criterionTerms[index] != 0 } }
        var columns = [ReportColumn("area", Message(.distColumnArea))]
        if setup.isHierarchical { columns.append(ReportColumn("group", Message(.distColumnGroup))) }
        if !setup.formula.classes.isEmpty { columns.append(ReportColumn("class", Message(.distColumnClass), numeric: true)) }
        columns += criteria.map { ReportColumn("criterion-\($0.element.name)", DistributionWording.criterion($0.element), numeric: true) }
        columns += [ReportColumn("score", Message(.distColumnScore), numeric: true), ReportColumn("share", Message(.distColumnShare), numeric: true)]
        let groupName = setup.groupName
        let rows: [[ReportCell]] = setup.areas.map { area in
            var row: [ReportCell] = [.text(area.name)]
            if setup.isHierarchical { row.append(.text(area.parent.flatMap { groupName[$0] } ?? "")) }
            if !setup.formula.classes.isEmpty { row.append(.number(area.classCoefficient)) }
            row += criteria.map { .number(area.criterionTerms[$0.offset]) }
            row += [.number(area.score), .percent(total > 0 ? area.score / total : 0)]
            return row
        }
        return ReportSection(id: "shares", title: Message(.distSectionShares), blocks: [.table(ReportTable(id: "shares", columns: columns, rows: rows))])
    }

    /// Each line's amount by the formula for the whole run: the area's share of the plan's money for it.
    private func formulaAmounts(_ study: DistributionStudy, lines: [DistributionLine]) -> [Double] {
        let setup = study.setup
        var total: [AllocationKey: Double] = [:], weightSum: [String: Double] = [:]
        for line in lines { total[line.key, default: 0] += line.amount }
        func weight(_ leaf: String, _ area: Int) -> Double { setup.reaches(leaf, setup.areas[area]) ? setup.areas[area].score : 0 }
        return lines.map { line in
            let sum = weightSum[line.key.project] ?? setup.areas.indices.reduce(0) { $0 + weight(line.key.project, $1) }
            weightSum[line.key.project] = sum
            return sum > 0 ? (total[line.key] ?? 0) * weight(line.key.project, line.area) / sum : 0
        }
    }

    private func areaSection(_ study: DistributionStudy, lines: [DistributionLine], formula: [Double]) -> ReportSection {
        let setup = study.setup
        let causes = DistributionCauses(study, lines: lines)
        // The reason shown for a project is that of its line (source, capital type) furthest from its share.
        struct Sum { var formula = 0.0, amount = 0.0, cause: Message?, causeWeight = 0.0 }
        struct Key: Hashable { var area: Int, project: String }
        var order: [Key] = [], position: [Key: Int] = [:], sums: [Sum] = []
        for (index, line) in lines.enumerated() {
            let key = Key(area: line.area, project: line.key.project)
            let k: Int
            if let known = position[key] {
                k = known
            } else {
                k = sums.count
                position[key] = k
                order.append(key)
                sums.append(Sum())
            }
            sums[k].formula += formula[index]
            sums[k].amount += line.amount
            let weight = abs(line.amount - formula[index])
            if sums[k].cause == nil || weight > sums[k].causeWeight, let cause = causes.cause(of: index, line: line, formula: formula[index]) {
                sums[k].cause = cause
                sums[k].causeWeight = weight
            }
        }
        let rows: [[ReportCell]] = zip(order, sums).map { key, sum in
            let difference = Self.clean(sum.amount - sum.formula)
            return place(setup.areas[key.area], setup) + [.code(key.project), .amount(Self.clean(sum.formula)), .amount(sum.amount),
                                                          .amount(difference, zeroAs: "0"), sum.cause.map { .message($0) } ?? .empty]
        }
        let footer: [[ReportCell]] = [[.message(Message(.distTotal))] + placeColumns(setup, .always).dropFirst().map { _ in .empty }
            + [.empty, .amount(Self.clean(formula.reduce(0, +))), .amount(lines.reduce(0) { $0 + $1.amount }), .empty, .empty]]
        let table = ReportTable(id: "areas", columns: placeColumns(setup, .always) + [ReportColumn("project", Message(.columnProject)),
            ReportColumn("formula", Message(.distColumnFormula), numeric: true), ReportColumn("amount", Message(.distColumnProposed), numeric: true),
            ReportColumn("difference", Message(.distColumnDifference), numeric: true), ReportColumn("cause", Message(.distColumnCause))],
            rows: rows, footer: footer)
        return ReportSection(id: "areas", title: Message(.distSectionAreas), blocks: [.table(table)])
    }

    /// Where a line is: the area's name, its province's in a two-level run (names repeat across provinces:
    /// Ba Đình is a ward of Hà Nội and a commune of Thanh Hoá), and the area's id for programs.
    private func placeColumns(_ setup: DistributionSetup, _ visibility: ReportColumn.Visibility) -> [ReportColumn] {
        [ReportColumn("area", Message(.distColumnArea), visibility: visibility)]
            + (setup.isHierarchical ? [ReportColumn("group", Message(.distColumnGroup), visibility: visibility)] : [])
            + [ReportColumn("areaId", Message(.distColumnAreaId), visibility: .data)]
    }

    private func place(_ area: DistributionArea, _ setup: DistributionSetup) -> [ReportCell] {
        [.text(area.name)] + (setup.isHierarchical ? [.text(area.parent.flatMap { setup.groupName[$0] } ?? "")] : []) + [.code(area.id)]
    }

    /// Up to this many areas a person reads the lines per source in the text report; beyond it (a country)
    /// they are data (JSON, CSV) unless asked for with --detail.
    static let areasShownPerSource = 200

    private func lineSection(_ study: DistributionStudy, lines: [DistributionLine], formula: [Double]) -> ReportSection {
        let setup = study.setup, structure = setup.structure
        let shown: ReportColumn.Visibility = detail || setup.areas.count <= Self.areasShownPerSource ? .always : .data
        let rows: [[ReportCell]] = lines.enumerated().map { index, line in
            let source = structure.source(line.key.source)
            return place(setup.areas[line.area], setup) + [.code(line.key.project),
                    source.map { .localized($0.name) } ?? .text(line.key.source), .message(PlanWording.capital(line.key.capital)),
                    .amount(Self.clean(formula[index])), .amount(line.amount), .code(line.key.source), .code(line.key.capital.rawValue)]
        }
        let table = ReportTable(id: "lines", columns: placeColumns(setup, shown) + [ReportColumn("project", Message(.columnProject), visibility: shown),
            ReportColumn("source", Message(.columnSource), visibility: shown), ReportColumn("capital", Message(.columnCapital), visibility: shown),
            ReportColumn("formula", Message(.distColumnFormula), numeric: true, visibility: shown),
            ReportColumn("amount", Message(.distColumnProposed), numeric: true, visibility: shown),
            // The plan's ids, for programs reading the data: the names above are in the reader's language.
            ReportColumn("sourceId", Message(.columnSource), visibility: .data), ReportColumn("capitalId", Message(.columnCapital), visibility: .data)],
            rows: rows)
        let note: [ReportBlock] = shown == .always ? [] : [.paragraph(Message(.distLinesInData, .amount(Double(lines.count))))]
        return ReportSection(id: "lines", title: Message(.distSectionLines), blocks: note + [.table(table)])
    }

    private func groupSection(_ study: DistributionStudy, _ first: DistributionLevelSolution) -> ReportSection {
        let setup = study.setup
        var target = Array(repeating: 0.0, count: setup.groups.count), amount = target
        for (index, pair) in first.problem.pairs.enumerated() {
            target[pair.unit] += pair.target
            amount[pair.unit] += first.amounts[index]
        }
        let rows: [[ReportCell]] = setup.groups.indices.map { g in
            let outcome: Message = switch study.groups.indices.contains(g) ? study.groups[g] : nil {
            case .solved?: Message(.distGroupSolved)
            case .infeasible?: Message(.distGroupInfeasible)
            default: Message(.distGroupUnfinished)
            }
            return [.text(setup.groups[g].name), .integer(setup.groups[g].members.count), .amount(Self.clean(target[g])), .amount(amount[g]),
                    .amount(Self.clean(amount[g] - target[g]), zeroAs: "0"), .message(outcome)]
        }
        let table = ReportTable(id: "groups", columns: [
            ReportColumn("group", Message(.distColumnGroup)), ReportColumn("areas", Message(.distColumnAreas), numeric: true),
            ReportColumn("formula", Message(.distColumnFormula), numeric: true), ReportColumn("amount", Message(.distColumnProposed), numeric: true),
            ReportColumn("difference", Message(.distColumnDifference), numeric: true), ReportColumn("outcome", Message(.distColumnOutcome))],
            rows: rows)
        return ReportSection(id: "groups", title: Message(.distSectionGroups), blocks: [.table(table)])
    }

    private func repairSection(_ study: DistributionStudy) -> ReportSection? {
        let setup = study.setup
        var items: [Message] = []
        func add(_ infeasible: DistributionInfeasible, where place: Message) {
            let problem = infeasible.problem
            for repair in infeasible.repairs {
                let unit = problem.units[repair.unit].name
                if let spec = repair.limit {
                    let limit = setup.limits[spec]
                    items.append(Message(repair.to > repair.from ? .distRepairRaise : .distRepairLower, .message(place), .text(unit),
                                         .message(DistributionWording.limit(limit, setup)), .amount(Self.clean(repair.from)), .amount(Self.clean(repair.to))))
                } else if let index = repair.counterpart {
                    let row = problem.counterparts[index]
                    items.append(Message(.distRepairCounterpart, .message(place), .text(unit), .text(row.rule), .amount(Self.clean(-repair.to))))
                }
            }
        }
        if case .infeasible(let infeasible)? = study.top {
            add(infeasible, where: Message(setup.isHierarchical ? .distWhereGroups : .distWhereAll))
        }
        for (g, outcome) in study.groups.enumerated() {
            if case .infeasible(let infeasible) = outcome { add(infeasible, where: Message(.distWhereGroup, .text(setup.groups[g].name))) }
        }
        guard !items.isEmpty else { return nil }
        return ReportSection(id: "repair", title: Message(.distSectionRepair), blocks: [.items(items)])
    }

    private func checkSection(_ checks: [DistributionCheckItem]) -> ReportSection {
        let failed = checks.filter { !$0.satisfied }
        var blocks: [ReportBlock] = [.paragraph(failed.isEmpty ? Message(.distCheckHolds, .amount(Double(checks.count)))
                                                               : Message(.distCheckFails, .amount(Double(failed.count)), .amount(Double(checks.count))))]
        if !failed.isEmpty {
            blocks.append(.items(failed.prefix(50).map { item in
                Message(.distCheckItem, .text(item.id), .text(item.area ?? ""), .amount(item.required), .amount(item.achieved))
            }))
        }
        return ReportSection(id: "check", title: Message(.distSectionCheck), blocks: blocks)
    }

    // MARK: - Words

    /// A figure computed in floating point, shown without its last-digit noise.
    static func clean(_ value: Double) -> Double {
        let rounded = (value * 1e6).rounded() / 1e6
        return rounded == 0 ? 0 : rounded
    }
}
