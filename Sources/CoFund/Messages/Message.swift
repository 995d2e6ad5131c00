/// Something CoFund says, without a language: a key into the message catalogue and the values to put
/// in its placeholders. Reports and errors carry messages; the words are chosen only when they are
/// rendered (`Localizer.text(_:)`), so one report renders in Vietnamese or English and the JSON form
/// stays language-free.
public struct Message: Sendable, Equatable, Hashable, Codable {
    public var key: MessageKey
    public var arguments: [MessageArgument]

    public init(_ key: MessageKey, _ arguments: MessageArgument...) {
        self.key = key
        self.arguments = arguments
    }

    public init(_ key: MessageKey, arguments: [MessageArgument]) {
        self.key = key
        self.arguments = arguments
    }
}

/// A value in a message's placeholder, formatted by the reader's language when rendered.
public indirect enum MessageArgument: Sendable, Equatable, Hashable, Codable {
    /// Shown as it is, with control characters escaped: codes, ids, file paths, values quoted back.
    case text(String)
    /// A name the plan gives in Vietnamese and perhaps English.
    case localized(LocalizedText)
    /// An amount of money in the plan's unit: 1.234,5 (vi) or 1,234.5 (en).
    case amount(Double)
    /// A plain number with up to four decimals.
    case number(Double)
    case integer(Int)
    /// A ratio shown as a percentage: 0.1 → 10%.
    case percent(Double)
    /// Another message, rendered in the same language (a reason inside a sentence).
    case message(Message)
    /// Several messages joined by the language's list separator.
    case list([Message])
}

extension Message: CustomStringConvertible {
    /// English, for logs and test failures; user-facing text goes through a `Localizer`.
    public var description: String { Localizer(.en).text(self) }
}
