import Foundation
import Testing
@testable import CoFund
import GLPK
import LinearProgramming

/// Small distributions written in a temporary folder (a plan and its area table), against the real rule
/// sets. Every expected amount is derived by hand in the comment above it.
enum DistFixtures {
    static var ruleSet2021: String { PlanFixtures.ruleSetPath }
    static var ruleSet2026: String { PlanFixtures.repositoryRoot.appendingPathComponent("Models/rulesets/poverty-2026-2030.yaml").path }

    /// The 2021-2025 formula with only poor households counted: score = poor_start.
    static let poorOnly = "{k-poor: 1, k-near-poor: 0, k-ethnic: 0, k-poor-district: 0, k-difficult-commune: 0}"

    struct Case {
        var folder: URL
        var planPath: String
        var csvPath: String
    }

    /// Writes `plan.yaml` (header + `body`) and `areas.csv` into a fresh folder.
    static func write(_ body: String, csv: String, ruleSet: String? = nil, year: Int = 2024) throws -> Case {
        let folder = TestFolders.fresh("cofund-dist")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let plan = folder.appendingPathComponent("plan.yaml").path
        let areas = folder.appendingPathComponent("areas.csv").path
        let text = """
            cofund: plan
            id: dist-test
            place: {vi: Tỉnh Thử, en: Test province}
            level: province
            year: \(year)
            ruleSet: \(ruleSet ?? ruleSet2021)

            """ + body
        try text.write(toFile: plan, atomically: true, encoding: .utf8)
        try csv.write(toFile: areas, atomically: true, encoding: .utf8)
        return Case(folder: folder, planPath: plan, csvPath: areas)
    }

    static func load(_ body: String, csv: String, ruleSet: String? = nil, year: Int = 2024) throws -> (LoadedPlan, AreaTable) {
        let c = try write(body, csv: csv, ruleSet: ruleSet, year: year)
        return (try PlanLoader.load(path: c.planPath), try AreaTableLoader.load(path: c.csvPath))
    }

    static func run(_ body: String, csv: String, ruleSet: String? = nil, year: Int = 2024, threads: Int = 1) throws -> DistributionStudy {
        let (loaded, table) = try load(body, csv: csv, ruleSet: ruleSet, year: year)
        return try DistributionRunner(solver: PlanSolver(factory: GLPKSolver()), threads: threads).run(loaded, table: table)
    }

    /// Central money `central` spent in full on DA2, divided by `distribution` (a block without the key).
    static func centralOnly(_ central: Double, distribution: String) -> String {
        """
        sources:
          - {id: central, level: central, capital: recurrent, available: \(central), spendInFull: true}
        projects:
          - {code: DA2, need: \(central), capital: recurrent}
        distribution:
        \(distribution)
        """
    }

    /// Each area's amount from one source (by area id).
    static func amounts(_ study: DistributionStudy, source: String = "central") -> [String: Double] {
        var out: [String: Double] = [:]
        for line in study.lines where line.key.source == source { out[study.setup.areas[line.area].id, default: 0] += line.amount }
        return out
    }

    static func continuous(_ study: DistributionStudy, source: String = "central") -> [String: Double] {
        var out: [String: Double] = [:]
        for line in study.lines where line.key.source == source { out[study.setup.areas[line.area].id, default: 0] += line.continuous }
        return out
    }

    /// The cause column of the report's "areas" table, by area name: the message key, or nil when empty.
    static func causes(_ study: DistributionStudy) throws -> [String: MessageKey?] {
        let report = DistributionReportBuilder().build(study)
        let table = try #require(report.table("areas", "areas"))
        var out: [String: MessageKey?] = [:]
        for row in table.allRows {
            guard case .text(let name)? = row["area"] else { continue }
            if case .message(let message)? = row["cause"] { out[name] = message.key } else { out[name] = .some(nil) }
        }
        return out
    }

