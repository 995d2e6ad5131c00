import Foundation
import Testing
@testable import CoFund
import GLPK

/// The README's worked examples must be what the tool prints today, so no number in them is typed by hand
/// (`make readme-example` refreshes them).
@Test(arguments: [
    ("demo-output", "solve", "Models/plans/tinh-bien-2024.yaml"),
    ("diagnosis-output", "solve", "Models/examples/tinh-bien-2024-at-15-percent.yaml"),
    ("check-tinh-bien", "check", "Models/plans/tinh-bien-2024.yaml"),
    ("check-trung-khanh", "check", "Models/plans/trung-khanh-2023.yaml"),
    ("check-tan-bien", "check", "Models/plans/tan-bien-2023.yaml"),
    ("check-kim-bang", "check", "Models/plans/kim-bang-2023.yaml"),
    ("check-tan-phu", "check", "Models/plans/tan-phu-2024.yaml"),
    ("whatif-tinh-bien", "whatif", "Models/plans/tinh-bien-2024.yaml --scenarios Models/examples/tinh-bien-2024-scenarios.yaml"),
    ("sweep-tinh-bien", "sweep", "Models/plans/tinh-bien-2024.yaml --vary central=4000..6000 --steps 8"),
    ("distribute-tinh-bien", "distribute", "Models/examples/tinh-bien-2024-da2-communes.yaml"),
])
func readmeWorkedExampleMatchesTheTool(marker: String, command: String, plan: String) throws {
    let root = PlanFixtures.repositoryRoot
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let begin = try #require(readme.range(of: "<!-- \(marker):begin -->\n```text\n"))
    let end = try #require(readme.range(of: "```\n<!-- \(marker):end -->"))
    let documented = String(readme[begin.upperBound..<end.lowerBound])

    // Loaded by the path `make readme-example` gives (relative to the root, where `swift test` runs) so that
    // long findings wrap where the README's do.
    let relative = FileManager.default.currentDirectoryPath == root.path
    let words = plan.split(separator: " ").map(String.init)
    func path(_ file: String) -> String { relative ? file : root.appendingPathComponent(file).path }
    let loaded = try PlanLoader.load(path: path(words[0]))
    let report: Report
    if command == "whatif" {
        // As `cofund whatif` runs it.
        let solver = PlanSolver(factory: GLPKSolver()).forWhatIf
        let scenarios = try ScenarioLoader.load(path: path(words[2]))
        report = WhatIfReportBuilder().build(try WhatIfRunner(solver: solver, threads: 2).run(base: loaded, scenarios: scenarios))
    } else if command == "sweep" {
        let spec = try ScenarioLoader.vary(words[2])
        let study = try SweepRunner(solver: PlanSolver(factory: GLPKSolver()), threads: 2).run(
            base: loaded, path: spec.path, edit: spec.edit, location: spec.location, from: spec.from, to: spec.to, steps: Int(words[4])!)
        report = SweepReportBuilder().build(study)
    } else if command == "distribute" {
        var solver = PlanSolver(factory: GLPKSolver())
        solver.sensitivity = true  // as `cofund distribute` runs it
        let table = try AreaTableLoader.load(path: PlanLoader.resolve(try #require(loaded.plan.distribution?.areasPath), relativeTo: path(words[0])))
        report = DistributionReportBuilder().build(try DistributionRunner(solver: solver, threads: 2).run(loaded, table: table))
    } else if command == "check" {
        let structure = PlanStructure(loaded)
        report = CheckReportBuilder(structure).build(try PlanAsWrittenCheck(structure).run(solver: GLPKSolver()))
    } else {
        var solver = PlanSolver(factory: GLPKSolver())
        solver.sensitivity = true  // as `cofund solve` runs it
        report = SolveReportBuilder(PlanStructure(loaded)).build(try solver.solve(loaded))
    }
    // The JSON writer, on every command's real report in both languages, writes what Foundation's encoder does.
    for language in [Language.vi, .en] {
        let document = JSONRenderer(report: report, words: Localizer(language)).document()
        #expect(document.serialized() == (try ReportRenderer.jsonString(document)), "\(marker), \(language)")
    }
    // Findings name the plan by the path it was given; `make readme-example` gives it relative to the root.
    let printed = try ReportRenderer.render(report, format: .text, language: .en)
        .replacingOccurrences(of: root.path + "/", with: "")
    #expect(printed == documented, "README.md's \(marker) differs from `cofund \(command) \(plan) --lang en`; run make readme-example")
}
