import Foundation
import Testing
@testable import CoFund
import GLPK
import LinearProgramming

// Acceptance tests of what-if scenarios at the library level.
//
// The expected results never come from the program's own what-if output: each scenario's changed plan is
// written out by hand here (the plan text with the changed figure typed in, rounded as ScenarioApplier
// documents: a scaled amount to the plan's unit, 1 when the plan has no `rounding:`), loaded with
// PlanLoader and solved with a plain PlanSolver; or the result is derived by hand in a comment.

/// Helpers shared by the scenario suites.
enum ScenarioFixtures {
    static var tinhBienPlanPath: String { PlanFixtures.repositoryRoot.appendingPathComponent("Models/plans/tinh-bien-2024.yaml").path }
    static var tinhBienScenariosPath: String {
        PlanFixtures.repositoryRoot.appendingPathComponent("Models/examples/tinh-bien-2024-scenarios.yaml").path
    }

    static func temporaryFolder() throws -> URL {
        let folder = TestFolders.fresh("cofund-scenario-tests")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes a scenario file (`cofund: scenarios` + `text`) and loads it.
    static func scenarios(_ text: String) throws -> [Scenario] {
        let path = try temporaryFolder().appendingPathComponent("scenarios.yaml").path
        try ("cofund: scenarios\n" + text).write(toFile: path, atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: path)
    }

    /// The Tịnh Biên plan text with `replacements` made (each must occur exactly once), its relative paths
    /// made absolute, written to a temporary folder and loaded with PlanLoader.
    static func tinhBien(replacing replacements: [(String, String)] = []) throws -> LoadedPlan {
        var text = try String(contentsOfFile: tinhBienPlanPath, encoding: .utf8)
        let models = PlanFixtures.repositoryRoot.appendingPathComponent("Models").path
        var all = replacements
        all.append(("ruleSet: ../rulesets/poverty-2021-2025.yaml", "ruleSet: \(models)/rulesets/poverty-2021-2025.yaml"))
        all.append(("areas: ../areas/tinh-bien-2024.csv", "areas: \(models)/areas/tinh-bien-2024.csv"))
        for (old, new) in all {
            let count = text.components(separatedBy: old).count - 1
            guard count == 1 else { throw PlanFixturesError("'\(old)' occurs \(count) times in the Tịnh Biên plan, not once") }
            text = text.replacingOccurrences(of: old, with: new)
        }
        let path = try temporaryFolder().appendingPathComponent("tinh-bien-2024.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try PlanLoader.load(path: path)
    }

    struct PlanFixturesError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func expectSame(_ a: Allocation, _ b: Allocation, _ what: String, tolerance: Double = 1e-6,
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let keys = Set(a.keys).union(b.keys).sorted()
        for key in keys {
            let x = a[key] ?? 0
            let y = b[key] ?? 0
            #expect(abs(x - y) <= tolerance, "\(what): \(key.project)/\(key.source)/\(key.capital.rawValue): \(x) vs \(y)",
                    sourceLocation: sourceLocation)
        }
    }

    /// The what-if result `actual` against the independent solve `expected`: outcome, stage values,
    /// proposal, continuous optimum and whole-unit proposal (and for an infeasible plan, its repair).
    static func expectSame(_ actual: PlanSolution, _ expected: PlanSolution, _ what: String, tolerance: Double = 1e-6,
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(actual.outcome == expected.outcome, "\(what): outcome", sourceLocation: sourceLocation)
        #expect(actual.stageValues.map(\.stage) == expected.stageValues.map(\.stage), "\(what): stages", sourceLocation: sourceLocation)
        for (x, y) in zip(actual.stageValues, expected.stageValues) {
            #expect(abs(x.value - y.value) <= tolerance * max(1, abs(y.value)), "\(what): stage \(x.stage.rawValue) \(x.value) vs \(y.value)",
                    sourceLocation: sourceLocation)
        }
        expectSame(actual.allocation, expected.allocation, "\(what): allocation", tolerance: tolerance, sourceLocation: sourceLocation)
        if let s = actual.solved, let t = expected.solved {
            expectSame(s.continuousAllocation, t.continuousAllocation, "\(what): continuous optimum", tolerance: tolerance,
                       sourceLocation: sourceLocation)
            #expect((s.whole == nil) == (t.whole == nil), "\(what): whole-unit proposal present", sourceLocation: sourceLocation)
            if let w = s.whole, let v = t.whole {
                expectSame(w.allocation, v.allocation, "\(what): whole-unit proposal", tolerance: tolerance, sourceLocation: sourceLocation)
                #expect(w.stageValues.count == v.stageValues.count, "\(what): whole-unit stages", sourceLocation: sourceLocation)
                for (x, y) in zip(w.stageValues, v.stageValues) {
                    #expect(abs(x - y) <= tolerance * max(1, abs(y)), "\(what): whole-unit stage \(x) vs \(y)", sourceLocation: sourceLocation)
                }
                #expect(w.unit == v.unit, sourceLocation: sourceLocation)
            }
        }
        if let d = actual.diagnosis, let e = expected.diagnosis {
            #expect(d.repairs.map(\.kind) == e.repairs.map(\.kind), "\(what): repair kinds", sourceLocation: sourceLocation)
            #expect(d.repairs.map(\.subject) == e.repairs.map(\.subject), "\(what): repair subjects", sourceLocation: sourceLocation)
            for (x, y) in zip(d.repairs, e.repairs) {
                #expect(abs(x.amount - y.amount) <= tolerance * max(1, abs(y.amount)), "\(what): repair \(x.subject) \(x.amount) vs \(y.amount)",
                        sourceLocation: sourceLocation)
                #expect(x.proposed == y.proposed && x.to == y.to, "\(what): repair \(x.subject) proposal", sourceLocation: sourceLocation)
            }
        }
    }

    static func funded(_ allocation: Allocation, _ project: String) -> Double {
        allocation.filter { $0.key.project == project }.values.reduce(0, +)
    }

    static func used(_ allocation: Allocation, _ source: String) -> Double {
        allocation.filter { $0.key.source == source }.values.reduce(0, +)
    }

    // MARK: - A small plan and ten scenarios of it, each with its changed plan written by hand

    /// Central 100 spent in full, province up to 20; DA2 needs 80, DA5 60 at weight 2; the province gives
    /// at least 10% of central money over the plan.
    static let smallBase = """
        sources:
          - {id: central, level: central, capital: recurrent, available: 100, spendInFull: true}
          - {id: province, level: province, capital: recurrent, available: 20}
        projects:
          - {code: DA2, need: 80}
          - {code: DA5, need: 60, weight: 2}
        rules:
          - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.10, scope: plan}
        objective: [maximize-funded-need, minimize-local-money]
        """

    /// Each scenario (as written in a scenario file) and the changed plan written by hand.
    static let smallScenarios: [(id: String, scenario: String, changed: String)] = [
        // 100 × 0.5 = 50, a whole unit already.
        ("central-half", "scale: {central: 0.5}",
         smallBase.replacingOccurrences(of: "available: 100,", with: "available: 50,")),
        // 20 × 1.5 = 30.
        ("province-up", "scale: {province: 1.5}",
         smallBase.replacingOccurrences(of: "available: 20}", with: "available: 30}")),
        ("ratio-20", "set: {rules.cp.ratio: 0.2}",
         smallBase.replacingOccurrences(of: "ratio: 0.10", with: "ratio: 0.2")),
        // DA2 40 + DA5 60 = 100 cannot take central 100 in full and the province's 10 on top: infeasible.
        ("need-da2-40", "set: {projects.DA2.need: 40}",
         smallBase.replacingOccurrences(of: "{code: DA2, need: 80}", with: "{code: DA2, need: 40}")),
        ("weight-da2", "set: {projects.DA2.weight: 3}",
         smallBase.replacingOccurrences(of: "{code: DA2, need: 80}", with: "{code: DA2, need: 80, weight: 3}")),
        ("fixed-da2", "set: {projects.DA2.fixed.province: 5}",
         smallBase.replacingOccurrences(of: "{code: DA2, need: 80}", with: "{code: DA2, need: 80, fixed: {province: 5}}")),
        ("floor-da2", "set: {projects.DA2.floor: 70}",
         smallBase.replacingOccurrences(of: "{code: DA2, need: 80}", with: "{code: DA2, need: 80, floor: 70}")),
        ("drop-cp", "dropRules: cp",
         smallBase.replacingOccurrences(of: "  - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.10, scope: plan}\n", with: "")
            .replacingOccurrences(of: "rules:\n", with: "")),
        ("cap-da5", "addRules: [{id: cap5, kind: share, project: DA5, atMost: 0.4}]",
         smallBase.replacingOccurrences(of: "scope: plan}", with: "scope: plan}\n  - {id: cap5, kind: share, project: DA5, atMost: 0.4}")),
        ("one-stage", "set: {objective: [maximize-funded-need]}",
         smallBase.replacingOccurrences(of: "objective: [maximize-funded-need, minimize-local-money]", with: "objective: [maximize-funded-need]")),
    ]

    static var smallScenarioFile: String {
        "scenarios:\n" + smallScenarios.map { "  - id: \($0.id)\n    \($0.scenario)\n" }.joined()
    }

    /// A plan at the 3% tier applying the rule set's counterpart minimum.
    static let tierBase = """
        tier: central-70
        applies: [counterpart-minimum]
        sources:
          - {id: central, level: central, capital: recurrent, available: 100, spendInFull: true}
          - {id: province, level: province, capital: either, available: 30}
        projects:
          - {code: DA2, need: 110}
          - {code: DA1, need: 40, capital: either}
        objective: [maximize-funded-need, minimize-local-money]
        """
}

