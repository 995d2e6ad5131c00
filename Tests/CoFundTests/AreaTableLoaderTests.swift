import Foundation
import Testing
@testable import CoFund

/// Small area tables for the tests, inline or written to a temporary folder (the CoFundTests target has
/// no resources).
enum AreaTables {
    static let header = "no,id,name,parent,kind,group,households,poor_start,poor_start_pct,note"

    static func parse(_ text: String, file: String = "areas.csv") throws -> AreaTable {
        try AreaTableLoader.parse(text: text, file: file)
    }

    /// Every error the table is refused with, one or several.
    static func errors(_ text: String) -> [PlanError] {
        errors { _ = try parse(text) }
    }

    static func errors(_ body: () throws -> Void) -> [PlanError] {
        do {
            try body()
        } catch let error as PlanError {
            return [error]
        } catch let errors as PlanErrors {
            return errors.errors
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
        Issue.record("the table was accepted")
        return []
    }

    /// The one error the table is refused with.
    static func error(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> PlanError? {
        let found = errors(text)
        #expect(found.count == 1, "expected one error, found \(found)", sourceLocation: sourceLocation)
        return found.first
    }

    /// A fresh temporary folder.
    static func folder() throws -> URL {
        let url = TestFolders.fresh("cofund-areas")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ data: Data, name: String = "areas.csv") throws -> String {
        let path = try folder().appendingPathComponent(name).path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func check(_ text: String) throws -> CheckFindings { AreaTableCheck(try parse(text)).run() }
}

/// Reading CSV area tables: what is accepted, and every way a file is refused, each at its file, line,
/// column (the cell's number in its row) and header name.
@Suite struct AreaTableLoaderTests {
    private func located(_ error: PlanError?, line: Int, column: Int, field: String,
                         sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(error?.location == CoFund.SourceLocation(file: "areas.csv", line: line, column: column), sourceLocation: sourceLocation)
        #expect(error?.field == field, sourceLocation: sourceLocation)
    }

    // MARK: - What is read

    @Test func aSmallTableIsReadAsPrinted() throws {
        let table = try AreaTables.parse("""
            \(AreaTables.header)
            1,nha-bang,Nhà Bàng,town,,urban,3339,18,0.54,
            2,tinh-bien, Tịnh Biên ,town,area,urban,3750,23,0.61,"a note, with a comma"
            ,town,Tổng,,total,,7089,41,0.58,
            """)
        #expect(table.file == "areas.csv")
        #expect(table.columns == ["no", "id", "name", "parent", "kind", "group", "households", "poor_start", "poor_start_pct", "note"])
        #expect(table.rows.map(\.id) == ["nha-bang", "tinh-bien", "town"])
        #expect(table.rows.map(\.line) == [2, 3, 4])
        #expect(table.rows.map(\.kind) == [.area, .area, .total])
        let first = table.rows[0]
        #expect(first.no == "1" && first.name == "Nhà Bàng" && first.parent == "town" && first.group == "urban" && first.note == nil)
        #expect(first.figures["households"] == AreaFigure(value: 3339, decimals: 0, column: 7, line: 2))
        #expect(first.figures["poor_start_pct"] == AreaFigure(value: 0.54, decimals: 2, column: 9, line: 2))
        // Spaces around a cell are not part of it; a quoted comma is.
        #expect(table.rows[1].name == "Tịnh Biên")
        #expect(table.rows[1].note == "a note, with a comma")
        #expect(table.rows[2].no == nil && table.rows[2].parent == nil && table.rows[2].group == nil)
        #expect(table.column("poor_start_pct") == 9)
    }

    @Test func printedDecimalsAreKept() throws {
        // 2.50 and 1.00 keep their two decimals (the rate checks round to them); a percentage exported from a
        // percentage cell ("2.50%") reads as the number printed.
        let table = try AreaTables.parse("""
            id,name,households,poor_start,poor_start_pct,coefficient
            a,A,1000,25,2.50,1.5
            b,B,1000,10,1.00%,30
            """)
        #expect(table.rows[0].figures["poor_start_pct"]?.decimals == 2)
        #expect(table.rows[0].figures["poor_start_pct"]?.value == 2.5)
        #expect(table.rows[1].figures["poor_start_pct"] == AreaFigure(value: 1, decimals: 2, column: 5, line: 3))
        // Any other column is a named figure, and may have decimals.
        #expect(table.rows[0][figure: "coefficient"] == 1.5)
        #expect(table.rows[1][figure: "coefficient"] == 30)
    }

    @Test func aByteOrderMarkIsIgnored() throws {
        let text = "\(AreaTables.header)\n1,a,An Phú,,,urban,2348,38,1.62,\n"
        let plain = try AreaTableLoader.load(path: try AreaTables.write(Data(text.utf8)), displayedAs: "areas.csv")
        let marked = try AreaTableLoader.load(path: try AreaTables.write(Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))), displayedAs: "areas.csv")
        #expect(marked == plain)
        #expect(marked.columns.first == "no")
    }

    @Test func blankRowsAndWindowsLineEndingsAreRead() throws {
        // An empty line and a row of commas only (a spreadsheet's empty row) are skipped, but still count as
        // lines; CRLF ends a line once.
        let table = try AreaTables.parse("\(AreaTables.header)\r\n\r\n,,,,,,,,,\r\n1,a,A,,,,10,1,10.0,\r\n")
        #expect(table.rows.map(\.line) == [4])
    }

    @Test func anEmptyLastCellWithoutAFinalLineBreakIsKept() throws {
        // SwiftCSV alone reads "…,10.0," at the very end as nine cells; the row has ten.
        let table = try AreaTables.parse("\(AreaTables.header)\n1,a,A,,,,10,1,10.0,")
        #expect(table.rows.count == 1)
    }

    @Test func quotedLineBreaksMoveTheLinesThatFollow() throws {
        // The note of row 2 spans lines 2-4, so row 3 starts on line 5; its bad number is on line 5.
        let errors = AreaTables.errors("""
            \(AreaTables.header)
            1,a,A,,,,10,1,10.0,"first line
            second line
            third line"
            2,b,B,,,,10,x,10.0,
            """)
        #expect(errors.count == 1)
        located(errors.first, line: 5, column: 8, field: "poor_start")
        // A cell after a multi-line cell of the same row is on the line where that cell ends.
        let later = AreaTables.error("""
            id,name,note,households
            a,A,"one
            two",12.5.1
            """)
        located(later, line: 3, column: 4, field: "households")
        let table = try AreaTables.parse("id,name,note,households\na,A,\"one\ntwo\",12\nb,B,,3\n")
        #expect(table.rows.map(\.line) == [2, 4])
        #expect(table.rows[0].figures["households"]?.line == 3)
        #expect(table.rows[0].note == "one\ntwo")
    }

    @Test func theReadmeExampleReadsAndItsErrorIsTheLoaders() throws {
        let readme = try String(contentsOfFile: Seeds.root + "/Models/README.md", encoding: .utf8)
        let start = try #require(readme.range(of: "```csv\n"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let table = try AreaTables.parse(String(readme[start.upperBound..<end.lowerBound]))
        #expect(table.rows.map(\.kind) == [.subtotal, .area, .area, .total])
        let error = AreaTables.error("\(AreaTables.header)\n1,nha-bang,Nhà Bàng,,,urban,3339,18,\"0,54\",\n")
        #expect(readme.contains("\n" + (error?.description ?? "?") + "\n"))
    }

    // MARK: - The file

    @Test func aMissingFileOrADirectoryIsRefused() throws {
        let folder = try AreaTables.folder()
        let missing = AreaTables.errors { _ = try AreaTableLoader.load(path: folder.appendingPathComponent("none.csv").path, displayedAs: "none.csv") }
        #expect(missing.first?.message == Message(.planNoSuchFile))
        #expect(missing.first?.location == CoFund.SourceLocation(file: "none.csv", line: 0))
        let directory = AreaTables.errors { _ = try AreaTableLoader.load(path: folder.path, displayedAs: "areas") }
        #expect(directory.first?.message == Message(.areaNotAFile, .message(Message(.kindDirectory))))
        #expect(directory.first?.description == "areas: it is a directory, not an area table (a CSV file)")
    }

    @Test func aFileAboveTheSizeLimitIsRefusedUnread() throws {
        let path = try AreaTables.folder().appendingPathComponent("big.csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(InputFile.maximumBytes) + 1)  // sparse: nothing is written
        try handle.close()
        let errors = AreaTables.errors { _ = try AreaTableLoader.load(path: path, displayedAs: "big.csv") }
        #expect(errors.first?.message == Message(.areaFileTooLarge, .integer(16), .integer(16)))
    }

    @Test func aFileNotInUTF8IsRefusedAtItsFirstBadByte() throws {
        // "Nhà Bàng" saved by Excel's plain CSV in Windows-1258: 'à' is the single byte E0.
        var bytes = Array("\(AreaTables.header)\n1,nha-bang,Nh".utf8)
        bytes += [0xE0] + Array(" B".utf8) + [0xE0] + Array("ng,,,,3339,18,0.54,\n".utf8)
        let errors = AreaTables.errors { _ = try AreaTableLoader.load(path: try AreaTables.write(Data(bytes)), displayedAs: "areas.csv") }
        #expect(errors.count == 1)
        #expect(errors.first?.message == Message(.areaNotUTF8))
        located(errors.first, line: 2, column: 3, field: "name")
    }

    @Test func anEmptyFileIsRefused() {
        #expect(AreaTables.error("")?.message == Message(.planEmptyFile))
        #expect(AreaTables.error(" \n\n  \n")?.message == Message(.planEmptyFile))
        #expect(AreaTables.error(",,,\n,,\n")?.message == Message(.planEmptyFile))
    }

    @Test func controlCharactersAreRefusedWhereTheyAre() {
        let error = AreaTables.error("\(AreaTables.header)\n1,a,An\u{1B}Phú,,,,10,1,10.0,\n")
        #expect(error?.message == Message(.areaControlCharacter, .text("\u{1B}")))
        located(error, line: 2, column: 3, field: "name")
        // A vertical tab would end the row in SwiftCSV; it is refused instead.
        let tab = AreaTables.error("id,name\na,A\u{0B}B\n")
        located(tab, line: 2, column: 2, field: "name")
        #expect(tab?.description == "areas.csv:2:2: name: the cell holds a control character (\\u{b}), invisible in a spreadsheet: delete it")
    }

    @Test func strayQuotationMarksAreRefusedWhereTheyAre() {
        let inside = AreaTables.error("id,name,note\na,An \"Phú\",\n")
        #expect(inside?.message == Message(.areaQuoteInsideCell))
        located(inside, line: 2, column: 2, field: "name")
        let after = AreaTables.error("id,name,note\na,\"An Phú\" x,\n")
        #expect(after?.message == Message(.areaTextAfterQuote))
        located(after, line: 2, column: 2, field: "name")
        // Never closed: said where the cell opens, not at the end of the file.
        let unclosed = AreaTables.error("id,name,note\na,A,\"opens here\nb,B,\nc,C,\n")
        #expect(unclosed?.message == Message(.areaUnclosedQuote))
        located(unclosed, line: 2, column: 3, field: "note")
    }

    @Test func moreThanTheRowLimitIsRefused() {
        var text = "id,name\n"
        for i in 0...AreaTableLoader.maximumRows { text += "a\(i),A\n" }
        let error = AreaTables.error(text)
        #expect(error?.message == Message(.areaTooManyRows, .number(100_000)))
        // Row 100,001 is line 100,002.
        #expect(error?.location.line == 100_002)
    }

    // MARK: - The header

    @Test func theHeaderNeedsAnIdAndAName() {
        let errors = AreaTables.errors("no,households\n1,10\n")
        #expect(errors.map(\.field) == ["id", "name"])
        #expect(errors.map(\.message) == [Message(.areaColumnRequired, .text("id")), Message(.areaColumnRequired, .text("name"))])
        #expect(errors.first?.location == CoFund.SourceLocation(file: "areas.csv", line: 1))
    }

    @Test func aColumnNamedTwiceIsRefused() {
        let error = AreaTables.error("id,name,households,households\na,A,1,2\n")
        #expect(error?.message == Message(.areaColumnTwice, .text("households"), .integer(3), .integer(4)))
        located(error, line: 1, column: 4, field: "households")
    }

    @Test func columnNamesArePlainIdentifiers() {
        let errors = AreaTables.errors("id,name,Hộ dân,,poor_start\n")
        #expect(errors.map(\.message) == [Message(.areaInvalidColumnName, .text("Hộ dân")), Message(.areaColumnUnnamed, .integer(4))])
        #expect(errors.map(\.location.column) == [3, 4])
    }

    @Test func aHeaderSeparatedBySemicolonsOrTabsIsRefused() {
        // Excel in a Vietnamese (or French) locale saves "CSV" with semicolons; a table copied from a document has tabs.
        let semicolons = AreaTables.error("no;id;name;households\n1;a;A;10\n")
        #expect(semicolons?.message == Message(.areaHeaderDelimiter, .message(Message(.areaDelimiterSemicolon))))
        #expect(semicolons?.description.contains("separates its columns with semicolons (;); CoFund reads files whose columns are separated by commas") == true)
        located(semicolons, line: 1, column: 1, field: "")
        let tabs = AreaTables.error("no\tid\tname\n1\ta\tA\n")
        #expect(tabs?.message == Message(.areaHeaderDelimiter, .message(Message(.areaDelimiterTab))))
    }

    // MARK: - Rows

    @Test func aRowSeparatedBySemicolonsIsRefused() {
        let error = AreaTables.error("id,name,households\na;A;10\n")
        #expect(error?.message == Message(.areaRowDelimiter, .message(Message(.areaDelimiterSemicolon))))
        located(error, line: 2, column: 0, field: "")
    }

    @Test func aRowWithMoreOrFewerCellsThanTheHeaderIsRefused() {
        let errors = AreaTables.errors("id,name,households,note\na,A,10\nb,B,10,fine\nc,C,10,one, two\n")
        #expect(errors.map(\.message) == [Message(.areaTooFewCells, .integer(3), .integer(4)),
                                          Message(.areaTooManyCells, .integer(5), .integer(4))])
        #expect(errors.map(\.location) == [CoFund.SourceLocation(file: "areas.csv", line: 2),
                                           CoFund.SourceLocation(file: "areas.csv", line: 4, column: 5)])
    }

    @Test func anUnquotedDecimalCommaIsNamedAsTheCauseOfExtraCells() {
        // 0,54 without quotes reads as two cells, "0" and "54".
        let error = AreaTables.error("\(AreaTables.header)\n1,nha-bang,Nhà Bàng,,,urban,3339,18,0,54,\n")
        #expect(error?.message == Message(.areaDecimalCommaSplit, .integer(11), .integer(10), .text("0,54"), .text("0.54")))
    }

    @Test func aQuotedDecimalCommaGetsTheRightSpelling() {
        let error = AreaTables.error("\(AreaTables.header)\n1,nha-bang,Nhà Bàng,,,urban,3339,18,\"0,54\",\n")
        #expect(error?.message == Message(.areaDecimalComma, .text("0,54"), .text("0.54")))
        located(error, line: 2, column: 9, field: "poor_start_pct")
        #expect(error?.description == "areas.csv:2:9: poor_start_pct: “0,54” uses a comma as the decimal mark: write 0.54 (CoFund reads a dot as the decimal mark)")
        #expect(error?.text(Localizer(.vi)) == "areas.csv:2:9: poor_start_pct: “0,54” dùng dấu phẩy làm dấu thập phân: hãy viết 0.54 (CoFund đọc dấu chấm là dấu thập phân)")
    }

    @Test func aVietnameseThousandsSeparatorInACountGetsTheRightSpelling() {
        // 16.194 households is sixteen thousand, not sixteen: counts are whole numbers.
        let error = AreaTables.error("\(AreaTables.header)\nI,urban,Thành thị,,subtotal,urban,16.194,113,0.70,\n1,a,A,,,urban,16194,113,0.70,\n")
        #expect(error?.message == Message(.areaCountThousands, .text("16.194"), .text("16194")))
        located(error, line: 2, column: 7, field: "households")
        // In a column that is not a count, one dot is a decimal point; several are thousands separators.
        let figures = AreaTables.errors("id,name,coefficient,poor_start,households\na,A,1.234.567,\"1,234\",\"1.234,5\"\n")
        // "0.500" households is not five hundred written the Vietnamese way (no number starts with 0): it is a half.
        #expect(AreaTables.error("id,name,households\na,A,0.500\n")?.message == Message(.areaFractionalCount, .text("0.500")))
        #expect(figures.map(\.message) == [Message(.areaThousandsSeparator, .text("1.234.567"), .text("1234567")),
                                           Message(.areaThousandsSeparator, .text("1,234"), .text("1234")),
                                           Message(.areaDecimalComma, .text("1.234,5"), .text("1234.5"))])
    }

    @Test func aBadNumberIsQuotedBack() {
        let error = AreaTables.error("\(AreaTables.header)\n1,a,A,,,,about 40,1,1.0,\n")
        #expect(error?.message == Message(.areaBadNumber, .text("about 40")))
        located(error, line: 2, column: 7, field: "households")
        #expect(error?.description == "areas.csv:2:7: households: expected a number, found “about 40”")
    }

    @Test func countsAreWholeAndNotNegative() {
        let errors = AreaTables.errors("\(AreaTables.header)\n1,a,A,,,,10,-1,1.0,\n2,b,B,,,,10,2.5,1.0,\n3,c,C,,,,10,3.0,30.0,\n")
        #expect(errors.map(\.message) == [Message(.areaNegativeCount, .text("-1")), Message(.areaFractionalCount, .text("2.5"))])
        #expect(errors.map(\.location.line) == [2, 3])
    }

    @Test func idsAreRequiredValidAndUnique() {
        let errors = AreaTables.errors("""
            id,name
            nha-bang,Nhà Bàng
            ,Tịnh Biên
            1abc,Chi Lăng
            nha-bang,An Phú
            an-cu,
            """)
        #expect(errors.map(\.message) == [Message(.planFieldRequired), Message(.planInvalidId, .text("1abc")),
                                          Message(.areaIdTwice, .text("nha-bang"), .integer(2)), Message(.planFieldRequired)])
        #expect(errors.map(\.location.line) == [3, 4, 5, 6])
        #expect(errors.map(\.field) == ["id", "id", "id", "name"])
    }

    @Test func kindIsOneOfThree() {
        let error = AreaTables.error("id,name,kind\na,A,commune\n")
        #expect(error?.message == Message(.areaNotAKind, .text("commune")))
        located(error, line: 2, column: 3, field: "kind")
    }

    @Test func parentsAreRowsOfTheTable() {
        let errors = AreaTables.errors("""
            id,name,parent
            a,A,village
            b,B,b
            c,C,d
            d,D,c
            town,Town,
            """)
        #expect(errors.map(\.message) == [Message(.areaUnknownParent, .text("village")), Message(.areaOwnParent),
                                          Message(.areaParentCycle, .text("c → d → c"))])
        #expect(errors.map(\.location) == [CoFund.SourceLocation(file: "areas.csv", line: 2, column: 3),
                                           CoFund.SourceLocation(file: "areas.csv", line: 3, column: 3),
                                           CoFund.SourceLocation(file: "areas.csv", line: 4, column: 3)])
        // A row refused for a bad cell still exists: the rows naming it as their parent are not blamed too.
        let refused = AreaTables.errors("id,name,parent,kind,households\na,A,town,,10\nb,B,town,,20\ntown,Town,,total,3O\n")
        #expect(refused.map(\.message) == [Message(.areaBadNumber, .text("3O"))])
        // A parent may come later in the file: ids are resolved once every row is read.
        #expect(throws: Never.self) { _ = try AreaTables.parse("id,name,parent,kind\na,A,town,\ntown,Town,,total\n") }
    }

    @Test func subtotalAndTotalRowsMustAddUpSomething() {
        let errors = AreaTables.errors("""
            id,name,kind,group,parent
            urban,Urban,subtotal,urban,
            rural,Rural,subtotal,,
            a,A,area,city,town
            town,Town,total,,
            other,Other,total,,
            """)
        #expect(errors.map(\.message) == [Message(.areaGroupHasNoRows, .text("urban")), Message(.areaSubtotalNeedsGroup),
                                          Message(.areaTotalHasNoRows)])
        #expect(errors.map(\.location.line) == [2, 3, 6])
    }

    @Test func aTableWithoutAreaRowsIsRefused() {
        #expect(AreaTables.error("id,name\n")?.message == Message(.areaNoAreaRows))
        #expect(AreaTables.error("id,name,kind\nt,Total,total\n")?.message == Message(.areaNoAreaRows))
    }

    @Test func problemsInManyRowsAreListedTogetherUpToALimit() {
        var text = "id,name,households\n"
        for i in 1...150 { text += "a\(i),A,x\n" }
        let errors = AreaTables.errors(text)
        #expect(errors.count == 101)
        #expect(errors.prefix(100).allSatisfy { $0.message == Message(.areaBadNumber, .text("x")) })
        #expect(errors.last?.message == Message(.areaMoreErrors, .integer(50)))
    }
}
