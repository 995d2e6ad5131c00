import Foundation

/// A thread of its own for one GLPK problem.
///
/// GLPK's environment is thread-local, and a problem object must be used and deleted on the thread that
/// created it. Swift concurrency and Dispatch move work between threads freely, so a long-lived problem
/// (a `GLPKSession`) lives on this dedicated thread and every operation is carried over to it.
///
/// The thread is a joinable POSIX thread, and `finish` joins it: a detached thread still running (or
/// not yet reaped) when the process exits is memory valgrind reports lost, 384 bytes per session.
final class GLPKWorkerThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var stopping = false
    private var thread = pthread_t()
    private var joined = false
    private let name: String
    /// Set by the thread as its last act; `finish` returns only after it (tests read it).
    private(set) var hasEnded = false

    init(name: String) {
        self.name = name
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 8 << 20)  // GLPK recursion in factorization is modest; 8 MiB is generous
        // The thread holds one reference to the worker until its loop ends.
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(&thread, &attributes, { context in
            let worker = Unmanaged<GLPKWorkerThread>.fromOpaque(context!).takeRetainedValue()
            worker.runLoop()
            return nil
        }, context)
        precondition(created == 0, "cannot start a GLPK worker thread: \(String(cString: strerror(created)))")
    }

    /// Runs `body` on the worker thread and waits for its result.
    func run<T>(_ body: @escaping () throws -> T) throws -> T {
        var result: Result<T, any Error>?
        let done = NSCondition()
        let job = {
            let outcome = Result { try body() }
            done.lock()
            result = outcome
            done.signal()
            done.unlock()
        }
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
        done.lock()
        while result == nil { done.wait() }
        done.unlock()
        return try result!.get()
    }

    /// Runs `body` on the worker (to delete the problem where it was made), ends the thread and waits
    /// until it is gone.
    func finish(_ body: @escaping () -> Void) {
        condition.lock()
        jobs.append(body)
        stopping = true
        condition.signal()
        condition.unlock()
        guard !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }

    private func runLoop() {
        Thread.current.name = name  // shown by debuggers and `top -H`
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty && stopping {
                hasEnded = true
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
