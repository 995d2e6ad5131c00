import Foundation
import Testing
@testable import CoFund
import GLPK
import LinearProgramming

/// The diagnosis repairs what the plan may change first (needs, floors, local money), never spends less
/// central money than assigned unless the plan allows it, and solves the repaired plan again. Every
/// expected repair is derived by hand in the comment above its test.
@Suite struct LawfulRepairTests {
    private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    private func diagnose(_ body: String) throws -> Diagnosis {
        let result = try PlanFixtures.solve(body)
        #expect(result.outcome == .infeasible)
        return try #require(result.diagnosis)
    }

    private func total(_ diagnosis: Diagnosis, _ kind: Repair.Kind) -> Double {
        diagnosis.repairs.filter { $0.kind == kind }.reduce(0) { $0 + $1.amount }
    }

    /// Central 100 must be spent in full, needs 30 + 40 = 70, the province (≤ 20) adds at least 10%.
    /// Cheapest at a cost of 1 per million: spend 400/11 less central money (c + 0.1c = 70). Lawful: with
    /// central kept at 100 the province adds l ≥ 10, so the needs must take 100 + l ≥ 110: raise them by 40
    /// (the province has the 10 it needs). The repaired plan funds 110.
    @Test func centralBeyondTheNeedsRaisesTheNeedsInstead() throws {
        let diagnosis = try diagnose(PlanFixtures.twoProjects + """
            projects:
              - {code: DA2, need: 30}
              - {code: DA5, need: 40}
            rules:
              - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.10, scope: plan}
            """)
        #expect(Set(diagnosis.repairs.map(\.kind)) == [.raiseNeed])
        #expect(close(total(diagnosis, .raiseNeed), 40))
        #expect(diagnosis.isLawful)
        #expect(close(diagnosis.totalRepair, 40))
        let resolve = try #require(diagnosis.resolve)
        #expect(resolve.outcome == .solved)
        #expect(close(resolve.allocated, 110))
    }

