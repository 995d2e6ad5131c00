import Foundation
import Testing
@testable import CoFund
import GLPK
import LinearProgramming

/// Each warning on a plan made by hand to show it, and one that must not.
@Suite struct PlanWarningsTests {
    private func warnings(_ body: String) throws -> [PlanWarning] {
        let loaded = try PlanFixtures.load(body)
        let result = try PlanSolver(factory: GLPKSolver()).solve(loaded)
        #expect(result.outcome == .solved)
        return PlanWarnings.find(structure: PlanStructure(loaded), solved: result.solved)
    }

    /// Central 100 in full; DA5 (weight 2, need 80) is filled first, DA2 (need 80) gets the other 20: DA2
    /// is 60 below its need while central money goes to DA5. DA5 is at its need: no warning.
    @Test func aProjectBelowItsNeedWhileMoneyGoesElsewhere() throws {
        let found = try warnings("""
            sources:
              - {id: central, name: {vi: Ngân sách trung ương, en: Central budget}, level: central, capital: recurrent, available: 100,
                 spendInFull: true}
            projects:
              - {code: DA2, need: 80}
              - {code: DA5, need: 80, weight: 2}
            """)
        #expect(found.map(\.kind) == [.belowNeed])
        let warning = try #require(found.first)
        #expect(warning.subject == "DA2" && abs((warning.amount ?? 0) - 20) < 1e-6 && warning.limit == 80)
        #expect(warning.sources == ["central"] && warning.elsewhere == ["DA5"])
        #expect(Localizer(.vi).text(warning.message)
            == "DA2 chỉ được bố trí 20 trên nhu cầu 80 triệu đồng, trong khi Ngân sách trung ương được bố trí cho dự án khác (DA5)")
        #expect(Localizer(.en).text(warning.message)
            == "DA2 receives 20 of its need of 80 million VND, while Central budget goes to other projects (DA5)")
    }

    /// Central 50, one project needing 80: it is short, but no money goes anywhere else.
    @Test func aProjectShortOfMoneyEverywhereIsNoWarning() throws {
        let found = try warnings("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 50, spendInFull: true}
            projects:
              - {code: DA2, need: 80}
            """)
        #expect(found.isEmpty)
    }

    /// Central 120 in full; DA2, DA3 and DA5 need 80 each, with equal weights: the even spread gives each 40,
    /// half its need. Money goes from each to the others, but they are cut alike: a shared shortfall is no
    /// warning, as one project short of money everywhere is none. A line funded further is named (second plan).
    @Test func linesCutAlikeAreNoWarningALineFundedFurtherIs() throws {
        let alike = try warnings("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 120, spendInFull: true}
            projects:
              - {code: DA2, need: 80}
              - {code: DA3, need: 80}
              - {code: DA5, need: 80}
            """)
        #expect(alike.isEmpty, "\(alike.map(\.message))")
        // Central 290: DA2 (weight 2) takes its 80; DA6 and DA7 (weight 1, needs 200 and 400) share the other 210
        // alike, 70 and 140 (35% each). Each is named short while money goes to DA2 only.
        let apart = try warnings("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 290, spendInFull: true}
            projects:
              - {code: DA2, need: 80, weight: 2}
              - {code: DA6, need: 200}
              - {code: DA7, need: 400}
            """)
        #expect(apart.map(\.subject) == ["DA6", "DA7"])
        #expect(apart.allSatisfy { $0.elsewhere == ["DA2"] }, "\(apart.map(\.elsewhere))")
        #expect(apart.map { $0.amount ?? 0 } == [70, 140])
    }

    /// Central 100 in full; DA2 needs 100.4, DA5 (weight 2) 0.6. In whole millions DA5 gets 0 (1 is above
    /// its need) and DA2 100: each is short by less than a million, which is rounding, not a choice, so no
    /// warning (the continuous answer, 0.6 and 99.4, would warn about DA2).
    @Test func shortOfANeedByLessThanAUnitIsNoWarning() throws {
        let found = try warnings("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 100, spendInFull: true}
            projects:
              - {code: DA2, need: 100.4}
              - {code: DA5, need: 0.6, weight: 2}
            """)
        #expect(found.isEmpty, "\(found.map { Localizer(.en).text($0.message) })")
    }

    /// Each-sub-project counterpart; DA1 takes no central money (barred), so the rule requires 0 there and
    /// the province's 50 on DA1 is DA1's own funding, not counterpart above the rule.
    @Test func localMoneyWhereTheRuleRequiresNothingIsNoWarning() throws {
        let found = try warnings("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 100, spendInFull: true}
              - {id: province, level: province, capital: recurrent, available: 60, spendInFull: true}
            projects:
              - {code: DA1, need: 50}
              - {code: DA2, need: 110}
            rules:
              - {id: no-central, kind: bar, source: central, projects: [DA1]}
              - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.10, scope: each-subproject}
            """)
        #expect(!found.contains { $0.kind == .localAboveRequired && $0.instance == "DA1" })
        #expect(found.isEmpty, "\(found.map { Localizer(.en).text($0.message) })")
    }

    /// Central 100, province 30 spent in full, 10% counterpart: the rule requires 10, the province gives
    /// 30, so 20 more than required.
    @Test func localMoneyAboveWhatTheRulesRequire() throws {
        let found = try warnings("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 100, spendInFull: true}
              - {id: province, level: province, capital: recurrent, available: 30, spendInFull: true}
            projects:
              - {code: DA2, need: 200}
            rules:
              - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.10, scope: plan}
            """)
        #expect(found.map(\.kind) == [.localAboveRequired])
        #expect(found.first?.subject == "cp" && found.first?.amount == 30 && abs((found.first?.limit ?? 0) - 10) < 1e-9)
        #expect(Localizer(.vi).text(found[0].message)
            == "cp: vốn địa phương 30 triệu đồng, nhiều hơn 20 triệu đồng so với mức 10 triệu đồng quy tắc yêu cầu")
    }

    /// With local money kept to the least (need 110 = 100 + 10), the counterpart is met exactly: no warning.
    @Test func localMoneyAtTheRequirementIsNoWarning() throws {
        let found = try warnings("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 100, spendInFull: true}
              - {id: province, level: province, capital: recurrent, available: 30}
            projects:
              - {code: DA2, need: 110}
            rules:
              - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.10, scope: plan}
            objective: [maximize-funded-need, minimize-local-money]
            """)
        #expect(found.isEmpty)
    }

    @Test func periodsAreReadAsYears() {
        #expect(PlanWarnings.years(of: "2021-2025") == 2021...2025)
        #expect(PlanWarnings.years(of: "2026 – 2030") == 2026...2030)
        #expect(PlanWarnings.years(of: "2025") == 2025...2025)
        #expect(PlanWarnings.years(of: "giai đoạn 2021-2025") == nil)
        #expect(PlanWarnings.years(of: "") == nil)
    }

    /// The 2024 plan against a rule set for 2026-2030.
    @Test func aRuleSetWhosePeriodLeavesOutThePlansYear() throws {
        let folder = TestFolders.fresh("cofund-period")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("rules.yaml").path
        try """
            cofund: rule-set
            id: later-rules
            period: 2026-2030
            catalogue:
              - {code: DA2, capital: recurrent}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try PlanFixtures.load("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 10}
            projects:
              - {code: DA2, need: 10}
            """, ruleSet: path)
        let found = PlanWarnings.find(structure: PlanStructure(loaded), solved: nil)
        #expect(found.map(\.kind) == [.periodExcludesYear])
        #expect(Localizer(.vi).text(found[0].message)
            == "Bộ quy tắc later-rules áp dụng cho giai đoạn 2026-2030, không bao gồm năm 2024 của kế hoạch: tỷ lệ và danh mục dự án có thể không còn phù hợp")
        // The shipped rule set includes 2024.
        #expect(PlanWarnings.find(structure: PlanStructure(try PlanFixtures.load("projects: [{code: DA2, need: 1}]")), solved: nil).isEmpty)
    }

    /// A district plan with a district budget: nothing in 2024; the end of district budgets in 2025;
    /// both gone in 2026. A provincial plan with no district money in 2026: nothing.
    @Test func theDistrictLevelAfterJuly2025() throws {
        var loaded = try PlanFixtures.load("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 10}
              - {id: district, name: {vi: Ngân sách huyện, en: District budget}, level: district, capital: recurrent, available: 1}
            projects:
              - {code: DA2, need: 10}
            """)
        #expect(PlanWarnings.find(structure: PlanStructure(loaded), solved: nil).isEmpty)
        loaded.plan.year = 2025
        let ending = PlanWarnings.find(structure: PlanStructure(loaded), solved: nil)
        #expect(ending.map(\.kind) == [.districtEnding, .districtEnding])
        #expect(ending.map(\.subject) == ["test-plan", "district"])
        loaded.plan.year = 2026
        let gone = PlanWarnings.find(structure: PlanStructure(loaded), solved: nil)
        #expect(gone.map(\.kind) == [.periodExcludesYear, .districtAbolished, .districtAbolished])
        #expect(Localizer(.vi).text(gone[2].message)
            == "Ngân sách huyện là ngân sách cấp huyện, nhưng năm 2026 không còn cấp huyện (chấm dứt từ ngày 01/7/2025; vốn phân bổ từ tỉnh xuống xã)")
        #expect(Localizer(.en).text(gone[1].message)
            == "The plan is made at district level, but the district level no longer exists in 2026 (abolished from 1 July 2025; money runs province → commune)")
        loaded.plan.level = .province
        loaded.plan.sources.removeLast()
        #expect(PlanWarnings.find(structure: PlanStructure(loaded), solved: nil).map(\.kind) == [.periodExcludesYear])
    }

    /// Tịnh Biên has none; Trung Khánh's DA3 needs 7,206 where its sub-projects need 5,678 + 1,519 = 7,197, each
    /// met in full: that is the document's slip, said as such, not money sent elsewhere.
    @Test func theSeedPlansThatSolveHaveOnlyTheirDocumentsWarnings() throws {
        for id in ["tinh-bien-2024", "trung-khanh-2023"] {
            let loaded = try Seeds.load(id)
            let result = try PlanSolver(factory: GLPKSolver()).solve(loaded)
            let found = PlanWarnings.find(structure: PlanStructure(loaded), solved: result.solved)
            let slips = found.filter { $0.kind != .belowNeed }
            #expect(slips.map { "\($0.kind.rawValue) \($0.subject) \($0.amount ?? 0) \($0.limit ?? 0)" }
                        == (id == "trung-khanh-2023" ? ["need-above-parts DA3 7197.0 7206.0"] : []), "\(id): \(found.map(\.message))")
            #expect(!found.contains { $0.kind == .belowNeed && $0.subject == "DA3" }, "\(id)")
            #expect(WarningSection.build(structure: PlanStructure(loaded), result: result)?.id == (found.isEmpty ? nil : "warnings"))
        }
    }
}

