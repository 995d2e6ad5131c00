import Foundation
import Testing
@testable import CoFund

/// Models/areas/tinh-bien-2024.csv, Tịnh Biên town's per-commune table (section I.3.c of
/// shared/seeds/tinh-bien-2024.txt): it is the document's table exactly as printed, and the checks find
/// exactly the document's slips, each worked out by hand below, and nothing else.
@Suite struct AreaTableTinhBienTests {
    static let file = "Models/areas/tinh-bien-2024.csv"

    static func table() throws -> AreaTable {
        try AreaTableLoader.load(path: Seeds.root + "/" + file, displayedAs: file)
    }

    /// The table's lines as the document prints them (cells separated by tabs, decimal commas, thousands
    /// dots): STT, name, households at the end of 2023, then count and rate of the poor at the start, poor
    /// exits, poor left, near-poor at the start, near-poor exits, near-poor left.
    static let printed = [
        "I\tThành thị\t16.194\t113\t0,70\t8\t0,05\t105\t0,65\t412\t2,54\t34\t0,21\t378\t2,33",
        "1\tNhà Bàng\t3.339\t18\t0,54\t1\t0,03\t17\t0,51\t95\t2,85\t5\t0,15\t90\t2,70",
        "2\tTịnh Biên\t3.750\t23\t0,61\t1\t0,03\t22\t0,59\t40\t1,07\t1\t0,03\t39\t1,04",
        "3\tChi Lăng\t1.831\t7\t0,38\t1\t0,05\t6\t0,33\t38\t2,08\t2\t0,11\t36\t1,97",
        "4\tNhon Hưng\t1.657\t7\t0,42\t1\t0,06\t6\t0,36\t21\t1,27\t1\t0,06\t20\t1,21",
        "5\tAn Phú\t2.348\t38\t1,62\t1\t0,04\t37\t1,58\t58\t2,47\t5\t0,21\t53\t2,56",
        "6\tThới Sơn\t2.073\t6\t0,29\t1\t0,05\t5\t0,24\t99\t4,78\t15\t0,72\t84\t4,05",
        "7\tNúi Voi\t1.196\t14\t1,17\t2\t0,17\t12\t1,00\t61\t5,10\t5\t0,42\t56\t4,68",
        "II\tNông thôn\t14.325\t649\t4,53\t146\t1,02\t503\t3,51\t311\t2,17\t61\t0,43\t250\t1,75",
        "8\tTân Lập\t1.375\t28\t2,04\t2\t0,15\t26\t1,89\t28\t2,04\t3\t0,22\t25\t1,82",
        "9\tTân Lợi\t2.154\t44\t2,04\t1\t0,05\t43\t1,99\t98\t4,55\t25\t1,16\t73\t3,39",
        "10\tVăn Giáo\t1.660\t139\t8,37\t50\t3,01\t89\t5,36\t11\t0,66\t8\t0,66\t3\t0,18",
        "11\tVĩnh Trung\t2.213\t44\t1,99\t1\t0,05\t43\t1,94\t28\t1,27\t1\t1,27\t27\t1,22",
        "13\tAn Nông\t1.006\t28\t2,78\t1\t0,10\t27\t2,68\t19\t1,89\t1\t0,10\t18\t1,79",
        "14\tAn Hào\t3.393\t171\t5,04\t38\t1,12\t133\t3,92\t95\t2,80\t11\t0,32\t84\t2,48",
        "11\tAn Cư\t2.524\t195\t7,73\t53\t2,10\t142\t5,63\t32\t1,27\t12\t0,48\t20\t0,79",
        "\tTổng\t30.519\t762\t2,50\t154\t0,50\t608\t1,99\t723\t2,37\t95\t0,31\t628\t2,06",
    ]

    static let figureColumns = ["households", "poor_start", "poor_start_pct", "poor_exit", "poor_exit_pct", "poor_left", "poor_left_pct",
                                "near_poor_start", "near_poor_start_pct", "near_poor_exit", "near_poor_exit_pct", "near_poor_left",
                                "near_poor_left_pct"]

