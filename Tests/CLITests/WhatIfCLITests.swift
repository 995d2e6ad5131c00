import Foundation
import Testing

// `cofund whatif` from the command line: the same bytes on any number of threads, the report's content for
// the Tịnh Biên example (hand-derived figures), and every kind of bad scenario file or flag: exit 65, a
// message naming the file (file:line[:col]) or the flag and the field, in English and in Vietnamese, and
// no --output file.

private let tinhBienPlan = repositoryRoot.appendingPathComponent("Models/plans/tinh-bien-2024.yaml").path
private let tinhBienScenarios = repositoryRoot.appendingPathComponent("Models/examples/tinh-bien-2024-scenarios.yaml").path

/// Ten scenarios of the Tịnh Biên plan (amounts, ratios, rules, objective).
private let tenScenarios = """
    cofund: scenarios
    scenarios:
      - {id: c90, scale: {central: 0.9}}
      - {id: c80, scale: {central: 0.8}}
      - {id: c50, scale: {central: 0.5}}
      - {id: p120, scale: {province: 1.2}}
      - {id: p0, scale: {province: 0}}
      - {id: r15, set: {rules.province-10pct.ratio: 0.15}}
      - {id: r05, set: {rules.province-10pct.ratio: 0.05}}
      - {id: da2, set: {projects.DA2.need: 2000, projects.DA2.weight: 2}}
      - {id: drop, dropRules: province-10pct}
      - {id: one-stage, set: {objective: [maximize-funded-need]}}

    """

@Suite("cofund whatif: threads, report content")
struct WhatIfCLITests {
    @Test("--threads 1 and --threads 4 give byte-identical stdout, text and json")
    func threadsGiveTheSameBytes() throws {
        let folder = try TemporaryFolder()
        try tenScenarios.write(toFile: folder.path("ten.yaml"), atomically: true, encoding: .utf8)
        for format in ["text", "json"] {
            let one = try cofund(["whatif", tinhBienPlan, "--scenarios", "ten.yaml", "--lang", "en", "--format", format, "--threads", "1"], in: folder.url)
            let four = try cofund(["whatif", tinhBienPlan, "--scenarios", "ten.yaml", "--lang", "en", "--format", format, "--threads", "4"], in: folder.url)
            #expect(one.status == 0, "\(one)")
            #expect(!one.stdoutData.isEmpty)
            #expect(one.stdoutData == four.stdoutData, "\(format): --threads 1 and 4 differ")
        }
    }

    /// Trùng Khánh's recurrent money cut from 54,009 to 50,000: every line has a target and the same priority, so
    /// the plan's objectives cannot tell the lines apart and the cut fell on a few, DA4.TDA1's 2,659 all of it. The
    /// sentence must not call that an even spread: it names the lines left with nothing and says the choice is one of many.
    @Test("a cut that empties lines of equal priority says so")
    func aCutThatEmptiesLinesSaysSo() throws {
        let plan = repositoryRoot.appendingPathComponent("Models/plans/trung-khanh-2023.yaml").path
        let run = try cofund(["whatif", plan, "--set", "sources.central-recurrent.available=50000", "--lang", "en", "--format", "markdown"])
        #expect(run.status == 0, "\(run)")
        let phrase = "left with nothing, though the priority weights are equal"
        let named = run.stdout.components(separatedBy: phrase).first?.components(separatedBy: "not in proportion to their money:").last ?? ""
        #expect(run.stdout.contains(phrase) && named.contains("DA4.TDA1"), "\(run)")
        #expect(!run.stdout.contains("spread over the lines in proportion"), "\(run)")
    }

