/// How the human formats (text, Markdown) write a typed cell in the reader's language.
struct CellWriting {
    let words: Localizer

    func text(_ cell: ReportCell) -> String {
        switch cell {
        case .empty: ""
        case .none: "—"
        case .absent(let message): words.text(message)
        case .written(let figure): words.written(figure)
        case .code(let code, let depth): String(repeating: "  ", count: depth) + Localizer.displayed(code)
        case .text(let text): Localizer.displayed(text)
        case .localized(let text): Localizer.displayed(text.text(words.language), limit: Localizer.writtenTextLimit)
        case .amount(let value, let zeroAs, let mark):
            (value == 0 && zeroAs != nil ? zeroAs! : words.amount(value)) + (mark ?? "")
        case .number(let value): words.number(value)
        case .integer(let value): String(value)
        case .percent(let ratio): words.percent(ratio)
        case .bool(let value): words.text(value ? .yes : .no)
        case .message(let message): words.text(message)
        case .range(let range): self.range(range)
        }
    }

    /// "258.6 to 508.6; below: the ceiling (need) of DA1; above: …".
    func range(_ range: ReportRange) -> String {
        var parts = [words.range(range.lower, range.upper, plain: range.plain)]
        // A weight's range says over what weights the allocation stays; what limits it is for --detail.
        guard !range.plain else { return parts[0] }
        if let lower = range.lowerLimit { parts.append(words.text(Message(.rangeBelow, .message(lower)))) }
        if let upper = range.upperLimit { parts.append(words.text(Message(.rangeAbove, .message(upper)))) }
        return parts.joined(separator: "; ")
    }

    /// "By budget level: central 2,000 · province 700".
    func fact(_ fact: ReportFact) -> String {
        words.text(fact.label) + ": " + fact.parts.map { "\(words.text($0.label)) \(text($0.value))" }.joined(separator: " · ")
    }

    /// The columns a person reads (data-only columns are for JSON and CSV).
    static func shown(_ table: ReportTable) -> [Int] {
        table.columns.indices.filter { table.columns[$0].visibility == .always }
    }
}
