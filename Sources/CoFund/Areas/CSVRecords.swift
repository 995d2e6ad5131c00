import SwiftCSV

/// One row of a CSV text as SwiftCSV splits it, with the line each cell starts on, which SwiftCSV does
/// not give: a quoted cell may hold line breaks, so a row's cells can start on later lines.
struct CSVRecord: Sendable, Equatable {
    var line: Int
    var cells: [String]
    var cellLines: [Int]

    /// A row with nothing in it: an empty line, or only commas (spreadsheets export empty rows so).
    var isBlank: Bool { cells.allSatisfy { $0.allSatisfy(CSVScanner.isWhitespace) } }
}

enum CSVRecords {
    struct Reading {
        var records: [CSVRecord]
        /// True when SwiftCSV stopped at `rowLimit` and the text may hold more rows.
        var stoppedAtLimit: Bool
    }

    /// Splits `text` into rows of cells with SwiftCSV, reading at most `rowLimit` rows (blank rows count).
    /// Call it on text `CSVScanner` found no problem in: SwiftCSV's own errors do not say where they are.
    static func read(_ text: String, rowLimit: Int) throws -> Reading {
        // SwiftCSV drops an empty last cell when the text does not end with a line break ("a,b," reads as
        // two cells): end it with one.
        let terminated = text.last?.isNewline == true ? text : text + "\n"
        let csv = try EnumeratedCSV(string: terminated, delimiter: .comma, loadColumns: false, rowLimit: 0)
        var rows: [[String]] = []
        try csv.enumerateAsArray(startAt: 0, rowLimit: rowLimit) { rows.append($0) }

        // Every line break of the text either ends a row or sits inside a quoted cell, where SwiftCSV keeps it.
        var records: [CSVRecord] = []
        records.reserveCapacity(rows.count)
        var line = 1
        for cells in rows {
            var cellLines: [Int] = []
            cellLines.reserveCapacity(cells.count)
            var cellLine = line
            for cell in cells {
                cellLines.append(cellLine)
                if cell.contains(where: CSVScanner.isNewline) { cellLine += cell.reduce(0) { $0 + (CSVScanner.isNewline($1) ? 1 : 0) } }
            }
            records.append(CSVRecord(line: line, cells: cells, cellLines: cellLines))
            line = cellLine + 1
        }
        return Reading(records: records, stoppedAtLimit: rows.count >= rowLimit)
    }
}
