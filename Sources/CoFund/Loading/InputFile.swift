import Foundation
import Yams

/// Reads a plan or rule-set file into a YAML node tree, turning every way a file can be unreadable
/// (missing, empty, not UTF-8, not YAML/JSON) into a `PlanError` with a line number.
enum InputFile {
    static func load(path: String) throws -> (node: Node, file: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw PlanError(SourceLocation(file: path, line: 0), field: "",
                            exists ? "cannot read the file" : "no such file")
        }
        return (try parse(data: data, file: path), path)
    }

    static func parse(data: Data, file: String) throws -> Node {
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, column) = firstInvalidUTF8(data)
            throw PlanError(SourceLocation(file: file, line: line, column: column), field: "",
                            "the file is not valid UTF-8 text (save it as UTF-8)")
        }
        if text.unicodeScalars.contains(where: { $0 == "\u{0}" }) {
            throw PlanError(SourceLocation(file: file, line: 1), field: "", "the file contains NUL bytes; it is not a text file")
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw PlanError(SourceLocation(file: file, line: 1), field: "", "the file is empty")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw translate(error, file: file)
        }
        guard let node else { throw PlanError(SourceLocation(file: file, line: 1), field: "", "the file holds no document") }
        return node
    }

    private static func translate(_ error: YamlError, file: String) -> PlanError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml's context says where the broken construct began ("while parsing a flow mapping … line 10").
            let began = context.map { " (\($0.text) that began at line \($0.mark.line))" } ?? ""
            return PlanError(SourceLocation(file: file, line: mark.line, column: mark.column), field: "",
                             "not valid YAML or JSON: \(problem)\(began)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return PlanError(SourceLocation(file: file, line: context.mark.line, column: context.mark.column), field: "",
                             "a key appears twice in one mapping: \(duplicates.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return PlanError(SourceLocation(file: file, line: 1), field: "", "cannot read the file: \(problem)")
        default:
            return PlanError(SourceLocation(file: file, line: 1), field: "", "cannot read the file: \(error)")
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
