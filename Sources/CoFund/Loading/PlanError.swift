/// A problem with an input file, located precisely enough for a planner to fix it.
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    /// The field, as a path from the top of the file (`projects[2].need`), or empty for the whole file.
    public var field: String
    public var message: String

    public init(_ location: SourceLocation, field: String, _ message: String) {
        self.location = location
        self.field = field
        self.message = message
    }

    public var description: String {
        field.isEmpty ? "\(location): \(message)" : "\(location): \(field): \(message)"
    }
}

/// Several problems found in one pass, so a planner can fix them all at once.
public struct PlanErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [PlanError]

    public init(_ errors: [PlanError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
