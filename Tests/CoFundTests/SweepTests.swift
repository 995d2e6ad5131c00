import Foundation
import Testing
@testable import CoFund
import GLPK
import LinearProgramming

/// Breakpoints of a sweep against hand-computed ones, each proved by re-solving the plan just before and
/// just after it.
@Suite struct SweepTests {
    /// Central money C (not spent in full) and two projects: DA2 needs 80 at weight 2, DA3 needs 60 at
    /// weight 1. The weighted funded need V(C) is 2C up to C = 80 (DA2 first), then 160 + (C − 80) up to
    /// C = 140 (DA3), then 220: breakpoints at 80 (rate 2 → 1, DA2's need met) and 140 (1 → 0, DA3's).
    static let body = """
        sources:
          - {id: central, level: central, capital: recurrent, available: 100, spendInFull: false}
        projects:
          - {code: DA2, need: 80, weight: 2}
          - {code: DA3, need: 60, weight: 1}
        """

    static func stageValue(_ loaded: LoadedPlan, central: Double) throws -> Double {
        var changed = loaded
        changed.plan.sources[0].available = central
        let result = try PlanSolver(factory: GLPKSolver(), wholeUnits: false).solve(changed)
        return try #require(result.solved).stageValues[0].value
    }

    @Test func breakpointsOfTheFundedNeedAreTheHandComputedOnes() throws {
        let loaded = try PlanFixtures.load(Self.body)
        let walk = try #require(try ParametricSweep(factory: GLPKSolver()).walk(
            base: loaded, edit: .available(source: "central", .value(0)), from: 0, to: 200))
        #expect(!walk.incomplete)
        #expect(walk.breakpoints.map(\.value).map { ($0 * 1e6).rounded() / 1e6 } == [80, 140])
        #expect(walk.breakpoints.map(\.rateBefore) == [2, 1])
        #expect(walk.breakpoints.map(\.rateAfter) == [1, 0])
        let words = SensitivitySectionBuilder(structure: PlanStructure(loaded))
        #expect(walk.breakpoints.compactMap { words.cause($0.causes).map { Localizer(.en).text($0) } } == ["the need of DA2 is met", "the need of DA3 is met"])
        // Re-solves just before and after each breakpoint: the slope on each side is the one reported.
        for point in walk.breakpoints {
            let h = 0.5
            let at = try Self.stageValue(loaded, central: point.value)
            let before = (at - (try Self.stageValue(loaded, central: point.value - h))) / h
            let after = ((try Self.stageValue(loaded, central: point.value + h)) - at) / h
            #expect(abs(before - (point.rateBefore ?? .nan)) < 1e-9 && abs(after - (point.rateAfter ?? .nan)) < 1e-9,
                    "at \(point.value): \(before) before, \(after) after")
        }
    }

    /// A sweep of two steps (0, 100, 200) still reports both breakpoints at their own values, not at steps.
    @Test func aBreakpointBetweenStepsIsReportedAtItsValue() throws {
        let loaded = try PlanFixtures.load(Self.body)
        let study = try SweepRunner(solver: PlanSolver(factory: GLPKSolver()), threads: 2).run(
            base: loaded, path: "central", edit: .available(source: "central", .value(0)),
            location: SourceLocation(file: "--vary", line: 0), from: 0, to: 200, steps: 2)
        #expect(study.values == [0, 100, 200])
        #expect(study.walk?.breakpoints.map(\.value).map { $0.rounded() } == [80, 140])
        // Whole units at the steps: 100 gives DA2 its 80 and DA3 20 (V = 180); 200 funds both needs (220).
        #expect(study.steps.map { Comparison.stageValues($0.solution)[.maximizeFundedNeed] } == [0, 180, 220])
    }

    /// Spent in full, central money beyond the needs (140) leaves no allocation meeting every rule: the walk
    /// ends there with "beyond it no allocation meets every rule".
    @Test func theWalkEndsWhereNoAllocationMeetsEveryRule() throws {
        let loaded = try PlanFixtures.load(Self.body.replacingOccurrences(of: "spendInFull: false", with: "spendInFull: true"))
        let walk = try #require(try ParametricSweep(factory: GLPKSolver()).walk(
            base: loaded, edit: .available(source: "central", .value(0)), from: 0, to: 200))
        #expect(walk.breakpoints.map { ($0.value * 1e6).rounded() / 1e6 } == [80, 140])
        #expect(walk.breakpoints.last?.end == .infeasible)
    }

    /// Tịnh Biên's central 4,978 must be spent in full with at least 10% from the province on every line: below
    /// 4,978 / 10 = 497.8 of provincial money no allocation meets every rule. A sweep of the province from 300 starts
    /// there and says so, then finds the needs all met at 498 (5,476 − 4,978), funded need rising one for one
    /// between the two (5,475.8 to 5,476).
    @Test func aSweepThatStartsWhereNothingIsPossibleFindsWhereItBecomesPossible() throws {
        let walk = try #require(try ParametricSweep(factory: GLPKSolver()).walk(
            base: try Seeds.load("tinh-bien-2024"), edit: .available(source: "province", .value(0)), from: 300, to: 600))
        #expect(walk.breakpoints.map { ($0.value * 1e6).rounded() / 1e6 } == [497.8, 498], "\(walk.breakpoints)")
        #expect(walk.breakpoints.first?.feasibleFrom == true && walk.breakpoints.last?.feasibleFrom == false)
        #expect(walk.breakpoints.last.map { abs(($0.rateBefore ?? 0) - 1) < 1e-6 && abs($0.rateAfter ?? 1) < 1e-6 } == true)
        let study = try SweepRunner(solver: PlanSolver(factory: GLPKSolver()), threads: 1)
            .run(base: try Seeds.load("tinh-bien-2024"), path: "province", edit: .available(source: "province", .value(0)),
                 location: SourceLocation(file: "--vary", line: 0), from: 300, to: 600, steps: 6)
        let text = try ReportRenderer.render(SweepReportBuilder().build(study), format: .markdown, language: .en)
        #expect(text.contains("below it no allocation meets every rule; from it on one does"), "\(text)")
    }

    /// A ratio is a coefficient, not a right-hand side: steps only, said so.
    @Test func aRatioIsSweptBySteps() throws {
        let loaded = try PlanFixtures.load(Self.body)
        #expect(try ParametricSweep(factory: GLPKSolver()).walk(base: loaded, edit: .ratio(rule: "x", .value(0)), from: 0, to: 1) == nil)
    }

    @Test func stepValuesOfMoneyAreWholeUnitsAndTheEndsAreAsGiven() {
        let values = SweepRunner<GLPKSolver>.values(from: 0.5, to: 10, steps: 4, edit: .available(source: "c", .value(0)), unit: 1)
        #expect(values == [0.5, 3, 5, 8, 10])  // 2.875 → 3, 5.25 → 5, 7.625 → 8
        let ratios = SweepRunner<GLPKSolver>.values(from: 0.05, to: 0.2, steps: 3, edit: .ratio(rule: "r", .value(0)), unit: 1)
        #expect(ratios.map { ($0 * 1e9).rounded() / 1e9 } == [0.05, 0.1, 0.15, 0.2])
        // A coarse unit keeps the steps inside the range: 4,175 → 4,000 and 4,325 → 4,000 would leave it.
        let coarse = SweepRunner<GLPKSolver>.values(from: 4100, to: 4400, steps: 4, edit: .available(source: "c", .value(0)), unit: 1000)
        #expect(coarse == [4100, 4100, 4100, 4100, 4400])  // 4,175, 4,250 and 4,325 all round to 4,000, below the range
        // A ratio step below one in a million goes to 0 or to one in a million: 2.5e-7 → 0, 5e-7 and 7.5e-7 → 1e-6.
        let tiny = SweepRunner<GLPKSolver>.values(from: 0, to: 1e-6, steps: 4, edit: .ratio(rule: "r", .value(0)), unit: 1)
        #expect(tiny == [0, 0, 1e-6, 1e-6, 1e-6])
    }
}

