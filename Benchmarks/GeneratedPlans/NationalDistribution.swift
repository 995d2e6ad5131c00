import Foundation

/// A national data set for the distribution benchmark (issue 11): the real 34 provinces and 3,321 communes
/// of 2026 (Benchmarks/Data/vn-admin-units-2026.csv, names and codes only) with GENERATED figures, and a
/// national plan that spreads every programme project's money over them.
///
/// Every figure written here (households, poverty counts, zones, flags, houses, amounts) comes from a
/// seeded SplitMix64 and is NOT official: no open table of them exists. The area table's total row carries
/// a note saying so, and the plan's notes too. It writes text only, so it does not depend on CoFund's types
/// (the benchmark must not read its input through the code it measures).
public enum NationalDistribution {
    /// One commune-level unit of the admin CSV.
    public struct Unit: Sendable {
        public var provinceCode: String
        public var province: String
        public var unitCode: String
        public var kind: String       // "Xã", "Phường" or "Đặc khu"
        public var name: String
    }

    /// What `write` wrote, for the benchmark to load and to print.
    public struct Written: Sendable {
        public var planPath: String
        public var areasPath: String
        public var provinces: Int
        public var communes: Int
        public var centralInvestment: Int
        public var centralRecurrent: Int
    }

    /// Reads the admin CSV (`province_code,province,province_en,unit_code,unit_kind,unit,unit_en`; no cell
    /// of it is quoted, which is checked rather than assumed).
    public static func readUnits(csvPath: String) throws -> [Unit] {
        let text = try String(contentsOfFile: csvPath, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first, header.hasPrefix("province_code,province,province_en,unit_code,unit_kind,unit") else {
            throw GeneratorError("\(csvPath): not the admin-units CSV (header \(lines.first ?? "none"))")
        }
        lines.removeFirst()
        return try lines.enumerated().map { index, line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 7, !line.contains("\"") else { throw GeneratorError("\(csvPath):\(index + 2): expected 7 unquoted cells") }
            return Unit(provinceCode: cells[0], province: cells[1], unitCode: cells[3], kind: cells[4], name: cells[5])
        }
    }

    /// Writes `areas.csv` and `plan.yaml` in `folder`. `provinces` and `communesPerProvince` cut the country
    /// down for quick runs (the first K provinces in file order, the first M communes of each); the
    /// amounts are scaled by the share of communes kept, so per-commune amounts stay national-sized.
    public static func write(in folder: URL, adminCSV: String, ruleSetPath: String, seed: UInt64 = 2026,
                             provinces: Int? = nil, communesPerProvince: Int? = nil) throws -> Written {
        let all = try readUnits(csvPath: adminCSV)
        var order: [String] = []
        var byProvince: [String: [Unit]] = [:]
        for unit in all {
            if byProvince[unit.provinceCode] == nil { order.append(unit.provinceCode) }
            byProvince[unit.provinceCode, default: []].append(unit)
        }
        let kept = order.prefix(provinces ?? order.count).map { code in
            Array(byProvince[code]!.prefix(communesPerProvince ?? Int.max))
        }
        var rng = SplitMix64(seed: seed)
        let table = AreaTable.generate(kept, rng: &rng, seed: seed)
        let areasPath = folder.appendingPathComponent("areas.csv").path
        try table.csv.write(toFile: areasPath, atomically: true, encoding: .utf8)

        let communes = kept.reduce(0) { $0 + $1.count }
        let plan = NationalPlan.yaml(ruleSetPath: ruleSetPath, areasFile: "areas.csv", seed: seed,
                                     scale: Double(communes) / Double(all.count), housing: table.housingCap, communes: communes,
                                     reachZoneIII: table.zoneIII * 20 >= communes, rng: &rng)
        let planPath = folder.appendingPathComponent("plan.yaml").path
        try plan.text.write(toFile: planPath, atomically: true, encoding: .utf8)
        return Written(planPath: planPath, areasPath: areasPath, provinces: kept.count, communes: communes,
                       centralInvestment: plan.centralInvestment, centralRecurrent: plan.centralRecurrent)
    }
}

public struct GeneratorError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// The national area table: a total row, one subtotal row per province (no group, parent the total) and
/// one area row per commune (parent its province).
struct AreaTable {
    var csv: String
    /// The most central recurrent money DA5's per-house limit lets the areas take (40 per new house + 20
    /// per repair), so the plan can keep DA5's need below it and stay feasible.
    var housingCap: Int
    /// How many communes are in zone III (DA1 reaches only them when there are enough).
    var zoneIII: Int

    static let columns = ["no", "id", "name", "parent", "kind", "households", "poor_start", "near_poor_start", "ethnic_households",
                          "difficult_villages", "zone", "border", "island", "safe_zone", "special_zone", "poor_district",
                          "extremely_difficult", "new_houses", "repaired_houses", "note"]
    /// The count columns a subtotal adds up (the flags and the zone are left empty on province rows).
    static let counts = ["households", "poor_start", "near_poor_start", "ethnic_households", "difficult_villages", "new_houses", "repaired_houses"]

    static func generate(_ provinces: [[NationalDistribution.Unit]], rng: inout SplitMix64, seed: UInt64) -> AreaTable {
        var provinceRows: [[String: String]] = []
        var communeRows: [[[String: String]]] = []
        var total: [String: Int] = [:]
        var housing = 0
        var number = 0
        var zoneIII = 0
        for units in provinces {
            let first = units[0]
            let profile = ProvinceProfile(code: first.provinceCode)
            var sums: [String: Int] = [:]
            var rows: [[String: String]] = []
            for unit in units {
                number += 1
                let figures = CommuneFigures(unit: unit, profile: profile, rng: &rng)
                var row = figures.cells
                row["no"] = String(number)
                row["id"] = "c" + unit.unitCode
                row["name"] = unit.name
                row["parent"] = "p" + first.provinceCode
                row["kind"] = "area"
                for c in counts { sums[c, default: 0] += Int(row[c]!)! }
                if row["zone"] == "III" { zoneIII += 1 }
                housing += 40 * figures.newHouses + 20 * figures.repairedHouses
                rows.append(row)
            }
            var row = sums.mapValues(String.init)
            row["id"] = "p" + first.provinceCode
            row["name"] = first.province
            row["parent"] = "vn"
            row["kind"] = "subtotal"
            provinceRows.append(row)
            communeRows.append(rows)
            for (c, v) in sums { total[c, default: 0] += v }
        }
        var totalRow = total.mapValues(String.init)
        totalRow["id"] = "vn"
        totalRow["name"] = "Toàn quốc"
        totalRow["kind"] = "total"
        totalRow["note"] = "figures generated (seed \(seed)), not official: names and codes are real (GSO 2026), every number is drawn by SplitMix64"

        var lines = [columns.joined(separator: ",")]
        func line(_ row: [String: String]) -> String { columns.map { csvCell(row[$0] ?? "") }.joined(separator: ",") }
        // Each province row first, then its communes, as a planner's table reads; the total last.
        for (province, rows) in zip(provinceRows, communeRows) {
            lines.append(line(province))
            lines += rows.map(line)
        }
        lines.append(line(totalRow))
        return AreaTable(csv: lines.joined(separator: "\n") + "\n", housingCap: housing, zoneIII: zoneIII)
    }
}

/// RFC 4180 quoting, for the note (names have no comma, but a generator should not rely on it).
func csvCell(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}
