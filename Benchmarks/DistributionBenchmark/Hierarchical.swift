import CoFund
import Foundation
import GLPK
import LinearProgramming

/// What the child running CoFund's hierarchical distribution reports back (one JSON line on stdout).
struct HierarchicalResult: Codable {
    var threads: Int
    /// Wall seconds per phase: read, build, solve, analyse, report.
    var phases: [String: Double]
    var cpuSeconds: Double
    var totalDeviation: Double?
    var status: String
    var peakKiB: Int
    var detail: String
}

let phaseNames = ["read", "build", "solve", "analyse", "report"]

/// `--child hierarchical PLAN AREAS THREADS`: one hierarchical run, phase by phase, in a process of its
/// own so that the parent's wait4 sees CoFund's peak memory alone.
func hierarchicalChild(plan planPath: String, areas areasPath: String, threads: Int) -> Never {
    var phases: [String: Double] = [:]
    let startCPU = cpu()
    func phase<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let t = now()
        defer { phases[name] = now() - t }
        return try body()
    }
    var result = HierarchicalResult(threads: threads, phases: [:], cpuSeconds: 0, totalDeviation: nil, status: "?", peakKiB: 0, detail: "")
    do {
        // Reading: the plan with its rule set, and the area table (what `cofund distribute` reads).
        let (loaded, table) = try phase("read") {
            (try PlanLoader.load(path: planPath), try AreaTableLoader.load(path: areasPath))
        }
        result.detail = "\(table.rows.count) rows"
        // TODO(lead): wire in DistributionRunner once it is on main. Expected, per phase:
        //   build:   let prepared = try DistributionRunner.prepare(loaded, areas: table)           (compile, shares, targets)
        //   solve:   let run = try DistributionRunner(solver: GLPKSolver(), threads: threads).run(prepared)
        //            (solve of the plan's totals, level 1 over provinces, then every province's communes)
        //   analyse: the independent re-check of the run (sums, limits, counterpart per area)
        //   report:  ReportRenderer.render(<distribution report>, format: .text / .json, language: .vi)
        //   result.totalDeviation = run.totalDeviation   (stage 1's L1 sum, comparable to the monolithic LP)
        _ = loaded
        throw BenchmarkError("TODO(lead): DistributionRunner is not on main yet")
    } catch {
        result.status = "error: \(error)"
    }
    result.phases = phases
    result.cpuSeconds = cpu() - startCPU
    result.peakKiB = selfPeakKiB()
    let data = (try? JSONEncoder().encode(result)) ?? Data("{}".utf8)
    print(String(decoding: data, as: UTF8.self))
    exit(result.status == "optimal" ? 0 : 1)
}

/// The monolithic first stage of the same distribution (every commune at once, one LP) as a LinearProgram,
/// for glpsol and HiGHS. nil until the lead's API is on main.
func monolithicProgram(plan planPath: String, areas areasPath: String) throws -> LinearProgram? {
    // TODO(lead): let loaded = try PlanLoader.load(path: planPath); let table = try AreaTableLoader.load(path: areasPath)
    //             return try DistributionRunner.monolithicProgram(loaded, areas: table)
    //             (stage 1 only: minimise sum |y - t| subject to the cell sums, limits and counterpart per area,
    //             over all communes; its optimum must equal the hierarchical run's total deviation when the
    //             province-level split loses nothing)
    nil
}

/// Parses the child's JSON line (the last line of its stdout that starts with `{`).
func parseHierarchical(_ run: ChildRun) -> HierarchicalResult? {
    guard let line = run.stdout.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else { return nil }
    return try? JSONDecoder().decode(HierarchicalResult.self, from: Data(line.utf8))
}
