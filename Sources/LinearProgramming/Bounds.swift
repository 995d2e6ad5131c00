/// The interval a row activity or a column value must lie in.
///
/// Infinite ends are `-Double.infinity` / `+Double.infinity`; every solver layer maps them to its own
/// representation (GLPK bound types FR, LO, UP, DB, FX) in one place.
public struct Bounds: Sendable, Equatable, Hashable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double = -.infinity, upper: Double = .infinity) {
        self.lower = lower
        self.upper = upper
    }

    public static let free = Bounds()
    public static let nonNegative = Bounds(lower: 0)
    public static func atLeast(_ value: Double) -> Bounds { Bounds(lower: value) }
    public static func atMost(_ value: Double) -> Bounds { Bounds(upper: value) }
    public static func exactly(_ value: Double) -> Bounds { Bounds(lower: value, upper: value) }
    public static func between(_ lower: Double, _ upper: Double) -> Bounds { Bounds(lower: lower, upper: upper) }

    public var isFree: Bool { lower == -.infinity && upper == .infinity }
    public var isFixed: Bool { lower == upper }
    public var hasFiniteLower: Bool { lower.isFinite }
    public var hasFiniteUpper: Bool { upper.isFinite }

    /// Whether `value` lies in the interval, allowing `tolerance` outside either end.
    public func contains(_ value: Double, tolerance: Double = 0) -> Bool {
        value >= lower - tolerance && value <= upper + tolerance
    }

    /// How far `value` lies outside the interval (0 when inside).
    public func violation(of value: Double) -> Double {
        if value < lower { return lower - value }
        if value > upper { return value - upper }
        return 0
    }
}

// JSON has no infinity: an infinite end is written as null (or left out), a finite one as a number.
// Only the infinity an end naturally has (-inf below, +inf above) may be null: an invalid +inf lower or
// -inf upper end is written as "+inf" / "-inf", and NaN as itself (which JSONEncoder refuses), so that a
// round trip can never turn an invalid bound into a valid free one.
extension Bounds: Codable {
    private enum CodingKeys: String, CodingKey { case lower, upper }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lower = try container.isAbsentOrNull(.lower) ? -.infinity : container.decodeInfinite(.lower)
        upper = try container.isAbsentOrNull(.upper) ? .infinity : container.decodeInfinite(.upper)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch lower {
        case -.infinity: try container.encodeNil(forKey: .lower)
        case .infinity: try container.encode("+inf", forKey: .lower)
        default: try container.encode(lower, forKey: .lower)
        }
        switch upper {
        case .infinity: try container.encodeNil(forKey: .upper)
        case -.infinity: try container.encode("-inf", forKey: .upper)
        default: try container.encode(upper, forKey: .upper)
        }
    }
}

extension KeyedDecodingContainer {
    /// True when `key` is missing or null.
    fileprivate func isAbsentOrNull(_ key: Key) throws -> Bool {
        try !contains(key) || decodeNil(forKey: key)
    }
}
