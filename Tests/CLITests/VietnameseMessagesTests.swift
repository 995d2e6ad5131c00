import Foundation
import Testing

// A planner reading Vietnamese (the default, or `--lang vi`) gets every error about a bad plan or rule
// set in Vietnamese: run `solve` and `export` on every fixture in Fixtures/invalid and check that what is
// left of the message, once the location, the field path, quoted values, code and ids are taken out, has
// no common English word and does have Vietnamese in it.

@Suite("Errors in bad plans and rule sets are in Vietnamese")
struct VietnameseMessagesTests {
    /// Every bad-input fixture, by its path relative to Fixtures.
    static let invalidFixtures: [String] = {
        let folder = fixtures.appendingPathComponent("invalid")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted().map { "invalid/\($0)" }
    }()

    /// Words that would mean an English sentence got through.
    static let englishWords: Set<String> = [
        "the", "is", "a", "an", "of", "to", "not", "must", "cannot", "found", "expected", "field", "file", "line",
        "list", "mapping", "value", "use", "only", "this", "that", "with", "from", "for", "and", "or", "be", "are",
        "at", "in", "unknown", "required", "twice",
    ]

    static let vietnameseLetters = Set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")

    private static func removing(_ pattern: String, from text: String) -> String {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
    }

    /// The message's own words: without "cofund: ", the location, the field path, quoted text, code and ids.
    static func words(of line: String) -> String {
        var text = line.hasPrefix("cofund: ") ? String(line.dropFirst("cofund: ".count)) : line
        text = removing(#"^[^:]+:\d+(:\d+)?: "#, from: text)      // file:line[:column]:
        text = removing(#"^\s*[A-Za-z0-9_.\[\]]+: "#, from: text)   // the field path
        text = removing(#"'[^']*'"#, from: text)                     // values quoted back
        text = removing(#""[^"]*""#, from: text)
        text = removing(#"“[^”]*”"#, from: text)                     // the YAML parser's own words
        text = removing(#"`[^`]*`"#, from: text)                     // code
        // ids, field names and numbers: anything holding a digit, '.', '_', '-', '[' or an inner capital.
        text = removing(#"[^\s,;:()]*[0-9._\[\]-][^\s,;:()]*"#, from: text)
        text = removing(#"\b[a-z]+[A-Z][A-Za-z]*\b"#, from: text)
        return text
    }

    static func englishWordsLeft(in line: String) -> [String] {
        words(of: line).lowercased().split { !$0.isLetter }.map(String.init).filter { englishWords.contains($0) }
    }

    private func expectVietnamese(_ run: Run, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 65, "\(run)", sourceLocation: sourceLocation)
        let line = String(run.stderr.split(separator: "\n").first ?? "")
        #expect(line.hasPrefix("cofund: "), "\(run)", sourceLocation: sourceLocation)
        let left = Self.englishWordsLeft(in: line)
        #expect(left.isEmpty, "English words \(left) in: \(line)", sourceLocation: sourceLocation)
        let own = Self.words(of: line)
        #expect(own.contains { Self.vietnameseLetters.contains($0) }, "no Vietnamese in: \(line)", sourceLocation: sourceLocation)
    }

    @Test("there are bad-input fixtures to check")
    func fixturesFound() {
        #expect(Self.invalidFixtures.count >= 20, "\(Self.invalidFixtures)")
    }

    @Test("solve and export, with --lang vi and by default", arguments: invalidFixtures)
    func vietnamese(_ plan: String) throws {
        let folder = try TemporaryFolder()
        for lang in [["--lang", "vi"], []] {
            let solve = try cofund(["solve", plan, "--output", folder.path("report.txt")] + lang)
            expectVietnamese(solve)
            let export = try cofund(["export", plan, "--lp", folder.path("plan.lp")] + lang)
            expectVietnamese(export)
            #expect(export.stderr == solve.stderr, "export and solve should say the same: \(export)")
        }
        #expect(folder.contents.isEmpty, "a file was written: \(folder.contents)")
    }

    @Test("the same fixtures in English keep the English words (the check does see them)")
    func englishIsCaught() throws {
        let run = try cofund(["solve", "invalid/empty.yaml", "--lang", "en"])
        #expect(run.status == 65, "\(run)")
        #expect(!Self.englishWordsLeft(in: String(run.stderr.split(separator: "\n").first ?? "")).isEmpty, "\(run)")
    }
}
