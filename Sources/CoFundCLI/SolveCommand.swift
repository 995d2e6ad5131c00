import ArgumentParser
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

    @Option(name: .long, help: "Stop after this many seconds in the solver, all solves of the plan together (default 60).")
    var timeLimit: Double = SolveOptions.defaultTimeLimitSeconds

    @Option(name: .long, help: "Stop a solve after this many simplex iterations (default 1000000).")
    var iterationLimit: Int = SolveOptions.defaultIterationLimit

    func validate() throws {
        guard timeLimit.isFinite && timeLimit > 0 && timeLimit <= 1_000_000 else {
            throw ValidationError("--time-limit must be a number of seconds above 0 and at most 1000000")
        }
        guard iterationLimit > 0 && iterationLimit <= Int(Int32.max) else {
            throw ValidationError("--iteration-limit must be a whole number from 1 to \(Int32.max)")
        }
    }

    func run() throws {
        let out = input.output
        let loaded = try out.loadPlan(input.plan)
        let files = try Output.Files([("--output", destination.output)], inputs: loaded, output: out)
        let prepared = try out.prepare(loaded)
        let rendered: String
        let outcome: PlanOutcome
        do {
            let solver = PlanSolver(factory: GLPKSolver(), options: SolveOptions(
                iterationLimit: iterationLimit, timeLimitSeconds: timeLimit, verbose: verbose, exact: exact))
            let result = try solver.solve(prepared)
            let report = SolveReportBuilder(prepared.structure, detail: detail).build(result)
            rendered = try ReportRenderer.render(report, format: destination.format, language: input.lang)
            outcome = result.outcome
        } catch {
            throw out.fail(error)
        }
        try out.write(rendered, to: destination.output, files: files)
        throw CoFundExit.forOutcome(outcome)
    }
}
