import Foundation
import Testing

/// valgrind on the real binary: GLPK sessions used to leak their worker thread (384 bytes definitely lost
/// per session at exit). valgrind 3.19 cannot read the DWARF 5 debug information Swift 6 writes, so the
/// test runs a stripped copy. "Possibly lost" blocks are the Swift runtime's metadata caches, kept for
/// the life of the process by design; "definitely lost" must be zero.
@Suite("No memory definitely lost at exit (valgrind)")
struct LeakTests {
    @Test("solve of a feasible and of an infeasible plan (sessions for stages and diagnosis) and whatif on two threads lose nothing")
    func noDefiniteLeaks() throws {
        let valgrind = "/usr/bin/valgrind"
        guard FileManager.default.isExecutableFile(atPath: valgrind) else {
            throw TestFailure("valgrind is not installed at \(valgrind): `make deps` installs it")
        }
        let folder = try TemporaryFolder()
        let copy = folder.path("cofund")
        try FileManager.default.copyItem(at: try CoFundBinary.url(), to: URL(fileURLWithPath: copy))
        try run("/usr/bin/strip", [copy])
        // whatif on two threads: its sessions live on the worker threads that make them, and each worker's
        // GLPK environment must be freed when the worker ends.
        let whatif = ["whatif", repositoryRoot.appendingPathComponent("Models/plans/tinh-bien-2024.yaml").path, "--scenarios",
                      repositoryRoot.appendingPathComponent("Models/examples/tinh-bien-2024-scenarios.yaml").path, "--threads", "2"]
        for (n, arguments) in [["solve", "small-plan.yaml"], ["solve", "infeasible.yaml"], whatif].enumerated() {
            let log = folder.path("valgrind-\(n).log")
            try run(valgrind, ["--leak-check=full", "--log-file=\(log)", copy] + arguments, in: fixtures, allowFailure: true)
            let text = try String(contentsOfFile: log, encoding: .utf8)
            let line = text.split(separator: "\n").first { $0.contains("definitely lost:") }.map(String.init) ?? ""
            #expect(line.hasSuffix("definitely lost: 0 bytes in 0 blocks"), "\(arguments.prefix(2)): \(line.isEmpty ? text : line)")
        }
    }

    private func run(_ tool: String, _ arguments: [String], in folder: URL? = nil, allowFailure: Bool = false) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        if !allowFailure && process.terminationStatus != 0 { throw TestFailure("\(tool) \(arguments) failed") }
    }
}
