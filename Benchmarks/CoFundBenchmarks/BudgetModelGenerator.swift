import GeneratedPlans
import LinearProgramming

/// Rounds to `places` decimals. Every number in a generated program is a short decimal, so that GLPK's
/// MPS writer (15 significant digits) and glpsol's reader give back exactly the same doubles: both
/// solvers then see the very same problem and should take the very same pivots.
private func decimal(_ x: Double, _ places: Int, _ rule: FloatingPointRoundingRule = .toNearestOrEven) -> Double {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    return (x * scale).rounded(rule) / scale
}

/// A synthetic budget-allocation LP with the shape of CoFund's models, at a chosen size.
///
/// Projects (each in a district and a sector) are funded from the central budget, their district's local
/// budget and a few of the programme/ODA sources; column `x(p,s)` is the amount project `p` gets from
/// source `s`, with a need ceiling as its upper bound. Rows:
/// - `floor(p)`:     sum_s x(p,s) >= floor_p                              (per-project floor)
/// - `cpart(p)`:     x(p,local) - r_p * x(p,central) >= 0                  (counterpart, mixed signs)
/// - `avail(central)`, `avail(local,d)`, `avail(prog k)`: sum_p x(p,s) <= A_s  (source availability)
///   except the first few ODA programmes, which must be disbursed in full: `= A_k` (equality rows)
/// - `sector(q)`:    sum over projects of sector q, all sources <= S_q     (sector ceiling)
/// Objective: maximise the benefit sum w(p,s) x(p,s), with random weights (so the optimum is unique in practice).
///
/// Feasible by construction: a point x0 is drawn first and every right-hand side is set around it
/// (floors below, availabilities and ceilings above, equalities on it). Bounded: every column has an
/// upper bound. Availabilities are well below the sum of the ceilings, so the money constraints bind.
struct BudgetModelGenerator {
    static let sourcesPerProject = 6  // central, local, and 4 programmes
    static let programmesPerProject = sourcesPerProject - 2
    /// Non-zeros per project: 6 columns in floor, availability and sector rows, plus 2 in the counterpart row.
    static let nonZerosPerProject = 3 * sourcesPerProject + 2

    let projects: Int
    let districts: Int
    let programmes: Int
    let odaProgrammes: Int
    let sectors: Int
    let seed: UInt64

    /// The shape whose matrix has about `nonZeros` entries (exactly, when it is a multiple of 20).
    init(targetNonZeros nonZeros: Int, seed: UInt64 = 2024) {
        projects = max(2, Int((Double(nonZeros) / Double(Self.nonZerosPerProject)).rounded()))
        districts = max(2, projects / 25)
        programmes = max(Self.programmesPerProject + 2, min(60, projects / 40))
        odaProgrammes = max(1, programmes / 5)
        sectors = min(8, projects)
        self.seed = seed
    }

