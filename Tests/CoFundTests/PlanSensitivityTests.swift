import Foundation
import Testing
@testable import CoFund
import GLPK
import LinearProgramming
import GeneratedPlans

/// Every rate and interval the analyzer reports is checked by solving the changed plan from scratch: at the
/// end of each interval the stage's value is V + rate·length, and just beyond it the rate has changed (or no
/// allocation exists, or the end is the search cap).
@Suite struct PlanSensitivityTests {
    /// Stage values of the plan with row `row`'s finite ends moved by `shift`, solved from scratch in a new
    /// session (nil when no allocation meets every rule).
    static func resolve(_ prepared: PreparedPlan, row: Int, shift: Double) throws -> [Double]? {
        var compiled = try #require(prepared.compiled)
        let bounds = compiled.program.rows[row].bounds
        compiled.program.rows[row].bounds = Bounds(lower: bounds.lower.isFinite ? bounds.lower + shift : bounds.lower,
                                                   upper: bounds.upper.isFinite ? bounds.upper + shift : bounds.upper)
        let session = try GLPKSolver().makeSession(for: compiled.program, options: SolveOptions())
        let run = try StageRunner().run(compiled, tolerance: prepared.loaded.plan.objective.tolerance, in: session, options: SolveOptions())
        return run.isOptimal ? run.stageValues.map(\.value) : nil
    }

    /// The same for a source, by changing the plan itself: prepared and compiled again, its stages solved
    /// in a new session (the continuous optimum of each stage, before any rounding to whole units).
    static func resolve(_ loaded: LoadedPlan, source: String, available: Double) throws -> [Double]? {
        var changed = loaded
        let k = try #require(changed.plan.sources.firstIndex { $0.id == source })
        changed.plan.sources[k].available = available
        let prepared = try PreparedPlan(changed)
        let compiled = try #require(prepared.compiled)
        let session = try GLPKSolver().makeSession(for: compiled.program, options: SolveOptions())
        let run = try StageRunner().run(compiled, tolerance: changed.plan.objective.tolerance, in: session, options: SolveOptions())
        return run.isOptimal ? run.stageValues.map(\.value) : nil
    }

    /// Stage values of the plan with leaf `code`'s weight at `weight` in stage `stage`, from scratch.
    static func resolve(_ prepared: PreparedPlan, leaf code: String, stage: Int, weight: Double) throws -> [Double]? {
        var compiled = try #require(prepared.compiled)
        let j = try #require(compiled.fundedColumns[code])
        compiled.stages[stage].coefficients[j] = weight
        if stage == 0 { compiled.program.columns[j].objective = weight }
        // Only the stages up to the weighted one: a later stage held at a weighted optimum near 10⁹ is a
        // different numerical question.
        compiled.stages = Array(compiled.stages.prefix(stage + 1))
        compiled.stageRows = Array(compiled.stageRows.prefix(stage))
        let session = try GLPKSolver().makeSession(for: compiled.program, options: SolveOptions())
        let run = try StageRunner().run(compiled, tolerance: prepared.loaded.plan.objective.tolerance, in: session, options: SolveOptions())
        return run.isOptimal ? run.stageValues.map(\.value) : nil
    }

