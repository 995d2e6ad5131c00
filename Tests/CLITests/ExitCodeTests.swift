import Foundation
import Testing

// The documented exit codes (CoFundCommand.swift): 0 solved, 1 infeasible, 2 missing inputs, 64 usage,
// 65 invalid plan (see InvalidInputTests for every case), 73 cannot write; and `--output FILE`.
@Suite("Exit codes and --output")
struct ExitCodeTests {
    @Test("0: solved, the report on standard output and nothing on standard error")
    func solved() throws {
        for format in ["text", "json", "csv", "markdown"] {
            let run = try cofund(["solve", "--exact-amounts", "small-plan.yaml", "--format", format])
            #expect(run.status == 0, "\(run)")
            #expect(!run.stdout.isEmpty && run.stderr.isEmpty, "\(run)")
        }
    }

    // Fixtures/infeasible.yaml is small-plan.yaml with central 1,000 (to be spent in full) and needs
    // DA2 440, DA3 330. With the 25% counterpart binding, DA2 and DA3 can take at most
    // (440 + 330) / 1.25 = 616 of central money (DA1 takes no central money at all).
    // Smallest repair by hand: with U the central money used, ν the total raise of needs and ρ the total
    // relaxation of the counterpart rows, U ≤ (770 + ν + ρ) / 1.25, so at a cost of 1 per million the least
    // is 384 less central money. But central money assigned may not be cut and the 25% is law: with U kept
    // at 1,000, DA2 and DA3 take 1,000 of central money and at least 250 of the province's (it has 700),
    // so their needs must rise by 1,250 − 770 = 480, the lawful repair (DA1 takes no central money).
    // Minimal conflict set (deletion filter in row order): central-in-full stays (without it the plan is
    // feasible); the province's limit goes (still infeasible without it); need DA1 goes (DA1 cannot take
    // central money); need DA2 and need DA3 stay (dropping either lets that project absorb the central
    // money); rule cp goes (770 < 1,000 even without counterparts). So {central, need DA2, need DA3}.
    @Test("1: infeasible; the report is still written, with the hand-computed diagnosis")
    func infeasible() throws {
        let folder = try TemporaryFolder()
        let run = try cofund(["solve", "--exact-amounts", "infeasible.yaml", "--format", "json", "--lang", "en", "--output", folder.path("report.json")])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(folder.contents == ["report.json"])
        let report = try ReportJSON.decode(try Data(contentsOf: URL(fileURLWithPath: folder.path("report.json"))))
        #expect(report.status == "infeasible")
        #expect(report.objective == nil && report.allocations.isEmpty && report.totals == nil && report.rules.isEmpty)
        let diagnosis = try #require(report.diagnosis)
        #expect(close(diagnosis.totalRepair, 480), "total repair \(diagnosis.totalRepair)")
        #expect(diagnosis.repairs.allSatisfy { $0.kind == "raise-need" && ["DA2", "DA3"].contains($0.subject) }, "\(diagnosis.repairs)")
        #expect(close(diagnosis.repairs.reduce(0) { $0 + $1.amount }, 480))
        #expect(diagnosis.conflicts.map { "\($0.kind):\($0.subject)" } == ["source:central", "need:DA2", "need:DA3"])
        #expect(diagnosis.conflicts.map(\.text) == [
            "Central budget: 1,000 million VND, to be spent in full",
            "the ceiling (need) of DA2: 440 million VND",
            "the ceiling (need) of DA3: 330 million VND",
        ])

        let text = try cofund(["solve", "--exact-amounts", "infeasible.yaml", "--lang", "vi"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("Không có phương án phân bổ nào đáp ứng mọi quy tắc."))
        #expect(text.stdout.contains("Cách điều chỉnh để kế hoạch thực hiện được (tổng cộng 480 triệu đồng)"))
        #expect(text.stdout.contains("Ngân sách trung ương: 1.000 triệu đồng, phải chi hết"))
    }

    @Test("2: missing inputs; the report names every amount the plan does not state")
    func missingInputs() throws {
        let run = try cofund(["solve", "--exact-amounts", "missing-needs.yaml", "--lang", "en"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stdout.contains("The plan does not state amounts the allocation needs; nothing was solved."))
        #expect(run.stdout.contains("missing-needs.yaml:11:65: sources[1].available: no amount available is stated for province"))
        #expect(run.stdout.contains("missing-needs.yaml:13:5: projects[0].need: no need (ceiling) is stated for DA2"))
        #expect(run.stdout.contains("missing-needs.yaml:14:5: projects[1].need: no need (ceiling) is stated for DA3"))

        let folder = try TemporaryFolder()
        let json = try cofund(["solve", "--exact-amounts", "missing-needs.yaml", "--format", "json", "-o", folder.path("r.json")])
        #expect(json.status == 2, "\(json)")
        let report = try ReportJSON.decode(try Data(contentsOf: URL(fileURLWithPath: folder.path("r.json"))))
        #expect(report.status == "missing-inputs")
        #expect(report.missingInputs.map { "\($0.file):\($0.line):\($0.field)" } == [
            "missing-needs.yaml:11:sources[1].available",
            "missing-needs.yaml:13:projects[0].need",
            "missing-needs.yaml:14:projects[1].need",
        ])

        // export cannot write a program without the amounts either: exit 2, the same list on stderr, no file.
        let export = try cofund(["export", "missing-needs.yaml", "--lp", folder.path("p.lp"), "--lang", "en"])
        #expect(export.status == 2, "\(export)")
        #expect(export.stderr.contains("missing-needs.yaml:13:5: projects[0].need"), "\(export)")
        #expect(!folder.exists("p.lp"))
    }

    @Test("64: usage errors name what is wrong and write nothing", arguments: [
        (["solve", "small-plan.yaml", "--bogus", "--lang", "en"], "Unknown option '--bogus'"),
        (["solve", "--lang", "en"], "Missing expected argument '<plan>'"),
        (["solve", "small-plan.yaml", "--format", "pdf", "--lang", "en"], "The value 'pdf' is invalid for '--format <format>'"),
        (["solve", "small-plan.yaml", "--format", "JSON", "--lang=en"], "The value 'JSON' is invalid for '--format <format>'"),
        (["solve", "small-plan.yaml", "--output", "--lang", "en"], "Missing value for '--output <output>'"),
        (["solve", "small-plan.yaml", "extra.yaml", "--lang", "en"], "Unexpected argument 'extra.yaml'"),
        (["export", "small-plan.yaml", "--lang", "en"], "give --lp FILE, --mps FILE or both"),
        // Every usage error is in the reader's language, Vietnamese by default: ours and ArgumentParser's.
        (["export", "small-plan.yaml"], "Lỗi: hãy cho --lp TỆP, --mps TỆP hoặc cả hai"),
        (["solve", "small-plan.yaml", "--bogus"], "Lỗi: không có tùy chọn '--bogus'"),
        (["solve"], "Lỗi: thiếu đối số bắt buộc '<plan>'"),
        (["solve", "small-plan.yaml", "--format", "pdf"],
         "Lỗi: giá trị 'pdf' không hợp lệ cho '--format <format>'; hãy dùng một trong các giá trị 'text', 'json', 'csv' hoặc 'markdown'"),
        // Not a language: the default's words.
        (["solve", "small-plan.yaml", "--lang", "fr"], "Lỗi: giá trị 'fr' không hợp lệ cho '--lang <lang>'; hãy dùng một trong các giá trị 'vi' hoặc 'en'"),
        (["solve", "small-plan.yaml", "--output"], "Lỗi: thiếu giá trị cho '--output <output>'"),
        (["solve", "small-plan.yaml", "extra.yaml"], "Lỗi: không nhận ra đối số 'extra.yaml'"),
        (["whatif", "small-plan.yaml", "--set", "sources.central.available=1", "--threads", "0"], "--threads phải là một số nguyên từ 1 đến 256"),
        (["sweep", "small-plan.yaml", "--vary", "central=1..2", "--steps", "0", "--lang", "en"], "--steps must be a whole number from 1 to 10000"),
        (["distribute", "small-plan.yaml", "--time-limit", "0"], "--time-limit phải là số giây lớn hơn 0 và không quá 1000000"),
        (["check", "small-plan.yaml", "--write-areas", "a.csv", "--lang", "en"], "--write-areas needs --write"),
        (["export", "small-plan.yaml", "--lp", "--lang", "en"], "Missing value for '--lp <lp>'"),
        (["frobnicate"], "Lỗi: không nhận ra đối số 'frobnicate'"),
        // A negative number is read as an option, the option as missing its value: said for what it is.
        (["solve", "small-plan.yaml", "--time-limit", "-1", "--lang", "en"], "'-1' is not allowed for '--time-limit': the value must be more than 0"),
        (["solve", "small-plan.yaml", "--time-limit", "-1"], "Lỗi: không dùng được '-1' cho '--time-limit': giá trị phải lớn hơn 0"),
    ])
    func usage(arguments: [String], message: String) throws {
        // Run in the fixtures folder (where the plan is) and check that nothing new appears there.
        let before = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted()
        let run = try cofund(arguments)
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains(message), "\(run)")
        let english = arguments.contains("en") || arguments.contains("--lang=en")
        #expect(run.stderr.contains(english ? "Usage: cofund" : "Cách dùng: cofund"), "\(run)")
        // In Vietnamese, nothing of ArgumentParser's English is left: its "Help:" line (the option's English
        // help text) is left out, its hint said again.
        if !english {
            #expect(!run.stderr.contains("Error:") && !run.stderr.contains("Help:") && !run.stderr.contains("for more information"), "\(run)")
        }
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted() == before)
    }

    @Test("65: an invalid plan (every case is in InvalidInputTests)")
    func invalidPlan() throws {
        let run = try cofund(["solve", "--exact-amounts", "invalid/negative-amount.yaml"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("cofund: invalid/negative-amount.yaml:10:"), "\(run)")
    }

    @Test("--output FILE writes the report to the file and nothing to standard output")
    func outputFile() throws {
        let folder = try TemporaryFolder()
        for (option, name) in [("--output", "report.json"), ("-o", "short.json")] {
            let run = try cofund(["solve", "--exact-amounts", "small-plan.yaml", "--format", "json", "--lang", "en", option, folder.path(name)])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.isEmpty && run.stderr.isEmpty, "\(run)")
            try expectGolden(try Data(contentsOf: URL(fileURLWithPath: folder.path(name))), "small-plan.en.json")
        }
        // An existing file is replaced whole, and no temporary file is left behind.
        try Data("old contents that are longer than nothing\n".utf8).write(to: URL(fileURLWithPath: folder.path("report.txt")))
        let run = try cofund(["solve", "--exact-amounts", "small-plan.yaml", "--lang", "en", "--output", folder.path("report.txt")])
        #expect(run.status == 0, "\(run)")
        try expectGolden(try Data(contentsOf: URL(fileURLWithPath: folder.path("report.txt"))), "small-plan.en.txt")
        #expect(folder.contents == ["report.json", "report.txt", "short.json"])
        // Relative plan and --output paths are relative to the working folder.
        let work = folder.url.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        for name in ["small-plan.yaml", "small-rules.yaml"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: folder.url.appendingPathComponent(name))
        }
        let relative = try cofund(["solve", "--exact-amounts", "../small-plan.yaml", "--format", "csv", "-o", "relative.csv"], in: work)
        #expect(relative.status == 0, "\(relative)")
        try expectGolden(try Data(contentsOf: work.appendingPathComponent("relative.csv")), "small-plan.csv")
    }

    @Test("--verbose sends GLPK's log to standard error and keeps standard output for the report")
    func verbose() throws {
        let run = try cofund(["solve", "--exact-amounts", "small-plan.yaml", "--format", "json", "--lang", "en", "--verbose"])
        #expect(run.status == 0, "\(run)")
        // GLPK's simplex log ("*     3: obj =   5.986250000e+03 …") on standard error, none of it on standard output,
        // so `--verbose --format json > report.json` still writes the golden JSON.
        #expect(run.stderr.contains("obj ="), "no solver log on standard error: \(run)")
        #expect(!run.stdout.contains("obj ="), "\(run)")
        try expectGolden(run.stdoutData, "small-plan.en.json")

        // The same for a text report, and when the plan is infeasible (the report is still written, exit 1).
        let text = try cofund(["solve", "--exact-amounts", "small-plan.yaml", "--lang", "en", "--verbose"])
        #expect(text.status == 0 && text.stderr.contains("obj ="), "\(text)")
        try expectGolden(text.stdoutData, "small-plan.en.txt")
        let infeasible = try cofund(["solve", "--exact-amounts", "infeasible.yaml", "--format", "json", "--verbose"])
        #expect(infeasible.status == 1 && infeasible.stderr.contains("obj ="), "\(infeasible)")
        #expect(try ReportJSON.decode(infeasible.stdoutData).status == "infeasible")
    }

    @Test("73: an output file that cannot be written; nothing is left behind")
    func cannotWrite() throws {
        let folder = try TemporaryFolder()
        let missing = folder.path("no-such-folder/report.txt")
        let run = try cofund(["solve", "--exact-amounts", "small-plan.yaml", "--output", missing, "--lang", "en"])
        #expect(run.status == 73, "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("cannot write '\(missing)'"), "\(run)")
        #expect(folder.contents.isEmpty)

        // export names the file asked for (not its temporary .partial file) and the system's reason.
        for option in ["--lp", "--mps"] {
            let target = folder.path("no-such-folder/p." + option.dropFirst(2))
            let export = try cofund(["export", "small-plan.yaml", option, target, "--lang", "en"])
            #expect(export.status == 73, "\(export)")
            #expect(export.stdout.isEmpty)
            #expect(export.stderr == "cofund: cannot write '\(target)': the folder '\(folder.path("no-such-folder"))' does not exist\n", "\(export)")
            #expect(!export.stderr.contains(".partial"), "\(export)")
            #expect(folder.contents.isEmpty)
        }
    }
}
