import Foundation
import OutputFiles

/// A progress bar on standard error for long runs, drawn only when standard error is a terminal: piped or
/// redirected output (CI, scripts, tests) gets nothing, so it never differs between runs.
final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let label: String
    private var last = -1
    let enabled: Bool

    init(label: String) {
        self.label = label
        enabled = isatty(STDERR_FILENO) == 1
    }

    /// `done` of `total`; redrawn when the percentage changes, from any thread.
    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        let percent = done * 100 / total
        guard percent != last else { return }
        last = percent
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        StandardOutput.writeError("\r\(label) [\(bar)] \(done)/\(total)" + (done == total ? "\r\u{1B}[K" : ""))
    }
}
