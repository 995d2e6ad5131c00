/// The report of `cofund check`, as sections without a language: what was checked and the unit assumed,
/// then every finding, errors first, with its figures.
public struct CheckReportBuilder {
    public let structure: PlanStructure

    public init(_ structure: PlanStructure) { self.structure = structure }

    public func build(_ result: PlanCheckResult) -> Report {
        let counts = Dictionary(grouping: result.findings, by: \.severity).mapValues(\.count)
        let errors = counts[.error] ?? 0, rounding = counts[.withinRounding] ?? 0, notes = counts[.note] ?? 0
        let headline: Message =
            errors > 0 && rounding == 0 ? Message(.checkHeadlineErrorsOnly, .integer(errors))
            : errors > 0 ? Message(.checkHeadlineErrors, .integer(errors), .integer(rounding))
            : rounding > 0 ? Message(.checkHeadlineRounding, .integer(rounding)) : Message(.checkHeadlineClean)
        var sections = [summarySection(result, errors: errors, rounding: rounding, notes: notes)]
        if !result.findings.isEmpty { sections.append(findingSection(result.findings)) }
        let status = errors > 0 ? "errors" : rounding > 0 ? "within-rounding" : "clean"
        return Report(command: "check", status: status, headline: headline, plan: SolveReportBuilder.header(structure), sections: sections)
    }

    private func summarySection(_ result: PlanCheckResult, errors: Int, rounding: Int, notes: Int) -> ReportSection {
        let reason: Message
        switch result.rounding.reason {
        case .stated: reason = Message(.checkUnitFromPlan)
        case .wholeFigures: reason = Message(.checkUnitWhole)
        case .decimals(let d): reason = Message(.checkUnitDecimals, .integer(d))
        }
        return ReportSection(id: "checked", title: Message(.sectionCheckSummary), blocks: [
            .paragraph(Message(.checkUnitAssumed, .number(result.rounding.value), .message(reason))),
            .paragraph(Message(.checkRoundingMeaning)),
            .paragraph(Message(.checkHeldCount, .integer(result.held))),
            .paragraph(Message(.checkCounts, .integer(errors), .integer(rounding), .integer(notes))),
        ])
    }

    private func findingSection(_ findings: [Finding]) -> ReportSection {
        let table = ReportTable(
            id: "findings",
            columns: [
                ReportColumn("no", Message(.labelledText, .text("#")), numeric: true),
                ReportColumn("severity", Message(.columnSeverity)),
                ReportColumn("kind", Message(.columnKind)),
                ReportColumn("where", Message(.columnWhere)),
                ReportColumn("stated", Message(.columnStated), numeric: true),
                ReportColumn("expected", Message(.columnExpected), numeric: true),
                ReportColumn("difference", Message(.columnDifference), numeric: true),
                ReportColumn("beyond_rounding", Message(.columnBeyondRounding), numeric: true),
                ReportColumn("file", Message(.columnFile), visibility: .data),
                ReportColumn("line", Message(.columnLine), visibility: .data),
                ReportColumn("severity_code", Message(.columnSeverity), visibility: .data),
                ReportColumn("kind_code", Message(.columnKind), visibility: .data),
                ReportColumn("finding", Message(.columnFinding), visibility: .data),
                ReportColumn("cause", Message(.columnCause), visibility: .data),
            ],
            rows: findings.enumerated().map { k, finding in
                [.integer(k + 1), .message(Self.severity(finding.severity)), .message(Self.kind(finding.kind)), .message(finding.subject),
                 figure(finding.stated, finding.quantity), figure(finding.expected, finding.quantity),
                 figure(finding.difference, finding.quantity), finding.beyondRounding.map { .number($0) } ?? .empty,
                 finding.location.map { .text($0.file) } ?? .empty, finding.location.map { .integer($0.line) } ?? .empty,
                 .code(finding.severity.rawValue), .code(finding.kind.rawValue), .message(finding.statement),
                 finding.cause.map { .message($0) } ?? .empty]
            })
        // The sentences, numbered as the table's rows, with where each one is in the files.
        let items = findings.enumerated().map { k, finding in
            Message(.checkFindingItem, .integer(k + 1), .text(finding.location.map { "\($0)" } ?? ""), .message(finding.statement),
                    .message(finding.cause.map { Message(.checkCauseSuffix, .message($0)) } ?? Message(.labelledText, .text(""))))
        }
        return ReportSection(id: "findings", title: Message(.sectionFindings), blocks: [.table(table), .items(items)])
    }

    private func figure(_ value: Double?, _ quantity: Finding.Quantity) -> ReportCell {
        guard let value else { return .empty }
        return quantity == .amount ? .amount(value) : .number(value)
    }

    static func severity(_ severity: Finding.Severity) -> Message {
        switch severity {
        case .error: Message(.severityError)
        case .withinRounding: Message(.severityWithinRounding)
        case .note: Message(.severityNote)
        }
    }

    static func kind(_ kind: Finding.Kind) -> Message {
        switch kind {
        case .total: Message(.findingKindTotal)
        case .rule: Message(.findingKindRule)
        case .capital: Message(.findingKindCapital)
        case .barredSource: Message(.findingKindBarredSource)
        case .areaRate: Message(.findingKindAreaRate)
        case .areaRemaining: Message(.findingKindAreaRemaining)
        case .areaSubtotal: Message(.findingKindAreaSubtotal)
        case .areaNumbering: Message(.findingKindAreaNumbering)
        case .areaCount: Message(.findingKindAreaCount)
        case .target: Message(.findingKindTarget)
        case .unit: Message(.findingKindUnit)
        case .impossible: Message(.findingKindImpossible)
        }
    }
}

