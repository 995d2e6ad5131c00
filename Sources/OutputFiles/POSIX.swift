#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the libc calls this module makes, each turning a failure into the system's own
/// words (`strerror`), so the rest of the module reads as Swift.
enum POSIX {
    struct Failure: Error {
        var code: Int32
        var reason: String { String(cString: strerror(code)) }
    }

    /// `lstat(2)`, or nil when nothing exists at the path.
    static func linkStatus(_ path: String) throws -> stat? {
        var info = stat()
        if lstat(path, &info) == 0 { return info }
        if errno == ENOENT { return nil }
        throw Failure(code: errno)
    }

    /// `stat(2)` (follows symbolic links), or nil when nothing exists at the path.
    static func status(_ path: String) throws -> stat? {
        var info = stat()
        if stat(path, &info) == 0 { return info }
        if errno == ENOENT { return nil }
        throw Failure(code: errno)
    }

    static func kind(_ info: stat) -> FileKind {
        switch info.st_mode & S_IFMT {
        case S_IFREG: .regular
        case S_IFDIR: .directory
        case S_IFCHR: .characterDevice
        case S_IFBLK: .blockDevice
        case S_IFIFO: .fifo
        case S_IFSOCK: .socket
        case S_IFLNK: .symbolicLink
        default: .other
        }
    }

    /// `realpath(3)`: the path with every symbolic link and `..` resolved.
    static func realPath(_ path: String) throws -> String {
        guard let resolved = realpath(path, nil) else { throw Failure(code: errno) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Creates a new file that did not exist (`O_CREAT | O_EXCL`), so two writers never share one.
    static func createExclusive(_ path: String, mode: mode_t) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Failure(code: errno) }
        return descriptor
    }

    /// Writes every byte, retrying short writes and interrupted calls.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(code: errno)
            }
            offset += written
        }
    }

    /// Opens an existing file for writing (our own bytes, or to fsync what GLPK put there).
    static func openExisting(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(code: errno) }
        return descriptor
    }

    static func sync(_ descriptor: Int32) throws {
        guard fsync(descriptor) == 0 else { throw Failure(code: errno) }
    }

    static func closeFile(_ descriptor: Int32) {
        _ = close(descriptor)
    }

    /// `rename(2)`: atomic replacement within one file system.
    static func renameFile(_ from: String, _ to: String) throws {
        guard rename(from, to) == 0 else { throw Failure(code: errno) }
    }

    /// `link(2)`: a second name for an existing file (used to keep the old file until all outputs are in place).
    static func linkFile(_ existing: String, _ new: String) throws {
        guard link(existing, new) == 0 else { throw Failure(code: errno) }
    }

    static func unlinkFile(_ path: String) {
        _ = unlink(path)
    }

    static func changeMode(_ descriptor: Int32, _ mode: mode_t) {
        _ = fchmod(descriptor, mode)
    }

    /// The process's umask, read without changing it for longer than two calls.
    static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    /// Flushes a directory's entries, so that a rename survives a crash right after it.
    static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }
}
