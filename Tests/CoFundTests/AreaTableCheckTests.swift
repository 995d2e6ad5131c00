import Foundation
import Testing
@testable import CoFund

/// Each kind of slip an area table can hold, on small tables whose expected findings are worked out by
/// hand in the comments.
@Suite struct AreaTableCheckTests {
    private func at(_ line: Int, _ column: Int = 0) -> CoFund.SourceLocation { CoFund.SourceLocation(file: "areas.csv", line: line, column: column) }
    private func near(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-9 } ?? false }
    private func rate(_ column: String) -> Message { AreaColumnWords.percent(column) }

    // MARK: - Rates

    @Test func aRateHoldsToItsPrintedDecimals() throws {
        let result = try AreaTables.check("""
            id,name,households,poor_start,poor_start_pct
            a,A,400,10,2.50
            b,B,8,1,12
            c,C,8,1,12.4
            d,D,3,1,33.3
            """)
        // a: 10/400 = 2.5% exactly. b: 1/8 = 12.5%, printed with no decimals: |12 − 12.5| = 0.5, exactly half
        // a unit, holds. d: 33.33…% printed 33.3: 0.033 ≤ 0.05, holds. c: 12.5% printed 12.4: 0.1 off, 0.05
        // beyond the half unit of one decimal; 12.4 for 12.5 is one digit off, a typing slip.
        #expect(result.findings.count == 1)
        let finding = try #require(result.findings.first)
        #expect(finding.severity == .error && finding.kind == .areaRate && finding.quantity == .percent)
        #expect(finding.subject == Message(.labelledText, .text("C")))
        #expect(finding.location == at(4, 5))
        #expect(finding.stated == 12.4 && finding.expected == 12.5 && near(finding.beyondRounding, 0.05))
        #expect(finding.statement == Message(.areaRateWrong, .message(rate("poor_start_pct")), .number(12.4), .number(1), .number(8), .number(12.5)))
        #expect(finding.cause == Message(.areaCauseTypingSlip, .number(12.5)))
        #expect(finding.statement.description == "the rate of poor households at the start of the year: printed 12.4%, but 1 of 8 households is 12.5%")
        #expect(Localizer(.vi).text(finding.statement) == "tỷ lệ hộ nghèo đầu năm: ghi 12,4%, nhưng 1 trên 8 hộ là 12,5%")
        // Held: 3 rates, 4 percentages within 0-100, 4 counts within their households.
        #expect(result.held == 11)
    }

    @Test func aRateCopiedFromAnotherColumnIsNamed() throws {
        // 10 of 1,000 households is 1.00%, printed 5.00: the row's rate of poor households at the start.
        let result = try AreaTables.check("""
            id,name,households,poor_start,poor_start_pct,poor_exit,poor_exit_pct
            a,A,1000,50,5.00,10,5.00
            """)
        #expect(result.findings.count == 1)
        let finding = try #require(result.findings.first)
        #expect(finding.location == at(2, 7))
        #expect(finding.stated == 5 && finding.expected == 1 && near(finding.beyondRounding, 3.995))
        #expect(finding.cause == Message(.areaCauseCopiedRate, .message(rate("poor_start_pct"))))
        #expect(finding.cause?.description == "it is the same as the rate of poor households at the start of the year on this row: probably copied from there")
    }

    @Test func typingSlipsAndTruncatedRatesAreNamed() throws {
        let result = try AreaTables.check("""
            id,name,households,poor_start,poor_start_pct
            slip,Slip,2348,53,2.56
            swap,Swap,2348,53,2.62
            cut,Cut,2154,43,1.99
            none,None,1000,50,7.25
            """)
        // 53/2,348 = 2.2572% → 2.26. Printed 2.56: one digit off (|2.56 − 2.2572| − 0.005 = 0.2978 beyond).
        // Printed 2.62: the 2 and 6 swapped (0.3628 − 0.005 = 0.3578 beyond).
        // 43/2,154 = 1.99629% → 2.00; printed 1.99 is the rate cut after two decimals (0.00629 − 0.005 beyond).
        // 50/1,000 = 5.00%, printed 7.25: three digits off, no evident cause (2.25 − 0.005 beyond).
        let true2348 = 100.0 * 53 / 2348, true2154 = 100.0 * 43 / 2154
        #expect(result.findings.map(\.location) == [at(2, 5), at(3, 5), at(4, 5), at(5, 5)])
        #expect(result.findings.map(\.cause) == [Message(.areaCauseTypingSlip, .number(2.26)), Message(.areaCauseTypingSlip, .number(2.26)),
                                                 Message(.areaCauseTruncated, .number(true2154), .number(2)), nil])
        let beyond = result.findings.compactMap(\.beyondRounding)
        #expect(beyond.count == 4)
        #expect(near(beyond[0], 2.56 - true2348 - 0.005) && near(beyond[1], 2.62 - true2348 - 0.005))
        #expect(near(beyond[2], true2154 - 1.99 - 0.005) && near(beyond[3], 2.245))
        #expect(result.findings[2].cause?.description == "the rate was cut off rather than rounded: 1.9963% rounds to 2%")
    }

    // MARK: - Remaining and subtotals

    @Test func whatIsLeftIsTheStartLessTheExits() throws {
        let result = try AreaTables.check("""
            id,name,households,poor_start,poor_exit,poor_left
            a,A,100,20,5,15
            b,B,100,20,5,16
            """)
        // a: 20 − 5 = 15 holds; b: 20 − 5 = 15, printed 16.
        #expect(result.findings.count == 1)
        let finding = try #require(result.findings.first)
        #expect(finding.kind == .areaRemaining && finding.quantity == .count && finding.location == at(3, 6))
        #expect(finding.stated == 16 && finding.expected == 15 && finding.beyondRounding == 1)
        #expect(finding.statement.description == "poor households remaining: printed 16, but 20 at the start less 5 leaving is 15")
        #expect(Localizer(.vi).text(finding.statement) == "hộ nghèo còn lại: ghi 16, nhưng đầu năm có 20 hộ, thoát 5 hộ thì còn 15 hộ")
        // Held: 1 remainder; per row start ≤ households, exit ≤ start, left ≤ start (6).
        #expect(result.held == 7)
    }

    @Test func subtotalsAndTotalsAddUpTheirRows() throws {
        let result = try AreaTables.check("""
            no,id,name,parent,kind,group,households,poor_start
            I,urban,Urban,,subtotal,urban,250,14
            1,a,A,town,,urban,100,4
            2,b,B,town,,urban,150,5
            II,rural,Rural,,subtotal,rural,200,12
            3,c,C,town,,rural,120,3
            4,d,D,town,,rural,80,4
            ,town,Town,,total,,330,16
            """)
        // Urban poor: 4 + 5 = 9, printed 14: over by 5, which is B's figure: B counted twice.
        // Rural poor: 3 + 4 = 7, printed 12: over by 5, no rural row has 5, B (urban) has: taken from B.
        // Town households: 100 + 150 + 120 + 80 = 450, printed 330: short by 120, C's figure: C left out.
        // Hold: urban households 100 + 150 = 250, rural 120 + 80 = 200, town poor 4 + 5 + 3 + 4 = 16.
        let b = Message(.labelled, .text("B"), .number(5)), c = Message(.labelled, .text("C"), .number(120))
        #expect(result.findings.map(\.kind) == [.areaSubtotal, .areaSubtotal, .areaSubtotal])
        #expect(result.findings.map(\.location) == [at(2, 8), at(5, 8), at(8, 7)])
        #expect(result.findings.map(\.subject) == ["Urban", "Rural", "Town"].map { Message(.labelledText, .text($0)) })
        #expect(result.findings.map(\.stated) == [14, 12, 330] && result.findings.map(\.expected) == [9, 7, 450])
        #expect(result.findings.map(\.cause) == [Message(.areaCauseCountedTwice, .message(b)), Message(.areaCauseFromOtherRows, .message(b)),
                                                 Message(.areaCauseLeavesOut, .message(c))])
        #expect(result.findings[2].statement.description == "households: printed 330, but the 4 rows it adds up come to 450")
        #expect(result.findings[2].cause?.description == "it leaves out C (120)")
        // Held: 3 subtotal counts, 7 starts within their households, 1 run of numbers 1-4.
        #expect(result.held == 11)
    }

    @Test func aMissThatSeveralRowsCouldExplainListsThem() throws {
        // No row names a parent, so the total adds up every area row: 100 + 100 = 200, printed 100.
        let result = try AreaTables.check("id,name,kind,households\na,A,,100\nb,B,,100\nt,T,total,100\n")
        #expect(result.findings.first?.cause == Message(.areaCauseLeavesOutOneOf, .list([Message(.labelled, .text("A"), .number(100)),
                                                                                        Message(.labelled, .text("B"), .number(100))])))
    }

    @Test func aTotalCountsAnAreaOnceEvenWithRowsUnderIt() throws {
        // Village V belongs to commune A, whose figures include it: the town adds A and B only (100 + 200),
        // through the urban subtotal, which is the parent of both.
        let result = try AreaTables.check("""
            id,name,parent,kind,group,households
            town,Town,,total,,300
            urban,Urban,town,subtotal,urban,300
            a,A,urban,,urban,100
            b,B,urban,,urban,200
            v,V,a,,,40
            """)
        #expect(result.findings.isEmpty)
        #expect(result.held == 2)
    }

    // MARK: - Numbering

    @Test func skippedNumbersAreReported() throws {
        let skipped = try AreaTables.check("no,id,name\n1,a,A\n2,b,B\n5,c,C\n")
        #expect(skipped.findings.map(\.statement) == [Message(.areaNumbersSkipped, .integer(3), .integer(4), .integer(2), .integer(5))])
        #expect(skipped.findings.first?.location == at(4, 1) && skipped.findings.first?.expected == 3)
        #expect(skipped.findings.first?.statement.description == "no rows are numbered 3 to 4: the numbers go from 2 to 5")
        let late = try AreaTables.check("no,id,name\n3,a,A\n4,b,B\n")
        #expect(late.findings.map(\.statement) == [Message(.areaNumberingStartsLate, .integer(3))])
        #expect(late.held == 0)
    }

    /// A row numbered Int.max is one gap after 2 (3 to Int.max − 1), said at once: the gaps are found
    /// between the numbers used, not by counting up to the highest (which ran for hours).
    @Test func aHugeRowNumberIsOneGap() throws {
        let result = try AreaTables.check("no,id,name\n1,a,A\n2,b,B\n\(Int.max),c,C\n")
        #expect(result.findings.map(\.statement) == [Message(.areaNumbersSkipped, .integer(3), .integer(Int.max - 1), .integer(2), .integer(Int.max))])
    }

    @Test func numbersOutOfOrderAreReported() throws {
        // Every number once, but 2 comes after 3.
        let result = try AreaTables.check("no,id,name\n1,a,A\n3,b,B\n2,c,C\n")
        #expect(result.findings.map(\.statement) == [Message(.areaNumberOutOfOrder, .integer(2), .integer(3))])
        #expect(result.findings.first?.location == at(4, 1))
    }

    @Test func numberingThatRestartsInEachGroupIsANote() throws {
        let result = try AreaTables.check("no,id,name,group\n1,a,A,urban\n2,b,B,urban\n1,c,C,rural\n2,d,D,rural\n2,e,E,rural\n")
        // Urban 1-2 holds; rural 1, 2, 2 uses 2 twice.
        let groups = [Message(.labelledText, .text("urban")), Message(.labelledText, .text("rural"))]
        #expect(result.findings.map(\.severity) == [.error, .note])
        #expect(result.findings[1].statement == Message(.areaNumberingRestarts, .list(groups)))
        #expect(result.findings[1].location == at(4, 1))
        let rows = [Message(.areaRowAtLine, .text("D"), .integer(5)), Message(.areaRowAtLine, .text("E"), .integer(6))]
        #expect(result.findings[0].statement == Message(.areaNumberUsedTwice, .integer(2), .integer(2), .list(rows)))
        #expect(result.findings[0].location == at(6, 1))
        #expect(result.held == 1)
        // Back to 1 within one group is not a convention: it is 1 used twice.
        let twice = try AreaTables.check("no,id,name,group\n1,a,A,urban\n1,b,B,urban\n")
        #expect(twice.findings.map(\.severity) == [.error])
        // Rows not numbered with a whole number are left out; a clean run is one check that holds.
        let clean = try AreaTables.check("no,id,name\n1,a,A\n,b,B\n2a,c,C\n2,d,D\n")
        #expect(clean.findings.isEmpty && clean.held == 1)
    }

    // MARK: - Figures that cannot be

    @Test func aPartAboveItsWholeIsReported() throws {
        let result = try AreaTables.check("""
            id,name,households,poor_start,poor_exit,poor_left,near_poor,near_poor_pct
            a,A,10,12,13,14,11,110.0
            """)
        // 12 poor of 10 households; 13 exits and 14 left of 12 poor; 11 near-poor of 10 households. 12 − 13 = −1
        // is not the 14 left. 110.0% is above 100 (though it is 11/10, so the rate itself holds).
        #expect(result.findings.map(\.kind) == [.areaCount, .areaCount, .areaCount, .areaRemaining, .areaCount, .impossible])
        #expect(result.findings.map(\.location) == [4, 5, 6, 6, 7, 8].map { at(2, $0) })
        #expect(result.findings[0].statement == Message(.areaCountAbove, .message(Message(.areaColumnPoorStart)), .number(12),
                                                        .message(Message(.areaColumnHouseholds)), .number(10)))
        #expect(Localizer(.vi).text(result.findings[0].statement) == "hộ nghèo đầu năm (12) nhiều hơn số hộ dân (10)")
        #expect(result.findings[1].expected == 12 && result.findings[1].beyondRounding == 1)
        #expect(result.findings[5].statement == Message(.areaPercentAbove100, .message(rate("near_poor_pct")), .number(110)))
        #expect(result.held == 1)  // the rate 11/10 = 110%
    }

    @Test func aNegativeRateOrFigureIsImpossible() throws {
        let result = try AreaTables.check("id,name,households,poor_start,poor_start_pct,score\na,A,100,,-1.00,-3\n")
        #expect(result.findings.map(\.kind) == [.impossible, .impossible])
        #expect(result.findings.map(\.quantity) == [.percent, .count])
        #expect(result.findings.map(\.statement) == [Message(.areaNegativeFigure, .message(rate("poor_start_pct")), .number(-1)),
                                                     Message(.areaNegativeFigure, .message(Message(.areaColumnNamed, .text("score"))), .number(-3))])
        #expect(result.findings[1].statement.description == "column score: printed -3, below zero")
        #expect(result.held == 0)
    }
}
