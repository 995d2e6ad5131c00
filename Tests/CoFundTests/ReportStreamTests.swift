import Foundation
import GLPK
import Testing
@testable import CoFund

/// Reports are written into a stream block by block (a national report is tens of megabytes); the bytes
/// must be the ones the whole-string rendering gives, whatever the block size, and a failure to deliver
/// a block must reach the caller.
@Suite("Report streams: the same bytes block by block, failures kept")
struct ReportStreamTests {
    struct Broken: Error, Equatable {}

    /// Tịnh Biên's solve report (sensitivity on, as `cofund solve` runs it) and its DA2 communes' distribution.
    static func reports() throws -> [Report] {
        let root = PlanFixtures.repositoryRoot
        let plan = try PlanLoader.load(path: root.appendingPathComponent("Models/plans/tinh-bien-2024.yaml").path)
        var solver = PlanSolver(factory: GLPKSolver())
        solver.sensitivity = true
        let solved = SolveReportBuilder(PlanStructure(plan)).build(try solver.solve(plan))
        let communesPath = root.appendingPathComponent("Models/examples/tinh-bien-2024-da2-communes.yaml").path
        let communes = try PlanLoader.load(path: communesPath)
        let table = try AreaTableLoader.load(path: PlanLoader.resolve(try #require(communes.plan.distribution?.areasPath), relativeTo: communesPath))
        let distributed = DistributionReportBuilder().build(try DistributionRunner(solver: solver, threads: 1).run(communes, table: table))
        return [solved, distributed]
    }

    @Test func everyFormatStreamsTheBytesOfTheWholeRendering() throws {
        for report in try Self.reports() {
            for format in ReportFormat.allCases {
                for language in [Language.vi, .en] {
                    let whole = try ReportRenderer.render(report, format: format, language: language)
                    for blockSize in [1, 100, 4096] {
                        var blocks: [[UInt8]] = []
                        let stream = ReportStream(blockSize: blockSize) { blocks.append(Array($0)) }
                        ReportRenderer.write(report, format: format, language: language, to: stream)
                        try stream.finish()
                        #expect(blocks.joined().elementsEqual(whole.utf8), "\(report.command) \(format) \(language) in blocks of \(blockSize)")
                        // Every block but the last has filled; none is empty.
                        #expect(blocks.dropLast().allSatisfy { $0.count >= blockSize } && blocks.allSatisfy { !$0.isEmpty })
                        if blockSize == 100 { #expect(blocks.count >= whole.utf8.count / 1_000, "the text went out as it was written") }
                    }
                }
            }
        }
    }

    @Test func aFailureToDeliverIsKeptAndThrownAtTheEnd() throws {
        var calls = 0
        let stream = ReportStream(blockSize: 4) { _ in
            calls += 1
            if calls == 2 { throw Broken() }
        }
        stream.write("abcd")  // the first block, delivered
        stream.write("efgh")  // the second, refused
        stream.write("ijkl")  // dropped: nothing more is delivered after a failure
        #expect(calls == 2)
        #expect(throws: Broken()) { try stream.finish() }
        #expect(calls == 2)
    }

    @Test func theLastBlockIsDeliveredWhenTheStreamFinishes() throws {
        var delivered: [String] = []
        let stream = ReportStream(blockSize: 1 << 20) { delivered.append(String(decoding: $0, as: UTF8.self)) }
        stream.write("Tịnh Biên")
        #expect(delivered.isEmpty)
        try stream.finish()
        #expect(delivered == ["Tịnh Biên"])
        let collected = ReportStream.collecting()
        collected.write("a")
        collected.write("ệ")
        #expect(collected.text == "aệ")
    }
}

/// The text table's fast ways of measuring cells against the character counts they stand in for.
@Suite("Text tables: widths as characters")
struct TextTableWidthTests {
    static let pieces = ["a", "Z", " ", "  ", "-", "0", "đ", "Đ", "ệ", "Việt", "xã", "Hoà", "Hòa", "e\u{0301}", "a\u{0323}\u{0302}",
                         "\u{0301}", "\r\n", "\r", "\n", "\t", "😀", "👍🏽", "🇻🇳", "中", "ก", "\u{200D}", "\u{00A0}", "ǅ", "ɐ", "Ω", "ø"]

    @Test func widthsAndLongestWordsCountCharacters() {
        var g = JSONWriterTests.Generator(state: 11)
        for _ in 0..<20_000 {
            let text = (0..<g.below(8)).map { _ in g.pick(Self.pieces) }.joined()
            #expect(TextTable.width(text) == text.count, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(TextTable.longestWord(text) == (text.split(separator: " ").map(\.count).max() ?? 0), "\(text.debugDescription)")
        }
    }

    @Test func namesShownAsTheyAreWhenNothingNeedsEscaping() {
        var g = JSONWriterTests.Generator(state: 12)
        for _ in 0..<5_000 {
            let text = (0..<g.below(12)).map { _ in g.pick(Self.pieces + ["\u{7F}", "\u{85}", "\0"]) }.joined()
            let limit = g.below(12) + 1
            // Text with nothing to escape and within the limit comes back as it is (the fast path); anything
            // else goes through the escaping loop: no control character left, a cut text ends with "…".
            let scalars = Array(text.unicodeScalars)
            let control = scalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
            let shown = Localizer.displayed(text, limit: limit)
            if !control && scalars.count <= limit {
                #expect(shown == text, "\(text.debugDescription) limit \(limit)")
            } else {
                #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(shown.debugDescription)")
                #expect(scalars.count <= limit || shown.hasSuffix("…"), "\(text.debugDescription) limit \(limit)")
                #expect(shown != text)
            }
        }
    }
}

/// A large table's rows made on several threads give the bytes one thread gives, in every format and both
/// languages: 5,000 rows (over the threshold; two waves of chunks on two threads), wrapped Vietnamese text with
/// composed and decomposed forms, repeated cells (each chunk wraps with its own cache), amounts, codes and
/// messages, and a footer; with JSON against Foundation's encoder too.
@Suite("Report tables: the same bytes on any number of threads")
struct ParallelTableTests {
    static func report() -> Report {
        let long = "Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng cho hộ nghèo, hộ cận nghèo và hộ mới thoát nghèo trên địa bàn"
        let decomposed = "Nguye\u{0302}\u{0303}n Thi\u{0323} Minh Khai va\u{0300} nhu\u{031B}\u{0303}ng ngu\u{031B}\u{01A1}\u{0300}i kha\u{0301}c o\u{031B}\u{0309} xa\u{0303}"
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let rows: [[ReportCell]] = (0..<5_000).map { k in
            [.code("c\(k)", depth: k % 3), .text(k % 7 == 0 ? decomposed : long + " \(next(50))"),
             .amount(Double(next(100_000)) / (k % 5 == 0 ? 10 : 1)), .message(Message(.labelledText, .text("x\(k % 13)"))),
             k % 11 == 0 ? .none : .percent(Double(next(100)) / 100)]
        }
        let columns = [ReportColumn("area", Message(.labelledText, .text("Area"))),
                       ReportColumn("name", Message(.labelledText, .text("Tên"))),
                       ReportColumn("amount", Message(.labelledText, .text("Amount")), numeric: true),
                       ReportColumn("why", Message(.labelledText, .text("Why"))),
                       ReportColumn("share", Message(.labelledText, .text("Share")), numeric: true)]
        let table = ReportTable(id: "big", columns: columns, rows: rows, footer: [[.text("total"), .empty, .amount(1), .empty, .empty]])
        return Report(command: "distribute", status: "solved", headline: Message(.labelledText, .text("big")), plan: nil,
                      sections: [ReportSection(id: "areas", title: Message(.labelledText, .text("Areas")), blocks: [.table(table)])])
    }

    @Test func theSameBytes() throws {
        let report = Self.report()
        for format in ReportFormat.allCases {
            for language in [Language.vi, .en] {
                func render(_ threads: Int) -> [UInt8] {
                    let stream = ReportStream.collecting()
                    ReportRenderer.write(report, format: format, language: language, to: stream, threads: threads)
                    return Array(stream.text.utf8)
                }
                let one = render(1)
                #expect(one.count > 500_000, "\(format) \(language): \(one.count) bytes")
                for threads in [2, 5] {
                    #expect(render(threads) == one, "\(format) \(language) on \(threads) threads")
                }
                if format == .json {
                    let document = JSONRenderer(report: report, words: Localizer(language)).document()
                    #expect(Array(try ReportRenderer.jsonString(document).utf8) == one)
                }
            }
        }
    }
}

/// The wrap by scalars gives the lines the wrap by grapheme clusters gave (the implementation before it,
/// kept here as the reference), on Vietnamese composed and decomposed, combining marks after a space, words
/// longer than a line (some an exact multiple of it), leading spaces and emoji.
@Suite("Text wrap: the same lines as by grapheme clusters")
struct TextWrapTests {
    static func reference(_ text: String, width: Int, firstWidth: Int? = nil) -> [String] {
        guard text.count > (firstWidth ?? width), width > 0 else { return [text] }
        let leading = String(text.prefix { $0 == " " })
        var lines: [String] = []
        var current = leading
        func limit() -> Int { lines.isEmpty ? firstWidth ?? width : width }
        for word in text.dropFirst(leading.count).split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            let separator = current.isEmpty || current == leading ? "" : " "
            if current.count + separator.count + word.count <= limit() {
                current += separator + word
                continue
            }
            if !current.isEmpty && current != leading { lines.append(current) }
            current = ""
            while word.count > limit() {
                let n = limit()
                lines.append(String(word.prefix(n)))
                word = word.dropFirst(n)
            }
            current = String(word)
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [text] : lines
    }

    @Test func theSameLines() {
        let words = ["Vốn", "trung", "ương", "giảm", "10%", "Nguye\u{0302}\u{0303}n", "\u{0301}dấu", "đ", "😀👍🏽", "DA5",
                     "tiểu-dự-án-rất-dài-không-có-khoảng-trắng", "abcdefgh", "abcdefghijklmnop", "x", "Ḁ", "ǅ", "\u{00A0}nbsp"]
        var state: UInt64 = 2026
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var compared = 0
        for _ in 0..<3_000 {
            let count = 1 + next(14)
            var text = String(repeating: " ", count: next(4) == 0 ? 1 + next(3) : 0)
            text += (0..<count).map { _ in words[next(words.count)] }.joined(separator: next(5) == 0 ? "  " : " ")
            if next(6) == 0 { text += " " }
            for width in [8, 9, 16, 20, 37] {
                let first = next(3) == 0 ? width + 3 : nil
                // By bytes: Swift's == would call a composed and a decomposed line equal.
                #expect(TextTable.wrap(text, width: width, firstWidth: first).map { Array($0.utf8) }
                        == Self.reference(text, width: width, firstWidth: first).map { Array($0.utf8) },
                        "\(text.debugDescription) width \(width) first \(String(describing: first))")
                compared += 1
            }
        }
        #expect(compared == 15_000)
    }
}

/// Whole amounts are written without Foundation's formatter; what they give is what it gives, in both
/// languages, for amounts and numbers, on every whole number up to 10,000 either side, each power of ten and
/// its neighbours, and seeded numbers up to 10¹⁵; fractions, −0 and larger numbers still go to it.
@Suite("Whole numbers: the formatter's text without the formatter")
struct WholeNumberTextTests {
    @Test(arguments: [Language.vi, .en])
    func theFormattersText(_ language: Language) {
        let localizer = Localizer(language)
        let locale = Locale(identifier: language == .vi ? "vi_VN" : "en_US")
        var values = (-10_000...10_000).map(Double.init)
        var power = 1.0
        for _ in 0..<16 {
            values += [power - 1, power, power + 1, -power, -(power - 1)]
            power *= 10
        }
        var state: UInt64 = 15
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append(Double((state >> 14) % 999_999_999_999_999) * (state & 1 == 0 ? 1 : -1))
        }
        for value in values where abs(value) < 1e15 && !(value == 0 && value.sign == .minus) {
            let amount = value.formatted(.number.locale(locale).precision(.fractionLength(0...1)))
            let number = value.formatted(.number.locale(locale).precision(.fractionLength(0...4)))
            #expect(localizer.whole(value) == amount, "\(value)")
            #expect(localizer.amount(value) == amount && localizer.number(value) == number, "\(value)")
        }
        for other in [-0.0, 0.5, 1234.25, -7.1, 1e15, 3e17] {
            #expect(localizer.whole(other) == nil, "\(other)")
        }
        #expect(localizer.amount(1234.25) == (language == .vi ? "1.234,3" : "1,234.3") || localizer.amount(1234.25) == (language == .vi ? "1.234,2" : "1,234.2"))
    }
}

/// Messages filled by scanning bytes give what the scan by characters gave (the implementation before it,
/// kept here as the reference): every template of the catalogue in both languages, with no, some and all
/// arguments (Vietnamese and decomposed text among them), and odd templates with stray braces.
@Suite("Messages: placeholders filled by bytes as by characters")
struct MessageFillTests {
    static func reference(_ template: String, _ arguments: [MessageArgument], _ words: Localizer) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}"), let n = Int(rest[afterOpen..<close]),
                  n >= 1, n <= arguments.count
            else {
                out.append("{")
                rest = rest[afterOpen...]
                continue
            }
            out += words.argument(arguments[n - 1])
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    @Test(arguments: [Language.vi, .en])
    func theSameText(_ language: Language) {
        let words = Localizer(language)
        let pool: [MessageArgument] = [.text("Tịnh Biên"), .amount(4978), .number(0.1), .integer(-3), .percent(0.15),
                                       .text("Nguye\u{0302}\u{0303}n {2}"), .message(Message(.labelledText, .text("x"))), .amount(2292.7),
                                       .text("}{"), .localized(LocalizedText(vi: "Dự án", en: "Project"))]
        for key in MessageKey.allCases {
            for count in [0, 3, pool.count] {
                let arguments = Array(pool.prefix(count))
                #expect(Array(words.text(Message(key, arguments: arguments)).utf8)
                        == Array(Self.reference(key.template(language), arguments, words).utf8), "\(key) with \(count)")
            }
        }
        // Stray braces, by the same fill on a template of our own (through `labelledText`'s argument).
        for odd in ["{", "}", "{}", "{0}", "{+1}", "{-1}", "{1", "{{1}}", "{x}{1}", "a{99}b", "{1}{2}{1}"] {
            #expect(Self.reference(odd, [.text("A"), .text("B")], words) == words.filled(odd, [.text("A"), .text("B")]), "\(odd)")
        }
        // The one difference, which no template has: a brace carrying a combining mark is a brace to the bytes
        // (the characters saw "}\u{0301}", not "}").
        #expect(words.filled("é{1}\u{0301}", [.text("A")]) == "éA\u{0301}")
    }
}

