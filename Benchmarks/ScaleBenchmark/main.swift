// The growth of CoFund's pipeline with the size of a plan: load, prepare (structure and compile),
// solve (every objective stage, the re-check) and report, at 1,000, 10,000 and 50,000 leaves, with
// glpsol solving the exported first-stage LP of the same plan in the same run.
//
//   make bench-scale                      # 1k, 10k, 50k leaves
//   make bench-scale SCALE_ARGS="--leaves 1000,10000"
//
// A benchmark, not a test: it prints timings and ratios. Tests assert the growth by counting steps
// (Tests/CoFundTests/ScaleTests.swift).
import CoFund
import GeneratedPlans
import Foundation
import GLPK
import LinearProgramming

#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = now()
    let result = try body()
    return (result, now() - start)
}

/// glpsol on an LP file: wall seconds of the whole run (read, solve, write) and its objective line.
func glpsol(_ lp: String, solution: String) throws -> (Double, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/glpsol")
    process.arguments = ["--lp", lp, "--max", "-o", solution]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = now()
    try process.run()
    process.waitUntilExit()
    let seconds = now() - start
    let text = (try? String(contentsOfFile: solution, encoding: .utf8)) ?? ""
    let line = text.split(separator: "\n").first { $0.hasPrefix("Objective:") }.map(String.init) ?? "?"
    return (seconds, line)
}

var leafCounts = [1_000, 10_000, 50_000]
/// Plans above this many leaves are loaded and prepared but not solved (GLPK's simplex and ranging
/// grow faster than the program; national scale is solved province by province).
var solveLimit = 1_000
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--leaves", let list = arguments.popFirst() { leafCounts = list.split(separator: ",").compactMap { Int($0) } }
    if argument == "--solve-limit", let value = arguments.popFirst().flatMap({ Int($0) }) { solveLimit = value }
}

func cell(_ seconds: Double, _ leaves: Int) -> String {
    String(format: "%.3f s (%.0f µs/leaf)", seconds, seconds * 1e6 / Double(leaves))
}

print("CoFund pipeline growth with plan size; glpsol solves the exported first stage in the same run")
for leaves in leafCounts {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cofund-scale-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try GeneratedPlan.write(parents: max(1, leaves / 10), in: folder)

    let (loaded, load) = try timed { try PlanLoader.load(path: path) }
    let (prepared, prepare) = try timed { try PreparedPlan(loaded) }
    guard let compiled = prepared.compiled else { fatalError("the generated plan lacks inputs") }
    print("\(leaves) leaves: rows \(compiled.program.rows.count), columns \(compiled.program.columns.count), "
        + "structure+compile steps \(prepared.structure.work.steps) (\(prepared.structure.work.steps / leaves) per leaf)")
    print("  load     \(cell(load, leaves))")
    print("  prepare  \(cell(prepare, leaves))")
    guard leaves <= solveLimit else {
        print("  solve    skipped (above --solve-limit \(solveLimit))")
        continue
    }
    let (result, solve) = try timed { try PlanSolver(factory: GLPKSolver()).solve(prepared) }
    let (_, report) = try timed { try ReportRenderer.render(SolveReportBuilder(prepared.structure).build(result), format: .json, language: .en) }
    print("  solve    \(cell(solve, leaves)), \(result.outcome.rawValue) (every stage, the re-check, ranging of what the report shows)")
    print("  report   \(cell(report, leaves))")
    // The same first-stage program, solved once by us in process and once by glpsol from its LP file.
    let (first, ours) = try timed { try GLPKSolver().solve(compiled.program) }
    let lp = folder.appendingPathComponent("plan.lp").path
    try GLPKSolver().writeCPLEX(compiled.program, to: lp)
    let (theirs, line) = try glpsol(lp, solution: folder.appendingPathComponent("glpsol.txt").path)
    print(String(format: "  first stage: ours %.3f s, glpsol %.3f s (read, solve, write), ratio %.2fx; objective ours %.6f, glpsol %@",
                 ours, theirs, ours / theirs, first.objective, line))
}
