/// Reads one row of an area table into an `AreaRow`, adding a located error for every cell that is wrong.
struct AreaRowReader {
    let columns: AreaColumns
    let file: String

    /// The row, or nil when it has a problem (the problems are added to `errors`).
    func read(_ record: CSVRecord, errors: inout [PlanError]) -> AreaRow? {
        let names = columns.names
        guard record.cells.count == names.count else {
            errors.append(wrongCellCount(record))
            return nil
        }
        let before = errors.count
        var row = AreaRow(line: record.line, id: "", name: "")
        for (index, name) in names.enumerated() {
            let cell = record.cells[index].trimmingWhitespace
            let location = SourceLocation(file: file, line: record.cellLines[index], column: index + 1)
            func fail(_ message: Message) { errors.append(PlanError(location, field: name, message)) }
            let text: String? = cell.isEmpty ? nil : cell
            switch name {
            case AreaColumns.id:
                if let text {
                    do { try MappingReader.checkIdentifier(text, location: location, field: name) } catch let error as PlanError { errors.append(error) } catch {}
                    row.id = text
                } else { fail(Message(.planFieldRequired)) }
            case AreaColumns.name:
                if let text { row.name = text } else { fail(Message(.planFieldRequired)) }
            case AreaColumns.kind:
                if let text {
                    if let kind = AreaRow.Kind(rawValue: text.lowercased()) { row.kind = kind } else { fail(Message(.areaNotAKind, .text(String(text.prefix(40))))) }
                }
            case AreaColumns.number: row.no = text
            case AreaColumns.parent: row.parent = text
            case AreaColumns.group: row.group = text
            case AreaColumns.note: row.note = text
            case AreaColumns.zone:
                guard let text else { continue }
                if let zone = AreaClass.zone(text) { row.classes.insert(zone) } else { fail(Message(.areaNotAZone, .text(String(text.prefix(40))))) }
            case _ where AreaColumns.flags.contains(name):
                guard let text else { continue }
                switch AreaClass.flagValue(text) {
                case true?: row.classes.insert(AreaClass.flags.first { $0.column == name }!)
                case false?: break
                case nil: fail(Message(.areaNotAFlag, .text(String(text.prefix(40)))))
                }
            default:
                guard let text else { continue }
                switch figure(text, column: name) {
                case .success(let number):
                    row.figures[name] = AreaFigure(value: number.value, decimals: number.decimals, column: index + 1, line: location.line)
                case .failure(let problem): fail(problem.message)
                }
            }
        }
        return errors.count == before ? row : nil
    }

    /// A number, and for a count of households a whole one that is not negative.
    private func figure(_ text: String, column: String) -> Result<AreaNumberText.Number, AreaNumberText.Problem> {
        let isCount = columns.isCount(column)
        let read = AreaNumberText.read(text, count: isCount, percent: AreaColumns.isPercent(column))
        guard isCount, case .success(let number) = read else { return read }
        let shown = String(text.prefix(40))
        if number.value < 0 { return .failure(AreaNumberText.Problem(Message(.areaNegativeCount, .text(shown)))) }
        if number.value.rounded() != number.value { return .failure(AreaNumberText.Problem(Message(.areaFractionalCount, .text(shown)))) }
        return read
    }

    /// A row with more or fewer cells than the header has columns, and the likely reason.
    private func wrongCellCount(_ record: CSVRecord) -> PlanError {
        let have = record.cells.count, want = columns.names.count
        let wholeRow = SourceLocation(file: file, line: record.line)
        if have < want, let delimiter = AreaDelimiter.found(in: record.cells) {
            return PlanError(wholeRow, field: "", .areaRowDelimiter, .message(delimiter))
        }
        if have < want { return PlanError(wholeRow, field: "", .areaTooFewCells, .integer(have), .integer(want)) }
        // The first cell beyond the header's columns.
        let surplus = SourceLocation(file: file, line: record.cellLines[want], column: want + 1)
        if let (written, meant) = splitDecimal(record.cells) {
            return PlanError(surplus, field: "", .areaDecimalCommaSplit, .integer(have), .integer(want), .text(written), .text(meant))
        }
        return PlanError(surplus, field: "", .areaTooManyCells, .integer(have), .integer(want))
    }

    /// Whether the surplus cells are numbers written with a decimal comma and left unquoted ("0,54" read
    /// as "0" and "54"): merging pairs of digit cells in numeric, non-count columns lines the row up with
    /// the header. The first such number, as written and as CoFund reads it.
    private func splitDecimal(_ cells: [String]) -> (String, String)? {
        let names = columns.names
        let surplus = cells.count - names.count
        var cell = 0, merged = 0
        var first: (String, String)?
        func digits(_ s: String) -> Bool { let t = s.trimmingWhitespace; return !t.isEmpty && t.allSatisfy(\.isASCIIDigit) }
        for (column, name) in names.enumerated() {
            guard cell < cells.count else { return nil }
            let takesDecimals = !AreaColumns.text.contains(name) && !columns.isCount(name)
            if takesDecimals, merged < surplus, cell + 1 < cells.count, digits(cells[cell]), digits(cells[cell + 1]),
               cells.count - cell - 2 >= names.count - column - 1 {
                let whole = cells[cell].trimmingWhitespace, fraction = cells[cell + 1].trimmingWhitespace
                first = first ?? ("\(whole),\(fraction)", "\(whole).\(fraction)")
                merged += 1
                cell += 2
            } else {
                cell += 1
            }
        }
        return cell == cells.count && merged == surplus ? first : nil
    }
}
