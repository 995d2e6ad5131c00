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
    static func width(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count
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

    func render(indent: String = "  ") -> String {
        // Each cell measured once: for the widths, for the wrap, for the padding.
        let headerCounts = headers.map(Self.width)
        let rowCounts = rows.map { $0.map(Self.width) }
        let widths = widths(indent: indent.count, counts: headerCounts, rowCounts)
        var out = ""
        /// One row's lines, each without trailing spaces.
        func write(_ cells: [String], _ counts: [Int]) {
            let wrapped: [[String]?] = cells.enumerated().map { k, cell in
                k < widths.count && !rightAligned.contains(k) && counts[k] > widths[k] ? Self.wrap(cell, width: widths[k]) : nil
            }
            let height = wrapped.map { $0?.count ?? 1 }.max() ?? 1
            for line in 0..<height {
                var text = indent
                for (k, cell) in cells.enumerated() {
                    if k > 0 { text += "  " }
                    let part: String, width: Int
                    if let parts = wrapped[k] {
                        part = line < parts.count ? parts[line] : ""
                        width = Self.width(part)
                    } else {
                        (part, width) = line == 0 ? (cell, counts[k]) : ("", 0)
                    }
                    let pad = k < widths.count ? max(0, widths[k] - width) : 0
                    let padding = String(repeating: " ", count: pad)
                    if rightAligned.contains(k) { text += padding + part } else { text += part + padding }
                }
                while text.last == " " { text.removeLast() }
                if !out.isEmpty { out += "\n" }
                out += text
            }
        }
        write(headers, headerCounts)
        var rule = indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        while rule.last == " " { rule.removeLast() }
        out += "\n" + rule
        for (row, counts) in zip(rows, rowCounts) { write(row, counts) }
        return out
    }

    static func longestWord(_ text: String) -> Int {
        text.split(separator: " ").map(\.count).max() ?? 0
    }

    /// `text` in lines of at most `width` characters, broken at spaces; a word longer than a line is cut.
    /// The leading spaces of an indented cell (a sub-project's code) are kept on its first line.
    static func wrap(_ text: String, width: Int, firstWidth: Int? = nil) -> [String] {
        guard text.count > (firstWidth ?? width), width > 0 else { return [text] }
        let leading = String(text.prefix { $0 == " " })
        var lines: [String] = []
        var current = leading
        func limit() -> Int { lines.isEmpty ? firstWidth ?? width : width }
        for word in text.dropFirst(leading.count).split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            let separator = current.isEmpty || current == leading ? "" : " "
            if current.count + separator.count + word.count <= limit() {
                current += separator + word
                continue
            }
            if !current.isEmpty && current != leading { lines.append(current) }
            current = ""
            while word.count > limit() {
                let n = limit()
                lines.append(String(word.prefix(n)))
                word = word.dropFirst(n)
            }
            current = String(word)
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
