import Foundation

/// Reads an area table from a CSV file (UTF-8, comma-separated, first line a header; see "Area tables
/// (CSV)" in Models/README.md). Every problem is a `PlanError` naming the file, the line, the column
/// (the cell's number in its row) and the column's header name; problems in rows are gathered so a
/// planner can fix them all at once.
public enum AreaTableLoader {
    /// The most rows a table may have: a country-wide table of every village fits; more is a mistake
    /// (a database dump) that would take minutes to check.
    public static let maximumRows = 100_000
    /// The most problems listed from one file; the rest are counted.
    static let maximumErrors = 100

    /// Reads the table at `path`; messages name it as `displayedAs` (the path as the user wrote it).
    /// Throws a `PlanError`, or `PlanErrors` when several rows have problems.
    public static func load(path: String, displayedAs: String? = nil) throws -> AreaTable {
        let file = displayedAs ?? path
        let wholeFile = SourceLocation(file: file, line: 0)
        do {
            try InputFile.checkReadable(path, location: wholeFile, field: "")
        } catch let error as PlanError {
            throw inAreaWords(error)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PlanError(wholeFile, field: "", .planCannotRead)
        }
        let bytes = [UInt8](data)
        if let bad = firstInvalidUTF8(bytes) { throw notUTF8(bytes, at: bad, file: file) }
        return try parse(text: String(decoding: bytes, as: UTF8.self), file: file)
    }

    /// Reads a table from its text; `file` is the name messages give it.
    public static func parse(text: String, file: String) throws -> AreaTable {
        // Excel's "CSV UTF-8" starts the file with a byte order mark; it is not part of the first column's name.
        let text = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        let firstLine = SourceLocation(file: file, line: 1)
        if text.allSatisfy(\.isWhitespace) { throw PlanError(firstLine, field: "", .planEmptyFile) }

        let scan = CSVScanner.scan(text)
        if let (problem, position) = scan.problem { throw scanError(problem, at: position, header: scan.header, file: file) }
        let reading: CSVRecords.Reading
        do {
            reading = try CSVRecords.read(text, rowLimit: 2 * maximumRows + 2)
        } catch {
            // The scanner follows SwiftCSV's states, so this is not expected; say what SwiftCSV said.
            throw PlanError(firstLine, field: "", .planCannotReadBecause, .text("\(error)"))
        }
        let records = reading.records.filter { !$0.isBlank }
        guard let headerRecord = records.first else { throw PlanError(firstLine, field: "", .planEmptyFile) }
        let columns = try AreaHeader.read(headerRecord, file: file)
        let body = records.dropFirst()
        if body.count > maximumRows || reading.stoppedAtLimit {
            let line = body.count > maximumRows ? body[body.startIndex + maximumRows].line : reading.records.last!.line
            throw PlanError(SourceLocation(file: file, line: line), field: "", .areaTooManyRows, .number(Double(maximumRows)))
        }

        var errors: [PlanError] = []
        let reader = AreaRowReader(columns: columns, file: file)
        var rows: [AreaRow] = [], cellLines: [[Int]] = []
        var firstLineOfId: [String: Int] = [:]
        // The ids of rows refused for a bad cell: a row naming one as its parent names a row that exists.
        var idsOfRefusedRows: Set<String> = []
        let idColumn = columns.names.firstIndex(of: AreaColumns.id)!
        for record in body {
            guard let row = reader.read(record, errors: &errors) else {
                if record.cells.count > idColumn { idsOfRefusedRows.insert(record.cells[idColumn].trimmingWhitespace) }
                continue
            }
            if let first = firstLineOfId[row.id] {
                errors.append(PlanError(SourceLocation(file: file, line: record.cellLines[idColumn], column: idColumn + 1), field: AreaColumns.id,
                                        .areaIdTwice, .text(row.id), .integer(first)))
                continue
            }
            firstLineOfId[row.id] = row.line
            rows.append(row)
            cellLines.append(record.cellLines)
        }
        let table = AreaTable(file: file, columns: columns.names, rows: rows)
        if errors.isEmpty && !rows.contains(where: { $0.kind == .area }) {
            // Said before the subtotal and total rows' own problems, which all come from this one.
            throw PlanError(SourceLocation(file: file, line: headerRecord.line), field: "", .areaNoAreaRows)
        }
        errors += AreaTableStructure.problems(in: table, cellLines: cellLines, idsOfRefusedRows: idsOfRefusedRows,
                                              complete: errors.isEmpty)
        try throwing(errors, file: file)
        return table
    }

    /// One error as `PlanError`, several as `PlanErrors` (at most `maximumErrors`, then how many more).
    private static func throwing(_ errors: [PlanError], file: String) throws {
        guard let first = errors.first else { return }
        if errors.count == 1 { throw first }
        var listed = Array(errors.prefix(maximumErrors))
        if errors.count > maximumErrors {
            listed.append(PlanError(SourceLocation(file: file, line: 0), field: "", .areaMoreErrors, .integer(errors.count - maximumErrors)))
        }
        throw PlanErrors(listed)
    }

    /// InputFile's refusals speak of plans and rule sets; say "area table" instead.
    private static func inAreaWords(_ error: PlanError) -> PlanError {
        let key: MessageKey? = switch error.message.key {
        case .planNotAFile: .areaNotAFile
        case .planFileTooLarge: .areaFileTooLarge
        default: nil
        }
        guard let key else { return error }
        return PlanError(error.location, field: error.field, Message(key, arguments: error.message.arguments))
    }

    private static func scanError(_ problem: CSVScanner.Problem, at position: CSVScanner.Position, header: [String]?, file: String) -> PlanError {
        let message: Message = switch problem {
        case .controlCharacter(let scalar): Message(.areaControlCharacter, .text(String(scalar)))
        case .quoteInsideCell: Message(.areaQuoteInsideCell)
        case .textAfterQuote: Message(.areaTextAfterQuote)
        case .unclosedQuote: Message(.areaUnclosedQuote)
        }
        return PlanError(SourceLocation(file: file, line: position.line, column: position.cell),
                         field: columnName(position, header: header), message)
    }

    /// The header name of the cell at `position`, when the header has been read past and names it.
    private static func columnName(_ position: CSVScanner.Position, header: [String]?) -> String {
        guard let header, position.cell >= 1, position.cell <= header.count else { return "" }
        let name = header[position.cell - 1].trimmingWhitespace
        return (try? MappingReader.checkIdentifier(name, location: SourceLocation(file: "", line: 0), field: "")) != nil ? name : ""
    }

    /// The file is not UTF-8 (Excel's plain "CSV" saves in the Windows code page): say on which line and
    /// in which cell the first byte that breaks it is.
    private static func notUTF8(_ bytes: [UInt8], at offset: Int, file: String) -> PlanError {
        var prefix = String(decoding: bytes[..<offset], as: UTF8.self)
        if prefix.unicodeScalars.first == "\u{FEFF}" { prefix = String(prefix.unicodeScalars.dropFirst()) }
        // The scan reaches the bad byte unless something earlier stops it (a control character): then the
        // line is still known, the cell is not.
        let scan = CSVScanner.scan(prefix)
        let line = 1 + prefix.reduce(0) { $0 + ($1.isNewline ? 1 : 0) }
        let reached = scan.problem == nil || scan.problem?.0 == .unclosedQuote
        let position = CSVScanner.Position(line: line, cell: reached ? scan.end.cell : 0)
        return PlanError(SourceLocation(file: file, line: position.line, column: position.cell),
                         field: columnName(position, header: scan.header), .areaNotUTF8)
    }

    /// The byte offset of the first byte that is not part of a valid UTF-8 sequence, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
