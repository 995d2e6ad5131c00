import Foundation
@testable import CoFund
import GLPK
import LinearProgramming

/// Builds small plans in a temporary folder, against the real 2021-2025 rule set.
enum PlanFixtures {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var ruleSetPath: String { repositoryRoot.appendingPathComponent("Models/rulesets/poverty-2021-2025.yaml").path }

    /// Writes `body` (the plan without its header) to a temporary file and loads it.
    static func load(_ body: String, ruleSet: String? = nil) throws -> LoadedPlan {
        let folder = TestFolders.fresh("cofund-tests")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("plan.yaml").path
        let text = """
            cofund: plan
            id: test-plan
            place: {vi: Huyện Thử, en: Test district}
            level: district
            year: 2024
            ruleSet: \(ruleSet ?? ruleSetPath)

            """ + body
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try PlanLoader.load(path: path)
    }

    static func solve(_ body: String) throws -> PlanSolution {
        try PlanSolver(factory: GLPKSolver()).solve(try load(body))
    }

    /// Total allocated to a leaf project.
    static func funded(_ result: PlanSolution, _ project: String) -> Double {
        result.allocation.filter { $0.key.project == project }.values.reduce(0, +)
    }

    static func used(_ result: PlanSolution, source: String) -> Double {
        result.allocation.filter { $0.key.source == source }.values.reduce(0, +)
    }

    /// Two lines the plan's stages cannot tell apart, short of money: central 2,293 and province 229, both
    /// spent in full; DA2 and DA3 need 1,500 each, with equal weights; the province pays at least 10% (met
    /// within rounding: 229 of 229.3). 2,522 of the 3,000 can be funded, in any split.
    static let twoInterchangeableLines = """
        sources:
          - {id: central, level: central, capital: recurrent, available: 2293, spendInFull: true}
          - {id: province, level: province, capital: recurrent, available: 229, spendInFull: true}
        projects:
          - {code: DA2, need: 1500}
          - {code: DA3, need: 1500}
        rules:
          - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.1, scope: plan}
        """

    /// Two sources and two projects, used by most tests: central 100 (spent in full), province up to 20.
    static let twoProjects = """
        sources:
          - {id: central, level: central, capital: recurrent, available: 100, spendInFull: true}
          - {id: province, level: province, capital: recurrent, available: 20}

        """
}
