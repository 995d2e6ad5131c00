import Yams

/// Typed, located access to a YAML mapping: every failure names the file, line and field path.
///
/// Unknown keys are reported too, since a misspelt field (`avaliable:`) would otherwise silently
/// leave an amount out.
struct MappingReader {
    /// The most entries one list may hold: every commune of the country (3,321) times every sub-project
    /// (about 20) fits; a million-entry list is a generated mistake that would take minutes to check.
    static let maximumListEntries = 100_000

    let file: String
    let path: String
    let location: SourceLocation
    private var entries: [String: (key: Node, value: Node)] = [:]
    private(set) var keyOrder: [String] = []

    init(_ node: Node, file: String, path: String) throws {
        self.file = file
        self.path = path
        location = Self.location(of: node, file: file)
        guard case .mapping(let mapping) = node else {
            throw PlanError(location, field: path, .planExpectedMapping, .message(Self.describe(node)))
        }
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw PlanError(Self.location(of: key, file: file), field: path, .planFieldNamesPlain)
            }
            let name = scalar.string
            if entries[name] != nil {
                throw PlanError(Self.location(of: key, file: file), field: Self.join(path, name), .planFieldTwice)
            }
            entries[name] = (key, value)
            keyOrder.append(name)
        }
    }

    static func location(of node: Node, file: String) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    static func describe(_ node: Node) -> Message {
        switch node {
        case .scalar(let scalar): scalar.string.isEmpty ? Message(.planFoundNothing) : quoted(scalar.string)
        case .mapping: Message(.planFoundMapping)
        case .sequence: Message(.planFoundList)
        case .alias: Message(.planFoundAlias)
        }
    }

    /// Text from the file quoted back: '…', cut at 40 characters.
    static func quoted(_ text: String) -> Message { Message(.planFoundText, .text(String(text.prefix(40)))) }

    func field(_ key: String) -> String { Self.join(path, key) }

    /// The location of every field of this mapping.
    var origins: FieldOrigins {
        FieldOrigins(path: path, fields: Dictionary(uniqueKeysWithValues: keyOrder.map { ($0, location($0)) }))
    }

    func has(_ key: String) -> Bool {
        guard let value = entries[key]?.value else { return false }
        return !Self.isNull(value)
    }

    func node(_ key: String) -> Node? {
        guard let value = entries[key]?.value, !Self.isNull(value) else { return nil }
        return value
    }

    func location(_ key: String) -> SourceLocation {
        if let value = entries[key]?.value, value.mark != nil { return Self.location(of: value, file: file) }
        if let key = entries[key]?.key { return Self.location(of: key, file: file) }
        return location
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        guard scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func error(_ key: String, _ message: MessageKey, _ arguments: MessageArgument...) -> PlanError {
        PlanError(location(key), field: field(key), Message(message, arguments: arguments))
    }

    /// Reports the first key that is not one of `allowed`.
    func rejectUnknownKeys(_ allowed: Set<String>) throws {
        for key in keyOrder where !allowed.contains(key) {
            let suggestion = allowed.sorted().joined(separator: ", ")
            throw PlanError(Self.location(of: entries[key]!.key, file: file), field: field(key),
                            .planUnknownField, .text(suggestion))
        }
    }

    // MARK: - Scalars

    func string(_ key: String) throws -> String? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let scalar) = node else { throw error(key, .planExpectedText, .message(Self.describe(node))) }
        return scalar.string
    }

    func requiredString(_ key: String) throws -> String {
        guard let value = try string(key), !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw PlanError(location(key), field: field(key), .planFieldRequired)
        }
        return value
    }

    /// An identifier: letters, digits, '.', '-', '_' (they appear in LP names and rule references).
    func identifier(_ key: String) throws -> String? {
        guard let value = try string(key) else { return nil }
        try Self.checkIdentifier(value, location: location(key), field: field(key))
        return value
    }

    func requiredIdentifier(_ key: String) throws -> String {
        guard let value = try identifier(key) else { throw PlanError(location(key), field: field(key), .planFieldRequired) }
        return value
    }

    static func checkIdentifier(_ value: String, location: SourceLocation, field: String) throws {
        let allowed = value.unicodeScalars.allSatisfy {
            ($0.value < 128 && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "." || $0 == "-" || $0 == "_"
        }
        guard !value.isEmpty, value.utf8.count <= 64, allowed, let first = value.unicodeScalars.first,
              first.properties.isAlphabetic
        else {
            throw PlanError(location, field: field,
                            .planInvalidId, .text(String(value.prefix(70))))
        }
    }

    /// A finite number. Quoted text is rejected: "4978" in quotes is a string, not an amount.
    func number(_ key: String) throws -> Double? {
        guard let node = node(key) else { return nil }
        return try Self.number(node, location: location(key), field: field(key))
    }

    static func number(_ node: Node, location: SourceLocation, field: String) throws -> Double {
        guard case .scalar(let scalar) = node else {
            throw PlanError(location, field: field, .planExpectedNumber, .message(describe(node)))
        }
        if scalar.style == .singleQuoted || scalar.style == .doubleQuoted {
            throw PlanError(location, field: field, .planQuotedNumber, .text(String(scalar.string.prefix(40))))
        }
        let text = scalar.string
        // `!!str 5` is text by the file's own word, as "5" in quotes is.
        if scalar.tag.rawValue == Tag.Name.str.rawValue, scalar.style == .plain || scalar.style == .any, Double(text) != nil {
            throw PlanError(location, field: field, .planQuotedNumber, .text(String(text.prefix(40))))
        }
        let lowered = text.lowercased()
        if ["nan", ".nan", "inf", ".inf", "+inf", "-inf", "+.inf", "-.inf", "infinity", "-infinity"].contains(lowered) {
            throw PlanError(location, field: field, .planExpectedFinite, .text(text))
        }
        guard let value = Double(text) else {
            if text.contains(",") || text.filter({ $0 == "." }).count > 1 {
                let digits = text.filter(\.isNumber)
                throw PlanError(location, field: field,
                                .planThousandsSeparators, .text(String(text.prefix(40))), .text(String(digits.prefix(20))), .text(String(text.prefix(40))))
            }
            throw PlanError(location, field: field, .planExpectedNumber, .message(quoted(text)))
        }
        guard value.isFinite else { throw PlanError(location, field: field, .planExpectedFinite, .text(text)) }
        // Only decimal numbers: Swift reads 0x10 as 16 and 0x1p-1 as 0.5, which no document writes.
        guard Self.isDecimal(text) else { throw PlanError(location, field: field, .planExpectedNumber, .message(quoted(text))) }
        return value
    }

    /// Digits with an optional sign, decimal point and exponent (`-12`, `0.15`, `.5`, `1e6`).
    static func isDecimal(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == 0x2B || bytes.first == 0x2D { bytes = bytes.dropFirst() }  // + -
        var mantissa = digits()
        if bytes.first == 0x2E { bytes = bytes.dropFirst(); mantissa += digits() }  // .
        guard mantissa > 0 else { return false }
        if bytes.first == 0x65 || bytes.first == 0x45 {  // e E
            bytes = bytes.dropFirst()
            if bytes.first == 0x2B || bytes.first == 0x2D { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// The largest amount accepted, in million VND (10¹⁶ VND).
    static let maximumAmount = 1e10

    /// A number as a planner would write it: 10, not 10.0.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// An amount of money: a finite, non-negative number; `unknown` (or absent) means not stated.
    func amount(_ key: String) throws -> Double? {
        guard let node = node(key) else { return nil }
        if case .scalar(let scalar) = node, scalar.string == "unknown", scalar.style == .plain || scalar.style == .any { return nil }
        return try Self.amount(node, location: location(key), field: field(key))
    }

    /// An amount as a document prints it, for `stated` and `totals`: negative figures are kept, because
    /// `check` reports a negative figure as a slip of the document rather than refusing the plan.
    func printedAmount(_ key: String) throws -> Double? {
        guard let node = node(key) else { return nil }
        return try Self.amount(node, location: location(key), field: field(key), allowNegative: true)
    }

    static func amount(_ node: Node, location: SourceLocation, field: String, allowNegative: Bool = false) throws -> Double {
        let value = try number(node, location: location, field: field)
        // Vietnamese documents write 4.179 for four thousand one hundred and seventy-nine; typed into YAML
        // it would silently become 4.179 million. Exactly three decimals is that trap: ask which is meant.
        // JSON files are written by programs, which do not use thousands separators.
        if !location.file.lowercased().hasSuffix(".json"), case .scalar(let scalar) = node, scalar.string.range(of: #"^[1-9]\d{0,2}\.\d{3}$"#, options: .regularExpression) != nil {
            let digits = scalar.string.replacingOccurrences(of: ".", with: "")
            throw PlanError(location, field: field,
                            .planVietnameseThousands, .text(scalar.string), .integer(Int(digits) ?? 0))
        }
        guard value >= 0 || allowNegative else { throw PlanError(location, field: field, .planNegativeAmount, .text(Self.plain(value))) }
        // Far above any budget (the state budget is about 2·10⁹ million VND a year), and large enough to
        // wreck the solver's arithmetic if let through: refuse it as a typing slip.
        guard abs(value) <= maximumAmount else {
            throw PlanError(location, field: field,
                            .planImplausibleAmount, .text(Self.plain(value)), .amount(maximumAmount))
        }
        return value
    }

    /// A ratio between 0 and 1 (10% is written 0.10).
    func ratio(_ key: String) throws -> Double? {
        guard let value = try number(key) else { return nil }
        guard value >= 0 && value <= 1 else {
            throw error(key, .planRatioRange, .text(Self.plain(value)))
        }
        return value
    }

    func bool(_ key: String) throws -> Bool? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else {
            throw error(key, .planExpectedBool, .message(Self.describe(node)))
        }
        switch scalar.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error(key, .planExpectedBool, .message(Self.quoted(scalar.string)))
        }
    }

    func int(_ key: String) throws -> Int? {
        guard let value = try number(key) else { return nil }
        guard value == value.rounded(), abs(value) < 1e9 else { throw error(key, .planExpectedWhole, .text(Self.plain(value))) }
        return Int(value)
    }

    /// A choice among fixed words.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let value = T(rawValue: text) else {
            let options = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(key, .planNotOneOf, .text(String(text.prefix(40))), .text(options))
        }
        return value
    }

    // MARK: - Structure

    func mapping(_ key: String) throws -> MappingReader? {
        guard let node = node(key) else { return nil }
        return try MappingReader(node, file: file, path: field(key))
    }

    /// The items of a list; a single item stands for a list of one.
    func list(_ key: String) throws -> [(node: Node, path: String, location: SourceLocation)] {
        guard let node = node(key) else { return [] }
        guard case .sequence(let sequence) = node else {
            throw error(key, .planExpectedList, .message(Self.describe(node)))
        }
        guard sequence.count <= Self.maximumListEntries else {
            throw error(key, .planListTooLong, .integer(sequence.count), .integer(Self.maximumListEntries))
        }
        return sequence.enumerated().map { index, item in
            (item, "\(field(key))[\(index)]", Self.location(of: item, file: file))
        }
    }

    /// A list of words, or a single word.
    func words(_ key: String) throws -> [String]? {
        guard let node = node(key) else { return nil }
        switch node {
        case .scalar(let scalar): return [scalar.string]
        case .sequence(let sequence):
            return try sequence.enumerated().map { index, item in
                guard case .scalar(let scalar) = item else {
                    throw PlanError(Self.location(of: item, file: file), field: "\(field(key))[\(index)]",
                                    .planExpectedWord, .message(Self.describe(item)))
                }
                return scalar.string
            }
        default:
            throw error(key, .planExpectedWords, .message(Self.describe(node)))
        }
    }

    /// A list of texts (or a single one), each plain or `{vi: …, en: …}` (free notes).
    func localizedTexts(_ key: String) throws -> [LocalizedText] {
        guard let node = node(key) else { return [] }
        switch node {
        case .scalar(let scalar): return [LocalizedText(vi: scalar.string)]
        case .mapping: return [try localized(key)].compactMap { $0 }
        default:
            return try list(key).map { item in
                if case .scalar(let scalar) = item.node { return LocalizedText(vi: scalar.string) }
                return try Self.localized(item.node, file: file, path: item.path)
            }
        }
    }

    /// `{vi: …, en: …}` as a node of its own (an item of a list).
    static func localized(_ node: Node, file: String, path: String) throws -> LocalizedText {
        let reader = try MappingReader(node, file: file, path: path)
        try reader.rejectUnknownKeys(["vi", "en"])
        return LocalizedText(vi: try reader.requiredString("vi"), en: try reader.string("en"))
    }

    /// Text in Vietnamese and English: `{vi: …, en: …}`, or plain text taken as Vietnamese.
    func localized(_ key: String) throws -> LocalizedText? {
        guard let node = node(key) else { return nil }
        if case .scalar(let scalar) = node { return LocalizedText(vi: scalar.string) }
        let reader = try MappingReader(node, file: file, path: field(key))
        try reader.rejectUnknownKeys(["vi", "en"])
        return LocalizedText(vi: try reader.requiredString("vi"), en: try reader.string("en"))
    }
}
