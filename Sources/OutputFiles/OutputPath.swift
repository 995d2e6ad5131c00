/// Checks on a path before anything is created there.
public enum OutputPath {
    /// Refuses an empty path and one holding a NUL or another control character. A NUL would cut the
    /// path short in every system call (the file would be written under another name), and a newline or
    /// an escape sequence is a slip that would also garble every message that shows the path.
    public static func validate(_ path: String) throws {
        if path.isEmpty { throw OutputFileError.invalidPath(path: path, reason: .emptyPath) }
        if let bad = path.unicodeScalars.first(where: isControl) {
            throw OutputFileError.invalidPath(path: path, reason: .controlCharacter(escaped(bad)))
        }
    }

    /// A control character: C0 (NUL to U+001F), DEL and C1 (U+0080 to U+009F).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// A character that breaks or reorders the text it is shown in: U+2028, U+2029 and the bidirectional
    /// controls. A path may hold one; a message shows it escaped (as `Localizer.displayed` does).
    static func isReordering(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v == 0x061C || v == 0x200E || v == 0x200F || v == 0x2028 || v == 0x2029 || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// The path as a message may show it: control characters escaped, so a message never moves the
    /// cursor or rings the terminal, and very long paths shortened in the middle.
    public static func displayed(_ path: String) -> String {
        var shown = ""
        for scalar in path.unicodeScalars {
            if isControl(scalar) || isReordering(scalar) { shown += escaped(scalar) } else { shown.unicodeScalars.append(scalar) }
        }
        if shown.count > 200 { shown = String(shown.prefix(100)) + "…" + String(shown.suffix(99)) }
        return shown
    }

    static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\0": "\\0"
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default: "\\u{" + String(scalar.value, radix: 16) + "}"
        }
    }

    /// The folder a path lives in ("." for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// The last component of a path.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
