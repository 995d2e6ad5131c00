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

    /// Two sources and two projects, used by most tests: central 100 (spent in full), province up to 20.
    static let twoProjects = """
        sources:
          - {id: central, level: central, capital: recurrent, available: 100, spendInFull: true}
          - {id: province, level: province, capital: recurrent, available: 20}

        """
}
