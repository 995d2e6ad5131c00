#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way CoFund writes files: every report, every export and every future format.
///
/// A transaction names all the files one command writes. Before anything is created it refuses a
/// target that is not a regular file (a directory, a device, a FIFO, a socket: never touched), one that
/// is one of the command's inputs, and a path with control characters. Each file is then written to a
/// new temporary file in the target's own folder (created exclusively, so concurrent writers never share
/// one), flushed to disk, and renamed into place only when every file of the command is complete: all
/// or none. A failure, an error thrown by the producer, or SIGINT/SIGTERM removes the temporary files.
///
/// Concurrent commands writing the same path each succeed whole: `rename(2)` replaces the target
/// atomically, so the file is always one writer's complete output.
public final class OutputTransaction {
    private struct Staged {
        var requested: String
        /// The file actually replaced: the requested path, or the regular file a symbolic link points to.
        var target: String
        var temporary: String
        var slot: Int
    }

    private let inputs: [(path: String, identity: FileIdentity)]
    private var staged: [Staged] = []
    /// Every path staged so far, to refuse two outputs naming one file.
    private var claimed: [(path: String, identity: FileIdentity?, place: Place?)] = []

    /// A file's folder (as device and inode) and its name in it.
    private struct Place: Equatable {
        var folder: FileIdentity
        var name: String
    }
    private var finished = false

    /// `inputs` are the files the command reads (plan, rule set, tables): no output may replace one.
    public init(inputs: [String] = []) {
        self.inputs = inputs.compactMap { path in FileIdentity.of(path).map { (path, $0) } }
    }

    deinit { abandon() }

    /// Runs every check `stage` makes on `paths` without creating anything, so a command can refuse a bad
    /// output before it does its work.
    public func checkTargets(_ paths: [String]) throws {
        let saved = claimed
        defer { claimed = saved }
        for path in paths { _ = try checkedTarget(path) }
    }

    /// Checks `path` and writes its content with `produce`, which receives the temporary path to write
    /// to (for writers such as GLPK that take a file name). Nothing replaces `path` before `commit()`.
    public func stage(_ path: String, _ produce: (String) throws -> Void) throws {
        precondition(!finished, "a committed or abandoned transaction takes no more files")
        let target = try checkedTarget(path)
        let temporary = try createTemporary(near: target, for: path)
        do {
            try produce(temporary.path)
            try Self.flush(temporary.path, requested: path, mode: target.mode)
        } catch {
            POSIX.unlinkFile(temporary.path)
            InterruptCleanup.release(temporary.slot)
            if let error = error as? OutputFileError { throw error }
            throw OutputFileError.cannotWrite(path: path, reason: .system("\(error)"))
        }
        staged.append(Staged(requested: path, target: target.path, temporary: temporary.path, slot: temporary.slot))
        Self.holdForInterruptTests()
    }

    /// Test seam: with COFUND_TEST_HOLD_OUTPUT_SECONDS set, waits that long with the temporary file
    /// complete but not yet renamed, so a test can interrupt the process at exactly that moment.
    private static func holdForInterruptTests() {
        guard let text = getenv("COFUND_TEST_HOLD_OUTPUT_SECONDS").map({ String(cString: $0) }),
              let seconds = Double(text), seconds > 0, seconds <= 60 else { return }
        usleep(useconds_t(seconds * 1_000_000))
    }