    /// The one error `body` throws.
    static func error(_ body: () throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> PlanError? {
        do {
            try body()
        } catch let error as PlanError {
            return error
        } catch let errors as PlanErrors {
            #expect(errors.errors.count == 1, "\(errors)", sourceLocation: sourceLocation)
            return errors.errors.first
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
            return nil
        }
        Issue.record("no error was thrown", sourceLocation: sourceLocation)
        return nil
    }
}

private func near(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

// MARK: - 1. Shares and allocations by hand

@Suite("Distribution: shares and allocations by hand")
struct DistributionShareTests {
    static let plain = "  formula: localities-2021-2025\n  parameters: \(DistFixtures.poorOnly)"

    /// Scores 1, 2, 3 (sum 6) and 600 of central money: 600 × 1/6 = 100, × 2/6 = 200, × 3/6 = 300. The
    /// formula's amounts are whole, so nothing moves and the distance is 0.
    @Test func threeCommunesGetTheirExactShares() throws {
        let study = try DistFixtures.run(DistFixtures.centralOnly(600, distribution: Self.plain),
                                         csv: "id,name,poor_start\na,A,1\nb,B,2\nc,C,3\n")
        #expect(study.outcome == .solved)
        #expect(study.setup.areas.map(\.score) == [1, 2, 3])
        #expect(DistFixtures.amounts(study) == ["a": 100, "b": 200, "c": 300])
        #expect(study.lines.allSatisfy { near($0.continuous, $0.levelTarget) })
        guard case .solved(let solution)? = study.top else { Issue.record("not solved"); return }
        #expect(near(solution.distance, 0))
        #expect(study.checks.allSatisfy { $0.satisfied } && !study.checks.isEmpty)
    }

    /// Scores 1, 2, 4 (sum 7), 100: 14.2857, 28.5714, 57.1429. Floors 14 + 28 + 57 = 99; the one unit left
    /// goes to the largest fraction (B's .5714): 14, 29, 57.
    @Test func theLargestRemainderGetsTheExtraUnit() throws {
        let study = try DistFixtures.run(DistFixtures.centralOnly(100, distribution: Self.plain),
                                         csv: "id,name,poor_start\na,A,1\nb,B,2\nc,C,4\n")
        #expect(study.outcome == .solved)
        #expect(DistFixtures.amounts(study) == ["a": 14, "b": 29, "c": 57])
        let continuous = DistFixtures.continuous(study)
        #expect(near(continuous["a"], 100.0 / 7) && near(continuous["b"], 200.0 / 7) && near(continuous["c"], 400.0 / 7))
    }

    /// Scores 3, 5, 7, 11 (sum 26), 100: 11.538, 19.231, 26.923, 42.308. Floors 11 + 19 + 26 + 42 = 98;
    /// the two units left go to the two largest fractions, C (.923) and A (.538): 12, 19, 27, 42.
    @Test func twoExtraUnitsGoToTheTwoLargestRemainders() throws {
        let study = try DistFixtures.run(DistFixtures.centralOnly(100, distribution: Self.plain),
                                         csv: "id,name,poor_start\na,A,3\nb,B,5\nc,C,7\nd,D,11\n")
        #expect(DistFixtures.amounts(study) == ["a": 12, "b": 19, "c": 27, "d": 42])
        #expect(study.checks.allSatisfy { $0.satisfied })
    }
}

// MARK: - 2. Floors, ceilings, fixed amounts

@Suite("Distribution: limits that bind")
struct DistributionLimitTests {
    /// Scores 1, 2, 3, 4 (sum 10) and 1,000: formula 100, 200, 300, 400.
    static let csv = "id,name,poor_start,households\na,A,1,500\nb,B,2,500\nc,C,3,500\nd,D,4,150\n"

    static func body(_ limits: String) -> String {
        DistFixtures.centralOnly(1000, distribution: "  formula: localities-2021-2025\n  parameters: \(DistFixtures.poorOnly)\n  limits:\n\(limits)")
    }

    /// D held at 250: its 150 over goes to A, B, C in proportion 1 : 2 : 3, +25, +50, +75 (each +25% of
    /// its share): 125, 250, 375, 250 (whole already).
    @Test func aCeilingsExcessIsSpreadInProportionToTheOthersShares() throws {
        let study = try DistFixtures.run(Self.body("    - {areas: [d], projects: [DA2], atMost: 250}"), csv: Self.csv)
        #expect(study.outcome == .solved)
        let continuous = DistFixtures.continuous(study)
        #expect(near(continuous["a"], 125) && near(continuous["b"], 250) && near(continuous["c"], 375) && near(continuous["d"], 250), "\(continuous)")
        #expect(DistFixtures.amounts(study) == ["a": 125, "b": 250, "c": 375, "d": 250])
        let causes = try DistFixtures.causes(study)
        #expect(causes["D"] == .distCauseCeiling)
        #expect(causes["A"] == .distCauseAbsorbs && causes["B"] == .distCauseAbsorbs && causes["C"] == .distCauseAbsorbs)
        #expect(study.checks.allSatisfy { $0.satisfied })
    }

    /// A lifted to 250 (+150): B, C, D give it up in proportion 2 : 3 : 4 (each −1/6 of its share):
    /// 200 − 33.333 = 166.667, 300 − 50 = 250, 400 − 66.667 = 333.333. Whole: 250 + 166 + 250 + 333 = 999,
    /// the unit left goes to the largest fraction (B's .667): 250, 167, 250, 333.
    @Test func aFloorIsPaidForByTheOthersInProportion() throws {
        let study = try DistFixtures.run(Self.body("    - {areas: [a], projects: [DA2], atLeast: 250}"), csv: Self.csv)
        #expect(study.outcome == .solved)
        let continuous = DistFixtures.continuous(study)
        #expect(near(continuous["a"], 250) && near(continuous["b"], 500.0 / 3) && near(continuous["c"], 250) && near(continuous["d"], 1000.0 / 3),
                "\(continuous)")
        #expect(DistFixtures.amounts(study) == ["a": 250, "b": 167, "c": 250, "d": 333])
        let causes = try DistFixtures.causes(study)
        #expect(causes["A"] == .distCauseFloor)
        #expect(causes["B"] == .distCauseYields && causes["C"] == .distCauseYields && causes["D"] == .distCauseYields)
    }

    /// C fixed at 100 (−200): A, B, D take it in proportion 1 : 2 : 4, +28.571, +57.143, +114.286:
    /// 128.571, 257.143, 514.286. Whole: 128 + 257 + 100 + 514 = 999, the unit left to A (.571): 129.
    @Test func aFixedAmount() throws {
        let study = try DistFixtures.run(Self.body("    - {areas: [c], fixed: 100}"), csv: Self.csv)
        #expect(study.outcome == .solved)
        #expect(DistFixtures.amounts(study) == ["a": 129, "b": 257, "c": 100, "d": 514])
        let causes = try DistFixtures.causes(study)
        #expect(causes["C"] == .distCauseFixed)
        #expect(causes["A"] == .distCauseAbsorbs && causes["D"] == .distCauseAbsorbs)
    }

    /// C fixed at 100.5, written as an amount or as 0.201 for each of its 500 households: A, B, D take
    /// the 199.5 over in proportion 1 : 2 : 4, +28.5, +57, +114: 128.5, 257, 100.5, 514. No whole amount is
    /// 100.5, so C gets 100 or 101, within rounding; the floors 128 + 257 + 100 + 514 = 999 leave one unit,
    /// and A's and C's fractions tie at .5, so it goes to either: 129 and 100, or 128 and 101.
    @Test(arguments: ["fixed: 100.5", "fixed: {per: {households: 0.201}}"])
    func aFixedAmountOfAFractionIsMetWithinRounding(_ limit: String) throws {
        let study = try DistFixtures.run(Self.body("    - {areas: [c], \(limit)}"), csv: Self.csv)
        #expect(study.outcome == .solved)
        let continuous = DistFixtures.continuous(study)
        #expect(near(continuous["a"], 128.5) && near(continuous["b"], 257) && near(continuous["c"], 100.5) && near(continuous["d"], 514), "\(continuous)")
        let amounts = DistFixtures.amounts(study)
        #expect([["a": 129, "b": 257, "c": 100, "d": 514], ["a": 128, "b": 257, "c": 101, "d": 514]].contains(amounts), "\(amounts)")
        #expect(try DistFixtures.causes(study)["C"] == .distCauseFixedRounded)
        // The re-check takes 100 or 101 as meeting "exactly 100.5" within rounding; 99 or 102 would not.
        #expect(study.checks.allSatisfy { $0.satisfied })
        let totals = [(key: AllocationKey, total: Double)](study.lines.reduce(into: [AllocationKey: Double]()) { $0[$1.key, default: 0] += $1.amount }
            .map { (key: $0.key, total: $0.value) })
        let check = DistributionCheck(setup: study.setup, totals: totals)
        let c = try #require(study.lines.firstIndex { study.setup.areas[$0.area].id == "c" })
        let d = try #require(study.lines.firstIndex { study.setup.areas[$0.area].id == "d" })
        for (amount, met) in [(99.0, false), (100, true), (101, true), (102, false)] {
            var lines = study.lines
            lines[d].amount += lines[c].amount - amount
            lines[c].amount = amount
            #expect(check.items(lines).filter { !$0.satisfied }.map(\.area) == (met ? [] : ["c"]), "C at \(amount)")
        }
    }

    /// At most 2 per household: A, B, C may take 1,000, D (150 households) 300. D's 100 over goes to
    /// A, B, C in proportion 1 : 2 : 3: 116.667, 233.333, 350. Whole: 116 + 233 + 350 + 300 = 999, the
    /// unit left to A (.667): 117, 233, 350, 300.
    @Test func aPerHouseholdCeiling() throws {
        let study = try DistFixtures.run(Self.body("    - {projects: [DA2], atMost: {per: {households: 2}}}"), csv: Self.csv)
        #expect(study.outcome == .solved)
        #expect(DistFixtures.amounts(study) == ["a": 117, "b": 233, "c": 350, "d": 300])
        let causes = try DistFixtures.causes(study)
        #expect(causes["D"] == .distCauseCeiling)
        #expect(causes["A"] == .distCauseAbsorbs)
        // The re-check measures the ceiling in every area (2 × households), apart from the solver.
        let limitChecks = study.checks.filter { $0.kind == .limit }
        #expect(limitChecks.count == 4 && limitChecks.allSatisfy { $0.satisfied })
        #expect(limitChecks.first { $0.area == "d" }?.required == 300)
    }

    /// Central 1,000 and province 100 spent in full on DA2 (need 1,100), the rule set's counterpart applied in every
    /// area, and one limit.
    static func perAreaCounterpart(_ limit: String) -> String {
        """
        tier: central-50-70
        applies: [counterpart-minimum]
        sources:
          - {id: central, level: central, capital: recurrent, available: 1000, spendInFull: true}
          - {id: province, level: province, capital: recurrent, available: 100, spendInFull: true}
        projects:
          - {code: DA2, need: 1100, capital: recurrent}
        distribution:
          formula: localities-2021-2025
          parameters: \(DistFixtures.poorOnly)
          counterpart: per-area
          limits:
            - \(limit)
        """
    }

    /// Per-area counterpart (10%, met exactly by the plan: 100 of 1,000) and D's central money held at 250.
    /// Central as in the ceiling case: 125, 250, 375, 250. The ratio is tight in the plan, so it is tight in
    /// every area: province 12.5, 25, 37.5, 25 (10% of each). A's, B's and C's central money differs from
    /// its share because D cannot take its own: that, not the counterpart (which moves the provincial
    /// money after the central), is the reason the areas table should give for them.
    @Test func aCeilingUnderAPerAreaCounterpartIsStillTheReasonTheOthersTakeMore() throws {
        let study = try DistFixtures.run(Self.perAreaCounterpart("{areas: [d], sources: [central], atMost: 250}"), csv: Self.csv)
        #expect(study.outcome == .solved)
        let central = DistFixtures.continuous(study, source: "central"), province = DistFixtures.continuous(study, source: "province")
        #expect(near(central["a"], 125) && near(central["b"], 250) && near(central["c"], 375) && near(central["d"], 250), "\(central)")
        #expect(near(province["a"], 12.5) && near(province["b"], 25) && near(province["c"], 37.5) && near(province["d"], 25), "\(province)")
        #expect(study.checks.allSatisfy { $0.satisfied })
        let causes = try DistFixtures.causes(study)
        #expect(causes["D"] == .distCauseCeiling)
        // Found: distCauseCounterpart for all three (DistributionCauses checks the counterpart rows before "absorbs").
        #expect([causes["A"], causes["B"], causes["C"]] == [.distCauseAbsorbs, .distCauseAbsorbs, .distCauseAbsorbs])
    }

    /// Central money at most 2 per household, and D has no households: the ceiling is 0 there, so D has
    /// nothing the line pays for and gets none of it from any source, the province's counterpart included.
    /// Before, D's central money was held at 0 while its provincial money followed its 40% share (40 of
    /// 100): housing money for a ward without a house. A, B, C share everything 1 : 2 : 3: central 166.667,
    /// 333.333, 500; provincial (10% of each, the plan's own ratio) 16.667, 33.333, 50.
    @Test func anAreaWhoseCeilingPerHouseholdIsNothingGetsNothingOfTheLine() throws {
        let csv = "id,name,poor_start,households\na,A,1,500\nb,B,2,500\nc,C,3,500\nd,D,4,0\n"
        let study = try DistFixtures.run(Self.perAreaCounterpart("{projects: [DA2], sources: [central], atMost: {per: {households: 2}}}"), csv: csv)
        #expect(study.outcome == .solved)
        let central = DistFixtures.continuous(study, source: "central"), province = DistFixtures.continuous(study, source: "province")
        #expect(near(central["a"], 1000.0 / 6) && near(central["b"], 1000.0 / 3) && near(central["c"], 500) && (central["d"] ?? 0) == 0, "\(central)")
        #expect(near(province["a"], 100.0 / 6) && near(province["b"], 100.0 / 3) && near(province["c"], 50) && (province["d"] ?? 0) == 0, "\(province)")
        #expect(!study.lines.contains { study.setup.areas[$0.area].id == "d" && $0.amount != 0 })
        #expect(study.checks.allSatisfy { $0.satisfied })
    }

    /// A floor no division can meet (A at least 1,200 of 1,000) is reported with its repair: lower it to 1,000.
    @Test func anImpossibleFloorSaysWhatToChange() throws {
        let study = try DistFixtures.run(Self.body("    - {areas: [a], atLeast: 1200}"), csv: Self.csv)
        #expect(study.outcome == .infeasible)
        guard case .infeasible(let infeasible)? = study.top else { Issue.record("not infeasible: \(String(describing: study.top))"); return }
        #expect(infeasible.repairs.count == 1)
        #expect(infeasible.repairs.first.map { near($0.from, 1200) && near($0.to, 1000) } == true, "\(infeasible.repairs)")
        let report = DistributionReportBuilder().build(study)
        #expect(report.section("repair") != nil)
    }
}

// MARK: - 3. Whole units that keep every total; Tịnh Biên

@Suite("Distribution: whole units, Tịnh Biên's DA2")
struct DistributionTinhBienTests {
    static let planPath = PlanFixtures.repositoryRoot.appendingPathComponent("Models/examples/tinh-bien-2024-da2-communes.yaml").path