@Suite("What-if: a scenario's result is the solve of the changed plan")
struct ScenarioResultTests {
    let solver = PlanSolver(factory: GLPKSolver())

    /// The three scenarios of the Tịnh Biên example against the plan changed by hand:
    /// central-cut-10: 4,978 × 0.9 = 4,480.2, rounded to the unit (1 million) → available 4480;
    /// tier-15: the province-10pct rule's ratio 0.10 → 0.15;
    /// province-plus-20: 498 × 1.2 = 597.6 → available 598.
    @Test func tinhBienScenariosEqualTheChangedPlans() throws {
        let base = try PlanLoader.load(path: ScenarioFixtures.tinhBienPlanPath)
        let scenarios = try ScenarioLoader.load(path: ScenarioFixtures.tinhBienScenariosPath)
        #expect(scenarios.map(\.id) == ["central-cut-10", "tier-15", "province-plus-20"])
        let study = try WhatIfRunner(solver: solver, threads: 2).run(base: base, scenarios: scenarios)

        ScenarioFixtures.expectSame(study.base.solution, try solver.solve(base), "base")
        let changed: [String: [(String, String)]] = [
            "central-cut-10": [("    available: 4978\n", "    available: 4480\n")],
            "tier-15": [("    ratio: 0.10\n", "    ratio: 0.15\n")],
            "province-plus-20": [("    available: 498\n", "    available: 598\n")],
        ]
        try #require(study.scenarios.count == 3)
        for case_ in study.scenarios {
            let id = try #require(case_.scenario?.id)
            let plan = try ScenarioFixtures.tinhBien(replacing: try #require(changed[id]))
            ScenarioFixtures.expectSame(case_.solution, try solver.solve(plan), id)
        }
        // Hand: tier-15 asks 15% of each sub-project's central money from a province with 498: 15% of
        // 4,978 is 746.7 > 498, so no allocation meets it.
        #expect(study.scenarios[1].solution.outcome == .infeasible)
        #expect(study.scenarios[0].solution.outcome == .solved && study.scenarios[2].solution.outcome == .solved)
        // Hand: central-cut-10 spends the 4,480 central in full; in the base every need was met (needs sum
        // to 5,476 = 4,978 + 498), so the funded need falls by exactly 498.
        let baseValue = try #require(study.base.solution.stageValues.first?.value)
        let cutValue = try #require(study.scenarios[0].solution.stageValues.first?.value)
        #expect(abs(baseValue - cutValue - 498) < 1e-6, "\(baseValue) → \(cutValue)")
        #expect(abs(ScenarioFixtures.used(study.scenarios[0].solution.allocation, "central") - 4480) < 1e-6)
    }

    /// What a what-if study leaves out (`forWhatIf`: the sources' rates instead of the whole sensitivity, no
    /// conflicting set) is only what its report never shows: the report is byte for byte the one the full
    /// solver gives, in every format and both languages, on the Tịnh Biên example, the small scenarios, and
    /// forty seeded scenarios of Tịnh Biên of which most no allocation meets (each with its repair).
    @Test func whatIfLeavesOutOnlyWhatItsReportNeverShows() throws {
        var full = PlanSolver(factory: GLPKSolver())
        full.sensitivity = true
        var state: UInt64 = 11
        func factor(_ low: Double, _ high: Double) -> String {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return String(format: "%.3f", low + (high - low) * Double(state >> 11) / Double(1 << 53))
        }
        let seeded = (0..<40).map { k in
            "  - {id: s\(k), scale: {central: \(factor(0.8, 1.2)), province: \(factor(0.8, 1.5))}, set: {rules.province-10pct.ratio: \(factor(0.05, 0.2))}}"
        }.joined(separator: "\n")
        let tinhBien = try PlanLoader.load(path: ScenarioFixtures.tinhBienPlanPath)
        let studies: [(LoadedPlan, [Scenario])] = [
            (tinhBien, try ScenarioLoader.load(path: ScenarioFixtures.tinhBienScenariosPath)),
            (try PlanFixtures.load(ScenarioFixtures.smallBase), try ScenarioFixtures.scenarios(ScenarioFixtures.smallScenarioFile)),
            (tinhBien, try ScenarioFixtures.scenarios("scenarios:\n" + seeded + "\n")),
        ]
        var infeasible = 0
        for (base, scenarios) in studies {
            let lean = try WhatIfRunner(solver: PlanSolver(factory: GLPKSolver()).forWhatIf, threads: 2).run(base: base, scenarios: scenarios)
            let whole = try WhatIfRunner(solver: full, threads: 2).run(base: base, scenarios: scenarios)
            infeasible += lean.scenarios.filter { $0.solution.outcome == .infeasible }.count
            for format in ReportFormat.allCases {
                for language in [Language.vi, .en] {
                    let a = try ReportRenderer.render(WhatIfReportBuilder().build(lean), format: format, language: language)
                    let b = try ReportRenderer.render(WhatIfReportBuilder().build(whole), format: format, language: language)
                    #expect(Array(a.utf8) == Array(b.utf8), "\(base.plan.id) \(format) \(language)")
                }
            }
        }
        #expect(infeasible >= 10)
    }

    /// Ten scenarios of a small plan, each against its changed plan written by hand.
    @Test func smallScenariosEqualTheChangedPlans() throws {
        let base = try PlanFixtures.load(ScenarioFixtures.smallBase)
        let scenarios = try ScenarioFixtures.scenarios(ScenarioFixtures.smallScenarioFile)
        #expect(scenarios.map(\.id) == ScenarioFixtures.smallScenarios.map(\.id))
        let study = try WhatIfRunner(solver: solver, threads: 3).run(base: base, scenarios: scenarios)
        ScenarioFixtures.expectSame(study.base.solution, try solver.solve(base), "base")
        try #require(study.scenarios.count == ScenarioFixtures.smallScenarios.count)
        for (case_, written) in zip(study.scenarios, ScenarioFixtures.smallScenarios) {
            #expect(case_.scenario?.id == written.id)
            #expect(written.changed != ScenarioFixtures.smallBase, "\(written.id): the hand-written plan must differ")
            ScenarioFixtures.expectSame(case_.solution, try solver.solve(try PlanFixtures.load(written.changed)), written.id)
        }
        // Hand checks of three of them.
        // Base: 120 money (100 central + 20 province) for needs 80 + 60; DA5 (weight 2) first: DA5 60, DA2 60.
        #expect(abs(ScenarioFixtures.funded(study.base.solution.allocation, "DA5") - 60) < 1e-6)
        #expect(abs(ScenarioFixtures.funded(study.base.solution.allocation, "DA2") - 60) < 1e-6)
        // central-half: 50 + 20 = 70: DA5 60, DA2 10, and all 20 of the province is needed for that.
        let half = study.scenarios[0].solution.allocation
        #expect(abs(ScenarioFixtures.funded(half, "DA5") - 60) < 1e-6 && abs(ScenarioFixtures.funded(half, "DA2") - 10) < 1e-6)
        #expect(abs(ScenarioFixtures.used(half, "province") - 20) < 1e-6)
        // need-da2-40: 40 + 60 = 100 of need against 100 central in full plus at least 10 provincial.
        #expect(study.scenarios[3].solution.outcome == .infeasible)
    }

    /// Tier, tier ratio, a rule-set rule added by id and a list of dropped rules, against changed plans
    /// (and, for the tier ratio, a changed copy of the rule set) written by hand.
    @Test func tierScenariosEqualTheChangedPlans() throws {
        let ruleSetText = try String(contentsOfFile: PlanFixtures.ruleSetPath, encoding: .utf8)
        let old = "  - id: central-70\n    ratio: 0.03\n"
        try #require(ruleSetText.components(separatedBy: old).count == 2)
        let ruleSetCopy = try ScenarioFixtures.temporaryFolder().appendingPathComponent("rules.yaml").path
        try ruleSetText.replacingOccurrences(of: old, with: "  - id: central-70\n    ratio: 0.2\n")
            .write(toFile: ruleSetCopy, atomically: true, encoding: .utf8)

        let base = try PlanFixtures.load(ScenarioFixtures.tierBase)
        let scenarios = try ScenarioFixtures.scenarios("""
            scenarios:
              - id: tier-15
                set: {tier: central-under-50}
              - id: tier-ratio
                set: {tiers.central-70.ratio: 0.2}
              - id: investment-only
                addRules: [investment-only]
              - id: no-minimum
                dropRules: [counterpart-minimum]
            """)
        let study = try WhatIfRunner(solver: solver, threads: 2).run(base: base, scenarios: scenarios)
        let changed: [(String, String?)] = [
            (ScenarioFixtures.tierBase.replacingOccurrences(of: "tier: central-70", with: "tier: central-under-50"), nil),
            (ScenarioFixtures.tierBase, ruleSetCopy),
            (ScenarioFixtures.tierBase.replacingOccurrences(of: "applies: [counterpart-minimum]", with: "applies: [counterpart-minimum, investment-only]"), nil),
            (ScenarioFixtures.tierBase.replacingOccurrences(of: "applies: [counterpart-minimum]", with: "applies: []"), nil),
        ]
        ScenarioFixtures.expectSame(study.base.solution, try solver.solve(base), "base")
        try #require(study.scenarios.count == 4)
        for (case_, (plan, ruleSet)) in zip(study.scenarios, changed) {
            ScenarioFixtures.expectSame(case_.solution, try solver.solve(try PlanFixtures.load(plan, ruleSet: ruleSet)), case_.scenario?.id ?? "")
        }
    }

    /// Central 100 in full; DA2 (weight 2) and DA5 (weight 1) need 80 each. Scaled by 0.5 central is 50,
    /// spent in full: the objective 2·DA2 + DA5 with DA2 + DA5 = 50, DA2 ≤ 80 is largest at DA2 = 50, DA5 = 0.
    /// (Base: DA2 80, DA5 20.)
    @Test func halfTheCentralMoneyGoesToTheHeavierProject() throws {
        let base = try PlanFixtures.load("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 100, spendInFull: true}
            projects:
              - {code: DA2, need: 80, weight: 2}
              - {code: DA5, need: 80}
            """)
        let scenarios = try ScenarioFixtures.scenarios("scenarios:\n  - {id: half, scale: {central: 0.5}}\n")
        let study = try WhatIfRunner(solver: solver, threads: 1).run(base: base, scenarios: scenarios)
        let b = study.base.solution.allocation
        #expect(abs(ScenarioFixtures.funded(b, "DA2") - 80) < 1e-6 && abs(ScenarioFixtures.funded(b, "DA5") - 20) < 1e-6)
        let s = try #require(study.scenarios.first).solution
        #expect(s.outcome == .solved)
        #expect(abs(ScenarioFixtures.funded(s.allocation, "DA2") - 50) < 1e-6)
        #expect(abs(ScenarioFixtures.funded(s.allocation, "DA5")) < 1e-6)
        let solved = try #require(s.solved)
        #expect(abs(ScenarioFixtures.funded(solved.continuousAllocation, "DA2") - 50) < 1e-6)
        #expect(abs(ScenarioFixtures.used(s.allocation, "central") - 50) < 1e-6)
    }

    /// Central 200 in full; DA2 and DA3 (equal weights) need 100 each and get 100 each. Cut to 180, the even
    /// spread gives 90 and 90: each line −10, a tenth of its money, "in proportion".
    @Test func theDriverSaysInProportionOfAProportionalCut() throws {
        let base = try PlanFixtures.load("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 200, spendInFull: true}
            projects:
              - {code: DA2, need: 100}
              - {code: DA3, need: 100}
            """)
        let sentence = try Self.driver(base, "{id: cut, set: {sources.central.available: 180}}", expect: ["DA2": 90, "DA3": 90])
        #expect(sentence.contains("spread over the lines in proportion to their money"), "\(sentence)")
    }

    /// Tịnh Biên's central money cut by 10% (4,978 → 4,480, 498 less of 5,476): in proportion, DA2 (2,522 of the
    /// 5,476) would lose 498 × 2,522 / 5,476 = 229.4, and DA7.TDA2 18.7; they lose 233 and 16 (the proposal's own
    /// figures, more than one million off). Equal weights still, but not "in proportion".
    @Test func theDriverDoesNotSayInProportionOfACutThatIsNot() throws {
        let sentence = try Self.driver(try Seeds.load("tinh-bien-2024"), "{id: cut, scale: {central: 0.9}}", expect: ["DA2": 2289])
        #expect(sentence.contains("though not in proportion to their money") && !sentence.contains("spread over the lines in proportion"), "\(sentence)")
    }

    private static func driver(_ base: LoadedPlan, _ scenario: String, expect funded: [String: Double]) throws -> String {
        let study = try WhatIfRunner(solver: PlanSolver(factory: GLPKSolver()), threads: 1).run(base: base, scenarios: try ScenarioFixtures.scenarios("scenarios:\n  - \(scenario)\n"))
        let cut = try #require(study.scenarios.first)
        for (leaf, amount) in funded { #expect(abs(ScenarioFixtures.funded(cut.solution.allocation, leaf) - amount) < 1e-6, "\(leaf)") }
        return Localizer(.en).text(Comparison(base: study.base, scenario: cut).sentence(name: .text("cut")))
    }
}

@Suite("What-if: warm start from the base basis gives what a cold start gives")
struct ScenarioWarmColdTests {
    private func both(base: LoadedPlan, scenarios: [Scenario]) throws -> (warm: WhatIfStudy, cold: WhatIfStudy) {
        let solver = PlanSolver(factory: GLPKSolver())
        var warm = WhatIfRunner(solver: solver, threads: 2)
        warm.warm = true
        var cold = WhatIfRunner(solver: solver, threads: 2)
        cold.warm = false
        return (try warm.run(base: base, scenarios: scenarios), try cold.run(base: base, scenarios: scenarios))
    }

    private func expectIdentical(_ warm: WhatIfStudy, _ cold: WhatIfStudy, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(warm.scenarios.count == cold.scenarios.count, sourceLocation: sourceLocation)
        for (w, c) in zip(warm.scenarios, cold.scenarios) {
            let id = w.scenario?.id ?? ""
            #expect(w.solution.outcome == c.solution.outcome, "\(id)", sourceLocation: sourceLocation)
            #expect(w.solution.allocation == c.solution.allocation, "\(id): allocation", sourceLocation: sourceLocation)
            #expect(w.solution.stageValues.map(\.stage) == c.solution.stageValues.map(\.stage), "\(id)", sourceLocation: sourceLocation)
            // Identical up to the last bits a different simplex path may leave (1e-9 of the value).
            for (x, y) in zip(w.solution.stageValues, c.solution.stageValues) {
                #expect(abs(x.value - y.value) <= 1e-9 * max(1, abs(y.value)), "\(id): \(x.value) vs \(y.value)", sourceLocation: sourceLocation)
            }
            if let s = w.solution.solved, let t = c.solution.solved {
                #expect(s.whole?.allocation == t.whole?.allocation, "\(id): whole-unit proposal", sourceLocation: sourceLocation)
                ScenarioFixtures.expectSame(s.continuousAllocation, t.continuousAllocation, "\(id): continuous", tolerance: 1e-9,
                                            sourceLocation: sourceLocation)
            }
            #expect(w.solution.diagnosis?.repairs.map(\.subject) == c.solution.diagnosis?.repairs.map(\.subject), sourceLocation: sourceLocation)
        }
    }

    @Test func tinhBien() throws {
        let base = try PlanLoader.load(path: ScenarioFixtures.tinhBienPlanPath)
        let scenarios = try ScenarioLoader.load(path: ScenarioFixtures.tinhBienScenariosPath)
        let (warm, cold) = try both(base: base, scenarios: scenarios)
        // Tịnh Biên's figures add up exactly, so its continuous optimum is degenerate: from the base's basis
        // the simplex can end at another optimal vertex, whose shares the even spread follows, and the
        // spread's 1% search then settles on another, equally lawful whole allocation (989/990 on DA4.TDA1).
        // This is why `WhatIfRunner.warm` is off by default: a scenario must give what `solve` gives.
        withKnownIssue("a warm start can give another equally good proposal on a degenerate plan", isIntermittent: true) {
            expectIdentical(warm, cold)
        }
    }

    @Test func tenScenariosOfASmallPlan() throws {
        let base = try PlanFixtures.load(ScenarioFixtures.smallBase)
        let scenarios = try ScenarioFixtures.scenarios(ScenarioFixtures.smallScenarioFile)
        let (warm, cold) = try both(base: base, scenarios: scenarios)
        expectIdentical(warm, cold)
    }

    /// Scenarios of the same shape as the base (amounts only), so the warm start is really used.
    @Test func sameShapeScenarios() throws {
        let base = try PlanFixtures.load(ScenarioFixtures.smallBase)
        let scenarios = try ScenarioFixtures.scenarios("""
            scenarios:
              - {id: c90, scale: {central: 0.9}}
              - {id: c70, scale: {central: 0.7}}
              - {id: c40, scale: {central: 0.4}}
              - {id: p0, scale: {province: 0}}
              - {id: p200, scale: {province: 2}}
              - {id: n30, set: {projects.DA5.need: 30}}
              - {id: r15, set: {rules.cp.ratio: 0.15}}
              - {id: w05, set: {projects.DA5.weight: 0.5}}
            """)
        let (warm, cold) = try both(base: base, scenarios: scenarios)
        expectIdentical(warm, cold)
    }
}

@Suite("What-if: a scenario that makes the plan invalid is refused before anything is solved")
struct ScenarioRefusedTests {
    /// Line 6 of the file is the scaled ratio: 0.10 × 20 = 2.0, above 1.
    @Test func aRatioAboveOneAfterScaling() throws {
        let base = try PlanLoader.load(path: ScenarioFixtures.tinhBienPlanPath)
        let scenarios = try ScenarioFixtures.scenarios("""
            scenarios:
              - id: ok
                scale: {central: 0.9}
              - id: bad-ratio
                scale: {rules.province-10pct.ratio: 20}
            """)
        let error = try #require(throws: PlanError.self) { try ScenarioApplier.apply(scenarios[1], to: base) }
        #expect(error.location.line == 6, "\(error)")
        #expect(error.location.file.hasSuffix("scenarios.yaml"))
        #expect(error.field == "scenarios[1].scale.rules.province-10pct.ratio", "\(error)")
        #expect(error.message.key == .planRatioRange)
        #expect(Localizer(.en).text(error.message).contains("found 2"), "\(error)")
        // And the runner refuses the whole study before solving anything.
        #expect(throws: PlanError.self) { try WhatIfRunner<GLPKSolver>.prepare(base: base, scenarios: scenarios) }
    }

    /// A ratio set above 1 is refused when the file is read (line 4).
    @Test func aRatioSetAboveOne() throws {
        let error = try #require(throws: PlanError.self) {
            try ScenarioFixtures.scenarios("scenarios:\n  - id: r\n    set:\n      rules.province-10pct.ratio: 1.5\n")
        }
        #expect(error.location.line == 5 && error.field == "scenarios[0].set.rules.province-10pct.ratio", "\(error)")
    }

    /// A negative amount in a file is refused at its line by the loader.
    @Test func aNegativeAmountInAFile() throws {
        let error = try #require(throws: PlanError.self) {
            try ScenarioFixtures.scenarios("scenarios:\n  - id: neg\n    set:\n      sources.central.available: -5\n")
        }
        #expect(error.location.line == 5, "\(error)")
        #expect(error.field == "scenarios[0].set.sources.central.available", "\(error)")
    }

