/// How a province's communes are drawn. GENERATED, not official: the shares below are rough guesses of
/// the country's shape (mountainous north and Central Highlands poorer and more often in zone III,
/// deltas and cities less), chosen so that every class and criterion of the 2026-2030 formula occurs.
struct ProvinceProfile {
    /// Shares of communes (xã) in zones III, II and I; the rest have no zone.
    var zoneIII: Double
    var zoneII: Double
    var zoneI: Double
    /// Share of communes (xã) on the land border, in a province that has one.
    var border: Double
    /// Share of communes that are former resistance bases (an toàn khu).
    var safeZone: Double

    /// Provinces of 2026 with a land border (China, Laos or Cambodia), from the merged provinces' maps.
    static let borderProvinces: Set<String> = ["04", "08", "11", "12", "14", "15", "20", "22", "38", "40", "42", "44", "46", "48",
                                               "51", "52", "66", "68", "75", "80", "82", "91"]
    /// The northern mountains and the Central Highlands.
    static let mountainous: Set<String> = ["04", "08", "11", "12", "14", "15", "19", "20", "25", "52", "66", "68"]
    /// The north-central and central coast, with mountainous western parts.
    static let central: Set<String> = ["22", "38", "40", "42", "44", "46", "48", "51", "56"]
    /// Provinces with historic safe zones (ATK Định Hóa, Sơn Dương, ...).
    static let safeZones: Set<String> = ["08", "19"]

    init(code: String) {
        if Self.mountainous.contains(code) { (zoneIII, zoneII, zoneI) = (0.45, 0.25, 0.15) }
        else if Self.central.contains(code) { (zoneIII, zoneII, zoneI) = (0.15, 0.20, 0.20) }
        else { (zoneIII, zoneII, zoneI) = (0.02, 0.08, 0.15) }
        border = Self.borderProvinces.contains(code) ? 0.12 : 0
        safeZone = Self.safeZones.contains(code) ? 0.10 : 0.005
    }
}

/// One commune's generated figures. Wards (phường) have no zone and few poor households; special zones
/// (đặc khu, all of them islands) are flagged special and island.
struct CommuneFigures {
    var cells: [String: String] = [:]
    var newHouses = 0
    var repairedHouses = 0

    init(unit: NationalDistribution.Unit, profile: ProvinceProfile, rng: inout SplitMix64) {
        let ward = unit.kind == "Phường"
        let special = unit.kind == "Đặc khu"
        var zone = ""
        if !ward && !special {
            let u = rng.unit()
            zone = u < profile.zoneIII ? "III" : u < profile.zoneIII + profile.zoneII ? "II" : u < profile.zoneIII + profile.zoneII + profile.zoneI ? "I" : ""
        }
        let households = Int(ward ? rng.uniform(3_000, 15_000) : special ? rng.uniform(1_000, 4_000) : rng.uniform(1_000, 9_000))
        // Poor households: a few per cent, more in zone III.
        let poorRate: Double
        switch zone {
        case "III": poorRate = rng.uniform(0.08, 0.25)
        case "II": poorRate = rng.uniform(0.03, 0.10)
        case "I": poorRate = rng.uniform(0.01, 0.04)
        default: poorRate = ward ? rng.uniform(0.001, 0.01) : rng.uniform(0.005, 0.03)
        }
        let poor = Int((Double(households) * poorRate).rounded())
        let nearPoor = min(households - poor, Int((Double(households) * (poorRate * rng.uniform(0.5, 1.5) + rng.uniform(0.01, 0.03))).rounded()))
        let ethnicShare: Double
        switch zone {
        case "III": ethnicShare = rng.uniform(0.60, 0.99)
        case "II": ethnicShare = rng.uniform(0.30, 0.80)
        case "I": ethnicShare = rng.uniform(0.10, 0.50)
        default: ethnicShare = rng.uniform(0, 0.10)
        }
        let villages = zone == "III" ? 3 + rng.index(13) : zone == "II" ? rng.index(6) : 0
        // Special zones are islands, never on the land border; the draw is made anyway so that every
        // other commune's figures stay the same whatever the unit kinds.
        let borderDraw = rng.unit()
        let border = !ward && !special && borderDraw < profile.border
        let safeZone = !ward && !special && rng.unit() < profile.safeZone
        // A former poor district's communes: a share of zone III ones.
        let poorDistrict = zone == "III" && rng.unit() < 0.30
        newHouses = Int((Double(poor) * rng.uniform(0.03, 0.15)).rounded())
        repairedHouses = Int((Double(poor) * rng.uniform(0.05, 0.20)).rounded())

        func flag(_ b: Bool) -> String { b ? "1" : "" }
        cells = ["households": String(households), "poor_start": String(poor), "near_poor_start": String(nearPoor),
                 "ethnic_households": String(Int((Double(households) * ethnicShare).rounded())),
                 "difficult_villages": String(villages), "zone": zone, "border": flag(border), "island": flag(special),
                 "safe_zone": flag(safeZone), "special_zone": flag(special), "poor_district": flag(poorDistrict),
                 "extremely_difficult": flag(zone == "III"), "new_houses": String(newHouses), "repaired_houses": String(repairedHouses)]
    }
}