/// The diagnosis sections in both languages, in plain words.
@Suite struct DiagnosisSectionTests {
    static let combined = """
        sources:
          - {id: central, name: {vi: Ngân sách trung ương, en: Central budget}, level: central, capital: recurrent, available: 1000, spendInFull: true}
          - {id: province, name: {vi: Ngân sách tỉnh, en: Provincial budget}, level: province, capital: recurrent, available: 50}
        projects:
          - {code: DA2, need: 900}
        rules:
          - {id: cp, kind: counterpart, levels: [province], of: [central], ratio: 0.10, scope: plan}
        """

    private func lines(_ body: String, _ language: Language) throws -> [String] {
        let loaded = try PlanFixtures.load(body)
        let diagnosis = try #require(try PlanSolver(factory: GLPKSolver()).solve(loaded).diagnosis)
        let section = DiagnosisSection(PlanStructure(loaded)).repairSection(diagnosis)
        let words = Localizer(language)
        var lines = [words.text(section.title)]
        for block in section.blocks {
            switch block {
            case .paragraph(let message): lines.append(words.text(message))
            case .items(let messages): lines += messages.map(words.text)
            default: break
            }
        }
        return lines
    }

    @Test func aLawfulRepairInVietnamese() throws {
        #expect(try lines(Self.combined, .vi) == [
            "Cách điều chỉnh để kế hoạch thực hiện được (tổng cộng 250 triệu đồng)",
            "Mọi điều chỉnh dưới đây đều thuộc thẩm quyền của kế hoạch (nhu cầu, mức sàn, vốn địa phương); vốn ngân sách trung ương giữ nguyên như được giao và mọi tỷ lệ theo quy định đều được bảo đảm.",
            "nâng nhu cầu của DA2 thêm 200 triệu đồng (900 → 1.100)",
            "Ngân sách tỉnh: bổ sung 50 triệu đồng vào số vốn hiện có (50 → 100)",
            "Đã kiểm tra: tính lại kế hoạch với các điều chỉnh này, phương án phân bổ đáp ứng mọi quy tắc (phân bổ 1.100 triệu đồng).",
        ])
    }

    @Test func aLawfulRepairInEnglish() throws {
        #expect(try lines(Self.combined, .en) == [
            "How the plan can be met (250 million VND of changes in all)",
            "Every change below is the plan's own to make (needs, floors, local money); central money stays as assigned and every legal ratio holds.",
            "raise the need of DA2 by 200 million VND (900 → 1,100)",
            "Provincial budget: add 50 million VND to what is available (50 → 100)",
            "Checked: the plan with these changes was solved again, and its allocation meets every rule (1,100 million VND allocated).",
        ])
    }

    @Test func noLawfulRepairSaysWhichLawWouldHaveToBend() throws {
        let vi = try lines(LawfulRepairTests.noLocalMoney, .vi)
        #expect(vi[1] == "Không có cách điều chỉnh hợp lệ: chỉ thay đổi nhu cầu, mức sàn và vốn địa phương thì kế hoạch không thể thực hiện được. Những gì phải thay đổi ngoài thẩm quyền của kế hoạch: quy tắc cp: thiếu 3 triệu đồng; chỉ đáp ứng được ở mức 0% thay vì 3%.")
        #expect(vi[2].hasSuffix("(cần thay đổi quy định hoặc số vốn được giao)"))
    }
}

