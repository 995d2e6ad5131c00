/// Why a linear program cannot be handed to a solver. Every case names the offending row or column.
public enum LinearProgramError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case row, column, problem, objective }

    case emptyName(kind: Kind, index: Int)
    case nameTooLong(kind: Kind, name: String, bytes: Int, limit: Int)
    case nameHasControlCharacter(kind: Kind, name: String)
    case duplicateName(kind: Kind, name: String)
    case notFinite(kind: Kind, name: String, field: String, value: Double)
    case invertedBounds(kind: Kind, name: String, lower: Double, upper: Double)
    case infiniteBoundOnWrongSide(kind: Kind, name: String, field: String)
    case columnIndexOutOfRange(row: String, column: Int, columnCount: Int)
    case duplicateTerm(row: String, column: String)
    case tooLarge(kind: Kind, count: Int, limit: Int)
    /// A finite bound of an integer column beyond ±`limit` (2^53), where doubles no longer hold every integer.
    case integerBoundTooLarge(column: String, field: String, value: Double, limit: Double)

    public var description: String {
        switch self {
        case .emptyName(let kind, let index):
            "\(kind.rawValue) \(index + 1) has no name; every row and column needs one"
        case .nameTooLong(let kind, let name, let bytes, let limit):
            "\(kind.rawValue) name '\(name.prefix(40))…' is \(bytes) bytes long; at most \(limit) are allowed"
        case .nameHasControlCharacter(let kind, let name):
            "\(kind.rawValue) name \(name.debugDescription) contains a control character"
        case .duplicateName(let kind, let name):
            "\(kind.rawValue) name '\(name)' is used twice"
        case .notFinite(let kind, let name, let field, let value):
            "\(kind.rawValue) '\(name)': \(field) is \(value); a finite number is required"
        case .invertedBounds(let kind, let name, let lower, let upper):
            "\(kind.rawValue) '\(name)': lower bound \(lower) is above upper bound \(upper)"
        case .infiniteBoundOnWrongSide(let kind, let name, let field):
            "\(kind.rawValue) '\(name)': \(field) is an infinity pointing the wrong way"
        case .columnIndexOutOfRange(let row, let column, let count):
            "row '\(row)' refers to column \(column), but the program has \(count) columns"
        case .duplicateTerm(let row, let column):
            "row '\(row)' lists column '\(column)' twice"
        case .tooLarge(let kind, let count, let limit):
            "\(count) \(kind.rawValue)s is more than the solver can take (\(limit))"
        case .integerBoundTooLarge(let column, let field, let value, let limit):
            "integer column '\(column)': \(field) \(value) is beyond ±\(Int64(exactly: limit).map(String.init) ?? "\(limit)"), "
                + "where not every integer is a floating-point number; leave the bound out (infinite) or bring it within that"
        }
    }
}
