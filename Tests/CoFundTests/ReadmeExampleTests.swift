import Foundation
import Testing
@testable import CoFund
import GLPK

/// The README's worked example must be what the tool prints today, so no number in it is typed by hand.
@Test func readmeWorkedExampleMatchesTheTool() throws {
    let root = PlanFixtures.repositoryRoot
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let begin = try #require(readme.range(of: "<!-- demo-output:begin -->\n```text\n"))
    let end = try #require(readme.range(of: "```\n<!-- demo-output:end -->"))
    let documented = String(readme[begin.upperBound..<end.lowerBound])

    let loaded = try PlanLoader.load(path: root.appendingPathComponent("Models/plans/tinh-bien-2024.yaml").path)
    let result = try PlanSolver(factory: GLPKSolver()).solve(loaded)
    let report = ReportBuilder(PlanStructure(loaded), language: .en).build(result)
    let printed = try ReportRenderer.render(report, format: .text)
    #expect(printed == documented, "README.md's worked example differs from `cofund solve … --lang en`; paste the new output")
}
