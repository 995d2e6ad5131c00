import Foundation

/// Words and number formats for one report language. Vietnamese writes 4.978 and 229,3; English
/// writes 4,978 and 229.3.
public struct Localizer: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    private var locale: Locale { Locale(identifier: language == .vi ? "vi_VN" : "en_US") }

    func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    /// A message in this language: its catalogue template with each {n} replaced by argument n. The
    /// template is scanned by its UTF-8 bytes ("{" and "}" are ASCII): scanning by characters broke the
    /// whole text into grapheme clusters, for every message of a report.
    public func text(_ message: Message) -> String { filled(message.key.template(language), message.arguments) }

    func filled(_ template: String, _ arguments: [MessageArgument]) -> String {
        let bytes = template.utf8
        var out = ""
        var copied = bytes.startIndex
        var scan = copied
        while let open = bytes[scan...].firstIndex(of: UInt8(ascii: "{")) {
            let afterOpen = bytes.index(after: open)
            scan = afterOpen
            guard let close = bytes[afterOpen...].firstIndex(of: UInt8(ascii: "}")),
                  let n = Int(Substring(bytes[afterOpen..<close])), n >= 1, n <= arguments.count
            else { continue }
            out += template[copied..<open]
            out += argument(arguments[n - 1])
            copied = bytes.index(after: close)
            scan = copied
        }
        return out + template[copied...]
    }

    public func text(_ key: MessageKey) -> String { text(Message(key)) }

    /// One placeholder's value, written the way this language writes it.
    public func argument(_ argument: MessageArgument) -> String {
        switch argument {
        case .text(let text): Self.displayed(text)
        case .localized(let text): Self.displayed(text.text(language), limit: Self.writtenTextLimit)
        case .amount(let value): amount(value)
        case .number(let value): number(value)
        case .integer(let value): String(value)
        case .percent(let ratio): percent(ratio)
        case .message(let message): text(message)
        case .list(let messages): messages.map { text($0) }.joined(separator: ", ")
        }
    }

    /// The longest name or note from a plan a report shows whole: a note is content, a value quoted back
    /// in an error is not.
    public static let writtenTextLimit = 2000

    /// Text from a file as a message may show it: control characters escaped (a message never moves the
    /// terminal's cursor or rings it), and anything past `limit` characters (200 unless told) cut.
    public static func displayed(_ text: String, limit: Int = 200) -> String {
        // Most texts (names, codes) need nothing: one scan says so.
        var count = 0
        var plain = true
        for scalar in text.unicodeScalars {
            count += 1
            if count > limit || Self.escapedOnDisplay(scalar.value) {
                plain = false
                break
            }
        }
        if plain { return text }
        var shown = ""
        count = 0
        for scalar in text.unicodeScalars {
            if count == limit { return shown + "…" }
            count += 1
            switch scalar {
            case "\0": shown += "\\0"
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            case _ where Self.escapedOnDisplay(scalar.value):
                shown += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// What a message never shows as it is: control characters (C0, DEL, C1), which move the cursor or ring
    /// the terminal; the line and paragraph separators U+2028 and U+2029, which break a line where none
    /// seems to be; and the bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to
    /// U+2069), which reorder the text around them so a message reads other than it is.
    @inline(__always)
    static func escapedOnDisplay(_ v: UInt32) -> Bool {
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        guard v >= 0x061C, v <= 0x2069 else { return false }
        return v == 0x061C || v == 0x200E || v == 0x200F || v == 0x2028 || v == 0x2029 || (0x202A...0x202E).contains(v) || v >= 0x2066
    }

    /// An amount of money, to one decimal where it has one.
    public func amount(_ value: Double) -> String {
        let cleaned = abs(value) < Tolerances.printedZero ? 0 : value
        if let whole = whole(cleaned) { return whole }
        return cleaned.formatted(.number.locale(locale).precision(.fractionLength(0...1)))
    }

    /// A whole number as the formatter writes it in this language (digits in threes, "." in Vietnamese and
    /// "," in English), without the formatter: whole amounts are most of what a report prints, and
    /// Foundation's number formatting was a fifth of a national report's text. Nil for anything else
    /// (a fraction, −0, beyond 10¹⁵), which goes to the formatter.
    func whole(_ value: Double) -> String? {
        guard value == value.rounded(.towardZero), abs(value) < 1e15, !(value == 0 && value.sign == .minus) else { return nil }
        let separator: UInt8 = language == .vi ? UInt8(ascii: ".") : UInt8(ascii: ",")
        var magnitude = Int64(value).magnitude
        var reversed: [UInt8] = []
        reversed.reserveCapacity(24)
        var digits = 0
        repeat {
            if digits > 0 && digits % 3 == 0 { reversed.append(separator) }
            reversed.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
            digits += 1
        } while magnitude > 0
        if value < 0 { reversed.append(UInt8(ascii: "-")) }
        return String(decoding: reversed.reversed(), as: UTF8.self)
    }

    /// A figure as a file writes it ("2.56", "2348", "-0.50") in this language's format, its decimals kept as
    /// written: a Vietnamese reader takes "2.56" for two hundred and fifty-six. Anything else is shown as is.
    public func written(_ figure: String) -> String {
        guard figure.range(of: #"^-?[0-9]{1,15}(\.[0-9]+)?$"#, options: .regularExpression) != nil else { return Self.displayed(figure) }
        let negative = figure.hasPrefix("-")
        let parts = figure.dropFirst(negative ? 1 : 0).split(separator: ".", omittingEmptySubsequences: false)
        guard let integer = Double(parts[0]), let grouped = whole(integer) else { return Self.displayed(figure) }
        let decimals = parts.count > 1 ? (language == .vi ? "," : ".") + parts[1] : ""
        return (negative ? "-" : "") + grouped + decimals
    }

    /// A number with up to `digits` decimals (shadow prices, weights).
    public func number(_ value: Double, digits: Int = 4) -> String {
        if value == .infinity { return "+∞" }
        if value == -.infinity { return "-∞" }
        let cleaned = abs(value) < Tolerances.printedZeroNumber ? 0 : value
        if let whole = whole(cleaned) { return whole }
        // A figure a plan may state below 0.00005 (a ratio or weight of one in a million) keeps two significant
        // digits: at four decimals a sweep from 0 to 0.000001 read "from 0 to 0".
        var digits = digits
        let magnitude = abs(cleaned)
        if magnitude >= NumericLimits.smallestRatio, magnitude < 0.5 * pow(10, -Double(digits)) {
            digits = min(12, Int((-log10(magnitude)).rounded(.down)) + 2)
        }
        return cleaned.formatted(.number.locale(locale).precision(.fractionLength(0...digits)))
    }

    /// A range of amounts (or, with `plain`, of numbers): "258.6 to 508.6", "258,6 đến 508,6"; an
    /// unlimited end is ±∞. Words, not "[a, b]", because a Vietnamese decimal comma makes "[258,6, 508,6]"
    /// ambiguous.
    public func range(_ lower: Double?, _ upper: Double?, plain: Bool = false) -> String {
        func format(_ value: Double) -> String { plain ? number(value) : amount(value) }
        let from = lower.map(format) ?? "-∞"
        let to = upper.map(format) ?? "+∞"
        return "\(from) \(t("đến", "to")) \(to)"
    }

    public func percent(_ ratio: Double) -> String {
        ratio.formatted(.percent.locale(locale).precision(.fractionLength(0...2)))
    }
}