    static func study(threads: Int = 1) throws -> DistributionStudy {
        let loaded = try PlanLoader.load(path: planPath)
        let tablePath = PlanLoader.resolve(try #require(loaded.plan.distribution?.areasPath), relativeTo: planPath)
        let table = try AreaTableLoader.load(path: tablePath)
        return try DistributionRunner(solver: PlanSolver(factory: GLPKSolver()), threads: threads).run(loaded, table: table)
    }

    /// Score = poor_start + near_poor_start; the 14 communes add up to 762 + 723 = 1,485. Nhà Bàng
    /// 18 + 95 = 113: 113/1485 × 2,293 = 174.48 (174 or 175), × 229 = 17.43 (17 or 18). An Cư 195 + 32 =
    /// 227: 350.51 and 35.01. Văn Giáo 139 + 11 = 150: 231.62 and 23.13. Every amount whole, each source's
    /// amounts add up to exactly 2,293 and 229, and in every commune the province gives at least
    /// 229/2,293 (9.987%) of the central money within rounding.
    @Test func tinhBienDividesExactlyInWholeUnits() throws {
        let study = try Self.study()
        #expect(study.outcome == .solved)
        #expect(study.setup.areas.count == 14)
        #expect(study.setup.areas.reduce(0) { $0 + $1.score } == 1485)
        let score = Dictionary(uniqueKeysWithValues: study.setup.areas.map { ($0.id, $0.score) })
        #expect(score["nha-bang"] == 113 && score["an-cu"] == 227 && score["van-giao"] == 150)

        #expect(study.lines.allSatisfy { $0.amount == $0.amount.rounded() })
        let central = DistFixtures.amounts(study, source: "central"), province = DistFixtures.amounts(study, source: "province")
        #expect(central.values.reduce(0, +) == 2293)
        #expect(province.values.reduce(0, +) == 229)
        for (id, c, p) in [("nha-bang", 174.48, 17.43), ("an-cu", 350.51, 35.01), ("van-giao", 231.62, 23.13)] {
            #expect([c.rounded(.down), c.rounded(.up)].contains(central[id] ?? -1), "\(id) central \(central[id] ?? -1)")
            #expect([p.rounded(.down), p.rounded(.up)].contains(province[id] ?? -1), "\(id) province \(province[id] ?? -1)")
        }
        // Before rounding every commune is at its share exactly: the two sources' shares meet the ratio the
        // plan itself reaches (229/2,293) in every commune, so no limit or rule moves anything.
        let continuous = DistFixtures.continuous(study)
        #expect(near(continuous["nha-bang"], 113.0 / 1485 * 2293, 1e-7))
        for line in study.lines {
            let s = study.setup.areas[line.area].score
            let total = line.key.source == "central" ? 2293.0 : 229.0
            #expect(near(line.continuous, s / 1485 * total, 1e-7), "\(study.setup.areas[line.area].id) \(line.key.source)")
            // Whole units: within one of the share.
            #expect(abs(line.amount - s / 1485 * total) < 1)
        }
        for area in study.setup.areas {
            let c = central[area.id] ?? 0, p = province[area.id] ?? 0
            #expect(p >= 229.0 / 2293 * c - 0.5 - 1e-9, "\(area.name): province \(p) for central \(c)")
        }
        #expect(!study.checks.isEmpty && study.checks.allSatisfy { $0.satisfied }, "\(study.checks.filter { !$0.satisfied })")
        #expect(study.checks.contains { $0.kind == .counterpart })
    }
}

// MARK: - 4. Classes of the 2026 formula and the CSV's flags

@Suite("Distribution: classes of the 2026-2030 formula")
struct DistributionClassTests {
    /// Rows, with the score by hand (the highest class coefficient, plus 1 per difficult village):
    /// a zone II + border:            max(40, 50) = 50, + 0 = 50   (a border commune scores 50, not 40)
    /// b zone II, border empty, 3 dv:            40 + 3 = 43
    /// c zone i (lower case), 2 dv:              30 + 2 = 32
    /// d no zone, no flag:                       25 (the class without `when`)
    /// e zone III, 5 dv:                         50 + 5 = 55
    /// f zone I, safe_zone "yes":                max(30, 50) = 50
    /// g zone I, island "x", border "0":         max(30, 50) = 50
    /// h zone I, border "no", safe_zone "1":     50
    static let csv = """
        id,name,zone,border,island,safe_zone,difficult_villages
        a,A,II,1,,,0
        b,B,II,,,,3
        c,C,i,,,,2
        d,D,,,,,0
        e,E,III,0,,,5
        f,F,I,,,yes,0
        g,G,I,0,x,,0
        h,H,I,no,,1,0

        """

