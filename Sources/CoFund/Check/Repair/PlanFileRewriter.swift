import Foundation

/// Writes a repaired plan as the original file with its figures replaced where they stand, so the
/// document's comments, notes and layout survive and an officer sees exactly what changed: a comment
/// block at the top lists every change.
public enum PlanFileRewriter {
    public enum Failure: Error, Sendable, Equatable {
        /// A figure's place in the file could not be found again (the file changed since it was read).
        case figureNotFound(SourceLocation)
    }

    /// `text` is the plan file as read; `header` the comment lines to put first (without "# ").
    /// `references` replaces the values of top-level path fields (`ruleSet`, `areas`) so they still point
    /// at the same files from the new file's folder.
    public static func rewrite(_ text: String, changes: [PlanRepair.Change], header: [String],
                               references: [(location: SourceLocation, value: String)] = []) throws -> String {
        // Lines end as the file ends them (YAML also reads a lone CR as a line break).
        let separator = text.contains("\r\n") ? "\r\n" : text.contains("\r") ? "\r" : "\n"
        var lines = text.components(separatedBy: separator)
        // Replace from the right within a line, so earlier columns stay valid.
        var edits: [(line: Int, column: Int, replacement: String, dropUnit: Bool)] = changes.map {
            ($0.location.line, $0.location.column, number($0.to), $0.dropsWrittenUnit)
        }
        edits += references.map { ($0.location.line, $0.location.column, quoted($0.value), false) }
        for edit in edits.sorted(by: { ($0.line, $0.column) > ($1.line, $1.column) }) {
            let index = edit.line - 1
            guard lines.indices.contains(index) else { throw Failure.figureNotFound(SourceLocation(file: "", line: edit.line, column: edit.column)) }
            var scalars = Array(lines[index].unicodeScalars)
            let start = edit.column - 1
            guard scalars.indices.contains(start) else { throw Failure.figureNotFound(SourceLocation(file: "", line: edit.line, column: edit.column)) }
            let end = tokenEnd(scalars, from: start)
            scalars.replaceSubrange(start..<end, with: edit.replacement.unicodeScalars)
            var line = String(String.UnicodeScalarView(scalars))
            if edit.dropUnit { line = line.replacingOccurrences(of: #",\s*unit:\s*"?[^,}"]*"?"#, with: "", options: .regularExpression) }
            lines[index] = line
        }
        return header.map { $0.isEmpty ? "#" : "# " + $0 }.joined(separator: separator) + separator + lines.joined(separator: separator)
    }

    /// A plain scalar ends at a flow indicator, a comment or the end of the line; a quoted one at its
    /// closing quote.
    private static func tokenEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        if let quote = scalars[start] == "\"" || scalars[start] == "'" ? scalars[start] : nil {
            var k = start + 1
            while k < scalars.count && scalars[k] != quote { k += scalars[k] == "\\" ? 2 : 1 }
            return min(k + 1, scalars.count)
        }
        var k = start
        while k < scalars.count, !",}] \t#".unicodeScalars.contains(scalars[k]) { k += 1 }
        return k
    }

    /// A figure as a planner writes it: 230, 229.3. Exactly three decimals after at most three digits
    /// reads as a Vietnamese thousands separator, which the loader refuses, so such a figure gets a fourth.
    public static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.range(of: #"^-?[1-9]\d{0,2}\.\d{3}$"#, options: .regularExpression) != nil { text += "0" }
        return text
    }

    private static func quoted(_ path: String) -> String {
        "\"" + path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `target` as a path relative to the folder `folder` (both made absolute against the working folder).
    public static func relativePath(to target: String, from folder: String) -> String {
        func components(_ path: String) -> [String] {
            let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            return URL(fileURLWithPath: absolute).standardizedFileURL.pathComponents
        }
        let to = components(target), from = components(folder)
        var common = 0
        while common < min(to.count, from.count) && to[common] == from[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let path = (ups + to[common...]).joined(separator: "/")
        return path.isEmpty ? "." : path
    }
}
