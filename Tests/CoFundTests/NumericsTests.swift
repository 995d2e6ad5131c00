import Foundation
import Testing
@testable import CoFund
import GLPK
import LinearProgramming

/// Issue 6: numbers GLPK cannot solve reliably, solver limits, and a re-check that rejects the solver's
/// answer. Every test here failed (hang, exit 70, thrown error) before the fix.
@Suite struct NumericsTests {
    /// The Tịnh Biên seed with its 10% rule changed to `ratio`, in a temporary folder, and the line of that field.
    static func tinhBien(ratio: String) throws -> (loaded: LoadedPlan, line: Int) {
        let seed = PlanFixtures.repositoryRoot.appendingPathComponent("Models/plans/tinh-bien-2024.yaml")
        var text = try String(contentsOf: seed, encoding: .utf8)
        text = text.replacingOccurrences(of: "ruleSet: ../rulesets/poverty-2021-2025.yaml", with: "ruleSet: \(PlanFixtures.ruleSetPath)")
            .replacingOccurrences(of: "areas: ../areas/", with: "areas: \(PlanFixtures.repositoryRoot.path)/Models/areas/")
        text = text.replacingOccurrences(of: "ratio: 0.10", with: "ratio: \(ratio)")
        let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.contains("ratio: \(ratio)") }) + 1
        let folder = TestFolders.fresh("cofund-numerics")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("tinh-bien-tiny.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (try PlanLoader.load(path: path), line)
    }

    @Test(arguments: ["1e-70", "1e-100", "1e-150", "1e-50", "1e-7"])
    func tinyRatioTinhBienIsRefusedPromptlyNamingTheField(ratio: String) throws {
        let (loaded, line) = try Self.tinhBien(ratio: ratio)
        let start = Date()
        do {
            _ = try PlanSolver(factory: GLPKSolver()).solve(loaded)
            Issue.record("a ratio of \(ratio) was solved")
        } catch let error as PlanError {
            #expect(error.location.line == line && error.location.file.hasSuffix("tinh-bien-tiny.yaml"), "\(error)")
            #expect(error.field == "rules[0].ratio", "\(error)")
            #expect(error.message.description.contains("at least 0.000001"), "\(error)")
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func ratioOfOneInAMillionIsStillSolved() throws {
        let (loaded, _) = try Self.tinhBien(ratio: "0.000001")
        #expect(try PlanSolver(factory: GLPKSolver()).solve(loaded).outcome == .solved)
    }

    /// Without the refusal, the 1e-100 program makes GLPK cycle (millions of iterations at the same
    /// objective); the limits GLPK checks inside its simplex loop must stop it.
    @Test func theTinyRatioProgramStopsAtTheSolversLimits() throws {
        let (loaded, _) = try Self.tinhBien(ratio: "1e-100")
        let program = try PlanCompiler(PlanStructure(loaded)).compile().program
        var start = Date()
        let byIterations = try GLPKSolver().solve(program, options: SolveOptions(iterationLimit: 200_000, timeLimitSeconds: nil))
        #expect(byIterations.status == .iterationLimit || byIterations.status == .numericalTrouble, "\(byIterations.status)")
        #expect(Date().timeIntervalSince(start) < 20)
        start = Date()
        let byTime = try GLPKSolver().solve(program, options: SolveOptions(iterationLimit: nil, timeLimitSeconds: 0.5))
        #expect(byTime.status == .timeLimit || byTime.status == .numericalTrouble, "\(byTime.status)")
        #expect(Date().timeIntervalSince(start) < 10)
        // The default limits (a million iterations, a minute) stop it too, in a session as PlanSolver uses.
        start = Date()
        let status = try GLPKSession(program).solve().status
        #expect([.iterationLimit, .timeLimit, .numericalTrouble].contains(status), "\(status)")
        #expect(Date().timeIntervalSince(start) < 70)
    }

    /// The 1-based line of the plan file that first contains `text`.
    static func line(of text: String, in loaded: LoadedPlan) throws -> Int {
        let lines = try String(contentsOfFile: loaded.planPath, encoding: .utf8).components(separatedBy: "\n")
        return try #require(lines.firstIndex { $0.contains(text) }) + 1
    }

    @Test func otherTinyNumbersNameTheirField() throws {
        let share = try PlanFixtures.load(PlanFixtures.twoProjects + """
            projects:
              - {code: DA2, need: 70}
              - {code: DA5, need: 60}
            rules:
              - {id: cap, kind: share, project: DA2, atMost: 1e-9}
            """)
        #expect(throws: PlanError.self) { try PlanSolver(factory: GLPKSolver()).solve(share) }
        do { _ = try PlanSolver(factory: GLPKSolver()).solve(share) } catch let error as PlanError {
            let expected = try Self.line(of: "atMost", in: share)
            #expect(error.field == "rules[0].atMost" && error.location.line == expected, "\(error)")
        }
        let weight = try PlanFixtures.load(PlanFixtures.twoProjects + """
            projects:
              - {code: DA2, need: 70, weight: 1e-12}
              - {code: DA5, need: 60}
            """)
        do {
            _ = try PlanSolver(factory: GLPKSolver()).solve(weight)
            Issue.record("a weight of 1e-12 was solved")
        } catch let error as PlanError {
            let expected = try Self.line(of: "weight", in: weight)
            #expect(error.field == "projects[0].weight" && error.location.line == expected, "\(error)")
        }
    }

    /// A share cap just below 1 leaves 1 − ρ = 1e-13 on the project's own columns: every ratio is in range,
    /// but the program's coefficients spread 1e13.
    @Test func coefficientSpreadOfTheCompiledProgramIsChecked() throws {
        let loaded = try PlanFixtures.load(PlanFixtures.twoProjects + """
            projects:
              - {code: DA2, need: 70}
              - {code: DA5, need: 60}
            rules:
              - {id: cap, kind: share, project: DA2, atMost: 0.9999999999999}
            """)
        do {
            _ = try PlanSolver(factory: GLPKSolver()).solve(loaded)
            Issue.record("a coefficient spread of 1e13 was solved")
        } catch let error as PlanError {
            #expect(error.field == "rules[0].atMost", "\(error)")
            #expect(error.message.description.contains("spread") && error.message.description.contains("rule(cap,max)"), "\(error)")
        }
    }

    @Test func anIterationLimitGivesUnfinishedNotAnError() throws {
        let loaded = try PlanFixtures.load(PlanSolverTests.maximizeNeed)
        let result = try PlanSolver(factory: GLPKSolver(), options: SolveOptions(iterationLimit: 1)).solve(loaded)
        #expect(result.outcome == .unfinished)
        #expect(result.solverStatus == .iterationLimit)
        let report = SolveReportBuilder(PlanStructure(loaded)).build(result)
        let headline = Localizer(.en).text(report.headline)
        #expect(headline.contains("stopped early"), "\(headline)")
    }

    // MARK: - The re-check rejects the solver's answer

    /// A solver whose optimal answers are wrong: 1000 million more on every column (so every source limit
    /// breaks), in floating point only or also in exact arithmetic.
    struct WrongAnswers: LinearProgramSessionFactory {
        var alsoWhenExact: Bool
        func makeSession(for program: LinearProgram, options: SolveOptions) throws -> any LinearProgramSession {
            WrongAnswerSession(inner: try GLPKSolver().makeSession(for: program, options: options), exact: options.exact,
                               alsoWhenExact: alsoWhenExact)
        }
    }

    final class WrongAnswerSession: LinearProgramSession, @unchecked Sendable {
        let inner: any LinearProgramSession
        var exact: Bool
        let alsoWhenExact: Bool
        init(inner: any LinearProgramSession, exact: Bool, alsoWhenExact: Bool) {
            self.inner = inner
            self.exact = exact
            self.alsoWhenExact = alsoWhenExact
        }
        var program: LinearProgram { get throws { try inner.program } }
        func solve() throws -> Solution {
            var solution = try inner.solve()
            if solution.status == .optimal && (!exact || alsoWhenExact) { solution.columnValues = solution.columnValues.map { $0 + 1000 } }
            return solution
        }
        func sensitivity() throws -> SensitivityReport { try inner.sensitivity() }
        func basis() throws -> Basis { try inner.basis() }
        func setBasis(_ basis: Basis) throws { try inner.setBasis(basis) }
        func setRowBounds(_ row: Int, _ bounds: Bounds) throws { try inner.setRowBounds(row, bounds) }
        func setColumnBounds(_ column: Int, _ bounds: Bounds) throws { try inner.setColumnBounds(column, bounds) }
        func setObjectiveCoefficient(_ column: Int, _ value: Double) throws { try inner.setObjectiveCoefficient(column, value) }
        func setSense(_ sense: ObjectiveSense) throws { try inner.setSense(sense) }
        func setOptions(_ options: SolveOptions) throws {
            exact = options.exact
            try inner.setOptions(options)
        }
    }

    @Test func aRecheckFailureBecomesNumericalTroubleNotAnError() throws {
        let loaded = try PlanFixtures.load(PlanSolverTests.maximizeNeed)
        let result = try PlanSolver(factory: WrongAnswers(alsoWhenExact: true), wholeUnits: false).solve(loaded)
        #expect(result.outcome == .unfinished)
        #expect(result.solverStatus == .numericalTrouble)
        let trouble = try #require(result.trouble)
        #expect(trouble.violations.contains { $0.kind == .source && $0.id == "central" }, "\(trouble.violations)")
        #expect(result.allocation.isEmpty)
        let report = SolveReportBuilder(PlanStructure(loaded)).build(result)
        #expect(report.status == "unfinished")
        let rendered = try ReportRenderer.render(report, format: .text, language: .en)
        #expect(rendered.contains("  - Numerical trouble: "), "\(rendered)")
        #expect(rendered.contains("source central: required"), "\(rendered)")
    }

    @Test func aRecheckFailureIsRetriedInExactArithmetic() throws {
        // Wrong only in floating point: the exact, unscaled retry gives the hand-derived answer (190, see
        // PlanSolverTests.maximizeNeed).
        let loaded = try PlanFixtures.load(PlanSolverTests.maximizeNeed)
        let result = try PlanSolver(factory: WrongAnswers(alsoWhenExact: false), wholeUnits: false).solve(loaded)
        #expect(result.outcome == .solved)
        #expect(result.stageValues.last?.value == 190)
        #expect(abs(PlanFixtures.funded(result, "DA2") - 70) < 1e-9 && abs(PlanFixtures.funded(result, "DA5") - 50) < 1e-9)
    }

    // MARK: - A diagnosis that runs out of its limits

    /// Sessions after the first (the diagnosis) stop at their iteration limit.
    struct DiagnosisStops: LinearProgramSessionFactory {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var count = 0
            func next() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count }
        }
        let counter = Counter()
        func makeSession(for program: LinearProgram, options: SolveOptions) throws -> any LinearProgramSession {
            let inner = try GLPKSolver().makeSession(for: program, options: options)
            return counter.next() == 1 ? inner : StoppingSession(inner: inner)
        }
    }

    final class StoppingSession: LinearProgramSession, @unchecked Sendable {
        let inner: any LinearProgramSession
        init(inner: any LinearProgramSession) { self.inner = inner }
        var program: LinearProgram { get throws { try inner.program } }
        func solve() throws -> Solution {
            var solution = try inner.solve()
            solution.status = .iterationLimit
            return solution
        }
        func sensitivity() throws -> SensitivityReport { throw SolverError.noOptimalSolution(.iterationLimit) }
        func basis() throws -> Basis { try inner.basis() }
        func setBasis(_ basis: Basis) throws { try inner.setBasis(basis) }
        func setRowBounds(_ row: Int, _ bounds: Bounds) throws { try inner.setRowBounds(row, bounds) }
        func setColumnBounds(_ column: Int, _ bounds: Bounds) throws { try inner.setColumnBounds(column, bounds) }
        func setObjectiveCoefficient(_ column: Int, _ value: Double) throws { try inner.setObjectiveCoefficient(column, value) }
        func setSense(_ sense: ObjectiveSense) throws { try inner.setSense(sense) }
        func setOptions(_ options: SolveOptions) throws { try inner.setOptions(options) }
    }

    @Test func aDiagnosisStoppedEarlyIsUnfinishedNotAWrongDiagnosis() throws {
        // Central 100 must be spent in full, but the needs add up to 50: infeasible.
        let loaded = try PlanFixtures.load(PlanFixtures.twoProjects + """
            projects:
              - {code: DA2, need: 30}
              - {code: DA5, need: 20}
            """)
        #expect(try PlanSolver(factory: GLPKSolver()).solve(loaded).outcome == .infeasible)
        let result = try PlanSolver(factory: DiagnosisStops()).solve(loaded)
        #expect(result.outcome == .unfinished)
        #expect(result.solverStatus == .iterationLimit)
        #expect(result.diagnosis == nil)
    }
}
