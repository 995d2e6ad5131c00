import Foundation

/// Output formats of every command.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, csv, markdown
}

/// Renders any `Report` in any format and language: the report is data, each format a separate renderer,
/// and the words are chosen here, at render time.
public enum ReportRenderer {
    public static func render(_ report: Report, format: ReportFormat, language: Language) throws -> String {
        let stream = ReportStream.collecting()
        write(report, format: format, language: language, to: stream)
        return stream.text
    }

    /// Writes the report into `stream` as it is rendered (a national table goes out block by block); the
    /// caller finishes the stream. The rows of a large table are made on up to `threads` threads, in
    /// chunks written in order: the bytes are the same on any number.
    public static func write(_ report: Report, format: ReportFormat, language: Language, to stream: ReportStream, threads: Int = 1) {
        let words = Localizer(language)
        switch format {
        case .text: TextRenderer(report: report, words: words, threads: threads).write(to: stream)
        case .markdown: MarkdownRenderer(report: report, words: words).write(to: stream)
        case .csv: CSVRenderer(report: report, words: words).write(to: stream)
        case .json: JSONRenderer(report: report, words: words, threads: threads).write(to: stream)
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
