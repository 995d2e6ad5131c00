import Foundation
import Testing

/// Same input, same bytes out. Swift randomises dictionary order per process, so a sum taken in
/// dictionary order printed 99314.02 in one run and 99314.01999999999 in the next; these tests run each
/// case in ten separate processes (ten hash seeds) and compare every byte.
@Suite("Same input, same bytes: every run of a golden case or a seed plan prints the same output")
struct DeterminismTests {
    static let runs = 10

    static func expectSameBytes(_ arguments: [String], in folder: URL = fixtures) throws {
        let first = try cofund(arguments, in: folder)
        for _ in 1..<runs {
            let again = try cofund(arguments, in: folder)
            #expect(again.status == first.status, "\(arguments)")
            #expect(again.stdoutData == first.stdoutData, "stdout differs between runs of cofund \(arguments.joined(separator: " "))")
            #expect(again.stderrData == first.stderrData, "stderr differs between runs of cofund \(arguments.joined(separator: " "))")
        }
    }

    @Test("every golden case, ten runs", arguments: [
        ["--lang", "en"], ["--lang", "vi"], ["--format", "json", "--lang", "en"], ["--format", "markdown", "--lang", "vi"],
        ["--format", "csv"],
    ])
    func goldenCases(options: [String]) throws {
        try Self.expectSameBytes(["solve", "small-plan.yaml"] + options)
    }

    @Test("every seed plan and example, as JSON (full precision) and text, ten runs", arguments: [
        "plans/tinh-bien-2024.yaml", "plans/trung-khanh-2023.yaml", "plans/kim-bang-2023.yaml", "plans/tan-bien-2023.yaml",
        "plans/tan-phu-2024.yaml", "examples/tinh-bien-2024-at-15-percent.yaml",
    ])
    func seedPlans(plan: String) throws {
        let models = repositoryRoot.appendingPathComponent("Models")
        try Self.expectSameBytes(["solve", plan, "--format", "json"], in: models)
        try Self.expectSameBytes(["solve", plan, "--lang", "en"], in: models)
    }

    /// Thirteen lines that share every million alike: which one takes a whole million in "what one million more
    /// changes" is a tie, and a tie broken by floating-point noise (funded amounts summed in dictionary order)
    /// named a different line in each of four runs.
    @Test("ties between alike lines in the whole-unit effects are broken the same way every run")
    func wholeUnitEffectTies() throws {
        try Self.expectSameBytes(["solve", "plans/thirteen-interchangeable-lines.yaml", "--lang", "en"],
                                 in: repositoryRoot.appendingPathComponent("Benchmarks/Data"))
    }

    @Test("an exported LP file is the same bytes every run")
    func export() throws {
        let folder = try TemporaryFolder()
        var files: [Data] = []
        for k in 0..<Self.runs {
            let path = folder.path("p\(k).lp")
            let run = try cofund(["export", "plans/tinh-bien-2024.yaml", "--lp", path], in: repositoryRoot.appendingPathComponent("Models"))
            #expect(run.status == 0, "\(run)")
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(Set(files).count == 1)
    }
}