    static let body = """
        sources:
          - {id: central, level: central, capital: recurrent, available: 355, spendInFull: true}
        projects:
          - {code: DA2, need: 355, capital: recurrent}
        distribution:
          formula: communes-2026-2030

        """

    @Test func theHighestCoefficientWinsPlusOnePerDifficultVillage() throws {
        let (loaded, table) = try DistFixtures.load(Self.body, csv: Self.csv, ruleSet: DistFixtures.ruleSet2026, year: 2026)
        let classes = Dictionary(uniqueKeysWithValues: table.rows.map { ($0.id, $0.classes) })
        #expect(classes["a"] == [.zoneII, .border])
        #expect(classes["b"] == [.zoneII])
        #expect(classes["c"] == [.zoneI])
        #expect(classes["d"] == [])
        #expect(classes["e"] == [.zoneIII])
        #expect(classes["f"] == [.zoneI, .safeZone])
        #expect(classes["g"] == [.zoneI, .island])
        #expect(classes["h"] == [.zoneI, .safeZone])
        let setup = try DistributionSetup(loaded, table: table)
        #expect(setup.areas.map(\.score) == [50, 43, 32, 25, 55, 50, 50, 50])
        #expect(setup.areas.map(\.classCoefficient) == [50, 40, 30, 25, 50, 50, 50, 50])

        // The scores add up to 355, so 355 of money gives each area its score exactly.
        let study = try DistributionRunner(solver: PlanSolver(factory: GLPKSolver())).run(loaded, table: table)
        #expect(study.outcome == .solved)
        #expect(DistFixtures.amounts(study) == ["a": 50, "b": 43, "c": 32, "d": 25, "e": 55, "f": 50, "g": 50, "h": 50])
    }
}

// MARK: - 5 and 6. Two levels: provinces, then their communes

@Suite("Distribution: provinces then communes")
struct DistributionHierarchyTests {
    /// Two provinces of two communes each, scores P1: a1 1, a2 3; P2: b1 2, b2 2. Central 800, province
    /// 80, the province's counterpart at least 10% of central money in every area.
    static let twoProvinces = """
        id,name,parent,kind,group,poor_start
        p1,Province 1,all,subtotal,,
        a1,A1,p1,area,,1
        a2,A2,p1,area,,3
        p2,Province 2,all,subtotal,,
        b1,B1,p2,area,,2
        b2,B2,p2,area,,2
        all,Country,,total,,

        """

