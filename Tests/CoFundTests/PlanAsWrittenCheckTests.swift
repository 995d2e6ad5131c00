import Foundation
import Testing
@testable import CoFund
import GLPK
import LinearProgramming

/// `check` on crafted plans, one per kind of finding and verdict. Every expected figure is worked out by
/// hand in the comments.
@Suite struct PlanAsWrittenCheckTests {
    static let sources = """
        sources:
          - {id: central, level: central, capital: recurrent, available: unknown}
          - {id: province, level: province, capital: recurrent, available: unknown}

        """
    static let tenPercentEachLine = """
        rules:
          - {id: province-10pct, kind: counterpart, levels: [province], of: [central], ratio: 0.10, scope: each-subproject}

        """

    func check(_ body: String) throws -> PlanCheckResult {
        let loaded = try PlanFixtures.load(body)
        return try PlanAsWrittenCheck(PlanStructure(loaded)).run(solver: GLPKSolver())
    }

    /// One line: total, central and provincial amounts.
    static func line(_ code: String, total: Double, central: Double, province: Double) -> String {
        """
          - code: \(code)
            stated:
              - {amount: \(PlanFileRewriter.number(total))}
              - {source: central, amount: \(PlanFileRewriter.number(central))}
              - {source: province, amount: \(PlanFileRewriter.number(province))}

        """
    }

    @Test func aPlanThatAddsUpHasNoFindings() throws {
        // 1100 = 1000 + 100 and 100 is exactly 10% of 1000.
        let result = try check(Self.sources + Self.tenPercentEachLine + "projects:\n" + Self.line("DA2", total: 1100, central: 1000, province: 100))
        #expect(result.findings.isEmpty)
        #expect(result.held >= 2)
        #expect(result.rounding == RoundingUnit(value: 1, reason: .wholeFigures))
    }

    @Test func aRuleMetOnlyAfterRoundingIsWithinRounding() throws {
        // Tịnh Biên's DA2: 229 is 0.3 below 10% of 2,293, but central 2,292.5 and province 229.25 round to
        // the printed figures and meet the rule.
        let result = try check(Self.sources + Self.tenPercentEachLine + "projects:\n" + Self.line("DA2", total: 2522, central: 2293, province: 229))
        #expect(result.findings.count == 1)
        let finding = try #require(result.findings.first)
        #expect(finding.severity == .withinRounding && finding.kind == .rule)
        #expect(finding.stated == 229 && abs((finding.expected ?? 0) - 229.3) < 1e-9)
        #expect(!result.hasErrors)
    }

    @Test func aRuleMissedBeyondRoundingFailsByWhatRoundingCannotExplain() throws {
        // 200 against 10% of 2,293: the most rounding allows is province 200.5 against 10% of 2,292.5 =
        // 229.25, so it fails by 28.75 beyond rounding.
        let result = try check(Self.sources + Self.tenPercentEachLine + "projects:\n" + Self.line("DA2", total: 2493, central: 2293, province: 200))
        let finding = try #require(result.findings.first { $0.kind == .rule })
        #expect(finding.severity == .error)
        #expect(abs((finding.beyondRounding ?? 0) - 28.75) < 1e-6)
        #expect(result.hasErrors)
    }

    @Test func linesEachWithinRoundingCanFailTogether() throws {
        // Three lines of central 1,004 and province 100: each alone is within rounding of 10% (100.5 ≥
        // 100.35), so a per-line tolerance passes them. But the province total is printed as 300 and the
        // central total as 3,012: the provinces add to at most 300.5, while 10% of at least 3,011.5 is
        // 301.15, so no unrounded amounts meet all three rules: 0.65 beyond rounding in all.
        var body = Self.sources + Self.tenPercentEachLine + "projects:\n"
        for code in ["DA2", "DA4.TDA1", "DA6.TDA2"] { body += Self.line(code, total: 1104, central: 1004, province: 100) }
        body += """
            totals:
              - {label: province total, amount: 300, sources: [province]}
              - {label: central total, amount: 3012, sources: [central]}

            """
        // Each line on its own holds within rounding: what a per-line tolerance would conclude.
        let alone = try check(Self.sources + Self.tenPercentEachLine + "projects:\n" + Self.line("DA2", total: 1104, central: 1004, province: 100))
        #expect(!alone.hasErrors && alone.findings.map(\.severity) == [.withinRounding])
        let result = try check(body)
        #expect(result.hasErrors)
        let beyond = result.findings.filter { $0.severity == .error }.compactMap(\.beyondRounding).reduce(0, +)
        #expect(abs(beyond - 0.65) < 1e-6)
    }

