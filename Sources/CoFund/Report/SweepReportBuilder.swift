/// The report of a sweep: the exact breakpoints (where each objective's rate changes and what starts or
/// stops limiting the allocation there), then every step with its objective values, the money per project
/// and the rules that limit the allocation. `chart` draws the same figures.
public struct SweepReportBuilder: Sendable {
    public init() {}

    public func build(_ study: SweepStudy) -> Report {
        let structure = study.base.structure
        let wording = PlanWording(structure: structure)
        let subject = WhatIfReportBuilder.subject(study.edit, wording) ?? Message(.labelledText, .text(study.path))
        let stages = structure.plan.objective.stages
        let money = study.edit.isMoney
        func figure(_ value: Double) -> ReportCell { money ? .amount(value) : .number(value) }
        func figureArgument(_ value: Double) -> MessageArgument { money ? .amount(value) : .number(value) }
        var sections: [ReportSection] = []

        var blocks: [ReportBlock] = []
        if let walk = study.walk {
            let sensitivity = SensitivitySectionBuilder(structure: structure)
            let rows: [[ReportCell]] = walk.breakpoints.map { point in
                let what = point.feasibleFrom ? Message(.sweepBelowImpossible) : point.end == .infeasible ? Message(.sweepBeyondImpossible)
                    : sensitivity.cause(point.causes) ?? Message(.sweepRateChanges)
                // At its own value, to four decimals where one does not show it: 4,978.1818, not 4,978.2 (beyond the limit).
                let value = SensitivitySectionBuilder.clean(point.value)
                return [money ? SensitivitySectionBuilder.precise(value) : .number(value), .message(Message(.sweepColumnStage, .integer(point.stage + 1))),
                        point.rateBefore.map { .number(SensitivitySectionBuilder.clean($0)) } ?? .none,
                        point.rateAfter.map { .number(SensitivitySectionBuilder.clean($0)) } ?? .none, .message(what)]
            }
            if rows.isEmpty {
                blocks.append(.paragraph(Message(.sweepNoBreakpoint, figureArgument(study.from), figureArgument(study.to))))
            } else {
                blocks.append(.table(ReportTable(id: "breakpoints", columns: [
                    ReportColumn("value", subject, numeric: true), ReportColumn("stage", Message(.sensitivityColumnObjective)),
                    ReportColumn("rateBefore", Message(.sweepColumnRateBefore), numeric: true),
                    ReportColumn("rateAfter", Message(.sweepColumnRateAfter), numeric: true),
                    ReportColumn("what", Message(.sweepColumnWhat))], rows: rows)))
            }
            if walk.incomplete { blocks.append(.paragraph(Message(.sweepIncomplete))) }
        } else if let missing = Self.missingEverywhere(study) {
            blocks.append(.paragraph(Message(.sweepMissingInputs)))
            sections.append(SolveReportBuilder.missingSection(missing, wording))
        } else {
            blocks.append(.paragraph(Message(.sweepStepsOnly, .message(subject))))
        }
        blocks.append(.items(stages.enumerated().map { Message(.sweepStageLegend, .integer($0.offset + 1), .message(PlanWording.stage($0.element))) }))
        sections.append(ReportSection(id: "breakpoints", title: Message(.sweepSectionBreakpoints), blocks: blocks))

        let funded = Set(structure.allocatedLeaves.flatMap { structure.lineage($0.code) })
        let projects = structure.plan.projects.filter { funded.contains($0.code) }
        var columns = [ReportColumn("value", subject, numeric: true)]
        columns += stages.indices.map { ReportColumn("stage\($0 + 1)", Message(.sweepColumnStage, .integer($0 + 1)), numeric: true) }
        columns += projects.map { ReportColumn("project:\($0.code)", Message(.labelledText, .text($0.code)), numeric: true) }
        columns.append(ReportColumn("binding", Message(.sweepColumnBinding)))
        let rows: [[ReportCell]] = study.steps.indices.map { k in
            let step = study.steps[k]
            var row: [ReportCell] = [figure(study.values[k])]
            let values = Comparison.stageValues(step.solution)
            row += stages.map { values[$0].map { ReportCell.amount($0) } ?? .none }
            let funded = Self.byTopProject(step)
            row += projects.map { project in step.solution.solved == nil ? .none : .amount(funded[project.code] ?? 0) }
            if let solved = step.solution.solved {
                let binding = Comparison.standings(solved).filter { $0.standing == .binding }.map(\.key.id)
                row.append(.text(uniqued(binding).joined(separator: ", ")))
            } else {
                row.append(.message(WhatIfReportBuilder.outcome(step.solution)))
            }
            return row
        }
        sections.append(ReportSection(id: "steps", title: Message(.sweepSectionSteps), blocks: [.table(ReportTable(id: "steps", columns: columns, rows: rows))]))
        let count = study.walk?.breakpoints.count ?? 0
        return Report(command: "sweep", status: study.steps.allSatisfy { $0.solution.outcome == .solved } ? "solved" : "mixed",
                      headline: Message(.sweepHeadline, .message(subject), figureArgument(study.from), figureArgument(study.to),
                                        .integer(study.steps.count - 1), .integer(count)),
                      plan: SolveReportBuilder.header(structure), sections: sections)
    }

