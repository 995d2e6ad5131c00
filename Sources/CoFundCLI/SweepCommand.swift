import ArgumentParser
import Foundation
import CoFund
import GLPK
import LinearProgramming

/// `cofund sweep PLAN --vary PATH=FROM..TO`: the plan along one figure, with its exact breakpoints.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Solve a plan along one figure and find the exact points where the allocation changes course.",
        discussion: """
            PATH is what a scenario's `set` takes (sources.central.available, projects.DA2.need, \
            rules.ID.ratio, …) or a source's id. Each step is solved as `solve` solves the plan; between the \
            steps, the breakpoints of every objective are found exactly by parametric analysis (for amounts: \
            money available, needs, floors, fixed amounts).
            """
    )

    @OptionGroup var input: PlanArgument

    @Option(name: .long, help: ArgumentHelp("The figure and its range, e.g. central=4000..6000.", valueName: "PATH=FROM..TO"))
    var vary: String

    @Option(name: .long, help: "Equal steps from FROM to TO (default 10).")
    var steps: Int = 10

    @Option(name: .long, help: ArgumentHelp("Draw allocations and objectives against the figure, breakpoints marked, as SVG.", valueName: "FILE.svg"))
    var chart: String?

    @OptionGroup var destination: ReportOptions

    @OptionGroup var options: StudyOptions

    func validate() throws {
        try options.validate(input)
        guard (1...SweepRunner<GLPKSolver>.maximumSteps).contains(steps) else {
            throw input.usage(.usageSteps, .integer(SweepRunner<GLPKSolver>.maximumSteps))
        }
    }

    func run() throws {
        let out = input.output
        let loaded = try out.loadPlan(input.plan)
        let files = try Output.Files([("--output", destination.output), ("--chart", chart)], inputs: loaded, output: out)
        let report: Report
        var outcome = CoFundExit.solved
        do {
            let spec = try ScenarioLoader.vary(vary)
            let solver = options.solver
            let progress = Progress(label: "sweep")
            let study = try SweepRunner(solver: solver, threads: options.threads).run(
                base: loaded, path: spec.path, edit: spec.edit, location: spec.location, from: spec.from, to: spec.to, steps: steps) {
                progress.update($0, $1)
            }
            let builder = SweepReportBuilder()
            report = builder.build(study)
            // Nothing could be solved at any step: the plan lacks amounts, as `solve` and `whatif` say with 2.
            if SweepReportBuilder.missingEverywhere(study) != nil { outcome = CoFundExit.missingInputs }
            if let chart { try files.stage(chart, text: SVGChartRenderer.render(builder.chart(study), language: input.lang)) }
        } catch {
            throw out.fail(error)
        }
        try out.write(report, as: destination.format, to: destination.output, files: files, threads: options.threads)
        if outcome != CoFundExit.solved { throw outcome }
    }
}
