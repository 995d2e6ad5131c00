import Foundation
import Testing
@testable import CoFund
import GLPK
import LinearProgramming

/// `--exact` on plans: every stage solved in rational arithmetic and held exactly, compared with
/// `glpsol --exact` on the same stage programs (each stage's LP written with the earlier stages held by
/// their rows at glpsol's own exact optimum) and with hand derivations.
@Suite struct ExactPlanTests {
    let exact = SolveOptions(exact: true)

    /// One stage, minimise local money, then maximise funded need, tolerance 0, with a ratio whose
    /// optimum is no double: DA2 must get at least F = 1000; the province pays at least r = 0.123457 of
    /// central money. Stage 1: min l with c + l ≥ F, l ≥ r·c → l* = F·r/(1 + r) = 109.890276174…
    /// Stage 2: max c + l with l ≤ l*, l ≥ r·c → c ≤ l*/r, so f = l*(1 + 1/r) = F = 1000, c = F/(1 + r).
    /// (glp_exact reads the ratio through a rational approximation within 1e-10, so the hand values hold
    /// to about 1e-10; glpsol --exact reads it the same way and agrees to the last digit.) Before the fix
    /// stage 2 was "infeasible" with an empty diagnosis: its hold row l ≤ double(l*) lay below l*.
    static let toleranceZero = PlanFixtures.twoProjects.replacingOccurrences(of: "available: 100, spendInFull: true", with: "available: 1000, spendInFull: false")
        .replacingOccurrences(of: "available: 20}", with: "available: 500}") + """
        projects:
          - {code: DA2, need: 2000, floor: 1000}
        rules:
          - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.123457, scope: plan}
        objective: {stages: [minimize-local-money, maximize-funded-need], tolerance: 0}
        """

    @Test func toleranceZeroPlanSolvesExactly() throws {
        let loaded = try PlanFixtures.load(Self.toleranceZero)
        let result = try PlanSolver(factory: GLPKSolver(), options: exact, wholeUnits: false).solve(loaded)
        #expect(result.outcome == .solved, "\(result.outcome) \(String(describing: result.diagnosis))")
        let r = 0.123457, F = 1000.0
        #expect(result.stageValues.count == 2)
        #expect(abs(result.stageValues[0].value - F * r / (1 + r)) < 1e-8)
        #expect(result.stageValues[1].value == 1000)
        #expect(abs(PlanFixtures.used(result, source: "province") - F * r / (1 + r)) < 1e-8)
        #expect(abs(PlanFixtures.used(result, source: "central") - F / (1 + r)) < 1e-8)
        // The report's achieved values are the exact allocation's own, equal to the stage optima.
        let report = SolveReportBuilder(PlanStructure(loaded)).build(result)
        let stages = try #require(report.table("objective", "objective")).allRows
        #expect(stages.count == 2)
        for stage in stages {
            let value = try #require(stage.number("value")), achieved = try #require(stage.number("achieved"))
            #expect(abs(achieved - value) <= 1e-12 * max(1, abs(value)), "\(stage)")
        }
        try expectAgreesWithGlpsolExact(loaded, result)
        // The floating-point solve agrees to its tolerance.
        let float = try PlanSolver(factory: GLPKSolver(), wholeUnits: false).solve(loaded)
        #expect(float.outcome == .solved)
        #expect(abs(float.stageValues[1].value - 1000) < 1e-6)
    }

    static var seeds: [String] {
        ["Models/plans/tinh-bien-2024.yaml", "Models/plans/trung-khanh-2023.yaml"]
    }

    /// Every seed plan that solves: the same stage optima as glpsol --exact, an allocation whose stage
    /// values are those optima (tolerance 1e-12, not the plan's 1e-9 hold slack), and the re-check passed.
    @Test(arguments: seeds)
    func seedPlanExactlyAsGlpsolExact(path: String) throws {
        let loaded = try PlanLoader.load(path: PlanFixtures.repositoryRoot.appendingPathComponent(path).path)
        let result = try PlanSolver(factory: GLPKSolver(), options: exact, wholeUnits: false).solve(loaded)
        #expect(result.outcome == .solved)
        #expect(result.solved?.checkItems.allSatisfy { $0.satisfied } == true)
        try expectAgreesWithGlpsolExact(loaded, result)
    }

