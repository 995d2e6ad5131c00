import Foundation

/// Output formats of every command.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, csv, markdown
}

/// Renders any `Report` in any format and language: the report is data, each format a separate renderer,
/// and the words are chosen here, at render time.
public enum ReportRenderer {
    public static func render(_ report: Report, format: ReportFormat, language: Language) throws -> String {
        let words = Localizer(language)
        switch format {
        case .text: return TextRenderer(report: report, words: words).render()
        case .markdown: return MarkdownRenderer(report: report, words: words).render()
        case .csv: return CSVRenderer(report: report, words: words).render()
        case .json: return try JSONRenderer(report: report, words: words).render()
        }
    }

    /// Stable JSON: sorted keys, pretty-printed, no escaped slashes.
    public static func jsonString<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
