import ArgumentParser
import Foundation
import CoFund
import GLPK
import LinearProgramming

/// `cofund whatif PLAN`: the base plan and each scenario side by side.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Solve a plan and scenarios of it side by side: what changes when the money or the rules change.",
        discussion: """
            Scenarios come from a scenario file (Models/README.md) and from the flags: --set PATH=VALUE and \
            --scale SOURCE=FACTOR together make one more scenario. Each scenario's result is what `solve` gives \
            for the changed plan. The exit code is that of the base plan; a scenario no allocation meets is a \
            result, reported with its lawful repair.
            """
    )

    @OptionGroup var input: PlanArgument

    @Option(name: .long, help: ArgumentHelp("The scenario file (YAML).", valueName: "FILE"))
    var scenarios: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("A change of the command-line scenario, e.g. sources.central.available=1800 (repeatable).", valueName: "PATH=VALUE"))
    var sets: [String] = []

    @Option(name: .customLong("scale"), help: ArgumentHelp("A source's amount times a factor in the command-line scenario, e.g. central=0.9 (repeatable).", valueName: "SOURCE=FACTOR"))
    var scales: [String] = []

    @OptionGroup var destination: ReportOptions

    @OptionGroup var options: StudyOptions

    func validate() throws {
        try options.validate(input)
        guard scenarios != nil || !sets.isEmpty || !scales.isEmpty else { throw input.usage(.usageWhatIfChanges) }
    }

    func run() throws {
        let out = input.output
        let loaded = try out.loadPlan(input.plan)
        let files = try Output.Files([("--output", destination.output)], inputs: loaded, otherInputs: scenarios.map { [$0] } ?? [], output: out)
        let report: Report
        let outcome: PlanOutcome
        do {
            var list = try scenarios.map { try ScenarioLoader.load(path: $0) } ?? []
            if let flags = try ScenarioLoader.commandLine(sets: sets, scales: scales) { list.append(flags) }
            let solver = options.solver.forWhatIf
            let progress = Progress(label: "whatif")
            let study = try WhatIfRunner(solver: solver, threads: options.threads).run(base: loaded, scenarios: list) { progress.update($0, $1) }
            report = WhatIfReportBuilder().build(study)
            outcome = study.base.solution.outcome
        } catch {
            throw out.fail(error)
        }
        try out.write(report, as: destination.format, to: destination.output, files: files, threads: options.threads)
        throw CoFundExit.forOutcome(outcome)
    }
}