    /// Each weight interval: at both ends the stage's value is what the current allocation gives
    /// (V + f·Δw, so the allocation is still optimal); just beyond a breakpoint the optimum is strictly
    /// better than the current allocation (it has changed).
    static func verifyWeights(_ prepared: PreparedPlan, _ s: PlanSensitivity) throws {
        for w in s.weights {
            let k = w.stage
            let base = s.stageValues[k]
            for (end, kind, direction) in [(w.upper, w.upperEnd, 1.0), (w.lower, w.lowerEnd, -1.0)] {
                let v = try #require(try resolve(prepared, leaf: w.project, stage: k, weight: end))
                #expect(near(v[k], base + w.funded * (end - w.weight)), "\(w.project) weight \(end): \(v[k])")
                #expect(kind != .unresolved, "\(w.project): unresolved")
                if kind == .breakpoint {
                    let beyond = end + direction * max(0.01, 1e-4 * abs(end))
                    guard beyond >= 0 else { continue }
                    let u = try #require(try resolve(prepared, leaf: w.project, stage: k, weight: beyond))
                    #expect(u[k] > base + w.funded * (beyond - w.weight) + 1e-6 * max(1, abs(u[k])),
                            "\(w.project) weight \(beyond): the allocation is still optimal")
                }
            }
        }
    }

    /// The sentences of the sensitivity section in one language (as the catalogue words them, before a
    /// renderer wraps them to the page).
    static func sentences(_ sections: [ReportSection], _ language: Language) -> [String] {
        sections.flatMap(\.blocks).flatMap { block -> [String] in
            if case .items(let messages) = block { return messages.map { Localizer(language).text($0) } }
            return []
        }
    }

    static func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(a), abs(b)) }

    /// Checks every side of every stage of every analysed row against re-solves.
    static func verify(_ prepared: PreparedPlan, _ s: PlanSensitivity, sourceLevel: Bool) throws {
        for row in s.rows {
            for stage in row.stages {
                for (side, direction) in [(stage.up, 1.0), (stage.down, -1.0)] {
                    func values(_ distance: Double) throws -> [Double]? {
                        if sourceLevel, case .source(let id) = row.parameter {
                            return try resolve(prepared.loaded, source: id, available: row.value + direction * distance)
                        }
                        return try resolve(prepared, row: row.row, shift: direction * distance)
                    }
                    let label = "\(row.rowName) stage \(stage.stage) \(direction > 0 ? "up" : "down")"
                    guard let rate = side.rate else {
                        // No allocation as soon as the figure moves: a small move is infeasible.
                        #expect(try values(1e-3) == nil, "\(label): said impossible")
                        continue
                    }
                    let length = side.length ?? s.cap
                    // Inside and at the end the value follows the rate.
                    for distance in [min(length, 1) / 2, length] {
                        let v = try #require(try values(distance), "\(label): no allocation at \(distance)")
                        #expect(near(v[stage.stage], stage.value + direction * rate * distance),
                                "\(label): at \(distance) value \(v[stage.stage]), expected \(stage.value + direction * rate * distance)")
                    }
                    let beyond = length + max(0.05, 1e-4 * length)
                    switch side.end {
                    case .infeasible:
                        #expect(try values(beyond) == nil, "\(label): feasible beyond \(length)")
                    case .breakpoint:
                        let v = try #require(try values(beyond), "\(label): no allocation beyond \(length)")
                        #expect(!near(v[stage.stage], stage.value + direction * rate * beyond), "\(label): rate unchanged beyond \(length)")
                        if let after = side.rateBeyond {
                            #expect(near(v[stage.stage], stage.value + direction * rate * length + direction * after * (beyond - length)),
                                    "\(label): rate beyond \(length) is not \(after)")
                        }
                    case .unlimited:
                        #expect(side.length == nil)
                        let v = try #require(try values(s.cap * 2))
                        #expect(near(v[stage.stage], stage.value + direction * rate * s.cap * 2), "\(label): not unlimited")
                    case .cap:
                        #expect(near(length, s.cap))
                    case .unresolved:
                        Issue.record("\(label): the search did not finish")
                    case .earlierStage, .domain:
                        break
                    }
                }
            }
        }
    }

    /// Two sub-projects whose needs add up exactly to the money (a degenerate optimum):
    /// max 2·f(DA2) + f(DA5), f(DA2) ≤ 70, f(DA5) ≤ 50, central = 100 (in full), province ≤ 20,
    /// province ≥ 10% of central over the plan. Optimum: 70 and 50, V = 190, all money used.
    static let degenerate = PlanFixtures.twoProjects + """
        projects:
          - {code: DA2, need: 70, weight: 2}
          - {code: DA5, need: 50, weight: 1}
        rules:
          - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.10, scope: plan}
        """

    /// Two lines of equal weight and need share the money (`PlanFixtures.twoInterchangeableLines`): 2,522 in all,
    /// 1,261 each. One more million of central money funds one million more (rate 1), and every split of it is
    /// optimal for the plan's stage. The stage's re-solve alone jumped to another vertex: "478 million more to DA2,
    /// 477 million less to DA3"; the continuous even spread gives half a million to each, which nobody can sign.
    /// In whole units the million goes to one line, 1,262 and 1,261, and either line could take it: the report
    /// names one and says the other would do as well. A million less is taken from one line the same way.
    @Test func anEffectNeverMovesMoneyBetweenInterchangeableLines() throws {
        let body = PlanFixtures.twoInterchangeableLines
        // As `cofund solve` runs it: 229 is 10% of 2,293 only within rounding, so the rule is analysed as rounded.
        var solver = PlanSolver(factory: GLPKSolver())
        solver.sensitivity = true
        let s = try #require(try solver.solve(try PlanFixtures.load(body)).solved?.planSensitivity)
        let central = try #require(s.row(.source("central")))
        for (side, sign) in [(central.up, 1.0), (central.down, -1.0)] {
            let effect = try #require(side)
            #expect(effect.wholeUnits && effect.amount == 1 && effect.funded.count == 1 && effect.funded.values.first == sign, "\(effect)")
            #expect(Set(effect.funded.keys).union(effect.alike) == ["DA2", "DA3"] && effect.alike.count == 1, "\(effect)")
        }
        // The province's million up is whole too; less only 0.2 million down to 228.8 (the rule's 229.3 rounded) keeps
        // every rule, so that effect stays the continuous one, of those 0.2 million, half on each line: said per
        // million, 0.5 of each.
        let province = try #require(s.row(.source("province")))
        let up = try #require(province.up), down = try #require(province.down)
        #expect(up.wholeUnits && up.funded.count == 1 && up.funded.values.first == 1 && up.alike.count == 1, "\(up)")
        #expect(!down.wholeUnits && down.funded.count == 2 && down.funded.values.allSatisfy { Self.near($0, -down.amount / 2) }, "\(down)")
        // Said once for both lines, in each language.
        let structure = try PreparedPlan(try PlanFixtures.load(body)).structure
        let sections = SensitivitySectionBuilder(structure: structure).sections(s, detail: false)
        let en = Self.sentences(sections, .en).joined(separator: "\n"), vi = Self.sentences(sections, .vi).joined(separator: "\n")
        let gains = try #require(central.up?.funded.keys.first), loses = try #require(central.down?.funded.keys.first)
        let other = ["DA2": "DA3", "DA3": "DA2"]
        #expect(en.contains("One more million of central gives 1 million more to \(gains) or, equally, to \(other[gains]!); further millions "
                            + "go on funding the needs at the same rate ("), "\(en)")
        #expect(en.contains("one million less leaves 1 million of \(loses) or, equally, of \(other[loses]!) unfunded"), "\(en)")
        #expect(vi.contains("Thêm 1 triệu đồng central thì \(gains) (hoặc, tương đương, \(other[gains]!)) được thêm 1 triệu đồng; các khoản "
                            + "tăng thêm tiếp theo tiếp tục đáp ứng nhu cầu với cùng mức đó ("), "\(vi)")
        #expect(vi.contains("giảm 1 triệu đồng thì thiếu 1 triệu đồng cho \(loses) (hoặc, tương đương, cho \(other[loses]!))"), "\(vi)")
        // Not a whole million less is possible, so no effect of "one million less" is stated at all.
        #expect(en.contains("it cannot be one million less: at most 0.2 million less before no allocation meets every rule"), "\(en)")
        #expect(!en.contains("0.5 million of each"), "\(en)")
    }

    /// Two lines of equal weight, needs 70 and 30, sharing central 50 (spent in full) in proportion to their
    /// needs: 35 and 15. A million less is 34.3 and 14.7 in the continuous optimum (0.7 and 0.3 less); in
    /// whole units the nearest change takes the whole million from DA2 (34 and 15: 0.3 + 0.3 from those
    /// figures, against 0.7 + 0.7 for 35 and 14). A million more gives it to DA2 the same way (36 and 15).
    /// Neither line is as good as the other here, so no other is named.
    @Test func aWholeMillionFallsOnTheLineTheExactSplitFavours() throws {
        let body = """
            sources:
              - {id: central, level: central, capital: recurrent, available: 50, spendInFull: true}
            projects:
              - {code: DA2, need: 70}
              - {code: DA3, need: 30}
            """
        var solver = PlanSolver(factory: GLPKSolver())
        solver.sensitivity = true
        let solved = try #require(try solver.solve(try PlanFixtures.load(body)).solved)
        #expect(solved.allocation.filter { $0.key.project == "DA2" }.values.reduce(0, +) == 35)
        let central = try #require(solved.planSensitivity?.row(.source("central")))
        let up = try #require(central.up), down = try #require(central.down)
        #expect(up.wholeUnits && up.funded == ["DA2": 1] && up.alike.isEmpty, "\(up)")
        #expect(down.wholeUnits && down.funded == ["DA2": -1] && down.alike.isEmpty, "\(down)")
        let structure = try PreparedPlan(try PlanFixtures.load(body)).structure
        let en = Self.sentences(SensitivitySectionBuilder(structure: structure).sections(solved.planSensitivity!, detail: false), .en)
            .joined(separator: "\n")
        #expect(en.contains("One more million of central gives 1 million more to DA2; further millions go on funding the needs at the same rate "
                            + "(true for up to 50 million more"), "\(en)")
        // DA2 has 35: the extent "down to nothing" is the rate's (each million less leaves one more unfunded, on one
        // line or the other), not DA2's, and the sentence says so.
        #expect(en.contains("one million less leaves 1 million of DA2 unfunded; further millions less go on leaving needs unfunded at the "
                            + "same rate (true all the way down to nothing)"), "\(en)")
    }

    /// The same two lines, each funded 1,261 of its 1,500: a weight a little above 1 makes its line worth more than
    /// the other, which then gives it 239 (up to its need), and a little below 1 the other way round. So the even
    /// allocation stays optimal for that weight alone: the range is 1 to 1 (the vertex's range, 0 to 1 for one line
    /// and 1 to no limit for the other, described an allocation `solve` does not give).
    @Test func aWeightOfLinesSharingAShortfallHasNoRoom() throws {
        var solver = PlanSolver(factory: GLPKSolver())
        solver.sensitivity = true
        let s = try #require(try solver.solve(try PlanFixtures.load(PlanFixtures.twoInterchangeableLines)).solved?.planSensitivity)
        for (code, other) in [("DA2", "DA3"), ("DA3", "DA2")] {
            let range = try #require(s.weight(code))
            #expect(Self.near(range.funded, 1261), "\(range)")
            #expect(Self.near(range.lower, 1) && Self.near(range.upper, 1), "\(range)")
            #expect(range.upperEnd == .breakpoint && range.lowerEnd == .breakpoint, "\(range)")
            #expect(Self.near(range.upperShift[code] ?? 0, 239) && Self.near(range.upperShift[other] ?? 0, -239), "\(range.upperShift)")
            #expect(Self.near(range.lowerShift[code] ?? 0, -239) && Self.near(range.lowerShift[other] ?? 0, 239), "\(range.lowerShift)")
        }
    }

    /// Three lines of weight 1 share what a fourth of weight 2 (floor 600) leaves: central 1,755 and province 180,
    /// both spent in full, the province at least 10% on each project; DA6 gets its 1,000 and DA2, DA3, DA5 get
    /// 935 / 3 = 311.67 each. A weight above 1 gives DA2 all 935, so its range is 1 to 1 again. The search read the
    /// stage's value at a weight of a million with a tolerance of that size, and took the drop of 59 at 1.0944 for
    /// a straight line: "1 to 1.0944".
    @Test func aWeightRangeIsReadAtTheSizeOfTheStageNotOfItsFarEnd() throws {
        var solver = PlanSolver(factory: GLPKSolver())
        solver.sensitivity = true
        let body = """
            sources:
              - {id: central, level: central, capital: recurrent, available: 1755, spendInFull: true}
              - {id: province, level: province, capital: recurrent, available: 180, spendInFull: true}
            projects:
              - {code: DA2, need: 1000}
              - {code: DA3, need: 1000}
              - {code: DA5, need: 1000}
              - {code: DA6, need: 1000, weight: 2, floor: 600}
            rules:
              - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.1, scope: each-project}
            """
        let s = try #require(try solver.solve(try PlanFixtures.load(body)).solved?.planSensitivity)
        for code in ["DA2", "DA3", "DA5"] {
            let range = try #require(s.weight(code))
            #expect(Self.near(range.funded, 935.0 / 3), "\(range)")
            #expect(Self.near(range.lower, 1) && Self.near(range.upper, 1), "\(range)")
            #expect(Self.near(range.upperShift[code] ?? 0, 935 - 935.0 / 3), "\(range.upperShift)")
        }
    }

    /// `--exact-amounts` reports the stages' own optimum (no even spread is built), so the sensitivity describes
    /// that allocation: its effects and weights are the vertex's, consistent with the table beside them.
    /// (Province 230, so that 10% of 2,293 is met exactly, as `--exact-amounts` requires.)
    @Test func exactAmountsDescribeTheVertexTheyReport() throws {
        var solver = PlanSolver(factory: GLPKSolver(), wholeUnits: false)
        solver.sensitivity = true
        let body = PlanFixtures.twoInterchangeableLines.replacingOccurrences(of: "available: 229,", with: "available: 230,")
        let solved = try #require(try solver.solve(try PlanFixtures.load(body)).solved)
        let s = try #require(solved.planSensitivity)
        for code in ["DA2", "DA3"] {
            let funded = solved.allocation.filter { $0.key.project == code }.values.reduce(0, +)
            #expect(Self.near(try #require(s.weight(code)).funded, funded))
        }
        // A vertex: one line at its need, the other with the rest (the split is the solver's, the sum is not).
        let amounts = ["DA2", "DA3"].map { code in solved.allocation.filter { $0.key.project == code }.values.reduce(0, +) }.sorted()
        #expect(Self.near(amounts[1], 1500) && Self.near(amounts[0], 1023), "\(amounts)")
        // Its effects are the vertex's too, not the even spread's half a million to each line: the answer closest to
        // it one million away, all of the million on the line short of its need (never a jump to another vertex,
        // "1,199 million less to DA2, 1,200 million more to DA3").
        let short = ["DA2", "DA3"].first { code in solved.allocation.filter { $0.key.project == code }.values.reduce(0, +) < 1400 }!
        for id in ["central", "province"] {
            let row = try #require(s.row(.source(id)))
            for (side, sign) in [(row.up, 1.0), (row.down, -1.0)] {
                guard let effect = side, effect.amount > 0 else { continue }
                #expect(effect.funded.count == 1 && Self.near(effect.funded[short] ?? 0, sign * effect.amount), "\(id): \(effect.funded)")
            }
        }
    }

    /// Hand-computed rates and intervals of the degenerate plan:
    /// - province, more: every need is met, so 0, and without limit (its row only relaxes);
    ///   less: DA5 (weight 1) loses one per million, until province = 10% of 100 = 10: 10 less, then infeasible.
    /// - central, more: 0 (every need met) and only while c + p ≤ 120 with p ≥ 0.1c, c ≤ 120/1.1 = 109.0909:
    ///   9.0909 more, then infeasible; less: DA5 loses one per million (rate 1) until f(DA5) = c + 20 − 70 = 0
    ///   at c = 50: 50 less, beyond which DA2 (weight 2) loses: rate 2. The two rates differ (0 and 1).
    /// - rule cp, requiring δ more (p − 0.1c ≥ δ): p = 20 already, so up to δ = 10 changes nothing (0), then
    ///   infeasible; requiring less relaxes it: 0, no limit.
    /// - weights: all money goes to needs that are all met, so any weights keep the allocation: [0, largest].
    @Test func degenerateTextbookPlan() throws {
        let prepared = try PreparedPlan(try PlanFixtures.load(Self.degenerate))
        let s = try #require(try PlanSensitivityAnalyzer(factory: GLPKSolver()).analyze(prepared))
        #expect(s.stageValues.count == 1 && Self.near(s.stageValues[0], 190))
        // 1 base solve; per row and side one feasibility LP, the search (2 here: the end, then the
        // intersection) and the re-solves around an end, and the effect: 31 in all, far below the cap; and
        // for each end, what binds in every answer as good as the vertices around it (`causes`): 42.
        #expect(s.solves <= 50, "\(s.solves) re-solves")

        let province = try #require(s.row(.source("province"))?.stages.first)
        #expect(province.up.rate.map { abs($0) < 1e-9 } == true)
        #expect(province.up.end == .unlimited && province.up.length == nil)
        #expect(province.down.rate.map { Self.near($0, 1) } == true)
        #expect(province.down.length.map { Self.near($0, 10) } == true)
        #expect(province.down.end == .infeasible)
        #expect(s.row(.source("province"))?.down?.funded.mapValues { ($0 * 1e6).rounded() / 1e6 } == ["DA5": -1])

        let centralRow = try #require(s.row(.source("central")))
        let central = try #require(centralRow.stages.first)
        #expect(central.up.rate.map { abs($0) < 1e-9 } == true)
        #expect(central.up.length.map { Self.near($0, 120 / 1.1 - 100) } == true)
        #expect(central.up.end == .infeasible)
        #expect(central.down.rate.map { Self.near($0, 1) } == true)
        #expect(central.down.length.map { Self.near($0, 50) } == true)
        #expect(central.down.end == .breakpoint)
        #expect(central.down.rateBeyond.map { Self.near($0, 2) } == true)
        #expect(centralRow.reachableNeedsMet == true)
        // What ends it: DA5 receives nothing (a column that exists), never money a source cannot give.
        #expect(central.down.causes.contains { cause in
            if case .column(.funded("DA5"), _) = cause.limit { return true }
            if case .column(.allocation(let key), _) = cause.limit { return key.project == "DA5" }
            return false
        })

        let rule = try #require(s.row(.rule(id: "cp", instance: nil))?.stages.first)
        #expect(rule.up.rate.map { abs($0) < 1e-9 } == true)
        #expect(rule.up.length.map { Self.near($0, 10) } == true)
        #expect(rule.up.end == .infeasible)
        #expect(rule.down.end == .unlimited)

        for code in ["DA2", "DA5"] {
            let w = try #require(s.weight(code))
            #expect(w.lower == 0 && w.upper == PlanSensitivity.largestWeight, "\(code): \(w.lower) to \(w.upper)")
        }
        try Self.verify(prepared, s, sourceLevel: true)
        try Self.verifyWeights(prepared, s)
    }

    /// The degenerate plan with a second stage, minimise local money (V₂ = province used, 20 here, forced by
    /// the needs that take all the money):
    /// - central, more: each extra million replaces one of province (c + p = 120): −1, for 9.0909 more, then
    ///   infeasible; less: the need stage loses one per million and holds p = 20: 0 for the second stage.
    /// - province, less: one million less is one million less local money: left rate 1, for 10 less.
    /// - province, more: nothing changes (p stays 20): 0 without limit.
    @Test func degenerateTwoStagePlan() throws {
        let body = Self.degenerate + "\nobjective: [maximize-funded-need, minimize-local-money]\n"
        let prepared = try PreparedPlan(try PlanFixtures.load(body))
        let s = try #require(try PlanSensitivityAnalyzer(factory: GLPKSolver()).analyze(prepared))
        #expect(s.stageValues.count == 2 && Self.near(s.stageValues[1], 20))
        let central = try #require(s.row(.source("central"))?.stages[1])
        #expect(central.up.rate.map { Self.near($0, -1) } == true)
        #expect(central.up.length.map { Self.near($0, 120 / 1.1 - 100) } == true)
        #expect(central.down.rate.map { abs($0) < 1e-9 } == true)
        let province = try #require(s.row(.source("province"))?.stages[1])
        #expect(province.down.rate.map { Self.near($0, 1) } == true)
        #expect(province.down.length.map { Self.near($0, 10) } == true)
        #expect(province.up.rate.map { abs($0) < 1e-9 } == true && province.up.end == .unlimited)
        try Self.verify(prepared, s, sourceLevel: true)
        try Self.verifyWeights(prepared, s)
    }

    /// Stages the compiled program has beyond the plan's (an integrator's final even spread) are not
    /// analysed: the rates are those of the plan's own stages.
    @Test func stagesBeyondThePlanAreIgnored() throws {
        let twoStages = try PlanFixtures.load(Self.degenerate + "\nobjective: [maximize-funded-need, minimize-local-money]\n")
        var oneStage = twoStages
        oneStage.plan.objective.stages = [.maximizeFundedNeed]
        let compiled = try #require(try PreparedPlan(twoStages).compiled)
        let analyzer = PlanSensitivityAnalyzer(factory: GLPKSolver())
        let s = try #require(try analyzer.analyze(compiled, structure: PlanStructure(oneStage)))
        let alone = try #require(try analyzer.analyze(try PreparedPlan(oneStage)))
        #expect(s.stageValues.count == 1)
        for row in s.rows {
            let other = try #require(alone.row(row.parameter))
            #expect(row.stages.count == 1)
            for (mine, theirs) in [(row.stages[0].up, other.stages[0].up), (row.stages[0].down, other.stages[0].down)] {
                #expect(mine.end == theirs.end, "\(row.rowName)")
                #expect((mine.rate == nil) == (theirs.rate == nil) && Self.near(mine.rate ?? 0, theirs.rate ?? 0), "\(row.rowName)")
                #expect((mine.length == nil) == (theirs.length == nil) && Self.near(mine.length ?? 0, theirs.length ?? 0), "\(row.rowName)")
            }
        }
    }

    /// Not degenerate: DA5's need (60) is above what is left for it, so one more million of province funds
    /// one more of DA5 up to 10 more (DA5 full at 70 + 60 = 100 + 30), then nothing.
    @Test func textbookPlanWithRoomLeft() throws {
        let prepared = try PreparedPlan(try PlanFixtures.load(PlanSolverTests.maximizeNeed))
        let s = try #require(try PlanSensitivityAnalyzer(factory: GLPKSolver()).analyze(prepared))
        let province = try #require(s.row(.source("province"))?.stages.first)
        #expect(province.up.rate.map { Self.near($0, 1) } == true)
        #expect(province.up.length.map { Self.near($0, 10) } == true)
        #expect(province.up.end == .breakpoint && province.up.rateBeyond.map { abs($0) < 1e-9 } == true)
        #expect(province.up.causes.contains { if case .row(.need("DA5", nil), _) = $0.limit { true } else { false } })
        // Weights: DA2 keeps its 70 while its weight is at least 1 (hand-derived in PlanSolverTests); DA5 in [0, 2].
        let da2 = try #require(s.weight("DA2"))
        #expect(Self.near(da2.lower, 1) && da2.upper == PlanSensitivity.largestWeight)
        let da5 = try #require(s.weight("DA5"))
        #expect(Self.near(da5.lower, 0) && Self.near(da5.upper, 2))
        try Self.verify(prepared, s, sourceLevel: true)
        try Self.verifyWeights(prepared, s)
    }

    /// The seed plans that solve: every rate and interval holds on re-solves of the changed plan.
    @Test(arguments: ["tinh-bien-2024", "trung-khanh-2023"])
    func seedPlans(_ id: String) throws {
        let prepared = try PreparedPlan(try Seeds.load(id))
        let s = try #require(try PlanSensitivityAnalyzer(factory: GLPKSolver()).analyze(prepared))
        #expect(s.rowsLeftOut == 0 && s.solves > 0)
        let compiled = try #require(prepared.compiled)
        // The work is bounded per parameter: a search of at most `searchLimit` re-solves and a few around
        // each end, per stage and side, with what binds at the end read off every answer as good as the
        // vertices around it: a re-solve for the rows that cannot be slack and one per row that can, in three
        // answers (117 for Trùng Khánh and 132 for Tịnh Biên when written; 296 for Tịnh Biên with the faces,
        // whose six lines can each be short just before central money meets every need).
        let stages = prepared.loaded.plan.objective.stages.count
        let faces = 3 * (1 + compiled.rows.count)
        let perRow = 2 * (1 + stages * (PlanSensitivityAnalyzer<GLPKSolver>.searchLimit + 3 + faces) + compiled.stages.count)
        let perWeight = 2 * (PlanSensitivityAnalyzer<GLPKSolver>.searchLimit + 3)
        #expect(s.solves <= compiled.stages.count + s.rows.count * perRow + s.weights.count * perWeight)
        #expect(s.solves <= 320, "\(s.solves) re-solves")
        let ruleRows = compiled.rows.filter { if case .rule = $0 { true } else { false } }.count
        #expect(s.rows.count == prepared.loaded.plan.sources.filter { $0.available != nil }.count + ruleRows)
        #expect(s.weights.count == compiled.fundedColumns.count)
        // Causes name only rows and columns the program has: never money a source cannot give a project.
        for row in s.rows {
            for stage in row.stages {
                for cause in stage.up.causes + stage.down.causes {
                    switch cause.limit {
                    case .column(.allocation(let key), let name):
                        #expect(compiled.allocationColumns[key] != nil && compiled.program.columnIndex(named: name) != nil)
                    case .column(_, let name): #expect(compiled.program.columnIndex(named: name) != nil)
                    case .row(let meaning, let name): #expect(compiled.rowIndex(meaning) != nil && compiled.program.rowIndex(named: name) != nil)
                    }
                }
            }
        }
        try Self.verify(prepared, s, sourceLevel: true)
        try Self.verifyWeights(prepared, s)
    }

    /// Tịnh Biên: the false sentence of the issue ("each extra million funds 1 million more need, up to 0
    /// more") becomes two true ones: one more million of central money funds nothing more (its 4,978 + 498
    /// meet every need exactly), and only 0.18 more can be spent under the 10% rule (c + 0.1c ≤ 5,476);
    /// one million less leaves one million unfunded, all the way down.
    @Test func tinhBienCentral() throws {
        let prepared = try PreparedPlan(try Seeds.load("tinh-bien-2024"))
        let s = try #require(try PlanSensitivityAnalyzer(factory: GLPKSolver()).analyze(prepared))
        let central = try #require(s.row(.source("central")))
        let need = central.stages[0]
        #expect(need.up.rate.map { abs($0) < 1e-9 } == true)
        #expect(need.up.length.map { Self.near($0, 5_476 / 1.1 - 4_978) } == true)
        #expect(need.up.end == .infeasible)
        #expect(need.down.rate.map { Self.near($0, 1) } == true)
        #expect(need.down.length.map { Self.near($0, 4_978) } == true)
        #expect(central.reachableNeedsMet == true)
        let local = central.stages[1]
        #expect(local.up.rate.map { Self.near($0, -1) } == true)
        // `--exact` solves the answer exactly; its sensitivity is the same floating-point analysis.
        let exact = try #require(try PlanSensitivityAnalyzer(factory: GLPKSolver(), options: SolveOptions(exact: true)).analyze(prepared))
        #expect(exact.solves == s.solves && exact.row(.source("central"))?.stages[0].up.end == .infeasible)
    }

    /// The rates a what-if study compares (`sourceRates`) are the full analysis' first-stage rates upward,
    /// found with far fewer re-solves: on the hand-derived plans (degenerate: 0 for both sources; with room
    /// left: 1 for both, as each million more funds one more of DA5's need), the seeds that solve, the
    /// what-if benchmark's generated district plan (seven sources at five levels), and Tịnh
    /// Biên with every source scaled (some of these no longer solve: then both are nil).
    @Test func sourceRatesAreTheFirstStageRatesUp() throws {
        var plans: [(String, LoadedPlan)] = [("degenerate", try PlanFixtures.load(Self.degenerate)),
                                             ("room left", try PlanFixtures.load(PlanSolverTests.maximizeNeed)),
                                             ("trung-khanh-2023", try Seeds.load("trung-khanh-2023"))]
        let folder = TestFolders.fresh("cofund-rates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        plans.append(("district", try PlanLoader.load(path: try GeneratedDistrictPlan.write(in: folder, ruleSetPath: PlanFixtures.ruleSetPath))))
        let tinhBien = try Seeds.load("tinh-bien-2024")
        for (k, factor) in [1.0, 0.9, 1.1, 0.5, 1.5, 0.97, 1.02].enumerated() {
            var changed = tinhBien
            for j in changed.plan.sources.indices { changed.plan.sources[j].available = changed.plan.sources[j].available.map { $0 * (j.isMultiple(of: 2) ? factor : 2 - factor) } }
            plans.append(("tinh-bien \(k)", changed))
        }
        let analyzer = PlanSensitivityAnalyzer(factory: GLPKSolver())
        var compared = 0
        for (name, loaded) in plans {
            let prepared = try PreparedPlan(loaded)
            let compiled = try #require(prepared.compiled)
            let full = try analyzer.analyze(prepared)
            let rates = try analyzer.sourceRates(compiled, structure: prepared.structure)
            #expect((full == nil) == (rates == nil), "\(name)")
            guard let full, let rates else { continue }
            var expected: [String: Double] = [:]
            for row in full.rows {
                if case .source(let id) = row.parameter, let rate = row.stages[0].up.rate { expected[id] = rate }
            }
            #expect(Set(rates.keys) == Set(expected.keys), "\(name)")
            for (id, rate) in expected {
                #expect(Self.near(rates[id] ?? .nan, rate), "\(name) \(id): \(rates[id] ?? .nan) against \(rate)")
                compared += 1
            }
        }
        #expect(compared >= 15)
        func rates(_ loaded: LoadedPlan) throws -> [String: Double]? {
            let prepared = try PreparedPlan(loaded)
            guard let compiled = prepared.compiled else { return nil }
            return try analyzer.sourceRates(compiled, structure: prepared.structure)
        }
        let degenerate = try #require(try rates(plans[0].1))
        #expect(degenerate.mapValues { abs($0) < 1e-9 } == ["central": true, "province": true])
        let roomLeft = try #require(try rates(plans[1].1))
        #expect(roomLeft.mapValues { Self.near($0, 1) } == ["central": true, "province": true])
    }

    /// Plans without amounts have nothing to analyse.
    @Test(arguments: ["kim-bang-2023", "tan-phu-2024"])
    func seedPlansWithoutAmounts(_ id: String) throws {
        let prepared = try PreparedPlan(try Seeds.load(id))
        #expect(try PlanSensitivityAnalyzer(factory: GLPKSolver()).analyze(prepared) == nil)
    }

    /// The work cap: with a limit of 1 only the first source is analysed, and the rest is counted.
    @Test func parameterLimit() throws {
        let prepared = try PreparedPlan(try Seeds.load("tinh-bien-2024"))
        let s = try #require(try PlanSensitivityAnalyzer(factory: GLPKSolver(), parameterLimit: 1).analyze(prepared))
        #expect(s.rows.count == 1 && s.rows[0].parameter == .source("central"))
        #expect(s.rowsLeftOut == 2 + 6 && s.weights.count == 1 && s.weightsLeftOut == 5)
    }

    /// Out of re-solves: the parameter being analysed and all after it are left out and counted, never
    /// reported from a half-finished search; what was reported is still true.
    @Test func solveLimit() throws {
        let prepared = try PreparedPlan(try Seeds.load("tinh-bien-2024"))
        let s = try #require(try PlanSensitivityAnalyzer(factory: GLPKSolver(), solveLimit: 80).analyze(prepared))
        #expect(s.solves <= 80)
        #expect(!s.rows.isEmpty && s.rows.count < 9)
        #expect(s.rowsLeftOut == 9 - s.rows.count && s.weights.isEmpty && s.weightsLeftOut == 6)
        try Self.verify(prepared, s, sourceLevel: true)
        let text = Self.sentences(SensitivitySectionBuilder(structure: prepared.structure).sections(s, detail: false), .vi).joined()
        #expect(text.contains("Chưa phân tích \(s.rowsLeftOut) nguồn vốn hoặc quy tắc và 6 trọng số"))
    }

    /// Out of work (counted, not timed): a limit that Tịnh Biên's full analysis exceeds leaves parameters out,
    /// the same ones on every run, and what is reported is still true. Its full analysis stays under the default.
    @Test func workLimit() throws {
        let prepared = try PreparedPlan(try Seeds.load("tinh-bien-2024"))
        var limited = PlanSensitivityAnalyzer(factory: GLPKSolver())
        limited.workLimit = 3_000
        let first = try #require(try limited.analyze(prepared)), second = try #require(try limited.analyze(prepared))
        #expect(first.rowsLeftOut > 0 && first.rowsLeftOut == second.rowsLeftOut && first.solves == second.solves)
        #expect(first.rows.map(\.rowName) == second.rows.map(\.rowName))
        try Self.verify(prepared, first, sourceLevel: true)
        let full = try #require(try PlanSensitivityAnalyzer(factory: GLPKSolver()).analyze(prepared))
        #expect(full.rowsLeftOut == 0 && full.weightsLeftOut == 0)
    }

    /// The issue's sentence, on the degenerate plan, in both languages (derived by hand above).
    @Test func degenerateSentences() throws {
        let prepared = try PreparedPlan(try PlanFixtures.load(Self.degenerate))
        let s = try #require(try PlanSensitivityAnalyzer(factory: GLPKSolver()).analyze(prepared))
        let report = Report(command: "solve", status: "solved", headline: Message(.statusSolved), plan: nil,
                            sections: SensitivitySectionBuilder(structure: prepared.structure).sections(s, detail: false))
        let en = Self.sentences(report.sections, .en).joined(separator: "\n")
        #expect(en.contains("One more million of central funds nothing more: every need it may pay for is met (true for up to 9.1 million "
            + "more; beyond it no allocation meets every rule); one million less leaves 1 million of DA5 unfunded; further millions "
            + "less go on leaving needs unfunded at the same rate (true for up to 50 million less; there DA5 receives nothing)"))
        let vi = Self.sentences(report.sections, .vi).joined(separator: "\n")
        #expect(vi.contains("Thêm 1 triệu đồng province cũng không đáp ứng thêm nhu cầu nào: mọi nhu cầu mà nguồn này được phép chi đều "
            + "đã đủ (ở mọi mức); giảm 1 triệu đồng thì thiếu 1 triệu đồng cho DA5; các khoản giảm tiếp theo tiếp tục làm thiếu nhu "
            + "cầu với cùng mức đó (đúng khi giảm tới 10 triệu đồng; vượt quá mức đó thì không có phương án phân bổ nào đáp ứng mọi quy tắc)"))
        // The table agrees with the sentences: one million less of central is −1 of funded need, one more is 0.
        let table = try #require(report.table("sensitivity", "sources"))
        let central = try #require(table.allRows.first { $0["row"] == .code("avail(central)") })
        #expect(central.number("more") == 0 && central.number("less") == -1 && central.number("lessFor") == 50)
    }

    /// Default sentences carry no LP words; a source with nothing available gets one plain sentence.
    @Test func sectionWords() throws {
        let prepared = try PreparedPlan(try Seeds.load("tinh-bien-2024"))
        let s = try #require(try PlanSensitivityAnalyzer(factory: GLPKSolver()).analyze(prepared))
        let builder = SensitivitySectionBuilder(structure: prepared.structure)
        for language in [Language.en, Language.vi] {
            let report = Report(command: "solve", status: "solved", headline: Message(.statusSolved), plan: nil,
                                sections: builder.sections(s, detail: false))
            let text = try ReportRenderer.render(report, format: .text, language: language)
            for word in ["shadow", "basis", "binding", "∞", "giá bóng", "ràng buộc", "avail(", "rule("] {
                #expect(!text.contains(word), "\(language): \(word)")
            }
            let other = Self.sentences(report.sections, language).filter { $0.contains(language == .en ? "Other lawful" : "Huy động hợp pháp khác") }
            #expect(other.count == 1)
            #expect(report.table("sensitivity", "sources")?.allRows.contains { $0["row"] == .code("avail(other)") } == false)
        }
        // Tịnh Biên's central money can grow by 5,476 / 1.1 − 4,978 = 0.18 million only (every need met, the province
        // paying a tenth of the central money on each line): no sentence says what a whole million more would do,
        // and the second stage, whose "more" side that was, speaks of one million less only.
        let en = Self.sentences(builder.sections(s, detail: false), .en).joined(separator: "\n")
        #expect(en.contains("One more million of Central budget cannot be used: at most 0.1818 million more can be before no allocation meets every rule"), "\(en)")
        #expect(en.contains("One million less of Central budget does not change “minimise local budget money”"), "\(en)")
        #expect(!en.contains("One more million of Central budget lowers"), "\(en)")
        let detailed = Report(command: "solve", status: "solved", headline: Message(.statusSolved), plan: nil,
                              sections: builder.sections(s, detail: true))
        let columns = try #require(detailed.table("sensitivity", "sources")?.columns)
        #expect(columns.first { $0.id == "row" }?.visibility == .always)
        #expect(detailed.table("sensitivity", "sources")?.allRows.contains { $0["row"] == .code("avail(other)") } == true)
        let plain = try #require(Report(command: "solve", status: "solved", headline: Message(.statusSolved), plan: nil,
                                        sections: builder.sections(s, detail: false)).table("sensitivity", "sources")?.columns)
        #expect(plain.first { $0.id == "row" }?.visibility == .data)
    }
}
