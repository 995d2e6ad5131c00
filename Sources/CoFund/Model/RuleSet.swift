/// A counterpart tier: the least share of central money the local budget must add.
public struct CounterpartTier: Sendable, Equatable, Codable {
    public var id: String
    public var ratio: Double?
    public var description: LocalizedText
    /// False for self-balancing provinces, which receive no central money and fund the programme themselves.
    public var receivesCentral: Bool

    public init(id: String, ratio: Double?, description: LocalizedText, receivesCentral: Bool) {
        self.id = id
        self.ratio = ratio
        self.description = description
        self.receivesCentral = receivesCentral
    }
}

/// A project of the national programme: its code, names and the capital types it may receive.
public struct CatalogueProject: Sendable, Equatable, Codable {
    public var code: String
    public var name: LocalizedText
    public var capital: [CapitalType]

    public init(code: String, name: LocalizedText, capital: [CapitalType]) {
        self.code = code
        self.name = name
        self.capital = capital
    }
}

/// The rules of one programme period, kept as data so that a new period is a new file, not new code.
public struct RuleSet: Sendable, Equatable, Codable {
    public var id: String
    public var name: LocalizedText
    public var period: String
    public var legalBasis: [String]
    public var tiers: [CounterpartTier]
    public var catalogue: [CatalogueProject]
    public var rules: [Rule]
    public var location: SourceLocation

    public init(
        id: String, name: LocalizedText, period: String, legalBasis: [String], tiers: [CounterpartTier],
        catalogue: [CatalogueProject], rules: [Rule], location: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.period = period
        self.legalBasis = legalBasis
        self.tiers = tiers
        self.catalogue = catalogue
        self.rules = rules
        self.location = location
    }

    public func tier(_ id: String) -> CounterpartTier? { tiers.first { $0.id == id } }
    public func catalogueEntry(_ code: String) -> CatalogueProject? { catalogue.first { $0.code == code } }
}
