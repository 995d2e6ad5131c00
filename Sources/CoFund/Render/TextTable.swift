/// A plain-text table with aligned columns that fits a terminal: widths count characters (grapheme
/// clusters: a Vietnamese letter with its diacritics is one), and when the natural widths would pass
/// `maxWidth` the widest text columns are narrowed and their cells wrapped at spaces onto more lines.
/// Numbers are never wrapped.
struct TextTable {
    /// The widest line a report writes (a terminal, a printed page).
    static let maxWidth = 120

    var headers: [String]
    var rows: [[String]] = []
    /// Columns aligned right (numbers).
    var rightAligned: Set<Int> = []
    var maxWidth = TextTable.maxWidth

    init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// Characters of a cell as the table counts them (grapheme clusters), with a fast path for ASCII, which
    /// most cells (numbers, codes) are: counting clusters was a fifth of a national report's text.
    static func width<Text: StringProtocol>(_ text: Text) -> Int {
        // Printable ASCII, one byte a character (control characters go the long way: CR LF is one).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        // Vietnamese in composed form (NFC) is one scalar per letter; anything else is counted by clusters.
        var count = 0
        for scalar in text.unicodeScalars {
            guard isOneCharacter(scalar) else { return text.count }
            count += 1
        }
        return count
    }

    /// A scalar that is a character by itself whatever surrounds it: printable Latin (with the letters of
    /// Latin-1 and Latin Extended-A/B) and the composed Vietnamese letters (U+1E00–U+1EFF). Not combining
    /// marks, control characters (CR LF is one character) or the scripts with clusters.
    static func isOneCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x20..<0x7F).contains(value) || (0xA0..<0x250).contains(value) || (0x1E00..<0x1F00).contains(value)
    }

    /// The column widths: natural widths, or, when those pass the limit, text columns capped at the
    /// largest width that fits (never below their longest word where that fits, nor below 8).
    func widths(indent: Int) -> [Int] { widths(indent: indent, counts: headers.map(Self.width), rows.map { $0.map(Self.width) }) }

    private func widths(indent: Int, counts headerCounts: [Int], _ rowCounts: [[Int]]) -> [Int] {
        let count = headers.count
        var natural = headerCounts
        for row in rowCounts {
            for (k, cell) in row.enumerated() where k < count { natural[k] = max(natural[k], cell) }
        }
        let budget = maxWidth - indent - 2 * max(0, count - 1)
        guard natural.reduce(0, +) > budget else { return natural }
        // Words are measured only for a table that must wrap (a country's table of 50,000 rows need not).
        var longestWord = headers.map { Self.longestWord($0) }
        for row in rows {
            for (k, cell) in row.enumerated() where k < count && !rightAligned.contains(k) {
                longestWord[k] = max(longestWord[k], Self.longestWord(cell))
            }
        }
        let wrappable = (0..<count).filter { !rightAligned.contains($0) }
        let fixed = (0..<count).filter { rightAligned.contains($0) }.reduce(0) { $0 + natural[$1] }
        // The largest cap that fits: lower it one step at a time (tables are small).
        var cap = wrappable.map { natural[$0] }.max() ?? 0
        func total(_ cap: Int) -> Int { fixed + wrappable.reduce(0) { $0 + min(natural[$1], cap) } }
        while cap > 8 && total(cap) > budget { cap -= 1 }
        var widths = natural
        for k in wrappable { widths[k] = min(natural[k], cap) }
        // Columns narrower than their longest word take it back while the budget allows.
        for k in wrappable where widths[k] < min(longestWord[k], natural[k]) {
            let spare = budget - widths.reduce(0, +)
            if spare > 0 { widths[k] = min(min(longestWord[k], natural[k]), widths[k] + spare) }
        }
        return widths
    }

    /// The table's lines, each ended by a line break, written into `stream` as they are made; a large table's
    /// rows are made on up to `threads` threads, in chunks handed on in order (the same bytes on any number).
    func write(to stream: ReportStream, indent: String = "  ", threads: Int = 1) {
        // Each cell measured once: for the widths, for the wrap, for the padding.
        let headerCounts = headers.map(Self.width)
        let rows = self.rows
        let rowCounts = ParallelChunks.map(rows.count, threads: threads) { rows[$0].map(Self.width) }
        let widths = widths(indent: indent.count, counts: headerCounts, rowCounts)
        var lines = RowLines(widths: widths, right: (0..<max(widths.count, headers.count)).map { rightAligned.contains($0) },
                             indent: Array(indent.utf8))
        var bytes: [UInt8] = []
        func deliver(_ bytes: [UInt8]) { bytes.withUnsafeBytes { stream.write(bytes: $0) } }
        lines.write(headers, headerCounts, into: &bytes)
        var rule = indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        while rule.last == " " { rule.removeLast() }
        bytes += Array((rule + "\n").utf8)
        deliver(bytes)
        if ParallelChunks.worthIt(rows.count, threads: threads) {
            let template = lines
            ParallelChunks.write(rows.count, threads: threads, deliver: deliver) { range in
                // Each chunk wraps with its own cache: the same lines, only computed once more per chunk.
                var lines = template
                var bytes: [UInt8] = []
                for k in range { lines.write(rows[k], rowCounts[k], into: &bytes) }
                return bytes
            }
        } else {
            for (row, counts) in zip(rows, rowCounts) {
                bytes.removeAll(keepingCapacity: true)
                lines.write(row, counts, into: &bytes)
                deliver(bytes)
            }
        }
    }

    /// Writes rows as lines of the table's widths.
    struct RowLines: Sendable {
        let widths: [Int]
        let right: [Bool]
        let indent: [UInt8]
        /// A column's cells repeat (the same cause on thousands of rows): each distinct one is wrapped once.
        /// A hit must have the same bytes, not only compare equal: Swift's == takes a decomposed "ệ" for a
        /// composed one, and the table prints each cell's own bytes.
        var wraps: [[String: (cell: String, lines: [String])]]

        init(widths: [Int], right: [Bool], indent: [UInt8]) {
            self.widths = widths
            self.right = right
            self.indent = indent
            wraps = Array(repeating: [:], count: widths.count)
        }

        /// One row's lines, each without trailing spaces and ended by a line break, appended to `bytes`.
        mutating func write(_ cells: [String], _ counts: [Int], into bytes: inout [UInt8]) {
            let wrapped: [[String]?] = cells.enumerated().map { k, cell in
                guard k < widths.count && !right[k] && counts[k] > widths[k] else { return nil }
                if let known = wraps[k][cell], known.cell.utf8.elementsEqual(cell.utf8) { return known.lines }
                let lines = TextTable.wrap(cell, width: widths[k])
                if wraps[k][cell] == nil { wraps[k][cell] = (cell, lines) }
                return lines
            }
            let height = wrapped.map { $0?.count ?? 1 }.max() ?? 1
            for line in 0..<height {
                // Spaces are held back until something follows them, so no line ends in spaces.
                let lineStart = bytes.count
                var pending = 0
                func append(_ part: String) {
                    guard !part.isEmpty else { return }
                    if bytes.count == lineStart { bytes.append(contentsOf: indent) }
                    bytes.append(contentsOf: repeatElement(0x20, count: pending))
                    pending = 0
                    var part = part
                    part.withUTF8 { bytes.append(contentsOf: $0) }
                }
                for (k, cell) in cells.enumerated() {
                    if k > 0 { pending += 2 }
                    let part: String, width: Int
                    if let parts = wrapped[k] {
                        part = line < parts.count ? parts[line] : ""
                        width = TextTable.width(part)
                    } else {
                        (part, width) = line == 0 ? (cell, counts[k]) : ("", 0)
                    }
                    let pad = k < widths.count ? max(0, widths[k] - width) : 0
                    if k < right.count && right[k] {
                        pending += pad
                        append(part)
                    } else {
                        append(part)
                        pending += pad
                    }
                }
                while bytes.count > lineStart && bytes.last == 0x20 { bytes.removeLast() }
                bytes.append(0x0A)
            }
        }
    }

    static func longestWord(_ text: String) -> Int {
        var longest = 0, run = 0
        for scalar in text.unicodeScalars {
            guard isOneCharacter(scalar) else { return text.split(separator: " ").map(\.count).max() ?? 0 }
            if scalar == " " {
                longest = max(longest, run)
                run = 0
            } else {
                run += 1
            }
        }
        return max(longest, run)
    }

    /// `text` in lines of at most `width` characters, broken at spaces; a word longer than a line is cut.
    /// The leading spaces of an indented cell (a sub-project's code) are kept on its first line.
    static func wrap(_ text: String, width: Int, firstWidth: Int? = nil) -> [String] {
        // Lengths by `Self.width` and, for Latin and Vietnamese text, words split by scalars: each scalar
        // is a character there, and breaking the text into grapheme clusters was most of the time a what-if
        // report spent wrapping its sentences.
        guard Self.width(text) > (firstWidth ?? width), width > 0 else { return [text] }
        let leading = String(text.prefix { $0 == " " })
        // The leading spaces are not a word either way: empty pieces are dropped.
        let words: [Substring] = text.unicodeScalars.allSatisfy(isOneCharacter)
            ? text.unicodeScalars.split(separator: " ").map(Substring.init)
            : text.dropFirst(leading.count).split(separator: " ")
        var lines: [String] = []
        var current = leading
        var lineHasWords = false
        func limit() -> Int { lines.isEmpty ? firstWidth ?? width : width }
        for whole in words {
            var word = whole
            if Self.width(current) + (lineHasWords ? 1 : 0) + Self.width(word) <= limit() {
                current += lineHasWords ? " " + word : word
                lineHasWords = true
                continue
            }
            if lineHasWords { lines.append(current) }
            while Self.width(word) > limit() {
                let n = limit()
                lines.append(String(word.prefix(n)))
                word = word.dropFirst(n)
            }
            current = String(word)
            lineHasWords = !word.isEmpty
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [text] : lines
    }

    /// A paragraph in lines of at most `width` characters: the first line starts with `first`, the
    /// others with `rest` (a hanging indent under a bullet).
    static func paragraph(_ text: String, first: String, rest: String, width: Int = TextTable.maxWidth) -> [String] {
        let lines = wrap(text, width: max(20, width - rest.count), firstWidth: max(20, width - first.count))
        return lines.enumerated().map { k, line in (k == 0 ? first : rest) + line }
    }
}
