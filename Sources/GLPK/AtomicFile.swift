import LinearProgramming

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file next to its destination and renames it into place, so a failure never leaves a
/// half-written file behind (rename within one directory is atomic on POSIX systems).
enum AtomicFile {
    static func write(to path: String, _ body: (String) throws -> Void) throws {
        let temporary = path + ".partial-\(getpid())"
        do {
            try body(temporary)
        } catch SolverError.ioFailure(_, let reason) {
            unlink(temporary)
            throw SolverError.ioFailure(path: path, reason: reason)  // name the file the user asked for
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SolverError.ioFailure(path: path, reason: reason)
        }
    }
}