    /// In A1 at least 50 of central money and no provincial money: the counterpart (10% of 50 = 5) cannot
    /// be met there. Two counterpart rules (the plan's own 10% as well as the rule set's tier) make the
    /// cheapest repair unique: raise A1's provincial ceiling from 0 to 5 (cost 5) rather than let both
    /// rules fall short by 5 (cost 10) or lower the central floor by 50.
    /// Provinces: scores 4 and 4, so P1 and P2 get 400 + 40 each (the aggregated limits, central ≥ 50 and
    /// province ≤ ∞ in P1, do not bind). P2's communes then get 200 + 20 each, exactly.
    static let infeasibleBody = """
        tier: central-50-70
        applies: [counterpart-minimum]
        sources:
          - {id: central, level: central, capital: recurrent, available: 800, spendInFull: true}
          - {id: province, level: province, capital: recurrent, available: 80, spendInFull: true}
        projects:
          - {code: DA2, need: 880, capital: recurrent}
        rules:
          - {id: own-10pct, kind: counterpart, levels: [province], of: [central], ratio: 0.10, scope: plan}
        distribution:
          formula: localities-2021-2025
          parameters: \(DistFixtures.poorOnly)
          counterpart: per-area
          limits:
            - {areas: [a1], sources: [central], atLeast: 50}
            - {areas: [a1], sources: [province], atMost: 0}

        """

