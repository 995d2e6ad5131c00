import Foundation
import Testing

// Every kind of bad input: `cofund solve` must stop with exit code 65, a message on standard error
// that names the file, the line and the field (`file:line:column: field: message`), and no report file;
// `cofund export` must do the same and write no LP file.
//
// The fixtures are in Fixtures/invalid; each shares the first nine lines (plan header and the central
// source), so the line numbers below can be checked by eye.

struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    /// The plan to run, relative to Fixtures (the tests run there).
    var plan: String
    /// The file the message must name (the plan, or the rule set it uses).
    var file: String
    /// The line the message should point at.
    var line: Int
    /// The line the message points at today when that is not `line` (a known issue, reported).
    var knownWrongLine: Int?
    /// The field path; nil for problems with the whole file (empty, not UTF-8, not YAML).
    var field: String?
    var message: String

    init(_ name: String, _ plan: String, file: String? = nil, line: Int, knownWrongLine: Int? = nil, field: String?, _ message: String) {
        self.name = name
        self.plan = plan
        self.file = file ?? plan
        self.line = line
        self.knownWrongLine = knownWrongLine
        self.field = field
        self.message = message
    }

    var testDescription: String { name }
}

@Suite("Invalid plans and rule sets: exit 65, file:line: field: message, no output")
struct InvalidInputTests {
    static let cases: [BadInput] = [
        BadInput("unknown source in a rule", "invalid/unknown-source-in-rule.yaml", line: 17, knownWrongLine: 15,
                 field: "rules.no-province-on-da3.source", "unknown source 'provnce'"),
        BadInput("unknown project in a rule", "invalid/unknown-project-in-rule.yaml", line: 19, knownWrongLine: 15,
                 field: "rules.cp.scope", "unknown project 'DA4'"),
        BadInput("duplicate source id", "invalid/duplicate-source.yaml", line: 11, field: "sources",
                 "source id 'central' is used twice"),
        BadInput("duplicate project code", "invalid/duplicate-project.yaml", line: 14, field: "projects",
                 "project code 'DA2' is used twice"),
        BadInput("negative amount", "invalid/negative-amount.yaml", line: 10, field: "sources[1].available",
                 "an amount cannot be negative"),
        BadInput("ratio 10 instead of 0.10", "invalid/ratio-out-of-range.yaml", line: 17, field: "rules[0].ratio",
                 "a ratio must lie between 0 and 1 (10% is written 0.10), found 10"),
        BadInput("NaN amount", "invalid/nan-amount.yaml", line: 10, field: "sources[1].available",
                 "expected a finite number, found .nan"),
        BadInput("infinite amount", "invalid/inf-amount.yaml", line: 12, field: "projects[0].need",
                 "expected a finite number, found .inf"),
        BadInput("a list where a number goes", "invalid/list-for-number.yaml", line: 13, field: "projects[0].need",
                 "expected a number, found a list"),
        BadInput("quoted number", "invalid/quoted-number.yaml", line: 10, field: "sources[1].available",
                 "expected a number, found the text \"4978\" (remove the quotes)"),
        BadInput("text for an amount", "invalid/text-amount.yaml", line: 12, field: "projects[0].need",
                 "expected a number, found 'abc'"),
        BadInput("thousands separators 4.179.000", "invalid/thousands-separator.yaml", line: 10, field: "sources[1].available",
                 "write amounts without thousands separators"),
        BadInput("misspelt field avaliable", "invalid/misspelt-field.yaml", line: 13, field: "sources[1].avaliable",
                 "unknown field; expected one of: available, capital, id, level, name, note, spendInFull"),
        BadInput("a key twice in one mapping", "invalid/duplicate-key.yaml", line: 14, knownWrongLine: 13, field: nil,
                 "a key appears twice in one mapping: available"),
        BadInput("empty file", "invalid/empty.yaml", line: 1, field: nil, "the file is empty"),
        BadInput("only comments", "invalid/only-comments.yaml", line: 1, field: nil, "the file holds no document"),
        BadInput("invalid YAML syntax", "invalid/invalid-yaml.yaml", line: 11, field: nil,
                 "not valid YAML or JSON: did not find expected ',' or '}'"),
        BadInput("missing rule-set file", "invalid/missing-rule-set.yaml", line: 7, knownWrongLine: 1, field: "ruleSet",
                 "the rule set '../no-such-rules.yaml' cannot be read (no such file at invalid/../no-such-rules.yaml)"),
        BadInput("a rule set with an error", "invalid/uses-bad-rule-set.yaml", file: "invalid/bad-rules.yaml", line: 11,
                 field: "rules[0].ratio", "a ratio must lie between 0 and 1 (10% is written 0.10), found 15"),
        BadInput("a project the rule set does not list", "invalid/unknown-catalogue-project.yaml", line: 12, field: "projects",
                 "'DA9' is not a project of the rule set 'small-2024' (known: DA1, DA2, DA3)"),
    ]

    @Test("exit 65 with a located message and no output file", arguments: cases)
    func rejected(_ bad: BadInput) throws {
        let folder = try TemporaryFolder()
        let run = try cofund(["solve", bad.plan, "--format", "json", "--output", folder.path("report.json")])
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(folder.contents.isEmpty, "a report was written: \(folder.contents)")
        try expectLocated(run.stderr, bad)

        let export = try cofund(["export", bad.plan, "--lp", folder.path("plan.lp"), "--mps", folder.path("plan.mps")])
        #expect(export.status == 65, "\(export)")
        #expect(export.stderr == run.stderr, "export and solve should report the same problem")
        #expect(folder.contents.isEmpty, "export wrote \(folder.contents)")
    }

