import Foundation

/// Runs `count` independent jobs on `threads` threads and returns their results in index order, so the
/// output is the same whatever the number of threads. Each job that solves opens its own sessions, on the
/// thread that runs the job (GLPK's environment is thread-local), so jobs on different threads never share
/// solver state.
enum ParallelMap {
    static func map<T: Sendable>(_ count: Int, threads: Int, progress: (@Sendable (Int) -> Void)? = nil,
                                 _ job: @escaping @Sendable (Int) throws -> T) throws -> [T] {
        let box = Results<T>(count)
        let workers = max(1, min(threads, count))
        if workers == 1 {
            for i in 0..<count {
                box.store(i, Result { try job(i) })
                progress?(i + 1)
            }
        } else {
            let threads = (0..<workers).map { _ in
                JoinedThread {
                    while let i = box.next() {
                        box.store(i, Result { try job(i) })
                        progress?(box.finished())
                    }
                }
            }
            for thread in threads { thread.join() }
        }
        return try box.values()
    }

    /// The same for jobs that cannot fail (rendering a report's rows).
    static func map<T: Sendable>(_ count: Int, threads: Int, infallible job: @escaping @Sendable (Int) -> T) -> [T] {
        do {
            return try map(count, threads: threads, progress: nil, { (i: Int) throws -> T in job(i) })
        } catch {
            preconditionFailure("a job that cannot throw threw \(error)")  // `map` throws only its jobs' errors
        }
    }

    /// A POSIX thread that `join` waits for to the end: past its last job, past releasing what the job
    /// held, past the thread-exit clean-up of the libraries it used (GLPK frees its thread's environment
    /// then). A Foundation Thread signalling a group could still be tearing down when the process exited,
    /// and valgrind then counted what it held as lost.
    private final class JoinedThread {
        private var thread = pthread_t()

        init(_ body: @escaping () -> Void) {
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, 8 << 20)  // GLPK's branch and bound recurses
            let context = Unmanaged.passRetained(Body(body)).toOpaque()
            let created = pthread_create(&thread, &attributes, { context in
                Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
                return nil
            }, context)
            precondition(created == 0, "cannot start a worker thread: \(String(cString: strerror(created)))")
        }

        func join() { pthread_join(thread, nil) }

        private final class Body {
            let run: () -> Void
            init(_ run: @escaping () -> Void) { self.run = run }
        }
    }

    /// The shared state of one map: the next index to take and the results so far, under one lock.
    private final class Results<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<T, any Error>?]
        private var taken = 0
        private var done = 0

        init(_ count: Int) { slots = Array(repeating: nil, count: count) }

        func next() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard taken < slots.count else { return nil }
            taken += 1
            return taken - 1
        }

        func store(_ i: Int, _ result: Result<T, any Error>) {
            lock.lock()
            slots[i] = result
            done += 1
            lock.unlock()
        }

        func finished() -> Int {
            lock.lock()
            defer { lock.unlock() }
            return done
        }

        /// Every result in order; the error of the lowest index when any job failed (the same error on every run).
        func values() throws -> [T] {
            lock.lock()
            defer { lock.unlock() }
            return try slots.map { try $0!.get() }
        }
    }
}