    @Test func theFileIsTheDocumentsTableAsPrinted() throws {
        let table = try Self.table()
        #expect(table.rows.count == Self.printed.count)
        for (row, line) in zip(table.rows, Self.printed) {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            #expect(row.no == (cells[0].isEmpty ? nil : cells[0]), "\(row.name)")
            #expect(row.name == cells[1])
            for (column, printed) in zip(Self.figureColumns, cells.dropFirst(2)) {
                // 16.194 is 16194; 0,70 is 0.70, two decimals.
                let plain = column.hasSuffix("_pct") ? printed.replacingOccurrences(of: ",", with: ".") : printed.replacingOccurrences(of: ".", with: "")
                let decimals = plain.split(separator: ".").dropFirst().first?.count ?? 0
                #expect(row.figures[column]?.value == Double(plain) && row.figures[column]?.decimals == decimals, "\(row.name) \(column)")
            }
        }
    }

    @Test func theRowsHangTogetherAsTheDocumentGroupsThem() throws {
        let table = try Self.table()
        #expect(table.rows.map(\.kind) == [.subtotal] + Array(repeating: .area, count: 7) + [.subtotal] + Array(repeating: .area, count: 7) + [.total])
        let areas = table.rows.filter { $0.kind == .area }
        #expect(areas.allSatisfy { $0.parent == "town" })
        #expect(areas.map(\.group) == Array(repeating: "urban", count: 7) + Array(repeating: "rural", count: 7))
        #expect(table.rows.filter { $0.kind == .subtotal }.map(\.group) == ["urban", "rural"])
        #expect(table.row(id: "town")?.name == "Tổng")
    }

    @Test func theChecksFindExactlyTheDocumentsSlips() throws {
        let result = AreaTableCheck(try Self.table()).run()
        let at = { (line: Int, column: Int) in CoFund.SourceLocation(file: Self.file, line: line, column: column) }
        // Lines: header 1, Thành thị 2, Nhà Bàng 3 … Núi Voi 9, Nông thôn 10, Tân Lập 11 … An Cư 17, Tổng 18.
        // Columns: no 1, near_poor_left_pct 19, poor_left_pct 13, near_poor_exit_pct 17.
        #expect(result.findings.map(\.location) == [at(7, 19), at(12, 13), at(13, 17), at(14, 17), at(15, 1), at(17, 1)])
        #expect(result.findings.map(\.kind) == [.areaRate, .areaRate, .areaRate, .areaRate, .areaNumbering, .areaNumbering])
        #expect(result.findings.allSatisfy { $0.severity == .error })
        #expect(result.findings.map(\.subject) == ["An Phú", "Tân Lợi", "Văn Giáo", "Vĩnh Trung", "An Nông", "An Cư"].map { Message(.labelledText, .text($0)) })
        func near(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-6 } ?? false }
        func rate(_ column: String) -> Message { AreaColumnWords.percent(column) }