    /// Checks `cofund: FILE:LINE[:COLUMN]: FIELD: MESSAGE` on one line.
    private func expectLocated(_ stderr: String, _ bad: BadInput, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines.last == "", "expected one line of error, got: \(stderr)", sourceLocation: sourceLocation)
        let message = String(lines.first ?? "")
        let prefix = "cofund: \(bad.file):"
        try #require(message.hasPrefix(prefix), "the message does not name \(bad.file): \(message)", sourceLocation: sourceLocation)
        let rest = message.dropFirst(prefix.count)
        let reportedLine = Int(rest.prefix { $0.isNumber })
        if let wrong = bad.knownWrongLine {
            #expect(reportedLine == wrong, "the line reported changed (was \(wrong)): \(message)", sourceLocation: sourceLocation)
            withKnownIssue("the message points at line \(wrong), not at the field's line \(bad.line)") {
                #expect(reportedLine == bad.line, "\(message)", sourceLocation: sourceLocation)
            }
        } else {
            #expect(reportedLine == bad.line, "expected line \(bad.line): \(message)", sourceLocation: sourceLocation)
        }
        if let field = bad.field {
            #expect(message.contains(": \(field): "), "the message does not name the field \(field): \(message)", sourceLocation: sourceLocation)
        }
        #expect(message.contains(bad.message), "expected '\(bad.message)' in: \(message)", sourceLocation: sourceLocation)
    }

    @Test("non-UTF-8 bytes (a Latin-1 'Tính Biên'): the line and column of the first bad byte")
    func notUTF8() throws {
        let folder = try TemporaryFolder()
        var bytes = Data("""
            cofund: plan
            id: latin1
            level: commune
            place: {vi: "T
            """.utf8)
        bytes += Data([0xED]) + Data("nh Bi".utf8) + Data([0xEA]) + Data("n\", en: Tinh Bien}\nyear: 2024\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: folder.path("latin1.yaml")))
        let run = try cofund(["solve", "latin1.yaml", "--output", "report.txt"], in: folder.url)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.isEmpty)
        // 'place: {vi: "T' is 14 characters: the byte 0xED is column 15 of line 4.
        #expect(run.stderr == "cofund: latin1.yaml:4:15: the file is not valid UTF-8 text (save it as UTF-8)\n", "\(run)")
        #expect(folder.contents == ["latin1.yaml"])

        // The same text saved as UTF-16 (Windows "Unicode") is refused at its first byte.
        let utf16 = try #require("cofund: plan\nid: utf16\n".data(using: .utf16))
        try utf16.write(to: URL(fileURLWithPath: folder.path("utf16.yaml")))
        let wide = try cofund(["solve", "utf16.yaml"], in: folder.url)
        #expect(wide.status == 65 && wide.stderr.hasPrefix("cofund: utf16.yaml:1:1: the file is not valid UTF-8"), "\(wide)")
    }

    @Test("a plan path that does not exist")
    func nonexistentPlan() throws {
        let folder = try TemporaryFolder()
        let run = try cofund(["solve", "invalid/does-not-exist.yaml", "--output", folder.path("report.txt")])
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("cofund: invalid/does-not-exist.yaml:"), "\(run)")
        #expect(run.stderr.hasSuffix(": no such file\n"), "\(run)")
        #expect(folder.contents.isEmpty)
        // There is no line in a file that does not exist; today the message says line 0.
        withKnownIssue("a missing plan is reported at line 0 ('does-not-exist.yaml:0: no such file')") {
            #expect(!run.stderr.contains(".yaml:0:"), "\(run)")
        }
    }

    @Test("a rule-set file given as the plan")
    func ruleSetAsPlan() throws {
        let run = try cofund(["solve", "small-rules.yaml"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.hasPrefix("cofund: small-rules.yaml:"), "\(run)")
        // The file says `cofund: rule-set` on its first line; the message should say so rather than
        // complain about the first rule-set field it does not know ("tiers: unknown field; expected one of: …").
        withKnownIssue("the `cofund:` kind is checked after the unknown-field check") {
            #expect(run.stderr.contains("this file is a 'rule-set', not a plan"), "\(run)")
        }
    }

    @Test("Vietnamese thousands separators: 4.179.000 and 4,179 are refused, 4.179 is a decimal")
    func thousandsSeparators() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("small-rules.yaml"),
                                         to: folder.url.appendingPathComponent("small-rules.yaml"))
        let plan = try String(contentsOf: fixtures.appendingPathComponent("small-plan.yaml"), encoding: .utf8)
        for (written, refused) in [("4,179", true), ("4.179.000", true), ("4 179", true), ("4.179", false)] {
            try plan.replacingOccurrences(of: "available: 700", with: "available: \(written)")
                .write(to: URL(fileURLWithPath: folder.path("plan.yaml")), atomically: true, encoding: .utf8)
            let run = try cofund(["solve", "plan.yaml", "--format", "csv"], in: folder.url)
            if refused {
                #expect(run.status == 65, "\(run)")
                #expect(run.stderr.hasPrefix("cofund: plan.yaml:20:16: sources[1].available: expected a number, found '\(written)'"), "\(run)")
            } else {
                // YAML has no thousands separator: 4.179 is four point one seven nine million (the plan is then
                // infeasible, since the counterpart of 2,000 central needs 500 of provincial money).
                #expect(run.status == 1, "\(run)")
            }
        }
    }
}
