import Foundation
import Testing

// Reports in the reader's language and words (issue 9): on every seed plan and the example, in both
// languages, the text report fits 120 columns, the default report has no optimisation jargon (that is
// behind --detail), a Vietnamese report has no English words outside names and codes, notes are shown
// in the reader's language, and the text, Markdown and CSV forms carry the same sections and sentences.

@Suite("Reports in the reader's language and words")
struct ReportLanguageTests {
    /// The seed plans and the example, relative to the repository root.
    static let plans: [String] = {
        let manager = FileManager.default
        var found: [String] = []
        for folder in ["Models/plans", "Models/examples"] {
            let names = (try? manager.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent(folder).path)) ?? []
            found += names.filter { $0.hasSuffix(".yaml") }.sorted().map { "\(folder)/\($0)" }
        }
        // Plans only: a scenario file is read by `whatif` (its reports are checked below).
        return found.filter { path in
            let text = (try? String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)) ?? ""
            return !text.contains("\ncofund: scenarios")
        }
    }()

    /// The what-if and sweep reports of the examples: the same width and language checks as `solve`'s.
    static let studies: [[String]] = [
        ["whatif", "Models/plans/tinh-bien-2024.yaml", "--scenarios", "Models/examples/tinh-bien-2024-scenarios.yaml"],
        ["sweep", "Models/plans/tinh-bien-2024.yaml", "--vary", "central=4000..6000", "--steps", "8"],
        ["sweep", "Models/plans/tinh-bien-2024.yaml", "--vary", "rules.province-10pct.ratio=0.05..0.2", "--steps", "3"],
    ]

    @Test("what-if and sweep reports: 120 characters wide, and Vietnamese without English words", arguments: studies)
    func studyReports(_ command: [String]) throws {
        for lang in ["vi", "en"] {
            let run = try cofund(command + ["--lang", lang], in: repositoryRoot)
            #expect(run.status == 0, "\(run)")
            for line in run.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
                #expect(line.count <= 120, "\(command) \(lang): \(line.count) characters: \(line)")
            }
            if lang == "vi" {
                let left = Self.englishLeft(in: run.stdout)
                #expect(left.isEmpty, "\(command): English words \(left)")
                let csv = try cofund(command + ["--format", "csv"], in: repositoryRoot)
                #expect(Self.englishLeft(in: Self.csvTexts(csv.stdout).joined(separator: "\n")).isEmpty, "\(command) csv")
            }
        }
    }

    private func solve(_ plan: String, _ options: [String]) throws -> Run {
        try cofund(["solve", plan] + options, in: repositoryRoot)
    }

    @Test("there are seed plans to read")
    func plansFound() { #expect(Self.plans.count >= 6, "\(Self.plans)") }

    // MARK: - Width

    @Test("no line of a text report is wider than 120 characters", arguments: plans)
    func width(_ plan: String) throws {
        for options in [["--lang", "vi"], ["--lang", "en"], ["--lang", "vi", "--detail"], ["--lang", "en", "--detail"]] {
            let run = try solve(plan, options)
            #expect([0, 1, 2].contains(run.status), "\(run)")
            for line in run.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
                // Characters are grapheme clusters: "ệ" is one however it is encoded.
                #expect(line.count <= 120, "\(plan) \(options): \(line.count) characters: \(line)")
            }
        }
    }

    // MARK: - No jargon without --detail

    static let jargon = ["giá bóng", "ràng buộc", "bắt đầu ràng buộc", "∞", "shadow price", "binding", "starts to bind", "basis",
                         "Khoảng trọng số"]

    @Test("the default report speaks in plan terms; the technical view is behind --detail", arguments: plans)
    func noJargon(_ plan: String) throws {
        for lang in ["vi", "en"] {
            for format in ["text", "markdown", "csv"] {
                let run = try solve(plan, ["--lang", lang, "--format", format])
                let lower = run.stdout.lowercased()
                for word in Self.jargon { #expect(!lower.contains(word.lowercased()), "\(plan) \(lang) \(format): '\(word)'") }
                #expect(!run.stdout.contains("shadowPrice"), "\(plan) \(lang) \(format): shadowPrice column")
            }
        }
    }

    @Test("--detail shows the shadow prices, their ranges and the sentences that read them")
    func detailShowsTheTechnicalView() throws {
        let vi = try solve("Models/plans/tinh-bien-2024.yaml", ["--detail"])
        #expect(vi.status == 0, "\(vi)")
        #expect(vi.stdout.contains("Giá bóng") && vi.stdout.contains("Ràng buộc") && vi.stdout.contains("mỗi triệu đồng tăng thêm"))
        let en = try solve("Models/plans/tinh-bien-2024.yaml", ["--detail", "--lang", "en", "--format", "csv"])
        #expect(en.stdout.contains("shadowPrice") && en.stdout.contains("each extra million"), "\(en)")
        // JSON keeps the technical figures either way: programs read them.
        let json = try solve("Models/plans/tinh-bien-2024.yaml", ["--format", "json"])
        #expect(json.stdout.contains("\"shadowPrice\""))
    }

    // MARK: - Vietnamese only

    /// Common English words that would mean English got into a Vietnamese report.
    static let englishWords: Set<String> = [
        "the", "of", "and", "need", "needs", "budget", "rule", "rules", "shadow", "price", "binding", "to", "up", "more", "less",
        "is", "are", "not", "no", "for", "from", "with", "by", "in", "on", "at", "as", "be", "this", "that", "each", "every",
        "stated", "amount", "amounts", "source", "sources", "project", "projects", "money", "plan", "total", "totals", "only",
        "funded", "central", "province", "district", "commune", "other", "allocated", "allocation", "where", "which", "section",
        "document", "about", "above", "below", "least", "most", "million", "households", "poor", "left", "exits", "range",
    ]

    /// Codes, ids and proper names a Vietnamese report may show as they are (lower case).
    static let allowed: Set<String> = ["cofund", "mib", "glpk", "yaml", "json", "csv", "utf"]

    /// The report's own words: without ids and codes (anything with a digit, '.', '_', '-', '[' or '/'),
    /// code in backticks, file paths and field paths.
    static func words(of text: String) -> [String] {
        var text = text
        for pattern in [#"`[^`]*`"#, #"[^\s,;:()]*[0-9._/\[\]-][^\s,;:()]*"#, #"\[[^\]]*\]"#] {
            let regex = try! NSRegularExpression(pattern: pattern)
            text = regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
        }
        return text.lowercased().split { !$0.isLetter }.map(String.init)
    }

    /// The CSV cells that hold more than one word.
    static func csvTexts(_ csv: String) -> [String] {
        let field = try! NSRegularExpression(pattern: #""(?:[^"]|"")*"|[^,\n]*"#)
        return csv.split(separator: "\n").filter { !$0.hasPrefix("#") }.flatMap { line -> [String] in
            let line = String(line)
            return field.matches(in: line, range: NSRange(line.startIndex..., in: line)).map { (line as NSString).substring(with: $0.range) }
        }.filter { $0.contains(" ") }
    }

    static func englishLeft(in text: String) -> [String] {
        Array(Set(words(of: text).filter { englishWords.contains($0) && !allowed.contains($0) })).sorted()
    }

    @Test("a Vietnamese report has no English words outside names and codes", arguments: plans)
    func vietnameseReport(_ plan: String) throws {
        for options in [[String](), ["--format", "markdown"], ["--format", "csv"]] {
            let run = try solve(plan, options)
            #expect([0, 1, 2].contains(run.status), "\(run)")
            // In CSV, block names, column ids and single-word cells are codes (source ids, `total`): only
            // the cells with words in them are read.
            let text = options.contains("csv") ? Self.csvTexts(run.stdout).joined(separator: "\n") : run.stdout
            let left = Self.englishLeft(in: text)
            #expect(left.isEmpty, "\(plan) \(options): English words \(left)")
        }
    }

    @Test("the check sees English when it is there")
    func englishIsCaught() throws {
        let run = try solve("Models/plans/tinh-bien-2024.yaml", ["--lang", "en"])
        #expect(Self.englishLeft(in: run.stdout).count > 5)
    }

    @Test("errors of bad plans are Vietnamese under --lang vi", arguments: [
        "invalid/misspelt-field.yaml", "invalid/negative-amount.yaml", "invalid/missing-rule-set.yaml", "invalid/quoted-number.yaml",
        "invalid/duplicate-source.yaml", "invalid/ratio-out-of-range.yaml",
    ])
    func vietnameseErrors(_ plan: String) throws {
        let run = try cofund(["solve", plan, "--lang", "vi"])
        #expect(run.status == 65, "\(run)")
        // The location and field path come first; the message after them.
        let line = String(run.stderr.split(separator: "\n").first ?? "")
        let message = line.split(separator: ": ").dropFirst(3).joined(separator: ": ")
        let left = Self.englishLeft(in: message.replacingOccurrences(of: #"'[^']*'"#, with: " ", options: .regularExpression))
        #expect(left.isEmpty, "English words \(left) in: \(line)")
    }

    // MARK: - Notes in the reader's language

    @Test("a note is shown in the reader's language; a plain note as written")
    func localizedNotes() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("small-rules.yaml"),
                                         to: folder.url.appendingPathComponent("small-rules.yaml"))
        var plan = try String(contentsOf: fixtures.appendingPathComponent("small-plan.yaml"), encoding: .utf8)
        plan += """
            notes:
              - {vi: "Ghi chú bằng tiếng Việt", en: "A note in English"}
              - "Viết một lần, như nhau ở mọi ngôn ngữ"

            """
        try plan.write(to: URL(fileURLWithPath: folder.path("noted.yaml")), atomically: true, encoding: .utf8)
        let vi = try cofund(["solve", "noted.yaml"], in: folder.url)
        let en = try cofund(["solve", "noted.yaml", "--lang", "en"], in: folder.url)
        #expect(vi.status == 0 && en.status == 0, "\(vi)\n\(en)")
        #expect(vi.stdout.contains("  - Ghi chú bằng tiếng Việt\n") && !vi.stdout.contains("A note in English"))
        #expect(en.stdout.contains("  - A note in English\n") && !en.stdout.contains("Ghi chú bằng tiếng Việt"))
        for run in [vi, en] { #expect(run.stdout.contains("  - Viết một lần, như nhau ở mọi ngôn ngữ\n")) }
    }

    @Test("an excluded line's reason is its note in the reader's language")
    func exclusionReason() throws {
        let vi = try solve("Models/plans/tinh-bien-2024.yaml", [])
        let en = try solve("Models/plans/tinh-bien-2024.yaml", ["--lang", "en"])
        #expect(vi.stdout.contains("DA6.TDA1: không phân bổ trong kế hoạch này — kế hoạch không nêu số tiền cũng như nguồn vốn"))
        #expect(en.stdout.contains("the plan states neither an amount nor a source for this sub-project"))
    }

    // MARK: - Names, order, numbers

    @Test("rules and stages by their names, ids in brackets")
    func names() throws {
        let vi = try solve("Models/plans/tinh-bien-2024.yaml", []).stdout
        #expect(vi.contains("Mục tiêu 2: giảm thiểu vốn ngân sách địa phương"))
        #expect(!vi.lowercased().contains("tối thiểu vốn"))
        #expect(vi.contains("[province-10pct]") && vi.contains("Ngân sách tỉnh đối ứng 10% vốn NSTW"))
        #expect(vi.contains("[poverty-2021-2025]"))
        // The id never stands alone as a row's name.
        #expect(!vi.contains("  province-10pct"))
    }

    @Test("budget levels in their natural order, in every format")
    func levelOrder() throws {
        let text = try solve("Models/plans/tinh-bien-2024.yaml", ["--lang", "en"]).stdout
        #expect(text.contains("By budget level: central 4,978 · province 498 · other 0"), "\(text)")
        let json = try solve("Models/plans/tinh-bien-2024.yaml", ["--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let sections = try #require(object["sections"] as? [[String: Any]])
        let facts = try #require(sections.first { $0["id"] as? String == "allocation" }?["facts"] as? [[String: Any]])
        let parts = try #require(facts.first { $0["id"] as? String == "byLevel" }?["parts"] as? [[String: Any]])
        #expect(parts.compactMap { $0["id"] as? String } == ["central", "province", "other"])
    }

    @Test("CSV numbers are rounded to what they mean", arguments: plans)
    func csvNumbers(_ plan: String) throws {
        for options in [["--format", "csv"], ["--format", "csv", "--detail"]] {
            let csv = try solve(plan, options).stdout
            let regex = try NSRegularExpression(pattern: #"(?<![\w.])-?\d+\.\d{5,}(?![\w.])"#)
            let noisy = regex.matches(in: csv, range: NSRange(csv.startIndex..., in: csv)).map { (csv as NSString).substring(with: $0.range) }
            #expect(noisy.isEmpty, "\(plan) \(options): \(noisy.prefix(5))")
        }
    }

    // MARK: - The same content in every format

    /// The sentences of a report (section titles, list items, paragraphs, the headline) as the JSON form
    /// gives them, in the language asked.
    private func sentences(_ plan: String, _ options: [String]) throws -> [String] {
        let run = try solve(plan, options + ["--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        func text(_ value: Any?) -> String? { (value as? [String: Any])?["text"] as? String }
        var out = [text(object["headline"])].compactMap { $0 }
        for section in object["sections"] as? [[String: Any]] ?? [] {
            out += [text(section["title"])].compactMap { $0 }
            out += (section["items"] as? [Any] ?? []).compactMap(text)
            out += (section["paragraphs"] as? [Any] ?? []).compactMap(text)
        }
        return out
    }

    private static func flattened(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test("text, Markdown and CSV carry every section, table and sentence", arguments: plans)
    func sameContent(_ plan: String) throws {
        for options in [["--lang", "vi"], ["--lang", "en"], ["--lang", "en", "--detail"]] {
            let expected = try sentences(plan, options)
            #expect(!expected.isEmpty)
            let text = Self.flattened(try solve(plan, options).stdout)
            let markdown = Self.flattened(try solve(plan, options + ["--format", "markdown"]).stdout.replacingOccurrences(of: "**", with: ""))
            let csv = try solve(plan, options + ["--format", "csv"]).stdout
            let csvFields = Self.flattened(csv.replacingOccurrences(of: "\"\"", with: "\""))
            for sentence in expected.map(Self.flattened) {
                #expect(text.contains(sentence), "\(plan) \(options): text lacks \(sentence)")
                #expect(markdown.contains(sentence), "\(plan) \(options): Markdown lacks \(sentence)")
                #expect(csvFields.contains(sentence), "\(plan) \(options): CSV lacks \(sentence)")
            }
            // Every table a person reads is in every format: its first column's title in text and Markdown,
            // its block in CSV.
            let json = try solve(plan, options + ["--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
            for section in object["sections"] as? [[String: Any]] ?? [] {
                let id = section["id"] as? String ?? ""
                for table in section["tables"] as? [[String: Any]] ?? [] {
                    let tableID = table["id"] as? String ?? ""
                    let block = tableID == id ? "# \(id)\n" : "# \(id)/\(tableID)\n"
                    #expect(csv.contains(block), "\(plan) \(options): CSV lacks \(block)")
                }
            }
        }
    }
}