    @Test func tinhBienByHandExactly() throws {
        // Needs add up to 5,476 = 4,978 + 498: all need funded (stage 1, 5,476) takes every million of
        // both budgets, so the least local money is the whole 498 (stage 2). Exactly, not 497.99999452.
        let loaded = try PlanLoader.load(path: PlanFixtures.repositoryRoot.appendingPathComponent("Models/plans/tinh-bien-2024.yaml").path)
        let result = try PlanSolver(factory: GLPKSolver(), options: exact, wholeUnits: false).solve(loaded)
        #expect(result.stageValues.map(\.value) == [5476, 498])
        #expect(abs(PlanFixtures.used(result, source: "province") - 498) < 1e-9)
    }

    @Test func anInfeasiblePlanUnderExactStillHasItsDiagnosis() throws {
        let path = PlanFixtures.repositoryRoot.appendingPathComponent("Models/examples/tinh-bien-2024-at-15-percent.yaml").path
        let result = try PlanSolver(factory: GLPKSolver(), options: exact, wholeUnits: false).solve(try PlanLoader.load(path: path))
        #expect(result.outcome == .infeasible)
        let diagnosis = try #require(result.diagnosis)
        // Lawful: 248.7 more provincial money and 248.7 more need (see LawfulRepairTests).
        #expect(abs(diagnosis.totalRepair - 497.4) < 1e-6, "\(diagnosis.totalRepair)")
        #expect(!diagnosis.conflicts.isEmpty)
    }

    /// For each stage k: the program with stage k's objective and stages 1…k−1 held by their rows at
    /// glpsol's own exact optimum, solved by `glpsol --exact`. Its optimum must equal our stage value,
    /// and our final allocation must reach it on that stage.
    func expectAgreesWithGlpsolExact(_ loaded: LoadedPlan, _ result: PlanSolution,
                                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let compiled = try PlanCompiler(PlanStructure(loaded)).compile()
        let final = try #require(result.solved?.solution)
        let folder = TestFolders.fresh("cofund-exact")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if ProcessInfo.processInfo.environment["KEEP"] == nil { try? FileManager.default.removeItem(at: folder) } }
        var program = compiled.program
        var held = false
        for (k, stage) in compiled.stages.enumerated() {
            program.sense = stage.sense
            for j in program.columns.indices { program.columns[j].objective = stage.coefficients[j] }
            let lp = folder.appendingPathComponent("stage\(k + 1).lp").path
            try GLPKSolver().writeCPLEX(program, to: lp)
            let theirs = try GlpsolExact.objective(lp: lp, folder: folder)
            let ours = result.stageValues[k].value
            // glp_exact, and so glpsol --exact, reads every non-integral number through a rational
            // approximation within 1e-10 (relative; GLPK's set_d_eps), integers exactly. A later stage holds
            // glpsol's printed optimum: exactly when it is an integer (the seeds), else widened by 1e-9 so
            // that the approximation cannot cut off the true optimum — held at the printed value, glpsol
            // finds stage 2 of `toleranceZero` infeasible, the very trap `--exact` fell into — and then the
            // comparison allows 1e-8.
            let tolerance = held ? 1e-8 : 1e-12
            #expect(abs(ours - theirs) <= tolerance * max(1, abs(theirs)), "stage \(k + 1): ours \(ours), glpsol --exact \(theirs)",
                    sourceLocation: sourceLocation)
            let achieved = zip(stage.coefficients, final.columnValues).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(abs(achieved - theirs) <= tolerance * max(1, abs(theirs)), "stage \(k + 1): achieved \(achieved), optimum \(theirs)",
                    sourceLocation: sourceLocation)
            if k < compiled.stageRows.count {
                let slack = theirs == theirs.rounded() ? 0 : 1e-9 * max(1, abs(theirs))
                held = held || slack != 0
                program.rows[compiled.stageRows[k]].bounds = stage.sense == .maximize ? .atLeast(theirs - slack) : .atMost(theirs + slack)
            }
        }
    }
}

/// `glpsol --exact` on an LP file, its objective read from the raw solution (`-w`, 15 digits).
enum GlpsolExact {
    static func objective(lp: String, folder: URL) throws -> Double {
        let path = "/usr/bin/glpsol"
        guard FileManager.default.isExecutableFile(atPath: path) else { throw CocoaError(.fileNoSuchFile) }
        let solution = folder.appendingPathComponent(UUID().uuidString + ".sol").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--lp", lp, "--exact", "-w", solution]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = try String(contentsOfFile: solution, encoding: .utf8)
        // "s bas ROWS COLS PRIMAL DUAL OBJECTIVE", with f f for an optimum.
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("s bas") }) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        let t = line.split(separator: " ")
        guard t.count == 7, t[4] == "f", t[5] == "f", let z = Double(t[6]) else {
            Issue.record("glpsol --exact found no optimum for \(lp): \(line)")
            return .nan
        }
        return z
    }
}
