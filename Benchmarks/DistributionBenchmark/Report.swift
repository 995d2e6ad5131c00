import BenchmarkSupport
import Foundation

struct Options {
    var provinces: Int?
    var communes: Int?
    var seed: UInt64 = 2026
    /// Hierarchical runs per thread count (the peers run once: the monolithic glpsol solve is the long one).
    var repetitions = 3
    var glpsol = FileManager.default.isExecutableFile(atPath: "/usr/bin/glpsol") ? "/usr/bin/glpsol" : "glpsol"
    var glpsolLimit: Int?
    var python = "python3"
    var highs = true
    var installHighs = true
    var lpFile: String?
    var keep: String?
    /// `--exact-amounts`: the plan's own solve without whole units (as `cofund distribute --exact-amounts`);
    /// the levels still give whole units.
    var wholeUnits = true
}

// MARK: Formatting

func sec(_ seconds: Double) -> String {
    seconds >= 10 ? String(format: "%.1f s", seconds) : seconds >= 0.1 ? String(format: "%.2f s", seconds) : String(format: "%.1f ms", seconds * 1000)
}

func kib(_ bytes: Int) -> String {
    bytes >= 1 << 30 ? String(format: "%.2f GiB", Double(bytes) / Double(1 << 30))
        : bytes >= 1 << 20 ? String(format: "%.1f MiB", Double(bytes) / Double(1 << 20)) : String(format: "%.0f KiB", Double(bytes) / 1024)
}


func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func machine() -> String {
    var memory = ""
    if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8), let line = text.split(separator: "\n").first,
       let kb = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) {
        memory = String(format: ", %.0f GiB", kb / 1024 / 1024)
    }
    var model = ""
    if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
       let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }) {
        model = ", " + line.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces)
    }
    return "\(ProcessInfo.processInfo.activeProcessorCount) cores\(model)\(memory)"
}

func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(1, abs(a), abs(b)) }

// MARK: The report