    /// Central 100 in full, a 3% counterpart, the province has only 2. Cheapest and lawful at once: the
    /// province adds 1 more (3 = 3% of 100); the rule, a legal ratio, is not relaxed. Re-solved: 103.
    @Test func counterpartShortRaisesLocalMoneyNotTheRule() throws {
        let diagnosis = try diagnose("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 100, spendInFull: true}
              - {id: province, level: province, capital: recurrent, available: 2}
            projects:
              - {code: DA2, need: 200}
            rules:
              - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.03, scope: plan}
            """)
        #expect(diagnosis.repairs.count == 1)
        let repair = try #require(diagnosis.repairs.first)
        #expect(repair.kind == .moreMoney && repair.subject == "province" && repair.standing == .lawful)
        #expect(close(repair.amount, 1))
        #expect(repair.from == 2 && close(repair.to, 3))
        #expect(diagnosis.resolve?.outcome == .solved)
        #expect(close(diagnosis.resolve?.allocated, 103))
    }

    /// Both at once: central 1,000 in full, DA2's need 900, the province (≤ 50) adds at least 10%.
    /// With central kept, the province must give l ≥ 100, so 50 more money, and the need must take
    /// 1,000 + l: a raise of 100 + l. The total 2l + 50 is least at l = 100: raise the need by 200 and add
    /// 50 of provincial money, listed in that order (both lawful, larger first). At a cost of 1 per
    /// million the old diagnosis relaxed the rule or cut central money instead (200 and 500). Re-solved,
    /// the plan funds 1,100.
    @Test func repairOrderOnAPlanWhoseCheapestRepairCutsCentralMoney() throws {
        let diagnosis = try diagnose("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 1000, spendInFull: true}
              - {id: province, level: province, capital: recurrent, available: 50}
            projects:
              - {code: DA2, need: 900}
            rules:
              - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.10, scope: plan}
            """)
        #expect(diagnosis.repairs.map(\.kind) == [.raiseNeed, .moreMoney])
        #expect(diagnosis.repairs.map(\.subject) == ["DA2", "province"])
        #expect(close(diagnosis.repairs[0].amount, 200) && close(diagnosis.repairs[1].amount, 50))
        #expect(diagnosis.repairs[0].from == 900 && close(diagnosis.repairs[0].to, 1100))
        #expect(!diagnosis.repairs.contains { $0.kind == .spendLess || $0.kind == .relaxRule })
        #expect(diagnosis.isLawful)
        #expect(diagnosis.resolve?.outcome == .solved)
        #expect(close(diagnosis.resolve?.allocated, 1100))
    }

    /// Fractional repairs are proposed in whole millions, rounded up where more room does no harm: central
    /// 100 in full, need 95, 2.5% counterpart from a province with 1. The province needs 2.5 (1.5 more:
    /// proposed 2) and the need 102.5 (7.5 more: proposed 8). The rounded plan is solved.
    @Test func repairsAreProposedInWholeMillions() throws {
        let diagnosis = try diagnose("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 100, spendInFull: true}
              - {id: province, level: province, capital: recurrent, available: 1}
            projects:
              - {code: DA2, need: 95}
            rules:
              - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.025, scope: plan}
            """)
        #expect(diagnosis.repairs.map(\.kind) == [.raiseNeed, .moreMoney])
        #expect(close(diagnosis.repairs[0].amount, 7.5) && diagnosis.repairs[0].proposed == 8)
        #expect(close(diagnosis.repairs[1].amount, 1.5) && diagnosis.repairs[1].proposed == 2)
        #expect(diagnosis.roundingUnit == 1)
        #expect(diagnosis.resolve?.outcome == .solved && diagnosis.resolve?.rounded == true)
    }

    static let noLocalMoney = """
        sources:
          - {id: central, level: central, capital: recurrent, available: 100, spendInFull: true}
        projects:
          - {code: DA2, need: 200}
        rules:
          - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.03, scope: plan}

        """

    /// No local source at all: no need, floor or local money can be changed to meet a 3% counterpart. The
    /// least the law must give: the rule relaxed by 3 (0% reached instead of 3%), rather than 100 less
    /// central money. The re-solve with the rule at 0% funds 100.
    @Test func noLawfulRepairSaysWhatLawWouldHaveToBend() throws {
        let diagnosis = try diagnose(Self.noLocalMoney)
        #expect(diagnosis.repairs.count == 1)
        let repair = try #require(diagnosis.repairs.first)
        #expect(repair.kind == .relaxRule && repair.subject == "cp" && repair.standing == .unlawful)
        #expect(close(repair.amount, 3) && repair.requiredRatio == 0.03 && repair.reachedRatio == 0)
        #expect(!diagnosis.isLawful && diagnosis.needsTheLawToChange)
        #expect(diagnosis.resolve?.outcome == .solved)
        #expect(close(diagnosis.resolve?.allocated, 100))
    }

    /// The same plan allowing central money to be cut: the law's ratio holds, and the only way is to spend
    /// no central money at all (100 less), marked as allowed only by the plan. Re-solved: nothing funded.
    @Test func aPlanMayAllowCuttingCentralMoney() throws {
        let diagnosis = try diagnose(Self.noLocalMoney + "mayBend: [centralMoney]\n")
        #expect(diagnosis.repairs.map(\.kind) == [.spendLess])
        #expect(diagnosis.repairs.first?.standing == .allowedByPlan)
        #expect(close(diagnosis.repairs.first?.amount, 100))
        #expect(!diagnosis.isLawful && !diagnosis.needsTheLawToChange)
        #expect(diagnosis.resolve?.outcome == .solved)
        #expect(close(diagnosis.resolve?.allocated, 0))
    }

    /// A rule the plan itself marks `bend: true` is relaxed as a lawful repair.
    @Test func aRuleMarkedBendIsALawfulRepair() throws {
        let diagnosis = try diagnose(Self.noLocalMoney.replacingOccurrences(of: "scope: plan}", with: "scope: plan, bend: true}"))
        #expect(diagnosis.repairs.map(\.kind) == [.relaxRule])
        #expect(diagnosis.isLawful)
    }

    /// Tịnh Biên under the 15% tier: 746.7 of local money is required and the province has 498, and the
    /// needs add up to exactly 4,978 + 498. Kept central money needs 248.7 more provincial money (proposed
    /// 249) and 248.7 more need on some sub-projects; the 15% rule itself is not relaxed.
    @Test func tinhBienAtFifteenPercentAddsProvincialMoney() throws {
        let path = PlanFixtures.repositoryRoot.appendingPathComponent("Models/examples/tinh-bien-2024-at-15-percent.yaml").path
        let result = try PlanSolver(factory: GLPKSolver()).solve(try PlanLoader.load(path: path))
        let diagnosis = try #require(result.diagnosis)
        #expect(Set(diagnosis.repairs.map(\.kind)) == [.raiseNeed, .moreMoney])
        let money = try #require(diagnosis.repairs.first { $0.kind == .moreMoney })
        #expect(money.subject == "province" && close(money.amount, 248.7) && money.proposed == 249)
        #expect(close(total(diagnosis, .raiseNeed), 248.7))
        #expect(diagnosis.isLawful)
        #expect(diagnosis.resolve?.outcome == .solved)
    }
}

/// The bend keys are read and refused like every other field.
@Suite struct BendLoadingTests {
    @Test func theShippedRuleSetsKeepCentralMoneyAndRatiosFixed() throws {
        for name in ["poverty-2021-2025", "poverty-2026-2030"] {
            let path = PlanFixtures.repositoryRoot.appendingPathComponent("Models/rulesets/\(name).yaml").path
            let ruleSet = try RuleSetLoader.load(path: path)
            #expect(ruleSet.bend == BendDefaults())
            #expect(ruleSet.bend.allows(.need) && ruleSet.bend.allows(.localMoney) && !ruleSet.bend.allows(.centralMoney))
            #expect(!ruleSet.bend.allows(.rules))
        }
    }

    private func ruleSetFile(_ bend: String) throws -> String {
        let folder = TestFolders.fresh("cofund-bend")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("rules.yaml").path
        try """
            cofund: rule-set
            id: test-rules
            period: 2021-2025
            \(bend)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aRuleSetMayChangeTheDefaults() throws {
        let ruleSet = try RuleSetLoader.load(path: try ruleSetFile("bend: {centralMoney: true, need: false}"))
        #expect(ruleSet.bend.centralMoney && !ruleSet.bend.need && ruleSet.bend.floor)
    }

    @Test func anUnknownBendKeyIsRefusedAtItsLine() throws {
        let path = try ruleSetFile("bend:\n  centralMony: true")
        #expect {
            try RuleSetLoader.load(path: path)
        } throws: { error in
            guard let error = error as? PlanError else { return false }
            return error.field == "bend.centralMony" && error.location.line == 5 && error.message.key == .planUnknownField
        }
        let notBool = try ruleSetFile("bend: {need: perhaps}")
        #expect {
            try RuleSetLoader.load(path: notBool)
        } throws: { error in
            (error as? PlanError)?.field == "bend.need" && (error as? PlanError)?.message.key == .planExpectedBool
        }
    }

    @Test func aPlanMayBendOnlyKnownKindsAndItsRules() throws {
        let plan = try PlanFixtures.load(LawfulRepairTests.noLocalMoney + "mayBend: [centralMoney, cp]\n")
        #expect(plan.plan.mayBend == ["centralMoney", "cp"])
        #expect {
            try PlanFixtures.load(LawfulRepairTests.noLocalMoney + "mayBend: [centralMoney, everything]\n")
        } throws: { error in
            guard let error = error as? PlanError else { return false }
            return error.field == "mayBend[1]" && error.message.key == .planNotABend && error.location.line == 13
        }
    }

    @Test func aCapitalTypeRuleCannotBend() throws {
        #expect(throws: PlanError.self) {
            try PlanFixtures.load(LawfulRepairTests.noLocalMoney.replacingOccurrences(of: "rules:\n", with: """
                rules:
                  - {id: inv, kind: investment-only, projects: [DA1], bend: true}

                """))
        }
    }
}