/// The CSV scanner's ASCII shortcuts give what Unicode's character properties give.
@Suite("CSV scanner: ASCII shortcuts")
struct CSVScannerShortcutTests {
    @Test func theShortcutsAgreeWithCharacterProperties() {
        var characters: [Character] = (0...0x7F).map { Character(Unicode.Scalar(UInt8($0))) }
        characters += ["\r\n", "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{3000}", "đ", "e\u{0301}", "\u{0301}", "😀", "\u{9F}"]
        for character in characters {
            let scalars = character.unicodeScalars.map { String($0.value, radix: 16) }
            #expect(CSVScanner.isNewline(character) == character.isNewline, "\(scalars)")
            #expect(CSVScanner.isWhitespace(character) == character.isWhitespace, "\(scalars)")
            #expect(CSVScanner.control(in: character) == character.unicodeScalars.first(where: CSVScanner.isControl), "\(scalars)")
        }
    }
}

@Suite("Report tables: every cell its own bytes, every column its own id")
struct ReportCellIdentityTests {
    /// Two cells of one wrapped column with the same text, composed (NFC) and decomposed (NFD): Swift's ==
    /// calls them equal, but each row must print its own bytes (the wrap of one is not the other's).
    @Test func aWrappedCellIsPrintedWithItsOwnBytes() {
        let composed = "Ngân sách tỉnh cấp cho các xã đặc biệt khó khăn vùng đồng bào dân tộc thiểu số và miền núi"
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(composed == decomposed && !composed.utf8.elementsEqual(decomposed.utf8))
        var table = TextTable(["a", "b"])
        table.maxWidth = 40
        table.add(["x", composed])
        table.add(["y", decomposed])
        let stream = ReportStream.collecting()
        table.write(to: stream)
        let lines = stream.text.split(separator: "\n", omittingEmptySubsequences: false)
        let rowX = lines.firstIndex { $0.hasPrefix("  x") }!, rowY = lines.firstIndex { $0.hasPrefix("  y") }!
        let x = lines[rowX..<rowY].joined(separator: "\n"), y = lines[rowY...].joined(separator: "\n")
        #expect(x.utf8.contains(0xE1) && !y.unicodeScalars.contains("ỉ"), "the decomposed row keeps its decomposed letters")
        #expect(y.unicodeScalars.contains("\u{0309}"), "\(y.debugDescription)")
    }

