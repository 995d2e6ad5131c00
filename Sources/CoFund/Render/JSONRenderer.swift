/// Any report as JSON: the stable, language-free form for programs. Tables become lists of objects keyed
/// by column id, with numbers as numbers; the only language-dependent values are the texts it carries on
/// purpose, each beside its message key (`{"key": "status.solved", "text": "…"}`).
struct JSONRenderer {
    let report: Report
    let words: Localizer
    /// Threads for a large table's rows (the bytes do not depend on it).
    var threads = 1

    func write(to stream: ReportStream) { document().write(to: stream, threads: threads) }

    /// The report as a JSON document.
    func document() -> JSONValue {
        var top: [String: JSONValue] = [
            "command": .string(report.command), "status": .string(report.status), "language": .string(words.language.rawValue),
            "headline": message(report.headline),
            "sections": .array(report.sections.map(section)),
        ]
        if let plan = report.plan {
            top["plan"] = .object([
                "id": .string(plan.id), "place": .string(plan.place.text(words.language)), "level": .string(plan.level.rawValue),
                "year": .number(Double(plan.year)), "unit": .string(plan.unit), "ruleSet": .string(plan.ruleSet),
                "tier": plan.tier.map(JSONValue.string) ?? .null,
            ])
        }
        return JSONValue.object(top)
    }

    private func message(_ message: Message) -> JSONValue {
        .object(["key": .string(message.key.rawValue), "text": .string(words.text(message))])
    }

    private func section(_ section: ReportSection) -> JSONValue {
        var object: [String: JSONValue] = ["id": .string(section.id), "title": message(section.title)]
        var tables: [JSONValue] = [], items: [JSONValue] = [], facts: [JSONValue] = [], paragraphs: [JSONValue] = []
        for block in section.blocks {
            switch block {
            case .table(let table):
                // Rows are made as they are written (`.table`): a country's table is never held as JSON.
                func rows(_ rows: [[ReportCell]]) -> JSONValue {
                    .table(keys: table.columns.map(\.id), count: rows.count) { k in rows[k].map(value) }
                }
                tables.append(.object(["id": .string(table.id), "rows": rows(table.rows), "totals": rows(table.footer)]))
            case .items(let list): items += list.map(message)
            case .facts(let list):
                // `values` by id for programs; `parts` in the report's order (budget levels central, province,
                // district, commune, other), which the sorted keys of an object cannot keep.
                facts += list.map { fact in
                    .object(["id": .string(fact.id), "label": message(fact.label),
                             "values": .object(Dictionary(uniqueKeysWithValues: fact.parts.map { ($0.id, value($0.value)) })),
                             "parts": .array(fact.parts.map { .object(["id": .string($0.id), "label": message($0.label), "value": value($0.value)]) })])
                }
            case .paragraph(let text): paragraphs.append(message(text))
            }
        }
        if !tables.isEmpty { object["tables"] = .array(tables) }
        if !items.isEmpty { object["items"] = .array(items) }
        if !facts.isEmpty { object["facts"] = .array(facts) }
        if !paragraphs.isEmpty { object["paragraphs"] = .array(paragraphs) }
        return .object(object)
    }

    private func value(_ cell: ReportCell) -> JSONValue {
        switch cell {
        case .empty, .none, .absent: .null
        case .code(let code, _): .string(code)
        case .text(let text), .written(let text): .string(text)
        case .localized(let text): .string(text.text(words.language))
        case .amount(let value, _, _), .number(let value), .percent(let value): .number(value)
        case .integer(let value): .number(Double(value))
        case .bool(let value): .bool(value)
        case .message(let text): message(text)
        case .range(let range):
            .object([
                "lower": range.lower.map(JSONValue.number) ?? .null, "upper": range.upper.map(JSONValue.number) ?? .null,
                "lowerLimit": range.lowerLimitName.map(JSONValue.string) ?? .null,
                "upperLimit": range.upperLimitName.map(JSONValue.string) ?? .null,
                "lowerLimitText": range.lowerLimit.map { .string(words.text($0)) } ?? .null,
                "upperLimitText": range.upperLimit.map { .string(words.text($0)) } ?? .null,
            ])
        }
    }
}

/// A JSON document built in code, written with sorted keys so the bytes never depend on hashing
/// (`serialized()`; `Encodable` too, which a test uses to check the writer against Foundation's encoder).
enum JSONValue: Encodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    /// An array of `count` objects sharing `keys`, the values of each made by `cells` when it is written.
    case table(keys: [String], count: Int, cells: @Sendable (Int) -> [JSONValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            // Whole numbers print without ".0", as JSONEncoder prints integers.
            if value == value.rounded(), abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let values): try container.encode(values)
        case .table(let keys, let count, let cells):
            try container.encode((0..<count).map { k in JSONValue.object(Dictionary(uniqueKeysWithValues: zip(keys, cells(k)))) })
        }
    }
}
