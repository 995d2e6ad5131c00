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
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--leaves", let list = arguments.popFirst() { leafCounts = list.split(separator: ",").compactMap { Int($0) } }
}

print("CoFund pipeline growth (wall seconds; µs/leaf in brackets), glpsol on the exported first stage in the same run")
print(String(format: "%8@ %14@ %14@ %14@ %14@ %14@ %12@ %10@", "leaves", "load", "prepare", "solve", "report", "ours 1 stage", "glpsol", "ratio"))
for leaves in leafCounts {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cofund-scale-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try GeneratedPlan.write(parents: max(1, leaves / 10), in: folder)

    let (loaded, load) = try timed { try PlanLoader.load(path: path) }
    let (prepared, prepare) = try timed { try PreparedPlan(loaded) }
    let (result, solve) = try timed { try PlanSolver(factory: GLPKSolver()).solve(prepared) }
    let (_, report) = try timed { try ReportRenderer.render(SolveReportBuilder(prepared.structure).build(result), format: .json, language: .en) }
    guard let compiled = prepared.compiled, result.outcome == .solved else {
        print("\(leaves): not solved (\(result.outcome))")
        continue
    }
    // The same first-stage program, solved once by us in process and once by glpsol from its LP file.
    let (first, ours) = try timed { try GLPKSolver().solve(compiled.program) }
    let lp = folder.appendingPathComponent("plan.lp").path
    try GLPKSolver().writeCPLEX(compiled.program, to: lp)
    let (theirs, line) = try glpsol(lp, solution: folder.appendingPathComponent("glpsol.txt").path)
    func cell(_ seconds: Double) -> String { String(format: "%.3f [%.0f]", seconds, seconds * 1e6 / Double(leaves)) }
    print(String(format: "%8d %14@ %14@ %14@ %14@ %14@ %12.3f %9.2fx", leaves, cell(load), cell(prepare), cell(solve), cell(report),
                 cell(ours), theirs, ours / theirs))
    print("         first stage: ours \(first.objective), glpsol \(line); rows \(compiled.program.rows.count), columns \(compiled.program.columns.count), structure+compile steps \(prepared.structure.work.steps)")
}