    /// Stages `path` with content written piece by piece: `produce` receives a function that appends
    /// bytes to the file, so a large report goes out as it is rendered instead of being held whole.
    public func stageAppending(_ path: String, _ produce: (_ append: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        try stage(path) { temporary in
            let descriptor: Int32
            do { descriptor = try POSIX.openExisting(temporary) } catch let failure as POSIX.Failure {
                throw OutputFileError.cannotWrite(path: path, reason: .systemError(failure.code))
            }
            defer { POSIX.closeFile(descriptor) }
            try produce { bytes in
                do { try POSIX.writeAll(descriptor, bytes) } catch let failure as POSIX.Failure {
                    throw OutputFileError.cannotWrite(path: path, reason: .systemError(failure.code))
                }
            }
        }
    }

    /// Stages `bytes` as the content of `path`.
    public func stage(_ path: String, bytes: [UInt8]) throws {
        try stageAppending(path) { append in try bytes.withUnsafeBytes { try append($0) } }
    }

    /// Stages `text` (UTF-8) as the content of `path`.
    public func stage(_ path: String, text: String) throws { try stage(path, bytes: Array(text.utf8)) }

    /// Puts every staged file in place, or none: each existing target is kept under a second name until
    /// all renames succeeded, and put back if one fails. Interrupts wait until the set is complete.
    public func commit() throws {
        precondition(!finished, "a transaction commits once")
        finished = true
        try InterruptCleanup.deferringSignals {
            var backups: [(target: String, backup: String?)] = []
            do {
                for file in staged {
                    var backup: String?
                    if (try? POSIX.status(file.target)) != nil, staged.count > 1 {
                        let name = file.temporary + ".previous"
                        if (try? POSIX.linkFile(file.target, name)) != nil { backup = name }
                    }
                    do { try POSIX.renameFile(file.temporary, file.target) } catch let failure as POSIX.Failure {
                        if let backup { POSIX.unlinkFile(backup) }
                        throw OutputFileError.cannotWrite(path: file.requested, reason: .systemError(failure.code))
                    }
                    backups.append((file.target, backup))
                }
            } catch {
                // Put back what was there before the first renames, so the command wrote nothing.
                for (target, backup) in backups.reversed() {
                    if let backup { try? POSIX.renameFile(backup, target) } else { POSIX.unlinkFile(target) }
                }
                cleanUp()
                throw error
            }
            for case let (_, backup?) in backups { POSIX.unlinkFile(backup) }
            for folder in Set(staged.map { OutputPath.folder(of: $0.target) }) { POSIX.syncDirectory(folder) }
            for file in staged { InterruptCleanup.release(file.slot) }
            staged = []
        }
    }

    /// Removes every staged temporary file; the targets stay as they were.
    public func abandon() {
        finished = true
        cleanUp()
    }

    private func cleanUp() {
        for file in staged {
            POSIX.unlinkFile(file.temporary)
            InterruptCleanup.release(file.slot)
        }
        staged = []
    }

    // MARK: - Checks before anything is created

    private struct Target {
        var path: String
        var mode: mode_t?
    }

    private func checkedTarget(_ path: String) throws -> Target {
        try OutputPath.validate(path)
        var target = path
        var existing: stat?
        do {
            if let link = try POSIX.linkStatus(path) {
                existing = link
                if POSIX.kind(link) == .symbolicLink {
                    // Replace the file the link points to and keep the link: the user named the link's file.
                    guard let followed = try POSIX.status(path) else {
                        throw OutputFileError.cannotWrite(path: path, reason: .danglingLink)
                    }
                    existing = followed
                    target = try POSIX.realPath(path)
                }
            } else {
                try checkFolder(of: path)
            }
        } catch let failure as POSIX.Failure {
            throw OutputFileError.cannotWrite(path: path, reason: .systemError(failure.code))
        }
        var identity: FileIdentity?
        if let existing {
            let kind = POSIX.kind(existing)
            guard kind == .regular else { throw OutputFileError.notRegularFile(path: path, kind: kind) }
            identity = FileIdentity(existing)
            if let input = inputs.first(where: { $0.identity == identity }) {
                throw OutputFileError.isInput(path: path, input: input.path)
            }
        }
        // Two spellings of one new file ("p.lp", "./p.lp") share their folder and name.
        let place = FileIdentity.of(OutputPath.folder(of: target)).map { Place(folder: $0, name: OutputPath.name(of: target)) }
        if let other = claimed.first(where: { ($0.place != nil && $0.place == place) || (identity != nil && $0.identity == identity) }) {
            throw OutputFileError.sameFileTwice(path: path, other: other.path)
        }
        claimed.append((path, identity, place))
        return Target(path: target, mode: existing.map { $0.st_mode & 0o7777 })
    }

    private func checkFolder(of path: String) throws {
        let folder = OutputPath.folder(of: path)
        guard let info = try POSIX.status(folder) else {
            throw OutputFileError.cannotWrite(path: path, reason: .folderMissing(folder))
        }
        guard POSIX.kind(info) == .directory else {
            throw OutputFileError.cannotWrite(path: path, reason: .notAFolder(folder))
        }
    }

    // MARK: - Temporary files

    private func createTemporary(near target: Target, for requested: String) throws -> (path: String, slot: Int) {
        let folder = OutputPath.folder(of: target.path)
        let base = OutputPath.name(of: target.path)
        for _ in 0..<100 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let prefix = !target.path.contains("/") ? "" : folder == "/" ? "/" : folder + "/"
            let path = prefix + "." + base + ".cofund-" + suffix
            let slot = InterruptCleanup.register(path)
            do {
                let descriptor = try POSIX.createExclusive(path, mode: 0o600)
                POSIX.closeFile(descriptor)
                return (path, slot)
            } catch let failure as POSIX.Failure {
                InterruptCleanup.release(slot)
                if failure.code == EEXIST { continue }
                throw OutputFileError.cannotWrite(path: requested, reason: .systemError(failure.code))
            }
        }
        throw OutputFileError.cannotWrite(path: requested, reason: .noTemporaryFile)
    }

    /// Gives the temporary file the target's permissions (or the usual ones for a new file) and makes its
    /// content durable before any rename.
    private static func flush(_ temporary: String, requested: String, mode: mode_t?) throws {
        do {
            let descriptor = try POSIX.openExisting(temporary)
            defer { POSIX.closeFile(descriptor) }
            POSIX.changeMode(descriptor, mode ?? (0o666 & ~POSIX.currentUmask()))
            try POSIX.sync(descriptor)
        } catch let failure as POSIX.Failure {
            throw OutputFileError.cannotWrite(path: requested, reason: .systemError(failure.code))
        }
    }
}

/// Device and inode: two paths name the same file exactly when these agree.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    static func of(_ path: String) -> FileIdentity? {
        (try? POSIX.status(path)).flatMap { $0 }.map(FileIdentity.init)
    }
}