/// Two lines the stages cannot tell apart: central C (not spent in full), DA2 and DA3 need 100 each at weight 1.
/// V(C) = C up to C = 200, then 200: one breakpoint at 200, rate 1 → 0, where both needs are met at once. Just
/// before it any split of C − 200 short between the lines is as good; the vertex the simplex returns leaves
/// one of them short, and the walk named that one alone ("the need of DA3 is met").
/// The same with priority weights of 1,000 (the stages' slack is then a thousand times larger in their own
/// units, but not in money): the same breakpoint and the same clause.
@Test(arguments: [1.0, 1000.0])
func needsMetAtOnceAreNamedTogether(weight: Double) throws {
    let loaded = try PlanFixtures.load("""
        sources:
          - {id: central, level: central, capital: recurrent, available: 100, spendInFull: false}
        projects:
          - {code: DA2, need: 100, weight: \(weight)}
          - {code: DA3.TDA1, need: 100, weight: \(weight)}
        """)
    let walk = try #require(try ParametricSweep(factory: GLPKSolver()).walk(
        base: loaded, edit: .available(source: "central", .value(0)), from: 0, to: 300))
    #expect(walk.breakpoints.map { ($0.value * 1e6).rounded() / 1e6 } == [200])
    #expect(walk.breakpoints.map(\.rateBefore) == [weight])
    #expect(walk.breakpoints.map(\.rateAfter) == [0])
    let words = SensitivitySectionBuilder(structure: PlanStructure(loaded))
    let cause = try #require(walk.breakpoints.first.flatMap { words.cause($0.causes) })
    #expect(Localizer(.en).text(cause) == "the needs of DA2 and DA3.TDA1 are met")
    #expect(Localizer(.vi).text(cause) == "nhu cầu của DA2 và DA3.TDA1 đều đã đủ")
}