    /// A negative amount that reaches the applier (a scenario built in code, as a sweep builds its
    /// steps with `ScenarioEdit.with(_:)`): ScenarioApplier's own comment says a money figure is "never
    /// negative", so the change itself must be named.
    @Test func aNegativeAmountBuiltInCode() throws {
        let base = try PlanLoader.load(path: ScenarioFixtures.tinhBienPlanPath)
        let at = CoFund.SourceLocation(file: "sweep.yaml", line: 7, column: 5)
        let scenario = Scenario(id: "neg", name: nil, changes: [
            ScenarioChange(edit: .available(source: "central", .value(-5)), location: at, field: "sweep.sources.central.available"),
        ], location: at)
        // Found by this test and fixed: the applier refuses it at the change, as the loader does in a file.
        var thrown: (any Error)?
        do { _ = try ScenarioApplier.apply(scenario, to: base) } catch { thrown = error }
        let error = try #require(thrown, "a negative available amount was accepted")
        let planError = error as? PlanError
        #expect(planError?.location.line == 7 && planError?.field == "sweep.sources.central.available", "\(error)")
        #expect(planError?.message.key == .planNegativeAmount)
    }

    /// Changes each valid on its own that leave the plan invalid (DA2's need cut to 2,000 on line 5, its floor
    /// raised to 3,000 on line 6; a ratio of one in ten million on line 9, below what GLPK solves reliably)
    /// are reported at the change that did it, the plan's own line and field quoted in the message.
    @Test func aPlanMadeInvalidIsReportedAtTheChange() throws {
        let base = try PlanLoader.load(path: ScenarioFixtures.tinhBienPlanPath)
        let scenarios = try ScenarioFixtures.scenarios("""
            scenarios:
              - id: floor-over-need
                set:
                  projects.DA2.need: 2000
                  projects.DA2.floor: 3000
              - id: tiny-ratio
                set:
                  rules.province-10pct.ratio: 0.0000001
            """)
        let floor = try #require(throws: PlanError.self) { try ScenarioApplier.prepare(scenarios[0], on: base) }
        #expect(floor.location.line == 6 && floor.location.file.hasSuffix("scenarios.yaml") && floor.field == "scenarios[0].set.projects.DA2.floor", "\(floor)")
        #expect(floor.message.key == .scenarioMakesPlanInvalid)
        #expect(Localizer(.en).text(floor.message).hasSuffix("tinh-bien-2024.yaml:55:5: projects[0].floor: floor 3,000 is above need 2,000"), "\(floor)")
        let ratio = try #require(throws: PlanError.self) { try ScenarioApplier.prepare(scenarios[1], on: base) }
        #expect(ratio.location.line == 9 && ratio.field == "scenarios[1].set.rules.province-10pct.ratio", "\(ratio)")
        #expect(Localizer(.vi).text(ratio.message).hasPrefix("với thay đổi này, kế hoạch không còn hợp lệ, tại "), "\(ratio)")
        #expect(throws: PlanError.self) { try WhatIfRunner<GLPKSolver>.prepare(base: base, scenarios: scenarios) }
    }

