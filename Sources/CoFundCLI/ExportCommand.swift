import ArgumentParser
import CoFund
import GLPK
import LinearProgramming

/// `cofund export PLAN --lp FILE | --mps FILE`: the compiled linear program, for glpsol or any solver.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the plan's linear program in CPLEX LP or free MPS format, with readable names."
    )

    @OptionGroup var input: PlanArgument

    @Option(name: .long, help: "Write CPLEX LP format to this file.")
    var lp: String?

    @Option(name: .long, help: "Write free MPS format to this file.")
    var mps: String?

    func validate() throws {
        guard lp != nil || mps != nil else { throw input.usage(.usageExportTargets) }
    }

    func run() throws {
        let out = input.output
        let loaded = try out.loadPlan(input.plan)
        let files = try Output.Files([("--lp", lp), ("--mps", mps)], inputs: loaded, output: out)
        let prepared = try out.prepare(loaded)
        guard let compiled = prepared.compiled else {
            let wording = PlanWording(structure: prepared.structure)
            for item in prepared.missingInputs {
                out.error(Message(.locatedProblem, .text("\(item.location)"), .text(item.field), .message(wording.missing(item))))
            }
            throw CoFundExit.missingInputs
        }
        do {
            // Both files or neither: a failure on the second leaves the first unwritten too.
            if let lp { try files.stage(lp) { try GLPKSolver().writeCPLEX(compiled.program, to: $0) } }
            if let mps { try files.stage(mps) { try GLPKSolver().writeMPS(compiled.program, to: $0) } }
            try files.commit()
        } catch {
            throw out.fail(error)
        }
    }
}
