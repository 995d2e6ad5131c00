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
    /// Which requirements the diagnosis may change by default (`bend:` in the file).
    public var bend: BendDefaults
    /// How money is divided among areas (`distributions:`), by id.
    public var distributions: [DistributionFormula] = []
    public var location: SourceLocation

    public init(
        id: String, name: LocalizedText, period: String, legalBasis: [String], tiers: [CounterpartTier],
        catalogue: [CatalogueProject], rules: [Rule], bend: BendDefaults = BendDefaults(), location: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.period = period
        self.legalBasis = legalBasis
        self.tiers = tiers
        self.catalogue = catalogue
        self.rules = rules
        self.bend = bend
        self.location = location
    }

    public func tier(_ id: String) -> CounterpartTier? { tiers.first { $0.id == id } }
    public func catalogueEntry(_ code: String) -> CatalogueProject? { catalogue.first { $0.code == code } }
    public func distribution(_ id: String) -> DistributionFormula? { distributions.first { $0.id == id } }
}

/// A kind of requirement the diagnosis may change to make a plan feasible. The raw values are the keys of
/// a rule set's `bend:` mapping and the words of a plan's `mayBend:` list.
public enum BendKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// A project's ceiling (raise it).
    case need
    /// A project's floor (lower it).
    case floor
    /// Money of a provincial, district or commune source: its `available`, or an amount fixed from it.
    case localMoney
    /// Money of other lawful mobilisation.
    case otherMoney
    /// Central money assigned to the plan: a central source's `available` (spent in full or not), or an
    /// amount fixed from it.
    case centralMoney
    /// Rules without a `bend:` of their own (counterpart ratios, share limits): law, by default.
    case rules

    /// The kind of money a source of this level is.
    public static func money(_ level: BudgetLevel) -> BendKind {
        switch level {
        case .central: .centralMoney
        case .province, .district, .commune: .localMoney
        case .other: .otherMoney
        }
    }
}

/// Which requirements may bend by default. Needs, floors and local money are the plan's own figures and
/// may; central money assigned from above and legal ratios may not. Capital types and bars never bend: the
/// program has no money where they forbid it.
public struct BendDefaults: Sendable, Equatable, Codable {
    public var need = true
    public var floor = true
    public var localMoney = true
    public var otherMoney = true
    public var centralMoney = false
    public var rules = false

    public init() {}

    public func allows(_ kind: BendKind) -> Bool {
        switch kind {
        case .need: need
        case .floor: floor
        case .localMoney: localMoney
        case .otherMoney: otherMoney
        case .centralMoney: centralMoney
        case .rules: rules
        }
    }

    public mutating func set(_ kind: BendKind, _ value: Bool) {
        switch kind {
        case .need: need = value
        case .floor: floor = value
        case .localMoney: localMoney = value
        case .otherMoney: otherMoney = value
        case .centralMoney: centralMoney = value
        case .rules: rules = value
        }
    }
}
