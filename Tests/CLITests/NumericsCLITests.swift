import Foundation
import Testing

// Issue 6 on the command line: numbers GLPK cannot solve reliably are refused (65) or stop early (3),
// never hang or exit 70; --exact agrees with glpsol --exact.
@Suite("Numbers, limits and --exact")
struct NumericsCLITests {
    /// `small-plan.yaml` or the Tịnh Biên seed with its ratio replaced, written into `folder`.
    static func variant(of source: URL, ratio: String, replacing old: String, ruleSet: (String, String)? = nil,
                        in folder: TemporaryFolder, name: String) throws -> (path: String, line: Int) {
        var text = try String(contentsOf: source, encoding: .utf8)
        if let ruleSet { text = text.replacingOccurrences(of: ruleSet.0, with: ruleSet.1) }
        // The commune table is found from the plan's folder; the copy lives elsewhere.
        text = text.replacingOccurrences(of: "areas: ../areas/", with: "areas: \(repositoryRoot.path)/Models/areas/")
        text = text.replacingOccurrences(of: old, with: "ratio: \(ratio)")
        let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.contains("ratio: \(ratio)") }) + 1
        try text.write(toFile: folder.path(name), atomically: true, encoding: .utf8)
        return (folder.path(name), line)
    }

    @Test("the Tịnh Biên seed with ratio 1e-100 returns at once with exit 65 naming the field")
    func tinyRatioTinhBien() throws {
        let folder = try TemporaryFolder()
        let ruleSet = repositoryRoot.appendingPathComponent("Models/rulesets/poverty-2021-2025.yaml").path
        for ratio in ["1e-100", "1e-70", "1e-150"] {
            let (path, line) = try Self.variant(
                of: repositoryRoot.appendingPathComponent("Models/plans/tinh-bien-2024.yaml"), ratio: ratio, replacing: "ratio: 0.10",
                ruleSet: ("../rulesets/poverty-2021-2025.yaml", ruleSet), in: folder, name: "tb.yaml")
            // Refused before GLPK sees it (it used to hang there), so no timing is needed to tell.
            let run = try cofund(["solve", "--exact-amounts", path, "--lang", "en"])
            #expect(run.status == 65, "\(run)")
            #expect(run.stderr.hasPrefix("cofund: \(path):\(line):"), "\(run)")
            #expect(run.stderr.contains("rules[0].ratio: the counterpart ratio \(ratio) is too small"), "\(run)")
            #expect(run.stdout.isEmpty)
            // export refuses it the same way and writes nothing.
            let export = try cofund(["export", path, "--lp", folder.path("tb.lp"), "--lang", "en"])
            #expect(export.status == 65 && export.stderr == run.stderr, "\(export)")
            #expect(!folder.exists("tb.lp"))
        }
    }

    @Test("a small plan with ratio 1e-50 never exits 70")
    func ratio1e50() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("small-rules.yaml").path, toPath: folder.path("small-rules.yaml"))
        let (path, _) = try Self.variant(of: fixtures.appendingPathComponent("small-plan.yaml"), ratio: "1e-50", replacing: "ratio: 0.25",
                                         in: folder, name: "small.yaml")
        for extra in [[], ["--exact"]] {
            let run = try cofund(["solve", "--exact-amounts", path, "--lang", "en"] + extra)
            #expect(run.status != 70, "\(run)")
            #expect(run.status == 65 && run.stderr.contains("rules[0].ratio"), "\(run)")
        }
    }

    @Test("an iteration limit hit gives exit 3 and says the solver stopped early")
    func iterationLimit() throws {
        let run = try cofund(["solve", "--exact-amounts", "small-plan.yaml", "--lang", "en", "--iteration-limit", "1"])
        #expect(run.status == 3, "\(run)")
        #expect(run.stdout.contains("The solver stopped early"), "\(run)")
        #expect(run.stdout.contains("iteration limit"), "\(run)")
        let json = try cofund(["solve", "--exact-amounts", "small-plan.yaml", "--format", "json", "--iteration-limit", "1"])
        #expect(json.status == 3)
        #expect(try ReportJSON.decode(json.stdoutData).status == "unfinished")
        // The default limits leave ordinary plans alone, and generous explicit ones too.
        #expect(try cofund(["solve", "--exact-amounts", "small-plan.yaml", "--time-limit", "30", "--iteration-limit", "100000"]).status == 0)
    }

    @Test("limits must be positive", arguments: [["--time-limit", "0"], ["--time-limit", "-1"], ["--time-limit", "nan"],
                                                 ["--iteration-limit", "0"], ["--iteration-limit", "-5"]])
    func badLimits(arguments: [String]) throws {
        let run = try cofund(["solve", "--exact-amounts", "small-plan.yaml"] + arguments)
        #expect(run.status == 64, "\(run)")
    }

    /// `cofund solve --exact` against `glpsol --exact` on the LP `cofund export --lp` writes (the first
    /// stage), for every seed plan that solves and the golden small plan.
    @Test("--exact equals glpsol --exact on the exported program", arguments: [
        "Models/plans/tinh-bien-2024.yaml", "Models/plans/trung-khanh-2023.yaml", "Tests/CLITests/Fixtures/small-plan.yaml",
    ])
    func exactAgreesWithGlpsol(plan: String) throws {
        let folder = try TemporaryFolder()
        let path = repositoryRoot.appendingPathComponent(plan).path
        let export = try cofund(["export", path, "--lp", folder.path("p.lp")])
        #expect(export.status == 0, "\(export)")
        let theirs = try Glpsol.objective(["--lp", folder.path("p.lp"), "--exact"], in: folder)
        let run = try cofund(["solve", "--exact-amounts", path, "--exact", "--format", "json", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let report = try ReportJSON.decode(run.stdoutData)
        let first = try #require(report.objectiveStages.first)
        #expect(close(first.value, theirs.value, tolerance: 1e-9), "ours \(first.value), glpsol \(theirs.line)")
        // Exact stages are held exactly: what the allocation achieves is each stage's optimum.
        for stage in report.objectiveStages { #expect(close(stage.achieved ?? .nan, stage.value, tolerance: 1e-12), "\(stage)") }
    }
}
