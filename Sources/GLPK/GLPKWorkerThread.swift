import Foundation

/// A thread of its own for one GLPK problem.
///
/// GLPK's environment is thread-local, and a problem object must be used and deleted on the thread that
/// created it. Swift concurrency and Dispatch move work between threads freely, so a long-lived problem
/// (a `GLPKSession`) lives on this dedicated thread and every operation is carried over to it.
final class GLPKWorkerThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var stopping = false
    private var thread: Thread?

    init(name: String) {
        // The thread keeps the worker alive until `finish` lets its loop end.
        let thread = Thread { self.runLoop() }
        thread.name = name
        thread.stackSize = 8 << 20  // GLPK recursion in factorization is modest; 8 MiB is generous
        self.thread = thread
        thread.start()
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

    /// Runs `body` on the worker and then ends the thread; used to delete the problem where it was made.
    func finish(_ body: @escaping () -> Void) {
        condition.lock()
        jobs.append(body)
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty && stopping {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
