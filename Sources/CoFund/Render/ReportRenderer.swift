import Foundation

/// Output formats of `cofund solve`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, csv, markdown
}

/// Renders a `SolveReport`; the report is data, and each format is a separate, swappable renderer.
public enum ReportRenderer {
    public static func render(_ report: SolveReport, format: ReportFormat) throws -> String {
        switch format {
        case .text: TextReportRenderer(report).render()
        case .markdown: MarkdownReportRenderer(report).render()
        case .csv: CSVReportRenderer(report).render()
        case .json: try jsonString(report)
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

/// What the text and Markdown renderers share: the report's language and its number formats.
protocol LocalizedRendering {
    var words: Localizer { get }
}

extension LocalizedRendering {
    func t(_ vi: String, _ en: String) -> String { words.t(vi, en) }
    /// An amount, or a dash when there is none.
    func amount(_ value: Double?) -> String { value.map(words.amount) ?? "—" }
}

extension Localizer {
    /// The localizer for the language a report was built in.
    init(_ report: SolveReport) { self.init(Language(rawValue: report.language) ?? .en) }
}
