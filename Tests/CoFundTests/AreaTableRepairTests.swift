import Testing
@testable import CoFund

/// The area table's arithmetic mended from the table itself; every expected figure by hand.
@Suite struct AreaTableRepairTests {
    @Test func remainingSubtotalsRatesAndNumbersAreMended() throws {
        // Row a: 10 − 2 is 8, not the 9 printed; its rate 8 / 400 = 2.00%. Row b is numbered 3 where 2 is due.
        // The subtotal then adds 400 + 100 = 500 households, 10 + 5 = 15 poor, 2 + 1 = 3 exits, 8 + 4 = 12 left,
        // 12 / 500 = 2.4% at one decimal.
        let text = """
            no,id,name,parent,kind,group,households,poor_start,poor_exit,poor_left,poor_left_pct
            1,a,A,,area,g,400,10,2,9,2.25
            3,b,B,,area,g,100,5,1,4,4.00
            ,s,Subtotal,,subtotal,g,500,15,3,13,2.6

            """
        let table = try AreaTableLoader.parse(text: text, file: "t.csv")
        #expect(AreaTableCheck(table).run().findings.contains { $0.severity == .error })
        let repair = AreaTableRepair(table)
        #expect(repair.table.row(id: "a")?[figure: "poor_left"] == 8)
        #expect(repair.table.row(id: "a")?[figure: "poor_left_pct"] == 2)
        #expect(repair.table.row(id: "b")?.no == "2")
        #expect(repair.table.row(id: "s")?[figure: "poor_left"] == 12)
        #expect(repair.table.row(id: "s")?[figure: "poor_left_pct"] == 2.4)
        #expect(AreaTableCheck(repair.table).run().findings.allSatisfy { $0.severity != .error })
        // Written back with the decimals each figure was printed with, and read again the same.
        let csv = AreaTableRepair.csv(repair.table)
        #expect(csv.contains("1,a,A,,area,g,400,10,2,8,2.00\n") && csv.contains(",s,Subtotal,,subtotal,g,500,15,3,12,2.4\n"), "\(csv)")
        let again = try AreaTableLoader.parse(text: csv, file: "t.csv")
        #expect(AreaTableCheck(again).run().findings.allSatisfy { $0.severity != .error })
    }

    @Test func aTableThatAddsUpIsLeftAlone() throws {
        let text = "id,name,households,poor_start,poor_start_pct\na,A,200,5,2.50\n"
        #expect(AreaTableRepair(try AreaTableLoader.parse(text: text, file: "t.csv")).changes.isEmpty)
    }
}