        // An Phú, near-poor left: 53 / 2,348 = 2.2572% (2.26 rounded), printed 2.56: one digit mistyped;
        // |2.56 − 2.2572| − 0.005 = 0.2978 beyond rounding.
        let anPhu = result.findings[0]
        #expect(anPhu.stated == 2.56 && near(anPhu.expected, 2.257240) && near(anPhu.beyondRounding, 0.297760))
        #expect(anPhu.cause == Message(.areaCauseTypingSlip, .number(2.26)))
        // Tân Lợi, poor left: 43 / 2,154 = 1.99629% (2.00 rounded), printed 1.99: cut after two decimals;
        // 0.00629 − 0.005 = 0.00129 beyond rounding.
        let tanLoi = result.findings[1]
        #expect(tanLoi.stated == 1.99 && near(tanLoi.expected, 1.996286) && near(tanLoi.beyondRounding, 0.001286))
        #expect(tanLoi.cause == Message(.areaCauseTruncated, .number(100.0 * 43 / 2154), .number(2)))
        // Văn Giáo, near-poor exits: 8 / 1,660 = 0.4819% (0.48), printed 0.66, its near-poor rate at the start
        // (11 / 1,660 = 0.66%); 0.66 − 0.4819 − 0.005 = 0.1731 beyond rounding.
        let vanGiao = result.findings[2]
        #expect(vanGiao.stated == 0.66 && near(vanGiao.expected, 0.481928) && near(vanGiao.beyondRounding, 0.173072))
        #expect(vanGiao.cause == Message(.areaCauseCopiedRate, .message(rate("near_poor_start_pct"))))
        // Vĩnh Trung, near-poor exits: 1 / 2,213 = 0.0452% (0.05), printed 1.27, its near-poor rate at the
        // start (28 / 2,213 = 1.2653%, 1.27); 1.27 − 0.0452 − 0.005 = 1.2198 beyond rounding.
        let vinhTrung = result.findings[3]
        #expect(vinhTrung.stated == 1.27 && near(vinhTrung.expected, 0.045188) && near(vinhTrung.beyondRounding, 1.219812))
        #expect(vinhTrung.cause == Message(.areaCauseCopiedRate, .message(rate("near_poor_start_pct"))))
        #expect(vinhTrung.statement == Message(.areaRateWrong, .message(rate("near_poor_exit_pct")), .number(1.27), .number(1),
                                               .number(2213), .number(100.0 / 2213)))
        #expect(Localizer(.vi).text(vinhTrung.statement) == "tỷ lệ hộ thoát cận nghèo: ghi 1,27%, nhưng 1 trên 2.213 hộ là 0,0452%")
        // Numbering 1 … 10, 11, 13, 14, 11: no 12 (reported at An Nông, 13), and 11 twice (Vĩnh Trung and An Cư).
        #expect(result.findings[4].statement == Message(.areaNumberSkipped, .integer(12), .integer(11), .integer(13)))
        #expect(result.findings[4].expected == 12)
        let elevens = [Message(.areaRowAtLine, .text("Vĩnh Trung"), .integer(14)), Message(.areaRowAtLine, .text("An Cư"), .integer(17))]
        #expect(result.findings[5].statement == Message(.areaNumberUsedTwice, .integer(11), .integer(2), .list(elevens)))
        #expect(result.findings[5].stated == 11)

        // What holds, 357 checks:
        // - rates: 17 rows × 6 = 102, all but the 4 above (the nearest to failing: Nông thôn's near-poor left,
        //   250 / 14,325 = 1.7452%, printed 1.75);                                                   98
        // - percentages within 0-100: 102;
        // - per row, for the poor and the near-poor, start ≤ households, exits ≤ start, left ≤ start: 17 × 6 = 102;
        // - left = start − exits, 17 × 2 = 34 (An Cư 32 − 12 = 20 included);
        // - the two subtotals and the total on their 7 counts, 3 × 7 = 21. Urban: 3,339 + 3,750 + 1,831 + 1,657
        //   + 2,348 + 2,073 + 1,196 = 16,194; poor 18 + 23 + 7 + 7 + 38 + 6 + 14 = 113, exits 8, left 105;
        //   near-poor 412, exits 34, left 378. Rural: 1,375 + 2,154 + 1,660 + 2,213 + 1,006 + 3,393 + 2,524 =
        //   14,325; poor 28 + 44 + 139 + 44 + 28 + 171 + 195 = 649, exits 146, left 503; near-poor 311, exits
        //   61, left 250. Town: 16,194 + 14,325 = 30,519; 762, 154, 608, 723, 95, 628;
        // - the numbering, one run with slips: 0.
        #expect(result.held == 98 + 102 + 102 + 34 + 21)
    }
}