    /// A source, a tier and a dropped rule the plan does not have, each at its line and field.
    @Test func changesThatDoNotFitThePlan() throws {
        let base = try PlanLoader.load(path: ScenarioFixtures.tinhBienPlanPath)
        let scenarios = try ScenarioFixtures.scenarios("""
            scenarios:
              - id: no-source
                scale: {nope: 0.9}
              - id: no-tier
                set: {tier: central-99}
              - id: no-rule
                dropRules: [province-10pct, no-such-rule]
            """)
        let expected: [(line: Int, field: String, key: MessageKey)] = [
            (4, "scenarios[0].scale.nope", .planUnknownSource),
            (6, "scenarios[1].set.tier", .planUnknownTier),
            (8, "scenarios[2].dropRules[1]", .scenarioUnknownRule),
        ]
        for (scenario, want) in zip(scenarios, expected) {
            let error = try #require(throws: PlanError.self) { try ScenarioApplier.apply(scenario, to: base) }
            #expect(error.location.line == want.line && error.field == want.field && error.message.key == want.key, "\(error)")
        }
    }
}

@Suite("Scenario loader: every path form and rule change")
struct ScenarioLoaderTests {
    private func edits(_ text: String) throws -> [ScenarioEdit] {
        try #require(try ScenarioFixtures.scenarios("scenarios:\n  - id: s\n" + text).first).changes.map(\.edit)
    }

