import ArgumentParser
import Foundation
import CoFund
import GLPK
import LinearProgramming

/// `cofund distribute PLAN`: the plan's money divided among areas by the rule set's formula.
struct DistributeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distribute",
        abstract: "Divide a plan's money among areas (communes, provinces) by the rule set's criteria and coefficients.",
        discussion: """
            The plan is solved as `solve` solves it; each line's money (project, source, capital type) is then \
            divided among the areas of the table as close to the formula shares as every limit and rule allows, \
            in whole units that add up exactly. A table whose communes sit under province rows is divided as the \
            administration does it: provinces first, then each province's communes, in parallel. The plan's \
            `distribution:` block names the formula (Models/README.md, "Distribution across areas").
            """
    )

    @OptionGroup var input: PlanArgument

    @Option(name: .long, help: ArgumentHelp("The area table (CSV); by default the one the plan's distribution or areas name.", valueName: "FILE"))
    var areas: String?

    @Option(name: .customLong("export-lp"), help: ArgumentHelp("Also write the distance stage over every area at once as one LP (CPLEX LP format), for glpsol or HiGHS.", valueName: "FILE"))
    var exportLP: String?

    @OptionGroup var destination: ReportOptions

    @OptionGroup var options: StudyOptions

    @Flag(name: .long, help: "Show the technical columns of the plan's sensitivity.")
    var detail = false

    func validate() throws { try options.validate(input) }

    func run() throws {
        let out = input.output
        let loaded = try out.loadPlan(input.plan)
        let tablePath = areas ?? loaded.plan.distribution?.areasPath.map { PlanLoader.resolve($0, relativeTo: input.plan) } ?? loaded.areaTablePath
        let files = try Output.Files([("--output", destination.output), ("--export-lp", exportLP)], inputs: loaded,
                                     otherInputs: tablePath.map { [$0] } ?? [], output: out)
        let report: Report
        let outcome: PlanOutcome
        do {
            guard let tablePath else {
                if !loaded.plan.areas.isEmpty {
                    throw PlanError(loaded.plan.origin.location("areas", or: loaded.plan.location), field: "areas", .distInlineAreasNoTable)
                }
                throw PlanError(loaded.plan.location, field: "distribution.areas", .distNoAreaTable)
            }
            let table = try tablePath == loaded.areaTablePath ? loaded.areaTable! : AreaTableLoader.load(path: tablePath)
            var solver = options.solver
            solver.sensitivity = true
            let progress = Progress(label: "distribute")
            let study = try DistributionRunner(solver: solver, threads: options.threads).run(loaded, table: table) { progress.update($0, $1) }
            if let exportLP {
                let program = try DistributionMonolithic.program(study)
                try files.stage(exportLP) { try GLPKSolver().writeCPLEX(program, to: $0) }
            }
            report = DistributionReportBuilder(detail: detail).build(study)
            outcome = study.outcome
        } catch {
            throw out.fail(error)
        }
        try out.write(report, as: destination.format, to: destination.output, files: files, threads: options.threads)
        throw CoFundExit.forOutcome(outcome)
    }
}