extension CheckReportBuilder {
    /// The repair section of `check --fix`: the changes, or why there is none.
    public static func repairSection(_ outcome: RepairOutcome, options: RepairOptions, written: String?,
                                     writtenTable: String? = nil) -> ReportSection {
        var blocks: [ReportBlock] = []
        func changes(_ repair: PlanRepair) -> ReportBlock {
            .table(ReportTable(
                id: "changes",
                columns: [
                    ReportColumn("where", Message(.columnWhere)), ReportColumn("from", Message(.columnFrom), numeric: true),
                    ReportColumn("to", Message(.columnTo), numeric: true), ReportColumn("change", Message(.columnChange), numeric: true),
                    ReportColumn("file", Message(.columnFile), visibility: .data), ReportColumn("line", Message(.columnLine), visibility: .data),
                ],
                rows: repair.changes.map { change in
                    // A figure written in another unit shows that unit; its number need not change.
                    let from: ReportCell = change.writtenUnit.map { .message(Message(.checkAmountInUnit, .number(change.from), .text($0))) }
                        ?? .number(change.from)
                    return [.message(change.subject), from, .number(change.to), change.dropsWrittenUnit ? .empty : .number(change.to - change.from),
                            .text(change.location.file), .integer(change.location.line)]
                }))
        }
        switch outcome {
        case .repaired(let repair) where repair.changes.isEmpty && repair.targets.isEmpty && repair.areaTable == nil:
            blocks.append(.paragraph(Message(.repairNothing)))
        case .repaired(let repair):
            if !repair.changes.isEmpty {
                blocks.append(.paragraph(Message(repair.whole ? .repairWholeSummary : .repairSummary, .integer(repair.changes.count),
                                                 .number(repair.totalChange))))
                blocks.append(changes(repair))
            }
            if !repair.targets.isEmpty {
                blocks.append(.paragraph(Message(.repairTargets, .integer(repair.targets.count))))
                blocks.append(.table(ReportTable(
                    id: "targets",
                    columns: [ReportColumn("where", Message(.columnWhere)), ReportColumn("from", Message(.columnFrom), numeric: true),
                              ReportColumn("to", Message(.columnTo), numeric: true),
                              ReportColumn("file", Message(.columnFile), visibility: .data), ReportColumn("line", Message(.columnLine), visibility: .data)],
                    rows: repair.targets.map { [.message($0.subject), .number($0.from), .number($0.to), .text($0.location.file), .integer($0.location.line)] })))
            }
            if let table = repair.areaTable {
                blocks.append(.paragraph(Message(writtenTable == nil && written != nil ? .repairAreasNotWritten : .repairAreas,
                                                 .integer(table.changes.count))))
                blocks.append(.table(ReportTable(
                    id: "area-changes",
                    columns: [ReportColumn("area", Message(.columnWhere)), ReportColumn("column", Message(.columnKind)),
                              ReportColumn("from", Message(.columnFrom), numeric: true), ReportColumn("to", Message(.columnTo), numeric: true),
                              ReportColumn("line", Message(.columnLine), visibility: .data)],
                    rows: table.changes.map { [.text($0.row), .message($0.column == "no" ? Message(.findingKindAreaNumbering) : AreaColumnWords.figure($0.column)), .written($0.from), .written($0.to), .integer($0.line)] })))
            }
        case .noWholeRepair(.lockedFigureNotWhole(let subject, let value)):
            blocks.append(.paragraph(Message(.noWholeLocked, .message(subject), .number(value))))
        case .noWholeRepair(.onlyFractional(let continuous)):
            blocks.append(.paragraph(Message(.noWholeFractional)))
            blocks.append(changes(continuous))
        case .noWholeRepair(.stopped):
            blocks.append(.paragraph(Message(.noWholeStopped)))
        case .impossible:
            // With central money locked the obstacle is the central figures themselves (Trung Khánh's totals
            // leave out a central line): no rule need be involved.
            blocks.append(.paragraph(Message(options.keepCentral ? .repairImpossibleCentralKept : .repairImpossible)))
        }
        if options.keepCentral { blocks.append(.paragraph(Message(.repairCentralKept))) }
        else if options.centralLast { blocks.append(.paragraph(Message(.repairCentralLast))) }
        if let written { blocks.append(.paragraph(Message(.repairWritten, .text(written)))) }
        if let writtenTable { blocks.append(.paragraph(Message(.repairTableWritten, .text(writtenTable)))) }
        return ReportSection(id: "repair", title: Message(.sectionRepairPlan), blocks: blocks)
    }

    /// The comment block `--write` puts at the top of the repaired plan, in the reader's language.
    public static func repairHeader(_ repair: PlanRepair, from planPath: String, words: Localizer, tableWritten: Bool = false) -> [String] {
        var lines = [words.text(Message(.repairHeaderTitle, .text(planPath), .integer(repair.changes.count), .number(repair.totalChange)))]
        if repair.whole { lines.append(words.text(Message(.repairHeaderWhole))) }
        for change in repair.changes {
            let message = change.dropsWrittenUnit
                ? Message(.repairHeaderUnit, .integer(change.location.line), .message(change.subject), .number(change.from),
                          .text(change.writtenUnit ?? ""), .number(change.to))
                : Message(.repairHeaderChange, .integer(change.location.line), .message(change.subject), .number(change.from),
                          .number(change.to))
            lines.append("  " + words.text(message))
        }
        for target in repair.targets {
            lines.append("  " + words.text(Message(.repairHeaderTarget, .integer(target.location.line), .message(target.subject),
                                                   .number(target.from), .number(target.to))))
        }
        if let table = repair.areaTable, tableWritten { lines.append(words.text(Message(.repairHeaderAreas, .integer(table.changes.count)))) }
        return lines + [""]
    }
}