    @Test func setPaths() throws {
        let found = try edits("""
                set:
                  sources.central.available: 1800
                  projects.DA2.need: 100
                  projects.DA7.TDA1.need: 342
                  projects.DA1.TDA1.need.investment: 50
                  projects.DA1.need.recurrent: 40
                  projects.DA3.TDA1.floor: 10
                  projects.DA3.floor.investment: 11
                  projects.DA3.floor.recurrent: 12
                  projects.DA2.weight: 2.5
                  projects.DA4.TDA1.target: 120
                  projects.DA2.fixed.central: 30
                  projects.DA7.TDA2.fixed.province: 19
                  rules.province-10pct.ratio: 0.15
                  rules.cap.atMost: 0.4
                  rules.cap.atLeast: 0.1
                  tiers.central-70.ratio: 0.05
                  tier: central-under-50
                  objective: [maximize-funded-need, minimize-local-money]
            """)
        #expect(found == [
            .available(source: "central", .value(1800)),
            .need(project: "DA2", capital: nil, .value(100)),
            .need(project: "DA7.TDA1", capital: nil, .value(342)),
            .need(project: "DA1.TDA1", capital: .investment, .value(50)),
            .need(project: "DA1", capital: .recurrent, .value(40)),
            .floor(project: "DA3.TDA1", capital: nil, .value(10)),
            .floor(project: "DA3", capital: .investment, .value(11)),
            .floor(project: "DA3", capital: .recurrent, .value(12)),
            .weight(project: "DA2", .value(2.5)),
            .target(project: "DA4.TDA1", .value(120)),
            .fixed(project: "DA2", source: "central", .value(30)),
            .fixed(project: "DA7.TDA2", source: "province", .value(19)),
            .ratio(rule: "province-10pct", .value(0.15)),
            .shareAtMost(rule: "cap", .value(0.4)),
            .shareAtLeast(rule: "cap", .value(0.1)),
            .tierRatio(tier: "central-70", .value(0.05)),
            .tier("central-under-50"),
            .objective([.maximizeFundedNeed, .minimizeLocalMoney]),
        ])
    }

    @Test func scalePaths() throws {
        let found = try edits("""
                scale:
                  central: 0.9
                  sources.province.available: 1.2
                  projects.DA7.TDA1.need: 2
                  projects.DA2.weight: 3
                  rules.province-10pct.ratio: 1.5
                  tiers.central-70.ratio: 0.5
            """)
        #expect(found == [
            .available(source: "central", .scale(0.9)),
            .available(source: "province", .scale(1.2)),
            .need(project: "DA7.TDA1", capital: nil, .scale(2)),
            .weight(project: "DA2", .scale(3)),
            .ratio(rule: "province-10pct", .scale(1.5)),
            .tierRatio(tier: "central-70", .scale(0.5)),
        ])
    }

    @Test func setAndScaleChangesKeepTheirFieldAndLine() throws {
        let scenario = try #require(try ScenarioFixtures.scenarios("""
            scenarios:
              - id: s
                name: {vi: Thử, en: Test}
                set:
                  projects.DA2.need: 100
                scale:
                  central: 0.9
            """).first)
        #expect(scenario.name != nil)
        #expect(scenario.changes.map(\.field) == ["scenarios[0].set.projects.DA2.need", "scenarios[0].scale.central"])
        #expect(scenario.changes.map(\.location.line) == [6, 8])
    }

    @Test func addRulesInlineAndById() throws {
        let found = try edits("""
                addRules:
                  - {id: cap, kind: share, project: DA2, atMost: 0.4}
                  - counterpart-minimum
            """)
        try #require(found.count == 2)
        guard case .addRule(let rule) = found[0] else { Issue.record("not an inline rule: \(found[0])"); return }
        #expect(rule.id == "cap")
        if case .share(let project, let atMost, let atLeast, _) = rule.kind {
            #expect(project == "DA2" && atMost == 0.4 && atLeast == nil)
        } else {
            Issue.record("not a share rule: \(rule.kind)")
        }
        #expect(found[1] == .applyRule("counterpart-minimum"))
    }

    @Test func dropRulesAsAWordAndAsAList() throws {
        #expect(try edits("    dropRules: province-10pct\n") == [.dropRule("province-10pct")])
        #expect(try edits("    dropRules: [province-10pct, investment-only]\n") == [.dropRule("province-10pct"), .dropRule("investment-only")])
        let scenario = try #require(try ScenarioFixtures.scenarios("scenarios:\n  - id: s\n    dropRules:\n      - a\n      - b\n").first)
        #expect(scenario.changes.map(\.field) == ["scenarios[0].dropRules[0]", "scenarios[0].dropRules[1]"])
        #expect(scenario.changes.map(\.location.line) == [5, 6])
    }

    @Test func commandLineFlags() throws {
        let scenario = try #require(try ScenarioLoader.commandLine(
            sets: ["sources.central.available=1800", "projects.DA7.TDA1.need = 300", "tier=central-70", "objective=[maximize-funded-need]"],
            scales: ["central=0.9", "rules.province-10pct.ratio=1.5"]))
        #expect(scenario.changes.map(\.edit) == [
            .available(source: "central", .value(1800)),
            .need(project: "DA7.TDA1", capital: nil, .value(300)),
            .tier("central-70"),
            .objective([.maximizeFundedNeed]),
            .available(source: "central", .scale(0.9)),
            .ratio(rule: "province-10pct", .scale(1.5)),
        ])
        #expect(try ScenarioLoader.commandLine(sets: [], scales: []) == nil)
    }

    @Test func badPathsAndFactors() throws {
        let cases: [(String, MessageKey, String)] = [
            ("    set: {projects.DA2.nede: 5}\n", .scenarioUnknownPath, "scenarios[0].set.projects.DA2.nede"),
            ("    scale: {central: -0.5}\n", .scenarioNegativeFactor, "scenarios[0].scale.central"),
            ("    scale: {tier: 2}\n", .scenarioCannotScale, "scenarios[0].scale.tier"),
            ("    set: {sources.central.available: -5}\n", .planNegativeAmount, "scenarios[0].set.sources.central.available"),
        ]
        for (text, key, field) in cases {
            let error = try #require(throws: PlanError.self) { try edits(text) }
            #expect(error.message.key == key && error.field == field && error.location.line == 4, "\(error)")
        }
    }
}
