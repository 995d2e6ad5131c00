import Foundation
import Testing
@testable import CoFund

/// The JSON writer against Foundation's JSONEncoder (pretty, sorted keys, slashes as they are), the
/// encoder reports were written with before: the same bytes for generated documents with every kind of
/// value, key order, escape and number the writer handles. (ReadmeExampleTests compares the two on the
/// real report of every command.)
@Suite("JSON writer: the bytes Foundation's encoder writes")
struct JSONWriterTests {
    /// A seeded SplitMix64, so a failure is the same document on every run.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
    }

    static let pieces = ["a", "B", "z", "_", "-", "0", "9", "10", "/", "\"", "\\", "\n", "\t", "\r", "\u{08}", "\u{0C}", "\u{01}",
                         "\u{1F}", "\u{7F}", " ", "đ", "Đ", "ệ", "Việt", "xã", "\u{2028}", "😀", "e\u{0301}", "", "%", "'"]
    static let numbers: [Double] = [0, -0.0, 1, -1, 0.5, 0.1, 1.0 / 3, 2_293, 2_292.7, 1e-7, 1e-300, 4.9e-324, 1e15, 1e15 - 1,
                                    999_999_999_999_999.5, 9_007_199_254_740_993, 1e21, -1e21, 123_456.789, 0.0001,
                                    .nan, .infinity, -.infinity, Double.greatestFiniteMagnitude]

    static func text(_ g: inout Generator) -> String { (0..<g.below(5)).map { _ in g.pick(pieces) }.joined() }

    static func value(_ g: inout Generator, depth: Int) -> JSONValue {
        switch depth > 3 ? g.below(4) : g.below(7) {
        case 0: return .null
        case 1: return .bool(g.below(2) == 0)
        case 2: return .number(g.below(3) == 0 ? Double(Int64(bitPattern: g.next()) >> 20) / 1024 : g.pick(numbers))
        case 3: return .string(text(&g))
        case 4: return .array((0..<g.below(4)).map { _ in value(&g, depth: depth + 1) })
        case 5:
            // A table: objects sharing their keys, made as they are written.
            var keys: [String] = []
            for _ in 0..<g.below(5) {
                let key = text(&g)
                if !keys.contains(key) { keys.append(key) }
            }
            let rows = (0..<g.below(4)).map { _ in keys.map { _ in value(&g, depth: depth + 2) } }
            return .table(keys: keys, count: rows.count) { rows[$0] }
        default:
            var object: [String: JSONValue] = [:]
            for _ in 0..<g.below(5) { object[text(&g)] = value(&g, depth: depth + 1) }
            return .object(object)
        }
    }

    @Test func generatedDocumentsAreWrittenAsTheEncoderWritesThem() throws {
        var g = Generator(state: 2026)
        for _ in 0..<2_000 {
            let document = Self.value(&g, depth: 0)
            let expected = try ReportRenderer.jsonString(document)
            let written = document.serialized()
            // Bytes, not String ==, which takes a decomposed letter for a composed one.
            #expect(Array(written.utf8) == Array(expected.utf8))
            if Array(written.utf8) != Array(expected.utf8) { return }
        }
    }

    @Test func everyNumberIsWrittenAsTheEncoderWritesIt() throws {
        var g = Generator(state: 7)
        let random = (0..<5_000).map { _ in Double(bitPattern: g.next()) }
        for number in Self.numbers + random {
            #expect(JSONValue.array([.number(number)]).serialized() == (try ReportRenderer.jsonString(JSONValue.array([.number(number)]))), "\(number)")
        }
    }
}