    @Test func anInfeasibleProvinceIsDiagnosedWhileTheOthersSolve() throws {
        let study = try DistFixtures.run(Self.infeasibleBody, csv: Self.twoProvinces, threads: 2)
        #expect(study.setup.isHierarchical)
        #expect(study.setup.groups.map(\.id) == ["p1", "p2"])
        #expect(study.outcome == .infeasible)
        guard case .solved(let top)? = study.top else { Issue.record("the provinces' level: \(String(describing: study.top))"); return }
        #expect(top.amounts.sorted() == [40, 40, 400, 400])
        #expect(study.groups.count == 2)
        guard study.groups.count == 2 else { return }
        guard case .infeasible(let p1) = study.groups[0] else { Issue.record("P1: \(study.groups[0])"); return }
        let ceiling = try #require(study.setup.limits.firstIndex { $0.kind == .atMost && $0.sources == ["province"] })
        #expect(p1.repairs.count == 1, "\(p1.repairs)")
        let repair = try #require(p1.repairs.first)
        #expect(repair.limit == ceiling && p1.problem.units[repair.unit].id == "a1")
        #expect(near(repair.from, 0) && near(repair.to, 5), "\(repair)")
        guard case .solved = study.groups[1] else { Issue.record("P2: \(study.groups[1])"); return }
        // P2's communes: 400 × 2/4 = 200 central and 40 × 2/4 = 20 provincial each, adding up exactly.
        #expect(DistFixtures.amounts(study, source: "central") == ["b1": 200, "b2": 200])
        #expect(DistFixtures.amounts(study, source: "province") == ["b1": 20, "b2": 20])
        let report = DistributionReportBuilder().build(study)
        #expect(report.status == "infeasible")
        let groups = try #require(report.table("groups", "groups"))
        #expect(groups.allRows.map { row -> MessageKey? in if case .message(let m)? = row["outcome"] { m.key } else { nil } }
            == [.distGroupInfeasible, .distGroupSolved])
        let repairs = try #require(report.section("repair"))
        guard case .items(let items)? = repairs.blocks.first else { Issue.record("no items"); return }
        #expect(items.map(\.key) == [.distRepairRaise])
    }

    /// The same country with the counterpart held per province only: P1 as a whole has its 10% (40 of
    /// 400), so A1's provincial ceiling of 0 is no longer a conflict. By hand, P1: central 400 × 1/4 = 100
    /// to A1 (above its floor of 50) and 300 to A2; provincial 40 × 1/4 = 10 would go to A1, which may take
    /// none, so A2 takes all 40. P2 as before, 200 + 20 each.
    @Test func aCounterpartPerProvinceLeavesTheCommunesToTheFormula() throws {
        let body = Self.infeasibleBody.replacingOccurrences(of: "counterpart: per-area", with: "counterpart: per-province")
        let study = try DistFixtures.run(body, csv: Self.twoProvinces, threads: 2)
        #expect(study.outcome == .solved)
        #expect(DistFixtures.amounts(study, source: "central") == ["a1": 100, "a2": 300, "b1": 200, "b2": 200])
        #expect(DistFixtures.amounts(study, source: "province") == ["a1": 0, "a2": 40, "b1": 20, "b2": 20])
        // The counterpart is re-checked for each province (two rules, two provinces), for no commune.
        let counterparts = study.checks.filter { $0.kind == .counterpart }
        #expect(counterparts.count == 4 && counterparts.allSatisfy { ["p1", "p2"].contains($0.area) && $0.satisfied })
    }

    /// Three provinces, scores P1: 2, 5 (7); P2: 1, 4, 9 (14); P3: 3, 11 (14): 35 in all. Central 100
    /// and province 10 give the provinces 20 + 2, 40 + 4, 40 + 4: whole, so both ways reach each commune's
    /// share, 100 × score/35 (20/7 per point) and 10 × score/35 (2/7 per point).
    /// Central, by province: P1 5.714, 14.286 → 6, 14; P2 2.857, 11.429, 25.714 → 3, 11, 26 (two units, to
    /// .857 and .714); P3 8.571, 31.429 → 9, 31. In one level the 4 units left after the floors (96) go to
    /// the four largest fractions, .857, .714, .714, .571: the same communes.
    /// Province money: P1 .571, 1.429 → 1, 1; P2 .286, 1.143, 2.571 → 0, 1, 3; P3 .857, 3.143 → 1, 3. In
    /// one level the floors add up to 7, and the 3 units go to .857, .571, .571: the same.
    static let threeProvinces = """
        id,name,parent,kind,group,poor_start
        p1,P1,all,subtotal,,
        a1,A1,p1,area,,2
        a2,A2,p1,area,,5
        p2,P2,all,subtotal,,
        b1,B1,p2,area,,1
        b2,B2,p2,area,,4
        b3,B3,p2,area,,9
        p3,P3,all,subtotal,,
        c1,C1,p3,area,,3
        c2,C2,p3,area,,11
        all,Country,,total,,

        """

    static let threeBody = """
        sources:
          - {id: central, level: central, capital: recurrent, available: 100, spendInFull: true}
          - {id: province, level: province, capital: recurrent, available: 10, spendInFull: true}
        projects:
          - {code: DA2, need: 110, capital: recurrent}
        distribution:
          formula: localities-2021-2025
          parameters: \(DistFixtures.poorOnly)

        """

