#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes temporary output files when the process is interrupted (SIGINT, SIGTERM, SIGHUP), then lets
/// the signal end the process as it would have.
///
/// A signal handler may only make async-signal-safe calls, so the paths live in a fixed table of C
/// strings allocated up front, and the handler does nothing but `unlink` each one and re-raise. Slots
/// are filled before the temporary file is created and cleared after it is renamed or removed, so at
/// worst the handler unlinks a name that no longer exists.
enum InterruptCleanup {
    static let capacity = 64
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        return table
    }()
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    nonisolated(unsafe) private static var installed = false
    private static let lock = Lock()

    /// Registers a temporary file to remove on interrupt; returns its slot.
    static func register(_ path: String) -> Int {
        lock.locked {
            installHandlers()
            for slot in 0..<capacity where slots[slot] == nil {
                slots[slot] = strdup(path)
                return slot
            }
            return -1
        }
    }

    /// Forgets a slot once its file has been renamed into place or removed.
    static func release(_ slot: Int) {
        guard slot >= 0 else { return }
        lock.locked {
            let path = slots[slot]
            slots[slot] = nil
            free(path)
        }
    }

    /// Holds SIGINT/SIGTERM/SIGHUP while `body` runs (the renames that put outputs in place), so an
    /// interrupt lands before or after the whole set, never between two files.
    static func deferringSignals<T>(_ body: () throws -> T) rethrows -> T {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        for signal in signals { sigaddset(&blocked, signal) }
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    private static func installHandlers() {
        guard !installed else { return }
        installed = true
        // A parent may start us with these signals blocked (test runners' worker threads do): unblock them
        // on this thread, or an interrupt would wait until the command had finished writing.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for signal in signals { sigaddset(&wanted, signal) }
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
        for signal in signals {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { received in InterruptCleanup.handle(received) }
            #else
            action.__sigaction_u.__sa_handler = { received in InterruptCleanup.handle(received) }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)  // the re-raise below then takes the default action
            var previous = sigaction()
            sigaction(signal, nil, &previous)
            // Keep a signal the parent chose to ignore (nohup) ignored.
            #if canImport(Glibc)
            let ignored = unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            #else
            let ignored = unsafeBitCast(previous.__sigaction_u.__sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            #endif
            if !ignored { sigaction(signal, &action, nil) }
        }
    }

    private static func handle(_ signal: Int32) {
        for slot in 0..<capacity {
            if let path = slots[slot] { unlink(path) }
        }
        raise(signal)
    }
}

/// A mutex for the slot table (never taken inside the signal handler).
final class Lock: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