    @Test func aTotalNaiveToleranceFailsCanHoldWithinRounding() throws {
        // One plan-wide rule over three lines of central 1,004 and province 100: on the printed sums 300 is
        // 1.2 below 10% of 3,012, more than half a million, so a tolerance on the sum fails it. But
        // provinces up to 100.5 each (301.5) meet 10% of centrals down to 1,003.5 each (301.05).
        var body = Self.sources + """
            rules:
              - {id: province-10pct, kind: counterpart, levels: [province], of: [central], ratio: 0.10, scope: plan}
            projects:

            """
        for code in ["DA2", "DA4.TDA1", "DA6.TDA2"] { body += Self.line(code, total: 1104, central: 1004, province: 100) }
        let result = try check(body)
        #expect(!result.hasErrors)
        #expect(result.findings.map(\.severity) == [.withinRounding])
    }

    @Test func aLineWhoseSourcesDoNotAddUpToItsTotal() throws {
        // 80 + 15 = 95, printed 100. Within rounding the parts reach at most 96 and the total goes down to
        // 99.5: 3.5 beyond rounding, and the total (the broader figure) is the one named.
        let result = try check(Self.sources + "projects:\n" + Self.line("DA2", total: 100, central: 80, province: 15))
        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(finding.severity == .error && finding.kind == .total)
        #expect(finding.stated == 100 && finding.expected == 95)
        #expect(abs((finding.beyondRounding ?? 0) - 3.5) < 1e-6)
    }

    @Test func subProjectsThatAddUpOnlyWithinRounding() throws {
        // 33 + 33 + 33 = 99 against a project total of 100: unrounded 33.4 + 33.3 + 33.3 prints as both.
        let body = Self.sources + """
            projects:
              - code: DA4
                stated: [{amount: 100}]
                subprojects:
                  - {code: DA4.TDA1, stated: [{amount: 33}]}
                  - {code: DA4.TDA2, stated: [{amount: 33}]}
                  - {code: DA4.TDA3, stated: [{amount: 33}]}

            """
        let result = try check(body)
        #expect(result.findings.map(\.severity) == [.withinRounding])
        #expect(result.findings.first?.expected == 99)
    }

    @Test func aTotalThatLeavesOutALineSaysWhich() throws {
        // Lines 1,100 + 2,000 + 500 = 3,600; the total says 3,100: it leaves out DA6.TDA2's 500.
        var body = Self.sources + "projects:\n"
        body += Self.line("DA2", total: 1100, central: 1000, province: 100)
        body += Self.line("DA4.TDA1", total: 2000, central: 1800, province: 200)
        body += Self.line("DA6.TDA2", total: 500, central: 450, province: 50)
        body += "totals:\n  - {label: programme total, amount: 3100}\n"
        let result = try check(body)
        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(finding.expected == 3600 && finding.stated == 3100)
        #expect(finding.cause == Message(.checkLeavesOut, .text("DA6.TDA2"), .amount(500)))
    }

    @Test func aLineLeftOutOnPurposeIsANote() throws {
        var body = Self.sources + "projects:\n"
        body += Self.line("DA2", total: 1100, central: 1000, province: 100)
        body += Self.line("DA6.TDA2", total: 500, central: 450, province: 50)
        body += "totals:\n  - {label: programme total, amount: 1100, excludes: [DA6.TDA2]}\n"
        let result = try check(body)
        #expect(result.findings.map(\.severity) == [.note])
        #expect(!result.hasErrors)
    }

    @Test func anAmountWrittenInDongIsAUnitSlip() throws {
        // Tịnh Biên's DA7 TDA2: 206 = 187 + "19 đồng"; read as 19 million the line adds up.
        let body = Self.sources + """
            projects:
              - code: DA7.TDA2
                stated:
                  - {amount: 206}
                  - {source: central, amount: 187}
                  - {source: province, amount: 19, unit: đồng}

            """
        let result = try check(body)
        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(finding.kind == .unit && finding.severity == .error)
        #expect(finding.cause == Message(.checkWrittenUnitMeant, .amount(19)))
    }

    @Test func negativeFiguresAndRatesAboveAHundredCannotBeRight() throws {
        let body = Self.sources + """
            projects:
              - code: DA2
                stated: [{source: province, amount: -5}]
            indicators:
              - {id: poor-rate, name: poverty rate, value: 120, unit: "%"}

            """
        let result = try check(body)
        #expect(result.findings.filter { $0.kind == .impossible }.count == 2)
    }

    /// A minus sign typed before Tịnh Biên's DA2 central 2,293: the findings are the seed's own and the negative
    /// figure, nothing else. Read as money, −2,293 made DA2's total, the central total and the plan's total look
    /// wrong as well, one of them "5,476, but its parts add up to 5,476".
    @Test func aNegativeFigureIsTheOnlySlipItCauses() throws {
        let seedPath = Seeds.plansFolder + "/tinh-bien-2024.yaml"
        let seed = try String(contentsOfFile: seedPath, encoding: .utf8)
        let typed = "{source: central, capital: recurrent, amount: 2293}"
        #expect(seed.contains(typed))
        // Elsewhere, its rule set and area table named by their full paths.
        let folder = TestFolders.fresh("cofund-negative")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("plan.yaml").path
        try seed.replacingOccurrences(of: typed, with: "{source: central, capital: recurrent, amount: -2293}")
            .replacingOccurrences(of: "ruleSet: ../", with: "ruleSet: \(Seeds.root)/Models/")
            .replacingOccurrences(of: "areas: ../", with: "areas: \(Seeds.root)/Models/")
            .write(toFile: path, atomically: true, encoding: .utf8)
        func kinds(_ path: String) throws -> [String] {
            try PlanAsWrittenCheck(PlanStructure(try PlanLoader.load(path: path))).run(solver: GLPKSolver()).findings
                .filter { $0.severity == .error }.map { "\($0.kind)" }
        }
        let before = try kinds(seedPath), after = try kinds(path)
        #expect(after.sorted() == (before + ["impossible"]).sorted(), "\(before) → \(after)")
    }

