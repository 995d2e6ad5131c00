import ArgumentParser
import Foundation
import CoFund
import GLPK
import LinearProgramming

extension ReportFormat: ExpressibleByArgument {}

/// `cofund solve PLAN`: the allocation, every rule, the sensitivity, or the diagnosis.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Find an allocation that meets every rule of a plan and report it with its sensitivity."
    )

    @OptionGroup var input: PlanArgument

    @OptionGroup var destination: ReportOptions

    @Flag(name: .long, help: "Add the technical view of the optimisation to the report: shadow prices, their ranges and the LP names of what limits them.")
    var detail = false

    @Flag(name: .long, help: "Show GLPK's progress messages.")
    var verbose = false

    @Flag(name: .long, help: "Solve every objective stage in exact rational arithmetic, each held exactly (small plans).")
    var exact = false

    @Flag(name: .long, help: "Keep the continuous optimum: amounts are not rounded to whole units of the plan (whole millions by default).")
    var exactAmounts = false

    @Option(name: .long, help: ArgumentHelp("Write the proposal as a plan file whose stated amounts are the proposal, to edit and `check` (its targets and area table stay as written).", valueName: "FILE"))
    var write: String?

    @Option(name: .long, help: "Stop after this many seconds in the solver, all solves of the plan together (default 60).")
    var timeLimit: Double = SolveOptions.defaultTimeLimitSeconds

    @Option(name: .long, help: "Stop a solve after this many simplex iterations (default 1000000).")
    var iterationLimit: Int = SolveOptions.defaultIterationLimit

    func validate() throws {
        guard timeLimit.isFinite && timeLimit > 0 && timeLimit <= 1_000_000 else {
            throw input.usage(.usageTimeLimit)
        }
        guard iterationLimit > 0 && iterationLimit <= Int(Int32.max) else {
            throw input.usage(.usageIterationLimit, .integer(Int(Int32.max)))
        }
    }

    func run() throws {
        let out = input.output
        let loaded = try out.loadPlan(input.plan)
        let files = try Output.Files([("--output", destination.output), ("--write", write)], inputs: loaded, output: out)
        let prepared = try out.prepare(loaded)
        let report: Report
        let outcome: PlanOutcome
        do {
            let solver = PlanSolver(factory: GLPKSolver(), options: SolveOptions(
                iterationLimit: iterationLimit, timeLimitSeconds: timeLimit, verbose: verbose, exact: exact), wholeUnits: !exactAmounts)
            var planSolver = solver
            planSolver.sensitivity = true
            planSolver.threads = ProcessInfo.processInfo.activeProcessorCount
            let result = try planSolver.solve(prepared)
            report = SolveReportBuilder(prepared.structure, detail: detail).build(result)
            outcome = result.outcome
            if let write, let solved = result.solved {
                try files.stage(write, text: try proposal(loaded, prepared.structure, solved, to: write))
            }
        } catch {
            throw out.fail(error)
        }
        try out.write(report, as: destination.format, to: destination.output, files: files)
        throw CoFundExit.forOutcome(outcome)
    }

    /// The plan file with the proposal's figures, its references re-pointed from the new file's folder.
    private func proposal(_ loaded: LoadedPlan, _ structure: PlanStructure, _ solved: SolvedPlan, to path: String) throws -> String {
        let text = try String(contentsOfFile: loaded.planPath, encoding: .utf8)
        let folder = (path as NSString).deletingLastPathComponent
        var references = ["ruleSet": PlanFileRewriter.relativePath(to: loaded.ruleSetPath, from: folder.isEmpty ? "." : folder)]
        if let table = loaded.areaTablePath { references["areas"] = PlanFileRewriter.relativePath(to: table, from: folder.isEmpty ? "." : folder) }
        let words = Localizer(input.lang)
        let header = [words.text(Message(.proposalHeader, .text(loaded.planPath))),
                      words.text(Message(solved.whole == nil ? .proposalHeaderExact : .proposalHeaderWhole))]
        return try ProposalPlanWriter.write(structure, allocation: solved.allocation, originalText: text, header: header, references: references)
    }
}
