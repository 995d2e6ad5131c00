/// What kind of area a row is, as the distribution rules name them: its zone (khu vực I, II, III) and the
/// flags a coefficient or a project's reach depends on. The raw values are the words rule sets and plans
/// use (`when: [zone-III, border]`); `column` is the area table's column that holds the flag.
public enum AreaClass: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case zoneI = "zone-I", zoneII = "zone-II", zoneIII = "zone-III"
    /// A commune of a poor district (huyện nghèo), 2021-2025.
    case poorDistrict = "poor-district"
    /// An extremely difficult commune (xã đặc biệt khó khăn).
    case extremelyDifficult = "extremely-difficult"
    case border, island
    /// A commune of the revolutionary safe zone (an toàn khu).
    case safeZone = "safe-zone"
    /// A special zone (đặc khu), the island units of the 2025 reorganisation.
    case specialZone = "special-zone"

    /// The flag's column in an area table; the zones share one column, `zone`.
    public var column: String {
        switch self {
        case .zoneI, .zoneII, .zoneIII: AreaColumns.zone
        default: rawValue.replacingOccurrences(of: "-", with: "_")
        }
    }

    public static let zones: [AreaClass] = [.zoneI, .zoneII, .zoneIII]
    static let flags: [AreaClass] = allCases.filter { !zones.contains($0) }

    /// The zone a `zone` cell names: `I`, `II` or `III`, upper or lower case.
    static func zone(_ text: String) -> AreaClass? {
        switch text.uppercased() {
        case "I": .zoneI
        case "II": .zoneII
        case "III": .zoneIII
        default: nil
        }
    }

    /// A flag cell: yes or no in the spellings spreadsheets use; nil when it is neither.
    static func flagValue(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "x", "yes", "true", "có", "co": true
        case "0", "no", "false", "không", "khong", "-": false
        default: nil
        }
    }

    public static func < (a: AreaClass, b: AreaClass) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
