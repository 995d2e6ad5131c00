/// The budget level a source of money belongs to.
public enum BudgetLevel: String, Sendable, Codable, CaseIterable, Hashable {
    case central, province, district, commune, other

    /// Local budgets are the ones counterpart rules count (province, district, commune).
    public var isLocal: Bool { self == .province || self == .district || self == .commune }

    /// The level's name inside a source's name ("Ngân sách tỉnh", "Provincial budget").
    var vietnameseName: String {
        switch self {
        case .central: "trung ương"
        case .province: "tỉnh"
        case .district: "huyện"
        case .commune: "xã"
        case .other: "khác"
        }
    }

    var englishName: String {
        switch self {
        case .central: "Central"
        case .province: "Provincial"
        case .district: "District"
        case .commune: "Commune"
        case .other: "Other"
        }
    }
}

/// Investment (vốn đầu tư phát triển, ĐTPT) and recurrent (vốn sự nghiệp, SN) money never substitute
/// for each other.
public enum CapitalType: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case investment, recurrent

    public static func < (a: CapitalType, b: CapitalType) -> Bool { a.rawValue < b.rawValue }

    /// Short code used in LP names: `inv`, `rec`.
    public var code: String { self == .investment ? "inv" : "rec" }
}

/// Where a plan, rule set or value came from, for error messages and reports.
public struct SourceLocation: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        if line <= 0 { return file }  // the file as a whole (missing, unreadable)
        return column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)"
    }
}

/// Where each field of an item was written, so that a check made after reading (an unknown source named
/// in a rule, say) can point at the very line that holds the bad value.
public struct FieldOrigins: Sendable, Equatable, Hashable, Codable {
    /// The item's path from the top of its file, e.g. `rules[2]`.
    public var path: String
    public var fields: [String: SourceLocation]

    public init(path: String = "", fields: [String: SourceLocation] = [:]) {
        self.path = path
        self.fields = fields
    }

    public func location(_ field: String, or fallback: SourceLocation) -> SourceLocation { fields[field] ?? fallback }
    public func field(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }
}

/// A text in Vietnamese with an optional English rendering.
public struct LocalizedText: Sendable, Equatable, Hashable, Codable {
    public var vi: String
    public var en: String?

    public init(vi: String, en: String? = nil) {
        self.vi = vi
        self.en = en
    }

    public func text(_ language: Language) -> String {
        switch language {
        case .vi: vi
        case .en: en ?? vi
        }
    }
}

/// Report languages.
public enum Language: String, Sendable, CaseIterable, Codable {
    case vi, en
}