    /// The amounts missing from the plan when every step lacks some (those of the first step), else nil.
    public static func missingEverywhere(_ study: SweepStudy) -> [MissingInput]? {
        guard let first = study.steps.first, study.steps.allSatisfy({ $0.solution.outcome == .missingInputs }) else { return nil }
        return first.prepared.missingInputs
    }

    /// The chart of a sweep: money per top-level project, and each objective's value, against the figure,
    /// breakpoints marked.
    public func chart(_ study: SweepStudy) -> LineChart {
        let structure = study.base.structure
        let subject = WhatIfReportBuilder.subject(study.edit, PlanWording(structure: structure)) ?? Message(.labelledText, .text(study.path))
        let unit = Message(study.edit.isMoney ? .sweepChartMillion : .sweepChartRatio)
        let projects = structure.plan.projects.map(\.code)
        var allocation: [LineChart.Series] = []
        for code in projects {
            let points = study.steps.indices.compactMap { k -> LineChart.Point? in
                guard study.steps[k].solution.solved != nil else { return nil }
                return LineChart.Point(x: study.values[k], y: Self.byTopProject(study.steps[k])[code] ?? 0)
            }
            if points.contains(where: { $0.y != 0 }) { allocation.append(LineChart.Series(id: code, name: Message(.labelledText, .text(code)), points: points)) }
        }
        let stages = structure.plan.objective.stages
        let objective = stages.enumerated().map { k, stage in
            LineChart.Series(id: "stage\(k + 1)", name: Message(.sweepStageLegend, .integer(k + 1), .message(PlanWording.stage(stage))),
                             points: study.steps.indices.compactMap { i in
                                 Comparison.stageValues(study.steps[i].solution)[stage].map { LineChart.Point(x: study.values[i], y: $0) }
                             })
        }
        let xLabel = Message(.sweepAxisLabel, .message(subject), .message(unit))
        let markers = (study.walk?.breakpoints ?? []).map { point in
            LineChart.Marker(x: point.value, label: Message(.labelledText, study.edit.isMoney ? .amount(SensitivitySectionBuilder.clean(point.value))
                                                                                            : .number(SensitivitySectionBuilder.clean(point.value))))
        }
        return LineChart(title: Message(.sweepChartTitle, .message(subject)), xLabel: xLabel, panels: [
            LineChart.Panel(id: "allocation", title: Message(.sweepChartAllocation), yLabel: Message(.sweepChartMillion), series: allocation),
            LineChart.Panel(id: "objective", title: Message(.sweepChartObjective), yLabel: Message(.sweepChartMillion), series: objective),
        ], markers: markers)
    }

    /// Money per top-level project of a step's proposal.
    static func byTopProject(_ step: WhatIfCase) -> [String: Double] {
        guard let solved = step.solution.solved else { return [:] }
        let tops = Set(step.structure.plan.projects.map(\.code))
        var sums: [String: Double] = [:]
        for (leaf, amount) in Comparison.byLeaf(solved.allocation).sorted(by: { $0.key < $1.key }) {
            if let top = step.structure.lineage(leaf).first(where: tops.contains) { sums[top, default: 0] += amount }
        }
        return sums
    }
}

/// The first occurrence of each element, in order.
private func uniqued(_ items: [String]) -> [String] {
    var seen: Set<String> = []
    return items.filter { seen.insert($0).inserted }
}