    /// Kim Bảng's multidimensional poverty rate, 1.78%, must be at least its poor-household rate of 2.5%: the
    /// finding says "at least 2.5", not that the figures "give 2.5" (they give no such figure).
    @Test func anAtLeastTargetIsWordedAsOne() throws {
        let result = try PlanAsWrittenCheck(PlanStructure(try Seeds.load("kim-bang-2023"))).run(solver: GLPKSolver())
        let finding = try #require(result.findings.first { $0.kind == .target })
        #expect(finding.stated == 1.78 && finding.expected == 2.5)
        let en = Localizer(.en).text(finding.statement), vi = Localizer(.vi).text(finding.statement)
        #expect(en.hasSuffix("the document says 1.78, but by its own figures it must be at least 2.5"), "\(en)")
        #expect(vi.hasSuffix("văn bản ghi 1,78, nhưng theo chính các số liệu của văn bản thì phải ít nhất là 2,5"), "\(vi)")
    }

    @Test func investmentMoneyOnARecurrentOnlyLine() throws {
        // DA2 may receive recurrent capital only (the rule set's catalogue).
        let body = """
            sources:
              - {id: central, level: central, capital: either, available: unknown}
            projects:
              - code: DA2
                stated: [{source: central, capital: investment, amount: 50}]

            """
        let result = try check(body)
        #expect(result.findings.map(\.kind) == [.capital])
    }

    @Test func aBarredSourceIsFound() throws {
        let body = Self.sources + """
            rules:
              - {id: no-province-on-da2, kind: bar, source: province, projects: [DA2]}
            projects:
              - code: DA2
                stated: [{source: province, amount: 10}]

            """
        let result = try check(body)
        #expect(result.findings.map(\.kind) == [.barredSource])
    }

    @Test func theRoundingUnitFollowsThePlan() throws {
        let decimals = try check(Self.sources + "projects:\n" + Self.line("DA2", total: 110.5, central: 100.5, province: 10))
        #expect(decimals.rounding == RoundingUnit(value: 0.1, reason: .decimals(1)))
        let stated = try check("rounding: 10\n" + Self.sources + "projects:\n" + Self.line("DA2", total: 1100, central: 1000, province: 100))
        #expect(stated.rounding == RoundingUnit(value: 10, reason: .stated))
    }
}

/// The fields `check` reads, refused at their field when wrong (before anything is solved).
@Suite struct PlanAsWrittenFieldTests {
    func refusal(_ body: String) -> PlanError? {
        do {
            _ = try PlanFixtures.load(PlanAsWrittenCheckTests.sources + body)
            return nil
        } catch let error as PlanError {
            return error
        } catch {
            return nil
        }
    }

    @Test func aRoundingUnitMustBePositive() {
        #expect(refusal("rounding: 0\n")?.field == "rounding")
    }

    @Test func aStatedAmountNamesASourceOrALevelNotBoth() {
        let error = refusal("projects:\n  - code: DA2\n    stated: [{source: central, level: province, amount: 5}]\n")
        #expect(error?.message.key == .planSourceOrLevel)
    }

    @Test func aTotalExcludesOnlyProjectsOfThePlan() {
        let error = refusal("projects:\n  - {code: DA2}\ntotals:\n  - {label: all, amount: 5, excludes: [DA9]}\n")
        #expect(error?.message.key == .planUnknownProject && error?.field == "totals[0].excludes")
    }

    @Test func aRelationNamesFiguresThatExist() {
        let error = refusal("indicators:\n  - {id: rate, value: 2.5, unit: \"%\", relation: {is: atLeast, to: missing-figure}}\n")
        #expect(error?.message.key == .planUnknownFigure)
        let table = refusal("indicators:\n  - {id: rate, value: 2.5, relation: {is: atMost, to: town.poor_start}}\n")
        #expect(table?.message.key == .planUnknownFigure, "an area-table figure needs an area table")
    }

    @Test func anUnknownWrittenUnitIsRefused() {
        let error = refusal("projects:\n  - code: DA2\n    stated: [{source: central, amount: 5, unit: dollars}]\n")
        #expect(error?.message.key == .planNotOneOf)
    }
}
