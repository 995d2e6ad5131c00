import Foundation
import Testing
@testable import CoFund
import GLPK

/// The README's worked examples must be what the tool prints today, so no number in them is typed by hand
/// (`make readme-example` refreshes them).
@Test(arguments: [
    ("demo-output", "Models/plans/tinh-bien-2024.yaml"),
    ("diagnosis-output", "Models/examples/tinh-bien-2024-at-15-percent.yaml"),
])
func readmeWorkedExampleMatchesTheTool(marker: String, plan: String) throws {
    let root = PlanFixtures.repositoryRoot
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let begin = try #require(readme.range(of: "<!-- \(marker):begin -->\n```text\n"))
    let end = try #require(readme.range(of: "```\n<!-- \(marker):end -->"))
    let documented = String(readme[begin.upperBound..<end.lowerBound])

    let loaded = try PlanLoader.load(path: root.appendingPathComponent(plan).path)
    let result = try PlanSolver(factory: GLPKSolver()).solve(loaded)
    let report = SolveReportBuilder(PlanStructure(loaded)).build(result)
    let printed = try ReportRenderer.render(report, format: .text, language: .en)
    #expect(printed == documented, "README.md's \(marker) differs from `cofund solve \(plan) --lang en`; run make readme-example")
}
