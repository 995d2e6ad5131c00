import Foundation
import Testing

// Helpers for the command-line tests: find the built `cofund` executable, run it in a fixtures folder
// with Foundation's Process, and compare what it writes with golden files.

/// The folder that holds the plans, rule sets and golden outputs of these tests.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// The repository root (Tests/CLITests/Support.swift → three levels up).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum CoFundBinary {
    /// The `cofund` executable the test run was built with, or the reason none was found.
    static let located: Result<URL, TestFailure> = locate()

    static func url() throws -> URL { try located.get() }

    /// Looks next to the running test executable first (`swift test` builds `cofund` into the same folder,
    /// whatever `--scratch-path` says), then in the repository's usual scratch folders.
    private static func locate() -> Result<URL, TestFailure> {
        let manager = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["COFUND_BINARY"] {
            return manager.isExecutableFile(atPath: explicit)
                ? .success(URL(fileURLWithPath: explicit)) : .failure(TestFailure("COFUND_BINARY=\(explicit) is not an executable"))
        }
        var starts: [URL] = []
        if let executable = try? manager.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: executable).deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first, first.contains("/") {
            starts.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL { starts.append(executable.deletingLastPathComponent()) }
        starts.append(Bundle.main.bundleURL)
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            starts.append(bundle.bundleURL.deletingLastPathComponent())
        }
        // On macOS the test executable sits in CoFundPackageTests.xctest/Contents/MacOS: walk up a little.
        for start in starts {
            var folder = start
            for _ in 0..<4 {
                let candidate = folder.appendingPathComponent("cofund")
                if manager.isExecutableFile(atPath: candidate.path) { return .success(candidate) }
                folder = folder.deletingLastPathComponent()
            }
        }
        for scratch in [".build", ".build-cli"] {
            for configuration in ["debug", "release"] {
                let candidate = repositoryRoot.appendingPathComponent("\(scratch)/\(configuration)/cofund")
                if manager.isExecutableFile(atPath: candidate.path) { return .success(candidate) }
            }
        }
        return .failure(TestFailure(
            "cannot find the cofund executable next to the test executable (\(starts.map(\.path))) or in .build/debug; "
                + "build it with `swift build --product cofund` or set COFUND_BINARY"))
    }
}

/// What one run of `cofund` produced.
struct Run: CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var stdoutData: Data
    var stderrData: Data

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }

    var description: String { "cofund \(arguments.joined(separator: " ")) → exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Runs `cofund arguments` in `folder` (the fixtures folder by default), with standard input closed and
/// standard output and error captured in files (no pipe can fill up and block the child).
func cofund(_ arguments: [String], in folder: URL = fixtures) throws -> Run {
    let binary = try CoFundBinary.url()
    let scratch = try TemporaryFolder()
    let outURL = scratch.url.appendingPathComponent("stdout")
    let errURL = scratch.url.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    guard process.terminationReason == .exit else {
        throw TestFailure("cofund \(arguments.joined(separator: " ")) was killed by signal \(process.terminationStatus)")
    }
    return Run(arguments: arguments, status: process.terminationStatus, stdoutData: try Data(contentsOf: outURL),
               stderrData: try Data(contentsOf: errURL))
}

/// A fresh folder under the system's temporary folder, removed when the value goes away.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cofund-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    /// Everything in the folder, to show that nothing (not even a partial file) was left behind.
    var contents: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
}

/// Compares `actual` byte for byte with the golden file `name` in Fixtures/golden. On a mismatch the
/// actual output is saved next to the temporary folder and the first differing line is shown.
func expectGolden(_ actual: Data, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let goldenURL = fixtures.appendingPathComponent("golden").appendingPathComponent(name)
    let golden = try Data(contentsOf: goldenURL)
    if golden == actual { return }
    let saved = FileManager.default.temporaryDirectory.appendingPathComponent("cofund-actual-\(name)")
    try? actual.write(to: saved)
    let goldenLines = String(decoding: golden, as: UTF8.self).components(separatedBy: "\n")
    let actualLines = String(decoding: actual, as: UTF8.self).components(separatedBy: "\n")
    let index = zip(goldenLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(goldenLines.count, actualLines.count)
    let want = index < goldenLines.count ? goldenLines[index] : "<end of file>"
    let got = index < actualLines.count ? actualLines[index] : "<end of file>"
    Issue.record(
        "output differs from golden file \(name) at line \(index + 1):\n  golden: \(want)\n  actual: \(got)\n(actual output saved to \(saved.path))",
        sourceLocation: sourceLocation)
}

/// glpsol, the reference solver from glpk-utils (`make test` installs it).
enum Glpsol {
    static let path = "/usr/bin/glpsol"

    /// Runs glpsol with `arguments` and `-o FILE`; returns its terminal log and the solution file.
    static func run(_ arguments: [String], in folder: TemporaryFolder) throws -> (log: String, solution: String) {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestFailure("glpsol is not installed at \(path): install glpk-utils (`make deps` does it)")
        }
        let solution = folder.path("glpsol-\(UUID().uuidString).txt")
        let log = folder.path("glpsol-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let logHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments + ["-o", solution]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        process.waitUntilExit()
        try logHandle.close()
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw TestFailure("glpsol \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus)):\n\(output)")
        }
        return (output, try String(contentsOfFile: solution, encoding: .utf8))
    }

    /// The objective value from the "Objective:" line of glpsol's solution file
    /// ("Objective:  objective = 5986.25 (MAXimum)"), and that line.
    static func objective(_ arguments: [String], in folder: TemporaryFolder) throws -> (value: Double, line: String) {
        let (log, text) = try run(arguments, in: folder)
        guard text.contains("Status:     OPTIMAL") else { throw TestFailure("glpsol found no optimum:\n\(log)\n\(text)") }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
              let equals = line.firstIndex(of: "=")
        else { throw TestFailure("glpsol's solution file has no 'Objective:' line:\n\(text)") }
        let token = line[line.index(after: equals)...].split(separator: " ").first.map(String.init) ?? ""
        guard let value = Double(token) else { throw TestFailure("glpsol printed '\(line)', whose value is not a number") }
        return (value, String(line))
    }
}

/// |a − b| ≤ tolerance · max(1, |a|, |b|).
func close(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