/// Medians over the repetitions of each thread count; ratios against the peers' single runs. A peer that
/// did not finish optimal (glpsol at --glpsol-limit) makes the ratio a lower bound, marked `>=`.
func report(hierarchical: [Int: [(ChildRun, HierarchicalResult)]], peers: [PeerRun], threadCounts: [Int]) {
    print("\nCoFund hierarchical run, medians of \(hierarchical.values.first?.count ?? 0) runs per thread count "
          + "(each a child process: wall and peak RSS from wait4):")
    var rows: [[String]] = []
    var levelsPhase: [Int: Double] = [:]
    var wall: [Int: Double] = [:], peak: [Int: Int] = [:], deviation: [Int: Double] = [:], levels: [Int: Double] = [:]
    for threads in threadCounts {
        // Only runs that solved count: a failed child's milliseconds would make absurd ratios.
        guard let runs = hierarchical[threads]?.filter({ $0.0.succeeded }), !runs.isEmpty else {
            let why = hierarchical[threads]?.last.map { String($0.1.status.prefix(60)) } ?? "no result"
            rows.append(["\(threads)"] + phaseNames.map { _ in "-" } + ["-", "-", "-", why])
            continue
        }
        let phases = phaseNames.map { name in median(runs.compactMap { $0.1.phases[name] }) }
        wall[threads] = median(runs.map { $0.0.wall })
        peak[threads] = runs.map { $0.0.peakKiB }.max()
        deviation[threads] = runs.last?.1.totalDeviation
        levels[threads] = runs.last?.1.levelDistances
        levelsPhase[threads] = median(runs.compactMap { $0.1.phases["levels"] })
        rows.append(["\(threads)"] + phases.map { $0.isNaN ? "-" : sec($0) }
                    + [sec(wall[threads]!), sec(median(runs.map { $0.0.cpu })), kib(peak[threads]! * 1024), String(runs.last!.1.status.prefix(60))])
    }
    table(["threads"] + phaseNames + ["process", "CPU", "peak RSS", "status"], rows)

    let glpsol = peers.first { $0.solver == "glpsol" }
    let highs = peers.first { $0.solver == "HiGHS" }
    let best = threadCounts.contains(2) ? 2 : threadCounts.last!
    print("\nRatios (peer time / hierarchical time on \(best) threads; targets: >= 10x glpsol, >= 2x HiGHS; memory <= 1.5x glpsol's):")
    var ratioRows: [[String]] = []
    if let w1 = wall[1], let w2 = wall[best] { ratioRows.append(["hierarchical threads=1 / threads=\(best)", ratio(w1 / w2), "speed-up from threads"]) }
    if let h = wall[best] {
        if let g = glpsol {
            let bound = g.status == "OPTIMAL" ? "" : ">= "
            ratioRows.append(["glpsol (whole process) / hierarchical", bound + ratio(g.process.wall / h), g.status == "OPTIMAL" ? "target 10x" : "glpsol \(g.status): a lower bound"])
        }
        // The distribution alone: the levels phase (stages 1-3 of every level) against the peers' stage 1.
        if let g = glpsol, let l = levelsPhase[best] {
            ratioRows.append(["glpsol (whole process) / hierarchical levels phase", ratio(g.process.wall / l), "the distribution alone (no plan solve, no report)"])
        }
        if let s = highs {
            ratioRows.append(["HiGHS (whole process) / hierarchical", ratio(s.process.wall / h), "target 2x"])
            if let inside = s.inSolver { ratioRows.append(["HiGHS (read + solve only) / hierarchical", ratio(inside / h), "without Python start-up and import"]) }
            if let l = levelsPhase[best] {
                ratioRows.append(["HiGHS (whole process) / hierarchical levels phase", ratio(s.process.wall / l), "the distribution alone"])
            }
        }
    }
    if let p = peak[best], let g = glpsol { ratioRows.append(["peak RSS hierarchical / glpsol", ratio(Double(p) / Double(g.process.peakKiB)), "target <= 1.5x"]) }
    if let p = peak[best], let s = highs { ratioRows.append(["peak RSS hierarchical / HiGHS", ratio(Double(p) / Double(s.process.peakKiB)), ""]) }
    if ratioRows.isEmpty { print("  (no ratio: a side is missing, see above)") } else { table(["comparison", "ratio", "note"], ratioRows) }

    print("\nTotal deviation (stage 1, sum |y - t| against the country-wide formula amounts; must agree within 1e-6 relative where the")
    print("models are the same; the hierarchical run's communes follow their province's whole-unit amount, which the monolithic LP does not have):")
    var deviationRows: [[String]] = []
    let reference = deviation[best] ?? deviation.values.first
    let levelReference = levels[best]
    for threads in threadCounts {
        deviationRows.append(["hierarchical, threads=\(threads)", deviation[threads].map { String(format: "%.6f", $0) } ?? "-", "", "",
                              peak[threads].map { kib($0 * 1024) } ?? "-"])
    }
    // The levels' own distances: what each level minimised (a province's communes against the province's
    // whole-unit amount), beside the country-wide figure above.
    if let l = levels[best] {
        deviationRows.append(["hierarchical, its levels' own distances", String(format: "%.6f", l), "", "", ""])
    }
    for p in peers {
        let diff = zip([reference], [p.objective]).compactMap { a, b -> String? in
            guard let a, let b else { return nil }
            return String(format: "%.1e", relative(a, b))
        }.first ?? "-"
        let levelDiff = zip([levelReference], [p.objective]).compactMap { a, b -> String? in
            guard let a, let b else { return nil }
            return String(format: "%.1e", relative(a, b))
        }.first ?? "-"
        deviationRows.append([p.solver + " (monolithic)", p.objective.map { String(format: "%.6f", $0) } ?? "-", diff, levelDiff, kib(p.process.peakKiB * 1024)])
    }
    table(["run", "total deviation", "rel. diff (country-wide)", "rel. diff (levels' own)", "peak RSS"], deviationRows)
}
