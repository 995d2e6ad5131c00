import ArgumentParser
import CoFund
import GLPK
import LinearProgramming

/// `cofund check PLAN`: every total, rule and figure of a plan as written, each verdict decided exactly.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a plan as written: every total against its parts, every rule on the stated amounts, rounding decided exactly."
    )

    @OptionGroup var input: PlanArgument

    @Option(name: .long, help: "Report format: text, json, csv or markdown.")
    var format: ReportFormat = .text

    @Option(name: [.short, .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    func run() throws {
        let out = input.output
        let loaded = try out.loadPlan(input.plan)
        let files = try Output.Files([("--output", output)], inputs: loaded, output: out)
        let rendered: String
        let result: PlanCheckResult
        do {
            let structure = PlanStructure(loaded)
            result = try PlanAsWrittenCheck(structure).run(solver: GLPKSolver())
            rendered = try ReportRenderer.render(CheckReportBuilder(structure).build(result), format: format, language: input.lang)
        } catch {
            throw out.fail(error)
        }
        try out.write(rendered, to: output, files: files)
        if result.hasErrors { throw CoFundExit.checkFoundErrors }
    }
}
