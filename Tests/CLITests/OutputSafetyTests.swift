import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Starts `cofund` without waiting, so a test can signal it; output and errors go to files in `scratch`.
func startCofund(_ arguments: [String], environment: [String: String], scratch: TemporaryFolder) throws -> Process {
    let process = Process()
    process.executableURL = try CoFundBinary.url()
    process.arguments = arguments
    process.currentDirectoryURL = fixtures
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

@Suite("Every file cofund writes: never a user's directory or device, whole or not at all")
struct OutputSafetyTests {
    @Test("--output naming an existing directory: refused with exit 73, the directory and its files untouched")
    func directoryUntouched() throws {
        let folder = try TemporaryFolder()
        let directory = folder.path("reports")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        try "important".write(toFile: directory + "/keep.txt", atomically: false, encoding: .utf8)
        for arguments in [["solve", "small-plan.yaml", "--output", directory], ["export", "small-plan.yaml", "--lp", directory]] {
            let run = try cofund(arguments + ["--lang", "en"])
            #expect(run.status == 73, "\(run)")
            #expect(run.stderr.contains("it is a directory, not a regular file"), "\(run)")
            #expect(try String(contentsOfFile: directory + "/keep.txt", encoding: .utf8) == "important")
            #expect(folder.contents == ["reports"])
        }
    }

    @Test("--output naming a FIFO or a device node made in a temporary folder: both stay what they are")
    func specialFilesUntouched() throws {
        let folder = try TemporaryFolder()
        let fifo = folder.path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        var targets = [(fifo, S_IFIFO, "a FIFO")]
        let device = folder.path("full")
        // The same node as /dev/full (1, 7); making one needs root, which CI has.
        if mknod(device, S_IFCHR | 0o600, dev_t((1 << 8) | 7)) == 0 { targets.append((device, S_IFCHR, "a character device")) }
        for (path, type, words) in targets {
            for arguments in [["solve", "small-plan.yaml", "-o", path], ["export", "small-plan.yaml", "--mps", path]] {
                let run = try cofund(arguments + ["--lang", "en"])
                #expect(run.status == 73, "\(run)")
                #expect(run.stderr.contains("it is \(words)"), "\(run)")
                var info = stat()
                #expect(lstat(path, &info) == 0 && info.st_mode & S_IFMT == type, "\(path) is still \(words)")
            }
        }
        #expect(folder.contents == targets.map { ($0.0 as NSString).lastPathComponent }.sorted())
    }

    @Test("--output naming the plan or its rule set, by any spelling: refused, the plan kept")
    func inputNotOverwritten() throws {
        let folder = try TemporaryFolder()
        for name in ["small-plan.yaml", "small-rules.yaml"] {
            try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent(name).path, toPath: folder.path(name))
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.path("small-plan.yaml")))
        for output in ["small-plan.yaml", "./small-plan.yaml", "small-rules.yaml"] {
            let run = try cofund(["solve", "small-plan.yaml", "--output", output, "--lang", "en"], in: folder.url)
            #expect(run.status == 73, "\(run)")
            #expect(run.stderr.contains("it is the input file"), "\(run)")
            let lp = try cofund(["export", "small-plan.yaml", "--lp", output], in: folder.url)
            #expect(lp.status == 73, "\(lp)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("small-plan.yaml"))) == before)
        #expect(folder.contents == ["small-plan.yaml", "small-rules.yaml"])
    }

    @Test("Refusals are in Vietnamese by default, English with --lang en, for solve and export alike")
    func refusalsInTheReadersLanguage() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("d"), withIntermediateDirectories: false)
        for command in [["solve", "small-plan.yaml", "-o", folder.path("d")], ["export", "small-plan.yaml", "--lp", folder.path("d")]] {
            let vi = try cofund(command)
            #expect(vi.stderr == "cofund: không ghi được '\(folder.path("d"))': đây là thư mục, không phải tệp thông thường; "
                + "đã giữ nguyên (hãy chỉ định một tệp)\n", "\(vi)")
            let en = try cofund(command + ["--lang", "en"])
            #expect(en.stderr == "cofund: cannot write '\(folder.path("d"))': it is a directory, not a regular file; "
                + "it was left untouched (name a file instead)\n", "\(en)")
        }
        let missing = try cofund(["solve", "small-plan.yaml", "-o", folder.path("none/r.txt")])
        #expect(missing.stderr.contains("thư mục '\(folder.path("none"))' không tồn tại"), "\(missing)")
    }

    @Test("An output path with a control character is refused with the flag named")
    func controlCharacterInPath() throws {
        let folder = try TemporaryFolder()
        let run = try cofund(["solve", "small-plan.yaml", "--output", folder.path("a") + "\nb.txt", "--lang", "en"])
        #expect(run.status == 73, "\(run)")
        #expect(run.stderr.contains("a\\nb.txt': the path contains a control character (\\n)"), "\(run)")
        #expect(folder.contents.isEmpty)
        let plan = try cofund(["solve", "small\u{1b}[2J-plan.yaml"])
        #expect(plan.status == 65, "\(plan)")
        #expect(plan.stderr.contains("small\\u{1b}[2J-plan.yaml"), "control characters are shown escaped: \(plan)")
    }

    @Test("export --lp A --mps B: when B cannot be written, A is not written either (and an old A is kept)")
    func exportAllOrNone() throws {
        let folder = try TemporaryFolder()
        let run = try cofund(["export", "small-plan.yaml", "--lp", folder.path("p.lp"), "--mps", folder.path("missing/p.mps")])
        #expect(run.status == 73, "\(run)")
        #expect(folder.contents.isEmpty)
        try "old".write(toFile: folder.path("p.lp"), atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder.path("p.mps"), withIntermediateDirectories: false)
        let again = try cofund(["export", "small-plan.yaml", "--lp", folder.path("p.lp"), "--mps", folder.path("p.mps")])
        #expect(again.status == 73, "\(again)")
        #expect(try String(contentsOfFile: folder.path("p.lp"), encoding: .utf8) == "old")
        #expect(folder.contents == ["p.lp", "p.mps"])
        let same = try cofund(["export", "small-plan.yaml", "--lp", folder.path("q"), "--mps", folder.path("./q"), "--lang", "en"])
        #expect(same.status == 73 && same.stderr.contains("it is the same file as the other output"), "\(same)")
        let both = try cofund(["export", "small-plan.yaml", "--lp", folder.path("a.lp"), "--mps", folder.path("a.mps")])
        #expect(both.status == 0, "\(both)")
        #expect(folder.contents == ["a.lp", "a.mps", "p.lp", "p.mps"])
    }

    @Test("SIGINT or SIGTERM while a report or an export is being written leaves no temporary file and no target",
          arguments: [SIGINT, SIGTERM])
    func interruptLeavesNothing(signal: Int32) throws {
        let folder = try TemporaryFolder()
        let scratch = try TemporaryFolder()
        let commands = [["solve", "small-plan.yaml", "--output", folder.path("r.txt")],
                        ["export", "small-plan.yaml", "--lp", folder.path("p.lp"), "--mps", folder.path("p.mps")]]
        for arguments in commands {
            // The test seam holds each complete temporary file for 5 s before the rename.
            let process = try startCofund(arguments, environment: ["COFUND_TEST_HOLD_OUTPUT_SECONDS": "5"], scratch: scratch)
            var waited = 0
            while folder.contents.isEmpty && waited < 200 { usleep(50_000); waited += 1 }
            #expect(!folder.contents.isEmpty, "the temporary file appears while the command is held")
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
            #expect(folder.contents.isEmpty, "left behind: \(folder.contents)")
        }
    }

    @Test("200 pairs of concurrent runs writing one --output path: every run succeeds, the file is whole")
    func concurrentWriters() async throws {
        let folder = try TemporaryFolder()
        let target = folder.path("report.json")
        let expected = try cofund(["solve", "small-plan.yaml", "--format", "json"]).stdoutData
        let failures = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    async let first = Task.detached { try cofund(["solve", "small-plan.yaml", "--format", "json", "-o", target]) }.value
                    async let second = Task.detached { try cofund(["solve", "small-plan.yaml", "--format", "json", "-o", target]) }.value
                    let runs = try await [first, second]
                    return runs.first { $0.status != 0 }.map(\.description)
                }
            }
            var failures: [String] = []
            for try await failure in group { if let failure { failures.append(failure) } }
            return failures
        }
        #expect(failures.isEmpty, "\(failures.count) runs failed; first: \(failures.first ?? "")")
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == expected)
        #expect(folder.contents == ["report.json"])
    }
}
