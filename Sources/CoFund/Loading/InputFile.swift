import Foundation
import Yams

/// Reads a plan or rule-set file into a YAML node tree, turning every way a file can be unreadable
/// (missing, empty, not UTF-8, not YAML/JSON) into a `PlanError` with a line number.
enum InputFile {
    /// The largest plan or rule-set file read (16 MiB). A national plan of 3,321 communes with every
    /// sub-project is about 5 MB of YAML; a file much larger is a mistake (a database dump, a binary), and
    /// parsing one would take minutes and gigabytes before anything could be said about it.
    public static let maximumBytes = 16 << 20

    /// The deepest nesting of lists and mappings libyaml accepts (its own limit, 1000 levels); a plan
    /// needs fewer than ten.
    static let maximumNesting = 1000

    /// `notAFile`: what to say of a directory or a device at the path (a plan or rule set is expected, or
    /// a scenario file).
    static func load(path: String, notAFile: MessageKey = .planNotAFile) throws -> (node: Node, file: String) {
        try checkReadable(path, location: SourceLocation(file: path, line: 0), field: "", notAFile: notAFile)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PlanError(SourceLocation(file: path, line: 0), field: "", .planCannotRead)
        }
        return (try parse(data: data, file: path), path)
    }

    /// Refuses a path holding a NUL or another control character.
    static func checkCharacters(_ path: String, location: SourceLocation, field: String) throws {
        if let bad = path.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw PlanError(location, field: field, .reasonControlCharacter, .text(String(bad)))
        }
    }

    /// Refuses, before opening it, a path that holds a NUL or a control character (a NUL would cut the
    /// path short and read another file), names nothing, names a directory, a device, a FIFO (opening
    /// one would wait for a writer forever) or a socket, or a file larger than `maximumBytes`.
    static func checkReadable(_ path: String, location: SourceLocation, field: String, notAFile: MessageKey = .planNotAFile) throws {
        try checkCharacters(path, location: location, field: field)
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw PlanError(location, field: field, Message(errno == ENOENT || errno == ENOTDIR ? .planNoSuchFile : .planCannotRead))
        }
        let kind: MessageKey? = switch info.st_mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: .kindDirectory
        case S_IFCHR, S_IFBLK: .planKindDevice
        case S_IFIFO: .kindFifo
        case S_IFSOCK: .kindSocket
        default: .kindOther
        }
        if let kind { throw PlanError(location, field: field, notAFile, .message(Message(kind))) }
        if Int(info.st_size) > maximumBytes {
            throw PlanError(location, field: field,
                            .planFileTooLarge, .integer(Int(info.st_size) >> 20), .integer(maximumBytes >> 20))
        }
    }

    static func parse(data: Data, file: String) throws -> Node {
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, column) = firstInvalidUTF8(data)
            throw PlanError(SourceLocation(file: file, line: line, column: column), field: "",
                            .planNotUTF8)
        }
        if text.unicodeScalars.contains(where: { $0 == "\u{0}" }) {
            throw PlanError(SourceLocation(file: file, line: 1), field: "", .planNULBytes)
        }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw PlanError(SourceLocation(file: file, line: 1), field: "", .planEmptyFile)
        }
        let node: Node?
        do {
            // No tag resolution: every scalar is read as text and parsed by MappingReader, and Yams' default
            // resolver runs several regular expressions per scalar (most of the time spent on a large file).
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw translate(error, file: file, lineCount: text.split(separator: "\n", omittingEmptySubsequences: false).count)
        }
        guard let node else { throw PlanError(SourceLocation(file: file, line: 1), field: "", .planNoDocument) }
        return node
    }

    private static func translate(_ error: YamlError, file: String, lineCount: Int) -> PlanError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let location = SourceLocation(file: file, line: mark.line, column: mark.column)
            if problem.contains("nesting level") {
                // libyaml's words name its C function (yaml_set_max_nest_level); say what it means instead.
                return PlanError(location, field: "", .planNestedTooDeep, .integer(maximumNesting))
            }
            // libyaml's context says where the broken construct began ("while parsing a flow mapping … line 10").
            let began = context.map { MessageArgument.message(Message(.planSyntaxBegan, .text($0.text), .integer($0.mark.line))) } ?? .text("")
            if mark.line >= lineCount, let context {
                // Past the last line: the file ends before a construct is closed; say so rather than point
                // at a line that does not exist. Text in quotes lacks its closing quote, not a bracket.
                if context.text.hasSuffix("quoted scalar") {
                    return PlanError(SourceLocation(file: file, line: lineCount, column: 0), field: "", .planUnclosedQuote, .integer(context.mark.line))
                }
                return PlanError(SourceLocation(file: file, line: lineCount, column: 0), field: "",
                                 .planUnclosed, .message(Self.construct(context.text)), .integer(context.mark.line))
            }
            return PlanError(location, field: "", .planInvalidSyntax, .text(problem), began)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return PlanError(SourceLocation(file: file, line: context.mark.line, column: context.mark.column), field: "",
                             .planKeyTwice, .text(duplicates.joined(separator: ", ")))
        case .reader(let problem, _, _, _):
            return PlanError(SourceLocation(file: file, line: 1), field: "", .planCannotReadBecause, .text(problem))
        default:
            return PlanError(SourceLocation(file: file, line: 1), field: "", .planCannotReadBecause, .text("\(error)"))
        }
    }

    /// "while parsing a flow sequence" → "flow sequence", in the reader's words where it is a known one.
    private static func construct(_ context: String) -> Message {
        var text = Substring(context)
        for prefix in ["while parsing ", "while scanning ", "a ", "an "] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        switch text {
        case "flow mapping": return Message(.planConstructFlowMapping)
        case "flow sequence": return Message(.planConstructFlowSequence)
        default: return Message(.planConstructOther, .text(String(text)))
        }
    }

    /// Line and column (1-based) of the first byte that breaks UTF-8.
    private static func firstInvalidUTF8(_ data: Data) -> (Int, Int) {
        let bytes = [UInt8](data)
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            if b < 0x80 { length = 1 } else if b & 0xE0 == 0xC0 { length = 2 } else if b & 0xF0 == 0xE0 { length = 3 }
            else if b & 0xF8 == 0xF0 { length = 4 } else { return (line, column) }
            if i + length > bytes.count { return (line, column) }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return (line, column) }
            if length > 1, String(bytes: bytes[i..<(i + length)], encoding: .utf8) == nil { return (line, column) }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += length
        }
        return (line, column)
    }
}
