import Foundation

/// Temporary folders of this test run, all under one root removed when the process exits: the suites
/// write thousands of small plans, and a run must not leave them behind in the system's temporary folder.
enum TestFolders {
    private static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cofund-test-run-\(getpid())-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: TestFolders.root) }
        return url
    }()

    /// A path for a fresh folder under the run's root (the caller creates it, with intermediate folders).
    static func fresh(_ prefix: String) -> URL { root.appendingPathComponent("\(prefix)-\(UUID().uuidString)") }
}