    /// Tịnh Biên's central money cut by 78 (4,978 → 4,900): the lines have equal weights, so the cut is shared; in
    /// proportion DA6.TDA2 (153 of 5,476) would lose 78 × 153 / 5,476 = 2.2 and DA2 35.9. The search within rounding
    /// alone once ended with 77 of the 78 on DA6.TDA2 (spread 1,575.4 against 1,560.1): no line may lose much more
    /// than its share.
    @Test("a cut of central money is shared among lines of equal weight")
    func aCutIsShared() throws {
        let run = try cofund(["whatif", tinhBienPlan, "--set", "sources.central.available=4900", "--format", "json", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let json = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        let sections = try #require(json["sections"] as? [[String: Any]])
        let allocation = try #require(sections.first { $0["id"] as? String == "allocation" })
        let rows = ((allocation["tables"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]]) ?? []
        var cut = 0.0
        for row in rows {
            let base = (row["base"] as? NSNumber)?.doubleValue ?? 0, difference = (row["difference"] as? NSNumber)?.doubleValue ?? 0
            cut += difference
            #expect(-difference <= 2 * 78 * base / 5476 + 3, "\(row)")
        }
        #expect(cut == -78, "\(rows)")
    }

    /// Tịnh Biên's DA2 may take up to 2,750 instead of 2,522: every need is still met with the same money (5,476, of
    /// which 498 local), and the plan's own figures still meet every rule within rounding, so nothing moves. When
    /// rounding was allowed only once no exact answer existed, the exact answer this need made possible moved
    /// DA3.TDA1, DA7.TDA1 and DA7.TDA2 off their figures (to 1,034, 341 and 198).
    @Test("a need raised where money does not follow changes no line")
    func aNeedRaisedAloneChangesNothing() throws {
        let run = try cofund(["whatif", tinhBienPlan, "--set", "projects.DA2.need=2750", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("From the command line: nothing changes in the allocation"), "\(run)")
    }

    /// Tịnh Biên's 10% rule states its own ratio and the plan applies no rule that uses the tier: switching to the
    /// 15% tier changes nothing, and the report says why. The flags' scenario is named in the reader's language.
    @Test("a tier no rule uses: nothing changes, and the report says why; the command-line scenario's name in Vietnamese")
    func tierNoRuleUses() throws {
        let vi = try cofund(["whatif", tinhBienPlan, "--set", "tier=central-under-50"])
        #expect(vi.status == 0, "\(vi)")
        #expect(vi.stdout.contains("Kịch bản từ dòng lệnh: không có gì thay đổi, vì kế hoạch không áp dụng quy tắc nào dùng mức đối ứng"), "\(vi)")
        #expect(!vi.stdout.contains("command-line  command-line"), "\(vi)")
        let en = try cofund(["whatif", tinhBienPlan, "--set", "tier=central-under-50", "--lang", "en"])
        #expect(en.stdout.contains("From the command line: nothing changes, because no rule the plan applies uses the counterpart tier"), "\(en)")
    }

    @Test("the Tịnh Biên example's JSON report: sections, the 10% cut's −498, the 15% tier's repair 498 → 747")
    func tinhBienReport() throws {
        let run = try cofund(["whatif", tinhBienPlan, "--scenarios", tinhBienScenarios, "--format", "json", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let json = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        let sections = try #require(json["sections"] as? [[String: Any]])
        let ids = sections.compactMap { $0["id"] as? String }
        for id in ["scenarios", "allocation", "sources", "drivers", "repair-tier-15"] {
            #expect(ids.contains(id), "no section \(id) in \(ids)")
        }
        // 4,978 × 0.9 = 4,480.2 → 4,480: 498 less central money; every need was met in the base (needs
        // 5,476 = 4,978 + 498), so the funded need falls by exactly 498.
        let allocation = try #require(sections.first { $0["id"] as? String == "allocation" })
        let rows = ((allocation["tables"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]]) ?? []
        let cut = rows.filter { $0["scenario"] as? String == "central-cut-10" }
        #expect(!cut.isEmpty)
        let sum = cut.compactMap { ($0["difference"] as? NSNumber)?.doubleValue }.reduce(0, +)
        #expect(abs(sum + 498) < 1e-6, "differences sum to \(sum)")
        for row in cut {
            let base = (row["base"] as? NSNumber)?.doubleValue ?? .nan
            let after = (row["scenarioAmount"] as? NSNumber)?.doubleValue ?? .nan
            let difference = (row["difference"] as? NSNumber)?.doubleValue ?? .nan
            #expect(abs(after - base - difference) < 1e-9, "\(row)")
        }
        // Tier 15: 15% of 4,978 = 746.7, rounded up to 747 of provincial money, against 498.
        let repair = try #require(sections.first { $0["id"] as? String == "repair-tier-15" })
        let text = String(decoding: try JSONSerialization.data(withJSONObject: repair), as: UTF8.self)
        #expect(text.contains("498 \\u2192 747") || text.contains("498 → 747"), "\(text.prefix(600))")
        let scenarioRows = ((sections.first?["tables"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]]) ?? []
        let tier = scenarioRows.first { $0["scenario"] as? String == "tier-15" }
        #expect((tier?["outcome"] as? [String: Any])?["key"] as? String == "whatif.outcome-infeasible")
    }
}

/// A bad scenario file or flag, and what its message must name.
struct BadScenario: Sendable, CustomTestStringConvertible {
    var name: String
    /// The scenario file's text (nil: no file, only flags).
    var file: String?
    var flags: [String] = []
    /// `scenarios.yaml:LINE` (or `:LINE:COL`) the message must name; nil for a flag.
    var line: Int?
    /// The field path or the flag the message must name.
    var names: String
    var english: String
    var vietnamese: String

    var testDescription: String { name }
}

@Suite("cofund whatif: bad scenario files and flags exit 65 with file:line: field, and write nothing")
struct WhatIfBadInputTests {
    static let header = "cofund: scenarios\nscenarios:\n  - id: s\n"

    static let cases: [BadScenario] = [
        BadScenario(name: "unknown path", file: header + "    set: {projects.DA2.nede: 5}\n", line: 4,
                    names: "scenarios[0].set.projects.DA2.nede", english: "is not a figure a scenario can change",
                    vietnamese: "không phải là số liệu mà kịch bản có thể thay đổi"),
        BadScenario(name: "unknown source in scale", file: header + "    scale:\n      nope: 0.9\n", line: 5,
                    names: "scenarios[0].scale.nope", english: "unknown source 'nope'", vietnamese: "không có nguồn vốn 'nope'"),
        BadScenario(name: "negative factor", file: header + "    scale: {central: -0.5}\n", line: 4,
                    names: "scenarios[0].scale.central", english: "a factor cannot be negative", vietnamese: "hệ số không được âm"),
        // 0.10 × 20 = 2.0.
        BadScenario(name: "ratio above 1 after scaling", file: header + "    scale: {rules.province-10pct.ratio: 20}\n", line: 4,
                    names: "scenarios[0].scale.rules.province-10pct.ratio", english: "a ratio must lie between 0 and 1",
                    vietnamese: "tỷ lệ phải nằm trong khoảng từ 0 đến 1"),
        BadScenario(name: "negative amount in set", file: header + "    set:\n      sources.central.available: -5\n", line: 5,
                    names: "scenarios[0].set.sources.central.available", english: "cannot be negative", vietnamese: "không được âm"),
        BadScenario(name: "tier the rule set lacks", file: header + "    set: {tier: central-99}\n", line: 4,
                    names: "scenarios[0].set.tier", english: "tier 'central-99' is not defined", vietnamese: "nhóm đối ứng 'central-99'"),
        BadScenario(name: "dropped rule that does not exist", file: header + "    dropRules: [no-such-rule]\n", line: 4,
                    names: "scenarios[0].dropRules[0]", english: "the plan has no rule 'no-such-rule'",
                    vietnamese: "kế hoạch không có quy tắc 'no-such-rule'"),
        BadScenario(name: "duplicate scenario id", file: header + "    scale: {central: 0.9}\n  - id: s\n    scale: {central: 0.8}\n", line: 5,
                    names: "scenarios[1].id", english: "scenario id 's' is used twice", vietnamese: "mã kịch bản 's' được dùng hai lần"),
        BadScenario(name: "not a scenario file", file: "cofund: plan\nscenarios: []\n", line: 1, names: "cofund",
                    english: "not a scenario file", vietnamese: "không phải tệp kịch bản"),
        BadScenario(name: "YAML syntax error", file: header + "    scale: {central: [0.9\n", line: 5, names: "scenarios.yaml:5:",
                    english: "a closing bracket or brace is missing", vietnamese: "dòng 4"),
        BadScenario(name: "missing id", file: "cofund: scenarios\nscenarios:\n  - scale: {central: 0.9}\n", line: 3,
                    names: "scenarios[0].id", english: "this field is required", vietnamese: "trường này là bắt buộc"),
        // Each change alone is valid; together they leave DA2's floor above its need: named at the floor's
        // line, the plan's place quoted after it.
        BadScenario(name: "changes that leave a floor above the need", file: header + "    set:\n      projects.DA2.need: 2000\n      projects.DA2.floor: 3000\n",
                    line: 6, names: "scenarios[0].set.projects.DA2.floor", english: "with this change the plan is no longer valid, at ",
                    vietnamese: "mức sàn 3.000 cao hơn nhu cầu 2.000"),
        // A message longer than 200 characters is written whole (only a quoted value is ever cut).
        BadScenario(name: "--set of a ratio too small to solve", flags: ["--set", "rules.province-10pct.ratio=0.0000001"],
                    names: "--set rules.province-10pct.ratio=0.0000001", english: "GLPK cannot solve them reliably (write 0 for none)\n",
                    vietnamese: "(ghi 0 nếu không có)\n"),
        // Only decimal numbers: Swift would read 0x10 as 16.
        BadScenario(name: "--set of a hexadecimal number", flags: ["--set", "sources.central.available=0x10"],
                    names: "--set sources.central.available=0x10", english: "expected a number, found '0x10'", vietnamese: "cần một số, nhưng gặp '0x10'"),
        BadScenario(name: "--set of a number tagged as text", flags: ["--set", "sources.central.available=!!str 5"],
                    names: "sources.central.available", english: "found the text \"5\"", vietnamese: "gặp văn bản \"5\""),
        // 4,978 × 10³⁰⁸ is no number at all: shown as the product, not as "inf".
        BadScenario(name: "--scale past the largest number", flags: ["--scale", "central=1e308"], names: "--scale central=1e308",
                    english: "4978 × 1e+308 million VND is implausibly large (at most 10,000,000,000 is accepted)",
                    vietnamese: "4978 × 1e+308 triệu đồng là quá lớn, khó có thật (chỉ nhận tối đa 10.000.000.000)"),
        BadScenario(name: "a folder for --scenarios", flags: ["--scenarios", "/"], names: "/:", english: "it is a directory, not a scenario file",
                    vietnamese: "đây là thư mục, không phải tệp kịch bản"),
        BadScenario(name: "--set without =", flags: ["--set", "foo"], names: "--set foo", english: "write --set PATH=VALUE",
                    vietnamese: "hãy viết --set"),
        BadScenario(name: "--set of an unknown source", flags: ["--set", "sources.nope.available=5"],
                    names: "--set sources.nope.available=5", english: "unknown source 'nope'", vietnamese: "không có nguồn vốn 'nope'"),
        BadScenario(name: "--scale with a negative factor", flags: ["--scale", "central=-1"], names: "--scale central=-1",
                    english: "a factor cannot be negative", vietnamese: "hệ số không được âm"),
    ]

    @Test("exit 65, file:line and field (or the flag), in English and Vietnamese, no --output", arguments: cases)
    func rejected(_ bad: BadScenario) throws {
        let folder = try TemporaryFolder()
        var arguments = ["whatif", tinhBienPlan] + bad.flags
        if let file = bad.file {
            try file.write(toFile: folder.path("scenarios.yaml"), atomically: true, encoding: .utf8)
            arguments += ["--scenarios", "scenarios.yaml"]
        }
        for (language, words) in [("en", bad.english), ("vi", bad.vietnamese)] {
            var run = arguments + ["--output", "report.json", "--format", "json"]
            if language == "en" { run += ["--lang", "en"] }  // Vietnamese is the default.
            let result = try cofund(run, in: folder.url)
            #expect(result.status == 65, "\(result)")
            #expect(!folder.exists("report.json"), "\(bad.name): --output was written")
            #expect(result.stdout.isEmpty, "\(result)")
            if let line = bad.line {
                let located = result.stderr.contains("scenarios.yaml:\(line):") || result.stderr.contains("scenarios.yaml:\(line) ")
                #expect(located, "\(bad.name) (\(language)): no scenarios.yaml:\(line) in: \(result.stderr)")
            }
            #expect(result.stderr.contains(bad.names), "\(bad.name) (\(language)): \(bad.names) not named in: \(result.stderr)")
            #expect(result.stderr.contains(words), "\(bad.name) (\(language)): '\(words)' not in: \(result.stderr)")
        }
    }
}
