import ArgumentParser
import CoFund
import Foundation
import GLPK
import LinearProgramming
import OutputFiles

/// `cofund check PLAN`: every total, rule and figure of a plan as written, each verdict decided exactly;
/// with `--fix`, the nearest plan that passes, and with `--write`, that plan as a file.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a plan as written: every total against its parts, every rule on the stated amounts, rounding decided exactly."
    )

    @OptionGroup var input: PlanArgument

    @OptionGroup var destination: ReportOptions

    @Flag(name: .long, help: "Propose the nearest plan (least weighted total change: totals move before lines) whose figures add up and whose rules all hold, in whole units of the rounding unit, central money changed only where nothing else will do.")
    var fix = false

    @Flag(name: .long, help: "The same as --fix (whole units are the default; kept for scripts).")
    var whole = false

    @Flag(name: .long, help: "With --fix: repair in fractions of the unit by a linear program, not in whole units.")
    var exactAmounts = false

    @Flag(name: .long, help: "With --fix: central money changes only where nothing else will do (the default; kept for scripts).")
    var centralLast = false

    @Flag(name: .long, help: "With --fix: never change central money.")
    var keepCentral = false

    @Option(name: .long, help: "With --fix: write the repaired plan to this file (a plan file that check passes).")
    var write: String?

    @Option(name: .long, help: "With --write: write the plan's area table, its arithmetic mended, to this file; the written plan refers to it.")
    var writeAreas: String?

    var repairs: Bool { fix || whole }

    func validate() throws {
        if !repairs && (centralLast || keepCentral || exactAmounts || write != nil) {
            throw input.usage(.usageCheckRepairs)
        }
        if writeAreas != nil && write == nil { throw input.usage(.usageWriteAreas) }
        if whole && exactAmounts { throw input.usage(.usageWholeOrExact) }
    }

    func run() throws {
        let out = input.output
        let loaded = try out.loadPlan(input.plan)
        let files = try Output.Files([("--output", destination.output), ("--write", write), ("--write-areas", writeAreas)],
                                     inputs: loaded, output: out)
        let report: Report
        let result: PlanCheckResult
        var repairedText: String?
        var repairedTable: String?
        do {
            let structure = PlanStructure(loaded)
            result = try PlanAsWrittenCheck(structure).run(solver: GLPKSolver())
            report = try self.report(structure, result, repairedText: &repairedText, repairedTable: &repairedTable, words: out.words)
        } catch {
            throw out.fail(error)
        }
        if let write, let repairedText { try files.stage(write, text: repairedText) }
        if let writeAreas, let repairedTable { try files.stage(writeAreas, text: repairedTable) }
        try out.write(report, as: destination.format, to: destination.output, files: files)
        if result.hasErrors { throw CoFundExit.checkFoundErrors }
    }

    private func report(_ structure: PlanStructure, _ result: PlanCheckResult, repairedText: inout String?, repairedTable: inout String?,
                        words: Localizer) throws -> Report {
        var report = CheckReportBuilder(structure).build(result)
        guard repairs else { return report }
        // Whole units and central money last unless asked otherwise: a document is signed in whole millions,
        // and central money is assigned from above (4,978 → 4,977 is no repair a district can make).
        let options = RepairOptions(whole: !exactAmounts, centralLast: true, keepCentral: keepCentral)
        let outcome = try PlanRepairer(structure, unit: result.rounding.value)
            .repair(options, solver: GLPKSolver(), integerSolver: GLPKSolver())
        if let write, case .repaired(let repair) = outcome {
            // The mended table is written only to a file the user names: never one beside the plan on our own.
            let table = writeAreas.flatMap { path in repair.areaTable.map { (path, $0) } }
            repairedTable = table.map { AreaTableRepair.csv($0.1.table) }
            repairedText = try rewritten(structure.loaded, repair, to: write, areaTable: table?.0, words: words)
        }
        report.sections.append(CheckReportBuilder.repairSection(
            outcome, options: options, written: repairedText == nil ? nil : write, writtenTable: repairedTable == nil ? nil : writeAreas))
        return report
    }

    /// The plan file with the repaired figures in place, its references to other files re-pointed from the
    /// new file's folder.
    private func rewritten(_ loaded: LoadedPlan, _ repair: PlanRepair, to path: String, areaTable: String?, words: Localizer) throws -> String {
        let text = try String(contentsOfFile: loaded.planPath, encoding: .utf8)
        let folder = (path as NSString).deletingLastPathComponent
        var references: [(location: SourceLocation, value: String)] = []
        if let location = loaded.plan.origin.fields["ruleSet"] {
            references.append((location, PlanFileRewriter.relativePath(to: loaded.ruleSetPath, from: folder.isEmpty ? "." : folder)))
        }
        if let location = loaded.plan.origin.fields["areas"], let table = areaTable ?? loaded.areaTablePath {
            references.append((location, PlanFileRewriter.relativePath(to: table, from: folder.isEmpty ? "." : folder)))
        }
        let header = CheckReportBuilder.repairHeader(repair, from: loaded.planPath, words: words, tableWritten: areaTable != nil)
        do {
            return try PlanFileRewriter.rewrite(text, changes: repair.changes + repair.targets, header: header, references: references)
        } catch PlanFileRewriter.Failure.figureNotFound(let location) {
            // The plan changed on disk since it was read: say so rather than write a wrong file.
            throw OutputFileError.cannotWrite(path: path, reason: .system("\(loaded.planPath):\(location.line): the plan changed while it was checked"))
        }
    }
}
