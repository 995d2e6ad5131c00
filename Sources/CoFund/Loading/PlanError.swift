/// A problem with an input file, located precisely enough for a planner to fix it. The problem is a
/// catalogue message, so the command line says it in the reader's language.
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    /// The field, as a path from the top of the file (`projects[2].need`), or empty for the whole file.
    public var field: String
    public var message: Message

    public init(_ location: SourceLocation, field: String, _ message: Message) {
        self.location = location
        self.field = field
        self.message = message
    }

    public init(_ location: SourceLocation, field: String, _ key: MessageKey, _ arguments: MessageArgument...) {
        self.init(location, field: field, Message(key, arguments: arguments))
    }

    /// `file:line:col: field: message`, the message in `words`' language.
    public func text(_ words: Localizer) -> String {
        let message = words.text(self.message)
        return field.isEmpty ? "\(location): \(message)" : "\(location): \(field): \(message)"
    }

    /// The error as a message: each quoted value is cut where it is long (`Localizer.displayed`), never the
    /// message as a whole.
    public var located: Message {
        field.isEmpty ? Message(.definition, .text("\(location)"), .message(message))
            : Message(.locatedProblem, .text("\(location)"), .text(field), .message(message))
    }

    /// English, for logs and test failures; the command line renders `text(_:)` in the reader's language.
    public var description: String { text(Localizer(.en)) }
}

/// Several problems found in one pass, so a planner can fix them all at once.
public struct PlanErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [PlanError]

    public init(_ errors: [PlanError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