    @Test func twoLevelsGiveWhatOneLevelGives() throws {
        let (loaded, table) = try DistFixtures.load(Self.threeBody, csv: Self.threeProvinces)
        let study = try DistributionRunner(solver: PlanSolver(factory: GLPKSolver()), threads: 3).run(loaded, table: table)
        #expect(study.outcome == .solved && study.setup.isHierarchical)
        #expect(DistFixtures.amounts(study, source: "central") == ["a1": 6, "a2": 14, "b1": 3, "b2": 11, "b3": 26, "c1": 9, "c2": 31])
        #expect(DistFixtures.amounts(study, source: "province") == ["a1": 1, "a2": 1, "b1": 0, "b2": 1, "b3": 3, "c1": 1, "c2": 3])

        let totals = study.plan.allocation.sorted { $0.key < $1.key }.map { (key: $0.key, total: $0.value) }
        let problem = try DistributionMonolithic.problem(study.setup, totals: totals)
        guard case .solved(let one) = try DistributionLevelSolver(solver: GLPKSolver()).solve(problem) else {
            Issue.record("the one-level problem was not solved"); return
        }
        var oneLevel: [String: (continuous: Double, amount: Double)] = [:]
        for (index, pair) in problem.pairs.enumerated() {
            oneLevel["\(problem.units[pair.unit].id)/\(problem.cells[pair.cell].key.source)"] = (one.continuous[index], one.amounts[index])
        }
        var distance = 0.0
        for line in study.lines {
            let key = "\(study.setup.areas[line.area].id)/\(line.key.source)"
            let other = try #require(oneLevel[key])
            #expect(near(line.continuous, other.continuous), "\(key): \(line.continuous) vs \(other.continuous)")
            #expect(line.amount == other.amount, "\(key): \(line.amount) vs \(other.amount)")
            let share = study.setup.areas[line.area].score / 35 * (line.key.source == "central" ? 100 : 10)
            #expect(near(line.levelTarget, share), "\(key)")
            distance += abs(line.amount - share)
        }
        #expect(study.lines.count == 14 && oneLevel.count == 14)
        #expect(near(one.distance, 0))
        #expect(near(distance, one.reportedDistance, 1e-9))
        // Each province's continuous distance is 0 too.
        for group in study.groups {
            guard case .solved(let s) = group else { Issue.record("\(group)"); continue }
            #expect(near(s.distance, 0))
        }
    }

    /// 1 and 4 threads: the same lines, bit for bit.
    @Test func threadsDoNotChangeTheResult() throws {
        let one = try DistFixtures.run(Self.threeBody, csv: Self.threeProvinces, threads: 1)
        let four = try DistFixtures.run(Self.threeBody, csv: Self.threeProvinces, threads: 4)
        #expect(one.lines == four.lines)
    }
}

// MARK: - 7. Errors of the plan's distribution block, with file, line and field, in both languages

@Suite("Distribution: plan errors")
struct DistributionPlanErrorTests {
    static let csv = "id,name,poor_start,near_poor_start\na,A,1,2\nb,B,3,4\n"

    static func setupError(_ distribution: String, csv: String = csv) throws -> PlanError? {
        let c = try DistFixtures.write(DistFixtures.centralOnly(100, distribution: distribution), csv: csv)
        return DistFixtures.error {
            let loaded = try PlanLoader.load(path: c.planPath)
            _ = try DistributionSetup(loaded, table: try AreaTableLoader.load(path: c.csvPath, displayedAs: "areas.csv"))
        }
    }

    /// The plan's lines after the 6 of the header: 7 `sources:`, 8 central, 9 `projects:`, 10 DA2,
    /// 11 `distribution:`, 12 its first key (where the block is located), 13 the next, 14 `limits:`, 15 the
    /// first limit.
    @Test func anUnknownFormulaId() throws {
        let error = try #require(try Self.setupError("  formula: communes-1990\n  parameters: \(DistFixtures.poorOnly)"))
        #expect(error.message.key == .distUnknownFormula)
        #expect(error.location.file.hasSuffix("plan.yaml") && error.location.line == 12)
        #expect(error.field == "distribution.formula")
        #expect(error.text(Localizer(.en)).hasSuffix("distribution.formula: the rule set has no distribution 'communes-1990' (it has: localities-2021-2025)"))
        #expect(error.text(Localizer(.vi)).hasSuffix("distribution.formula: bộ quy tắc không có cách phân bổ 'communes-1990' (chỉ có: localities-2021-2025)"))
    }

