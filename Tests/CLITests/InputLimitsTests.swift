import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Inputs that are not plans, or that no plan is: refused at once with a message that names the file,
/// the line and the field in plain words (never a C library's), and nothing reaches GLPK.
@Suite("Bad input files: special files, odd paths, huge and deep files")
struct InputLimitsTests {
    static let header = "cofund: plan\nid: x\nplace: p\nlevel: district\nyear: 2024\n"

    func folderWithRules() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("small-rules.yaml").path, toPath: folder.path("rules.yaml"))
        return folder
    }

    func expectRefused(_ arguments: [String], in folder: TemporaryFolder, _ expected: String,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let run = try cofund(arguments + ["--lang", "en"], in: folder.url)
        #expect(run.status == 65, "\(run)", sourceLocation: sourceLocation)
        #expect(run.stderr == "cofund: " + expected + "\n", "\(run)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    @Test("a ruleSet path with a NUL is refused, even when the part before the NUL names a real file")
    func nulInRuleSetPath() throws {
        let folder = try folderWithRules()
        try (Self.header + "ruleSet: \"rules.yaml\\0junk\"\n").write(toFile: folder.path("plan.yaml"), atomically: true, encoding: .utf8)
        try expectRefused(["solve", "plan.yaml"], in: folder, "plan.yaml:6:10: ruleSet: the path contains a control character (\\0)")
        try expectRefused(["export", "plan.yaml", "--lp", "p.lp"], in: folder, "plan.yaml:6:10: ruleSet: the path contains a control character (\\0)")
        #expect(!folder.exists("p.lp"))
    }

    @Test("a ruleSet naming a directory is refused with the field named")
    func ruleSetDirectory() throws {
        let folder = try folderWithRules()
        try FileManager.default.createDirectory(atPath: folder.path("rules"), withIntermediateDirectories: false)
        try (Self.header + "ruleSet: rules\n").write(toFile: folder.path("plan.yaml"), atomically: true, encoding: .utf8)
        try expectRefused(["solve", "plan.yaml"], in: folder,
                          "plan.yaml:6:10: ruleSet: the rule set 'rules' cannot be read (it is a directory, not a plan or rule-set file: rules)")
    }

    @Test("a plan path naming a directory, a FIFO or a device: refused without waiting on the FIFO")
    func specialPlanFiles() throws {
        let folder = try folderWithRules()
        try FileManager.default.createDirectory(atPath: folder.path("d"), withIntermediateDirectories: false)
        try expectRefused(["solve", "d"], in: folder, "d: it is a directory, not a plan or rule-set file")
        #expect(mkfifo(folder.path("pipe.yaml"), 0o600) == 0)
        // Opening a FIFO for reading would wait for a writer forever; the check happens before any open.
        try expectRefused(["solve", "pipe.yaml"], in: folder, "pipe.yaml: it is a FIFO (named pipe), not a plan or rule-set file")
        if mknod(folder.path("null.yaml"), S_IFCHR | 0o600, dev_t((1 << 8) | 3)) == 0 {
            try expectRefused(["solve", "null.yaml"], in: folder, "null.yaml: it is a device, not a plan or rule-set file")
        }
    }

    @Test("a file over 16 MiB is refused before it is read")
    func hugeFile() throws {
        let folder = try folderWithRules()
        let line = "  - {label: t, amount: 1}\n"
        var text = Self.header + "ruleSet: rules.yaml\ntotals:\n"
        text += String(repeating: line, count: (17 << 20) / line.utf8.count)
        try text.write(toFile: folder.path("big.yaml"), atomically: true, encoding: .utf8)
        try expectRefused(["solve", "big.yaml"], in: folder, "big.yaml: the file is 17 MiB; CoFund reads plans and rule sets of at most 16 MiB")
    }

    @Test("a list of more than 100,000 entries is refused, naming the field")
    func tooManyEntries() throws {
        let folder = try folderWithRules()
        let text = Self.header + "ruleSet: rules.yaml\ntotals:\n" + String(repeating: "  - {label: t, amount: 1}\n", count: 100_001)
        try text.write(toFile: folder.path("many.yaml"), atomically: true, encoding: .utf8)
        try expectRefused(["solve", "many.yaml"], in: folder,
                          "many.yaml:8:3: totals: the list has 100001 entries; at most 100000 are read (a national plan has about 70,000 lines)")
    }

    @Test("nesting deeper than libyaml's limit is said in plain words, not with its C function's name")
    func deepNesting() throws {
        let folder = try folderWithRules()
        try (Self.header + "projects: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n")
            .write(toFile: folder.path("deep.yaml"), atomically: true, encoding: .utf8)
        let run = try cofund(["solve", "deep.yaml", "--lang", "en"], in: folder.url)
        #expect(run.status == 65)
        #expect(run.stderr.contains("lists and mappings are nested more than 1000 levels deep here"), "\(run)")
        #expect(!run.stderr.contains("yaml_set_max_nest_level"), "\(run)")
    }

    @Test("a file that ends inside a list says so, at its last line")
    func endsInsideAList() throws {
        let folder = try folderWithRules()
        try (Self.header + "ruleSet: rules.yaml\nprojects:\n  - {code: DA1, need: [1, 2\n").write(toFile: folder.path("eof.yaml"), atomically: true, encoding: .utf8)
        try expectRefused(["solve", "eof.yaml"], in: folder,
                          "eof.yaml:9: the file ends before the flow sequence that began at line 8 is closed: a closing bracket or brace is missing")
    }

    /// Cut off inside a quoted name: the quote is what is missing, not a bracket, in both languages.
    @Test("a file that ends inside quoted text says its closing quote is missing")
    func endsInsideQuotes() throws {
        let folder = try folderWithRules()
        try (Self.header + "ruleSet: rules.yaml\nprojects:\n  - code: DA1\n    name: {vi: \"Hỗ trợ nhà ở\n").write(toFile: folder.path("quote.yaml"), atomically: true, encoding: .utf8)
        let en = try cofund(["solve", "quote.yaml", "--lang", "en"], in: folder.url)
        #expect(en.status == 65 && en.stderr.contains("the file ends inside text in quotes that began at line 9: its closing quote is missing"), "\(en)")
        let vi = try cofund(["solve", "quote.yaml"], in: folder.url)
        #expect(vi.stderr.contains("thiếu dấu ngoặc kép đóng") && !vi.stderr.contains("while scanning"), "\(vi)")
    }

    @Test("control characters from the file are shown escaped, never sent to the terminal")
    func controlCharactersEscaped() throws {
        let folder = try folderWithRules()
        let text = Self.header.replacingOccurrences(of: "id: x", with: "id: \"a\\u001b[2Jb\"") + "ruleSet: rules.yaml\n"
        try text.write(toFile: folder.path("ctl.yaml"), atomically: true, encoding: .utf8)
        let run = try cofund(["solve", "ctl.yaml", "--lang", "en"], in: folder.url)
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("'a\\u{1b}[2Jb' is not a valid id"), "\(run)")
        #expect(!run.stderr.unicodeScalars.contains { $0.value == 0x1b }, "\(run)")
    }

    /// A line separator breaks the message's line on the terminal and a right-to-left override turns
    /// the rest of it backwards; both are shown escaped, and the plan's path with one too.
    @Test("line separators and bidirectional controls from the file are shown escaped", arguments: [0x2028, 0x2029, 0x202E, 0x2067, 0x200F])
    func reorderingCharactersEscaped(_ code: Int) throws {
        let folder = try folderWithRules()
        let hex = String(code, radix: 16)
        let text = Self.header.replacingOccurrences(of: "id: x", with: "id: \"a\\u\(hex)b\"") + "ruleSet: rules.yaml\n"
        let name = "odd\(Character(Unicode.Scalar(UInt32(code))!)).yaml"
        try text.write(toFile: folder.path(name), atomically: true, encoding: .utf8)
        let run = try cofund(["solve", name, "--lang", "en"], in: folder.url)
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("odd\\u{\(hex)}.yaml:"), "\(run)")
        #expect(run.stderr.contains("'a\\u{\(hex)}b' is not a valid id"), "\(run)")
        #expect(!run.stderr.unicodeScalars.contains { $0.value == UInt32(code) }, "\(run)")
    }
}
