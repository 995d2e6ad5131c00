/// Walks a comma-separated text with the same states as SwiftCSV's parser (`ParsingState`), to say
/// where a problem is, which SwiftCSV cannot: it throws on a stray quotation mark without saying where,
/// reads a quotation mark that is never closed as a cell holding the rest of the file, and passes
/// control characters through (a vertical tab would even end a row).
struct CSVScanner {
    enum Problem: Equatable {
        case controlCharacter(Unicode.Scalar)
        /// A quotation mark in a cell that does not begin with one, not doubled (`An "Phú"`).
        case quoteInsideCell
        /// Text after the closing quotation mark of a quoted cell (`"An Phú"x`).
        case textAfterQuote
        /// A quoted cell still open at the end of the text; its position is where it opened.
        case unclosedQuote
    }

    /// A place in the text: the 1-based line, and the 1-based cell of the row it is in.
    struct Position: Equatable {
        var line = 1
        var cell = 1
    }

    struct Result {
        /// The first problem, and where it is.
        var problem: (Problem, Position)?
        /// Where the text ends.
        var end: Position
        /// The cells of the first row that is not blank (to name a column in an error), once that row has ended.
        var header: [String]?
    }

    private enum State { case cellStart, unquoted, quoteInUnquoted, quoted, quoteInQuoted }

    /// Control characters other than tab, line feed and carriage return, and the Unicode line and paragraph
    /// separators: invisible in a spreadsheet, and several of them would end a row in SwiftCSV.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029: true
        default: false
        }
    }

    /// `Character.isNewline` and `isWhitespace`, answered without Unicode's property tables for ASCII,
    /// which nearly every character of a table is (the lookups were a fifth of reading a national table).
    static func isNewline(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return (0x0A...0x0D).contains(ascii) }
        return character.isNewline
    }

    static func isWhitespace(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return ascii == 0x20 || (0x09...0x0D).contains(ascii) }
        return character.isWhitespace
    }

    /// The first control character of `character` (see `isControl`), if any.
    static func control(in character: Character) -> Unicode.Scalar? {
        if let ascii = character.asciiValue, (ascii >= 0x20 && ascii != 0x7F) || ascii == 0x09 || ascii == 0x0A || ascii == 0x0D {
            // "\r\n" is one character whose ASCII value is the line feed: neither of its scalars is a control.
            return nil
        }
        return character.unicodeScalars.first(where: isControl)
    }

    static func scan(_ text: String) -> Result {
        var position = Position()
        var state = State.cellStart
        var quoteOpened = Position()
        var header: [String] = [""]
        var readingHeader = true

        func endRow() {
            position.line += 1
            position.cell = 1
            state = .cellStart
            if readingHeader {
                if header.allSatisfy({ $0.allSatisfy(Self.isWhitespace) }) { header = [""] } else { readingHeader = false }
            }
        }
        func nextCell() {
            position.cell += 1
            state = .cellStart
            if readingHeader { header.append("") }
        }
        func keep(_ character: Character) { if readingHeader { header[header.count - 1].append(character) } }
        func result(_ problem: Problem?, at place: Position) -> Result {
            Result(problem: problem.map { ($0, place) }, end: position, header: readingHeader ? nil : header)
        }

        for character in text {
            if let bad = control(in: character) {
                return result(.controlCharacter(bad), at: position)
            }
            switch state {
            case .cellStart:
                if character == "\"" {
                    state = .quoted
                    quoteOpened = position
                } else if character == "," {
                    nextCell()
                } else if Self.isNewline(character) {
                    endRow()
                } else if !Self.isWhitespace(character) {  // SwiftCSV skips blanks before a cell
                    state = .unquoted
                    keep(character)
                }
            case .unquoted:
                if character == "\"" { state = .quoteInUnquoted }
                else if character == "," { nextCell() }
                else if Self.isNewline(character) { endRow() }
                else { keep(character) }
            case .quoteInUnquoted:
                // SwiftCSV reads "" inside an unquoted cell as one quotation mark, and throws on anything else.
                guard character == "\"" else { return result(.quoteInsideCell, at: position) }
                state = .unquoted
                keep(character)
            case .quoted:
                if character == "\"" { state = .quoteInQuoted }
                else {
                    if Self.isNewline(character) { position.line += 1 }
                    keep(character)
                }
            case .quoteInQuoted:
                if character == "\"" {
                    state = .quoted
                    keep(character)
                } else if character == "," {
                    nextCell()
                } else if Self.isNewline(character) {
                    endRow()
                } else if !Self.isWhitespace(character) {
                    return result(.textAfterQuote, at: position)
                }
            }
        }
        return result(state == .quoted ? .unclosedQuote : nil, at: quoteOpened)
    }
}
