/// Why an output file was not written. Every case names the path the user gave, so a message can point
/// at the flag or field that named it.
public enum OutputFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path is empty or holds a NUL or another control character (a slip, or text pasted from a
    /// document); writing it would create a file nobody can find by that name.
    case invalidPath(path: String, reason: Reason)
    /// Something exists at the path and is not a regular file: a directory, a device, a FIFO, a socket.
    /// It is never touched.
    case notRegularFile(path: String, kind: FileKind)
    /// The path names one of the command's own inputs (the plan or its rule set); writing it would destroy
    /// the input.
    case isInput(path: String, input: String)
    /// Two outputs of one command name the same file.
    case sameFileTwice(path: String, other: String)
    /// The folder is missing, not writable, the disk is full, …: the system's words.
    case cannotWrite(path: String, reason: Reason)
    /// The command was interrupted (SIGINT/SIGTERM) before its files were in place.
    case interrupted(path: String)

    /// Why, as a value a message catalogue can put into words.
    public enum Reason: Equatable, Sendable, CustomStringConvertible {
        case emptyPath
        /// The first control character, shown escaped ("\\n").
        case controlCharacter(String)
        case folderMissing(String)
        case notAFolder(String)
        case danglingLink
        case noTemporaryFile
        /// The system's own words (strerror), or another writer's.
        case system(String)
        /// A system call's error number (errno), which a message catalogue can put in the reader's language.
        case systemError(Int32)

        public var description: String {
            switch self {
            case .emptyPath: "the path is empty"
            case .controlCharacter(let shown): "the path contains a control character (\(shown))"
            case .folderMissing(let folder): "the folder '\(OutputPath.displayed(folder))' does not exist"
            case .notAFolder(let folder): "'\(OutputPath.displayed(folder))' is not a folder"
            case .danglingLink: "it is a symbolic link to a file that does not exist"
            case .noTemporaryFile: "no temporary file could be created beside it"
            case .system(let words): words
            case .systemError(let code): POSIX.Failure(code: code).reason
            }
        }
    }

    public var path: String {
        switch self {
        case .invalidPath(let path, _), .notRegularFile(let path, _), .isInput(let path, _), .sameFileTwice(let path, _),
             .cannotWrite(let path, _), .interrupted(let path):
            path
        }
    }

    public var description: String {
        let shown = OutputPath.displayed(path)
        switch self {
        case .invalidPath(_, let reason): return "cannot write '\(shown)': \(reason)"
        case .notRegularFile(_, let kind):
            return "cannot write '\(shown)': it is \(kind.phrase), not a regular file; it was left untouched (name a file instead)"
        case .isInput(_, let input):
            return "cannot write '\(shown)': it is the input file '\(OutputPath.displayed(input))'; name another file for the output"
        case .sameFileTwice(_, let other):
            return "cannot write '\(shown)': it is the same file as the other output '\(OutputPath.displayed(other))'"
        case .cannotWrite(_, let reason): return "cannot write '\(shown)': \(reason)"
        case .interrupted: return "cannot write '\(shown)': interrupted before the file was complete; nothing was written"
        }
    }
}

/// What kind of thing a path names, as `lstat`/`stat` tell.
public enum FileKind: String, Sendable, Equatable {
    case regular, directory, characterDevice, blockDevice, fifo, socket, symbolicLink, other

    var phrase: String {
        switch self {
        case .regular: "a regular file"
        case .directory: "a directory"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .fifo: "a FIFO (named pipe)"
        case .socket: "a socket"
        case .symbolicLink: "a symbolic link"
        case .other: "a special file"
        }
    }
}