    func make() -> LinearProgram {
        var rng = SplitMix64(seed: seed &+ UInt64(projects))
        // Per-source efficiency: how much benefit a unit of that money buys (ODA comes with overheads, etc.).
        let programmeEfficiency = (0..<programmes).map { _ in rng.uniform(0.8, 1.2) }
        let centralEfficiency = 1.0, localEfficiency = 1.1

        var columns: [Column] = []
        columns.reserveCapacity(projects * Self.sourcesPerProject)
        var x0: [Double] = []  // the feasible point the right-hand sides are built around
        x0.reserveCapacity(projects * Self.sourcesPerProject)
        var districtOf: [Int] = [], sectorOf: [Int] = [], programmesOf: [[Int]] = []
        var floorRows: [Row] = [], counterpartRows: [Row] = []

        for p in 0..<projects {
            let district = rng.index(districts), sector = rng.index(sectors)
            districtOf.append(district)
            sectorOf.append(sector)
            var chosen: [Int] = []
            while chosen.count < Self.programmesPerProject {
                let k = rng.index(programmes)
                if !chosen.contains(k) { chosen.append(k) }
            }
            chosen.sort()
            programmesOf.append(chosen)

            let need = decimal(rng.uniform(50, 500), 1)     // billion VND
            let priority = rng.uniform(1, 10)               // poverty-weighted benefit per unit
            let sourceNames = ["central", "local"] + chosen.map { "prog\($0 + 1)" }
            let efficiencies = [centralEfficiency, localEfficiency] + chosen.map { programmeEfficiency[$0] }
            let first = columns.count
            var total0 = 0.0
            for (s, name) in sourceNames.enumerated() {
                let ceiling = decimal(need * rng.uniform(0.3, 0.9), 3)
                let weight = decimal(priority * efficiencies[s] * rng.uniform(0.9, 1.1), 4)
                columns.append(Column(name: "x(p\(p + 1),\(name))", bounds: .between(0, ceiling), objective: weight))
                let value = decimal(ceiling * rng.uniform(0.2, 0.6), 3)
                x0.append(value)
                total0 += value
            }
            floorRows.append(Row(
                name: "floor(p\(p + 1))", bounds: .atLeast(decimal(total0 * rng.uniform(0.5, 0.9), 3, .down)),
                terms: (first..<columns.count).map { Term(column: $0, coefficient: 1) }))
            // local >= r * central, with r below what x0 achieves so that x0 satisfies it strictly.
            let ratio = decimal(x0[first + 1] / x0[first] * rng.uniform(0.5, 0.9), 4, .down)
            counterpartRows.append(Row(
                name: "cpart(p\(p + 1))", bounds: .atLeast(0),
                terms: [Term(column: first + 1, coefficient: 1), Term(column: first, coefficient: -ratio)]))
        }

        // Availability rows, one per source (local: one per district).
        var centralTerms: [Term] = [], central0 = 0.0
        var localTerms = [[Term]](repeating: [], count: districts), local0 = [Double](repeating: 0, count: districts)
        var programmeTerms = [[Term]](repeating: [], count: programmes), programme0 = [Double](repeating: 0, count: programmes)
        var sectorTerms = [[Term]](repeating: [], count: sectors), sector0 = [Double](repeating: 0, count: sectors)
        for p in 0..<projects {
            let first = p * Self.sourcesPerProject
            centralTerms.append(Term(column: first, coefficient: 1))
            central0 += x0[first]
            localTerms[districtOf[p]].append(Term(column: first + 1, coefficient: 1))
            local0[districtOf[p]] += x0[first + 1]
            for (slot, k) in programmesOf[p].enumerated() {
                programmeTerms[k].append(Term(column: first + 2 + slot, coefficient: 1))
                programme0[k] += x0[first + 2 + slot]
            }
            for j in first..<first + Self.sourcesPerProject {
                sectorTerms[sectorOf[p]].append(Term(column: j, coefficient: 1))
                sector0[sectorOf[p]] += x0[j]
            }
        }
        var sourceRows: [Row] = []
        sourceRows.append(Row(name: "avail(central)", bounds: .atMost(decimal(central0 * rng.uniform(1.0, 1.1), 3, .up)), terms: centralTerms))
        for d in 0..<districts where !localTerms[d].isEmpty {
            sourceRows.append(Row(
                name: "avail(local,d\(d + 1))", bounds: .atMost(decimal(local0[d] * rng.uniform(1.0, 1.25), 3, .up)),
                terms: localTerms[d]))
        }
        for k in 0..<programmes where !programmeTerms[k].isEmpty {
            // x0 is a sum of 3-decimal numbers, so rounding its sum to 3 decimals keeps x0 on the equality.
            let bounds: Bounds = k < odaProgrammes
                ? .exactly(decimal(programme0[k], 3))
                : .atMost(decimal(programme0[k] * rng.uniform(1.0, 1.25), 3, .up))
            sourceRows.append(Row(name: "avail(prog\(k + 1))", bounds: bounds, terms: programmeTerms[k]))
        }
        for q in 0..<sectors where !sectorTerms[q].isEmpty {
            sourceRows.append(Row(
                name: "sector(q\(q + 1))", bounds: .atMost(decimal(sector0[q] * rng.uniform(1.05, 1.2), 3, .up)),
                terms: sectorTerms[q]))
        }

        return LinearProgram(
            name: "bench\(projects)", sense: .maximize, objectiveName: "benefit",
            columns: columns, rows: floorRows + counterpartRows + sourceRows)
    }
}