    /// Sources called "project" and "total" would share the allocation table's fixed columns' ids; they
    /// are "source:project" and "source:total" instead, and JSON keeps every figure.
    @Test func sourcesNamedLikeFixedColumnsKeepTheirOwnColumn() throws {
        let loaded = try PlanFixtures.load("""
            sources:
              - {id: total, level: central, capital: recurrent, available: 100, spendInFull: true}
              - {id: project, level: province, capital: recurrent, available: 20}
            projects:
              - {code: DA2, need: 70}
              - {code: DA5, need: 60}
            """)
        let solved = try PlanSolver(factory: GLPKSolver()).solve(loaded)
        let report = SolveReportBuilder(PlanStructure(loaded)).build(solved)
        for section in report.sections {
            for table in section.tables { #expect(Set(table.columns.map(\.id)).count == table.columns.count, "\(section.id)/\(table.id)") }
        }
        let json = try ReportRenderer.render(report, format: .json, language: .en)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sections = try #require(document["sections"] as? [[String: Any]])
        let allocation = try #require(sections.first { $0["id"] as? String == "allocation" })
        let rows = try #require(((allocation["tables"] as? [[String: Any]])?.first)?["rows"] as? [[String: Any]])
        let central = rows.compactMap { $0["source:total"] as? Double }.reduce(0, +)
        let totals = rows.compactMap { $0["total"] as? Double }.reduce(0, +)
        #expect(central == 100, "\(rows)")
        #expect(totals == 100 + rows.compactMap { $0["source:project"] as? Double }.reduce(0, +))
        #expect(rows.allSatisfy { $0["project"] is String })
    }
}
