import Foundation
import Testing

/// `cofund sweep` on the Tịnh Biên seed plan, from the command line.
@Suite("cofund sweep")
struct SweepCLITests {
    static let plan = repositoryRoot.appendingPathComponent("Models/plans/tinh-bien-2024.yaml").path

    /// Tịnh Biên: needs add up to 5,476 and the province gives 10% of central money on every line from its
    /// 498. Central money C funds C + 498 of need until every need is met at C = 4,978 (rate 1 → 0); the
    /// province's 10% then limits C to 5,476 / 1.1 = 4,978.18…, beyond which nothing meets every rule.
    @Test func breakpointsOfTinhBienCentralMoney() throws {
        let run = try cofund(["sweep", Self.plan, "--vary", "central=4000..6000", "--steps", "8", "--format", "json", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let json = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        let sections = try #require(json["sections"] as? [[String: Any]])
        let breakpoints = try #require(sections.first { $0["id"] as? String == "breakpoints" })
        let text = String(decoding: try JSONSerialization.data(withJSONObject: breakpoints), as: UTF8.self)
        #expect(text.contains("4978.18"), "\(text.prefix(2000))")
        #expect(text.contains("4978"))
    }

    @Test func sameBytesOnOneAndFourThreads() throws {
        for format in ["text", "json", "csv"] {
            let one = try cofund(["sweep", Self.plan, "--vary", "central=4000..5000", "--steps", "6", "--threads", "1", "--format", format])
            let four = try cofund(["sweep", Self.plan, "--vary", "central=4000..5000", "--steps", "6", "--threads", "4", "--format", format])
            #expect(one.status == 0 && one.stdoutData == four.stdoutData, "\(format)")
        }
    }

    @Test func theChartIsAnSVGWithTheReadersWords() throws {
        let folder = try TemporaryFolder()
        let chart = folder.url.appendingPathComponent("sweep.svg").path
        let run = try cofund(["sweep", Self.plan, "--vary", "central=4000..5000", "--chart", chart])
        #expect(run.status == 0, "\(run)")
        let svg = try String(contentsOfFile: chart, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"))
        #expect(svg.contains("triệu đồng") && svg.contains("Phân bổ vốn theo dự án") && svg.contains("DA2"))
    }

    /// A plan without its needs cannot be solved at any step: exit 2 as `solve` and `whatif`, the missing
    /// amounts listed at their lines, and no claim that central money is no amount.
    @Test func aPlanWithMissingAmountsExitsTwoAndListsThem() throws {
        let run = try cofund(["sweep", "missing-needs.yaml", "--vary", "central=100..200", "--steps", "2", "--lang", "en"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stdout.contains("missing-needs.yaml:13:5: projects[0].need"), "\(run)")
        #expect(run.stdout.contains("No step can be solved"), "\(run)")
        #expect(!run.stdout.contains("the steps alone are shown"), "\(run)")
        // One step the sweep fills in (the province's money) still leaves the needs missing.
        let province = try cofund(["sweep", "missing-needs.yaml", "--vary", "province=0..10", "--steps", "2", "--lang", "en"])
        #expect(province.status == 2, "\(province)")
    }

    @Test func badRangesAreRefusedWithTheFlagNamed() throws {
        let folder = try TemporaryFolder()
        let output = folder.url.appendingPathComponent("out.txt").path
        for (vary, words) in [("central", "--vary PATH=FROM..TO"), ("central=5000..4000", "from a smaller to a larger"),
                              ("central=-5..10", "negative"), ("nope=1..2", "unknown source"),
                              ("rules.province-10pct.ratio=0.1..1.5", "between 0 and 1"), ("tier=1..2", "swept")] {
            let run = try cofund(["sweep", Self.plan, "--vary", vary, "--lang", "en", "--output", output])
            #expect(run.status == 65, "\(vary): \(run)")
            #expect(run.stderr.contains("--vary") && run.stderr.contains(words), "\(vary): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    /// A progress bar on a terminal (here the pseudo-terminal `script` gives), nothing when standard error
    /// is not one: the report never differs.
    @Test func progressOnATerminalOnly() throws {
        let folder = try TemporaryFolder()
        let report = folder.url.appendingPathComponent("sweep.txt").path
        let quiet = try cofund(["sweep", Self.plan, "--vary", "central=4000..5000", "--steps", "4", "--output", report])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet)")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            Issue.record("util-linux's script is not installed: the terminal case is not tested")
            return
        }
        let binary = try CoFundBinary.url().path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", "\(binary) sweep '\(Self.plan)' --vary central=4000..5000 --steps 4 --output '\(report)'", "/dev/null"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let seen = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(seen.contains("sweep [") && seen.contains("5/5"), "\(seen)")
    }
}