    /// The 2021-2025 formula's coefficients have no value in the rule set: without parameters the first
    /// one, k-poor, is missing.
    @Test func aParameterWithoutAValue() throws {
        let error = try #require(try Self.setupError("  formula: localities-2021-2025"))
        #expect(error.message.key == .distParameterMissing)
        #expect(error.location.line == 12)
        #expect(error.field == "distribution.parameters.k-poor")
        #expect(error.text(Localizer(.en)).hasSuffix(
            "distribution.parameters.k-poor: the distribution 'localities-2021-2025' needs a value for its coefficient 'k-poor', which the decision leaves to the province: give it under distribution.parameters"))
        #expect(error.text(Localizer(.vi)).hasSuffix(
            "distribution.parameters.k-poor: cách phân bổ 'localities-2021-2025' cần giá trị của hệ số 'k-poor' mà quyết định để tỉnh quy định: hãy ghi trong distribution.parameters"))
    }

    @Test func anUnknownParameter() throws {
        let parameters = "{k-poor: 1, k-near-poor: 0, k-ethnic: 0, k-poor-district: 0, k-difficult-commune: 0, k-bogus: 2}"
        let error = try #require(try Self.setupError("  formula: localities-2021-2025\n  parameters: \(parameters)"))
        #expect(error.message.key == .distParameterUnknown)
        #expect(error.field == "distribution.parameters.k-bogus")
        #expect(error.location.line == 13)  // the parameters' own line, not the block's
        #expect(error.text(Localizer(.en)).hasSuffix("distribution.parameters.k-bogus: 'k-bogus' is not a parameter of the distribution 'localities-2021-2025'"))
        #expect(error.text(Localizer(.vi)).hasSuffix("distribution.parameters.k-bogus: 'k-bogus' không phải tham số của cách phân bổ 'localities-2021-2025'"))
    }

    /// The same figure twice in a formula would be two report columns of one name (JSON held the key
    /// twice, and rendering crashed): refused where the rule set lists it the second time.
    @Test func aCriterionListedTwice() throws {
        let folder = TestFolders.fresh("cofund-criterion-twice")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOfFile: DistFixtures.ruleSet2021, encoding: .utf8)
        let first = "      - {figure: poor_start, weight: k-poor}\n"
        let firstLine = try #require(original.components(separatedBy: "\n").firstIndex(of: String(first.dropLast()))) + 1
        let rules = folder.appendingPathComponent("rules.yaml").path
        try original.replacingOccurrences(of: first, with: first + "      - {figure: poor_start, weight: k-near-poor}\n")
            .write(toFile: rules, atomically: true, encoding: .utf8)
        let c = try DistFixtures.write(DistFixtures.centralOnly(100, distribution: "  formula: localities-2021-2025\n  parameters: \(DistFixtures.poorOnly)"),
                                       csv: Self.csv, ruleSet: rules)
        let error = try #require(DistFixtures.error { _ = try PlanLoader.load(path: c.planPath) })
        #expect(error.message.key == .distCriterionTwice)
        #expect(error.location.file.hasSuffix("rules.yaml") && error.location.line == firstLine + 1, "\(error.location)")
        #expect(error.field.hasSuffix("criteria[1].figure"), "\(error.field)")
        #expect(error.text(Localizer(.en)).hasSuffix(": the criterion 'poor_start' is already listed in this formula (list each figure or flag once)"))
        #expect(error.text(Localizer(.vi)).hasSuffix(": tiêu chí 'poor_start' đã có trong cách phân bổ này (mỗi cột số liệu hoặc dấu hiệu chỉ ghi một lần)"))
    }

    /// A limit with atLeast and atMost: refused when the plan is read, at the limit's line (15).
    @Test func aLimitWithTwoKinds() throws {
        let c = try DistFixtures.write(DistFixtures.centralOnly(100, distribution: """
              formula: localities-2021-2025
              parameters: \(DistFixtures.poorOnly)
              limits:
                - {areas: [a], atLeast: 10, atMost: 20}
            """), csv: Self.csv)
        let error = try #require(DistFixtures.error { _ = try PlanLoader.load(path: c.planPath) })
        #expect(error.message.key == .distLimitKind)
        #expect(error.location.line == 15)
        #expect(error.field == "distribution.limits[0]")
        #expect(error.text(Localizer(.en)).hasSuffix("distribution.limits[0]: a limit gives exactly one of atLeast, atMost and fixed"))
        #expect(error.text(Localizer(.vi)).hasSuffix("distribution.limits[0]: mỗi giới hạn ghi đúng một trong atLeast (tối thiểu), atMost (tối đa) và fixed (cố định)"))
    }

    @Test func anUnknownAreaInALimit() throws {
        let error = try #require(try Self.setupError("""
              formula: localities-2021-2025
              parameters: \(DistFixtures.poorOnly)
              limits:
                - {areas: [zz], atMost: 20}
            """))
        #expect(error.message.key == .distUnknownArea)
        #expect(error.location.file.hasSuffix("plan.yaml") && error.location.line == 15)
        #expect(error.field == "distribution.limits[0].areas")
        #expect(error.text(Localizer(.en)).hasSuffix("distribution.limits[0].areas: 'zz' is not a row of the area table areas.csv"))
        #expect(error.text(Localizer(.vi)).hasSuffix("distribution.limits[0].areas: 'zz' không phải dòng nào của bảng địa bàn areas.csv"))
    }

    /// k-near-poor counted (1) but the table has no near_poor_start column: the error names it, at the
    /// table's header (line 1).
    @Test func aMissingCriterionColumn() throws {
        let parameters = "{k-poor: 1, k-near-poor: 1, k-ethnic: 0, k-poor-district: 0, k-difficult-commune: 0}"
        let error = try #require(try Self.setupError("  formula: localities-2021-2025\n  parameters: \(parameters)",
                                                     csv: "id,name,poor_start\na,A,1\nb,B,3\n"))
        #expect(error.message.key == .distMissingColumn)
        #expect(error.location.file == "areas.csv" && error.location.line == 1)
        #expect(error.field == "near_poor_start")
        #expect(error.text(Localizer(.en)).contains("the area table has no column 'near_poor_start', which the distribution reads"))
        #expect(error.text(Localizer(.vi)).contains("bảng địa bàn không có cột 'near_poor_start' mà cách phân bổ cần đọc"))
    }

    /// B's poor_start (line 3, column 3) is empty.
    @Test func aMissingFigureOnARow() throws {
        let error = try #require(try Self.setupError("  formula: localities-2021-2025\n  parameters: \(DistFixtures.poorOnly)",
                                                     csv: "id,name,poor_start\na,A,1\nb,B,\n"))
        #expect(error.message.key == .distMissingFigure)
        #expect(error.location == CoFund.SourceLocation(file: "areas.csv", line: 3, column: 3))
        #expect(error.field == "poor_start")
        #expect(error.text(Localizer(.en)) == "areas.csv:3:3: poor_start: B has no poor_start, which the distribution reads: give it (0 if there are none)")
        #expect(error.text(Localizer(.vi)) == "areas.csv:3:3: poor_start: B không có số liệu poor_start mà cách phân bổ cần đọc: hãy ghi số liệu (ghi 0 nếu không có)")
    }
}
