/// The header line of an area table: column names that are plain identifiers, none twice, `id` and
/// `name` present, and commas between them (a file saved with semicolons or tabs reads as one column).
enum AreaHeader {
    static func read(_ record: CSVRecord, file: String) throws -> AreaColumns {
        let names = record.cells.map(\.trimmingWhitespace)
        func at(_ index: Int) -> SourceLocation { SourceLocation(file: file, line: record.cellLines[index], column: index + 1) }

        if names.count == 1, let delimiter = AreaDelimiter.found(in: names) {
            throw PlanError(SourceLocation(file: file, line: record.line, column: 1), field: "", .areaHeaderDelimiter, .message(delimiter))
        }
        var errors: [PlanError] = []
        var firstIndex: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if name.isEmpty {
                errors.append(PlanError(at(index), field: "", .areaColumnUnnamed, .integer(index + 1)))
            } else if (try? MappingReader.checkIdentifier(name, location: at(index), field: name)) == nil {
                errors.append(PlanError(at(index), field: "", .areaInvalidColumnName, .text(String(name.prefix(70)))))
            } else if let first = firstIndex[name] {
                errors.append(PlanError(at(index), field: name, .areaColumnTwice, .text(name), .integer(first + 1), .integer(index + 1)))
            } else {
                firstIndex[name] = index
            }
        }
        for required in AreaColumns.required where firstIndex[required] == nil {
            errors.append(PlanError(SourceLocation(file: file, line: record.line), field: required, .areaColumnRequired, .text(required)))
        }
        if errors.count == 1 { throw errors[0] }
        if !errors.isEmpty { throw PlanErrors(errors) }
        return AreaColumns(names)
    }
}

/// The separator a line was saved with when it is not a comma: the one it holds most of.
enum AreaDelimiter {
    static func found(in cells: [String]) -> Message? {
        let semicolons = cells.reduce(0) { $0 + $1.filter { $0 == ";" }.count }
        let tabs = cells.reduce(0) { $0 + $1.filter { $0 == "\t" }.count }
        if semicolons == 0 && tabs == 0 { return nil }
        return Message(semicolons >= tabs ? .areaDelimiterSemicolon : .areaDelimiterTab)
    }
}
