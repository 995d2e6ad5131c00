#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to standard output and standard error with the system's own error on failure (a full disk
/// behind a redirection), where Foundation's FileHandle would stop the process.
public enum StandardOutput {
    /// The path a failed write to standard output is reported under.
    public static let name = "standard output"

    public static func write(_ text: String) throws {
        try Array(text.utf8).withUnsafeBytes { try write(bytes: $0) }
    }

    public static func write(bytes: UnsafeRawBufferPointer) throws {
        do {
            try POSIX.writeAll(STDOUT_FILENO, bytes)
        } catch let failure as POSIX.Failure {
            throw OutputFileError.cannotWrite(path: name, reason: .systemError(failure.code))
        }
    }

    /// Best effort: there is nowhere left to report a failure to write an error message.
    public static func writeError(_ text: String) {
        try? Array(text.utf8).withUnsafeBytes { try POSIX.writeAll(STDERR_FILENO, $0) }
    }
}
