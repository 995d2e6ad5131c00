import Foundation
import Testing

// `cofund export PLAN --lp FILE --mps FILE`: the files must be readable by glpsol, GLPK's own solver, and
// solve to the objective value `cofund solve` reports.
@Suite("cofund export, read back by glpsol")
struct ExportTests {
    /// The JSON report's objective, and whether its (single) stage is a maximisation.
    private func solvedObjective(_ plan: String) throws -> (value: Double, maximize: Bool) {
        let run = try cofund(["solve", "--exact-amounts", plan, "--format", "json"])
        #expect(run.status == 0, "\(run)")
        let report = try ReportJSON.decode(run.stdoutData)
        let stages = report.objectiveStages.map(\.stage)
        try #require(stages.count == 1, "export writes the first stage only; use a one-stage plan (stages \(stages))")
        let value = try #require(report.objective)
        return (value, ["maximize-funded-need", "maximize-central-spent"].contains(stages[0]))
    }

    @Test("--lp and --mps files solve in glpsol to the report's objective (5,986.25 for the small plan)")
    func glpsolAgrees() throws {
        let (objective, maximize) = try solvedObjective("small-plan.yaml")
        #expect(close(objective, 5986.25))
        #expect(maximize)
        let folder = try TemporaryFolder()
        let run = try cofund(["export", "small-plan.yaml", "--lp", folder.path("plan.lp"), "--mps", folder.path("plan.mps")])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.isEmpty && run.stderr.isEmpty, "\(run)")
        #expect(folder.contents == ["plan.lp", "plan.mps"])

        let lp = try String(contentsOfFile: folder.path("plan.lp"), encoding: .utf8)
        #expect(lp.contains("Maximize"))
        for name in ["x(DA2,central,rec)", "avail(central)", "need(DA2)", "rule(cp,DA3)"] {
            #expect(lp.contains(name), "the LP file lacks the readable name \(name)")
        }
        let fromLP = try Glpsol.objective(["--lp", folder.path("plan.lp")], in: folder)
        #expect(close(fromLP.value, objective), "glpsol --lp: \(fromLP.line); cofund solve: \(objective)")
        #expect(fromLP.line.contains("(MAXimum)"), "\(fromLP.line)")

        // Free MPS has no objective sense in GLPK 5 (it rejects OBJSENSE), so glpsol must be told --max.
        let fromMPS = try Glpsol.objective(["--freemps", folder.path("plan.mps"), "--max"], in: folder)
        #expect(close(fromMPS.value, objective), "glpsol --freemps --max: \(fromMPS.line); cofund solve: \(objective)")
        let mps = try String(contentsOfFile: folder.path("plan.mps"), encoding: .utf8)
        #expect(mps.contains("x(DA2,central,rec)") && mps.contains("rule(cp,DA3)"))
    }

    @Test("the MPS file alone does not say it is a maximisation")
    func mpsSense() throws {
        let (objective, _) = try solvedObjective("small-plan.yaml")
        let folder = try TemporaryFolder()
        let run = try cofund(["export", "small-plan.yaml", "--mps", folder.path("plan.mps")])
        #expect(run.status == 0, "\(run)")
        // `glpsol --freemps plan.mps` minimises: 4,500 (central 2,000 to DA3 with its 500 counterpart) instead of
        // the plan's 5,986.25. A maximisation could be exported as the minimisation of the negated objective.
        let plain = try Glpsol.objective(["--freemps", folder.path("plan.mps")], in: folder)
        withKnownIssue("exported MPS loses the objective sense; plain glpsol minimises it") {
            #expect(close(abs(plain.value), objective), "glpsol --freemps: \(plain.line); cofund solve: \(objective)")
        }
    }

    @Test("--lp only, --mps only, and a JSON plan")
    func singleFormats() throws {
        let folder = try TemporaryFolder()
        let lpOnly = try cofund(["export", "small-plan.json", "--lp", folder.path("only.lp")])
        #expect(lpOnly.status == 0, "\(lpOnly)")
        let mpsOnly = try cofund(["export", "small-plan.yaml", "--mps", folder.path("only.mps")])
        #expect(mpsOnly.status == 0, "\(mpsOnly)")
        #expect(folder.contents == ["only.lp", "only.mps"])
        let fromLP = try Glpsol.objective(["--lp", folder.path("only.lp")], in: folder)
        #expect(close(fromLP.value, 5986.25), "\(fromLP.line)")
    }

    @Test("an infeasible plan exports a program that glpsol also finds infeasible")
    func infeasibleExport() throws {
        let folder = try TemporaryFolder()
        let run = try cofund(["export", "infeasible.yaml", "--lp", folder.path("plan.lp")])
        #expect(run.status == 0, "\(run)")
        let glpsol = try Glpsol.run(["--lp", folder.path("plan.lp")], in: folder)
        #expect(glpsol.log.contains("LP HAS NO PRIMAL FEASIBLE SOLUTION"), "\(glpsol.log)")
    }
}
