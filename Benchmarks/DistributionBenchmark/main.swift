// National distribution (issue 11): CoFund's hierarchical run (provinces, then each province's communes in
// parallel) timed phase by phase on 1 and 2 threads, against the same distribution solved as ONE monolithic
// LP by glpsol and by HiGHS, in the same run, on a generated national data set (the real 34 provinces and
// 3,321 communes, generated figures: Benchmarks/GeneratedPlans/NationalDistribution.swift).
//
//   make bench-distribute                                            # the whole country
//   make bench-distribute DISTRIBUTE_ARGS="--provinces 3 --communes 40"   # a quick run
//
// A benchmark, not a test: it prints timings, ratios, deviations and peak memory (Benchmarks/README.md).
import Foundation
import GeneratedPlans
import GLPK
import LinearProgramming

#if canImport(Glibc)
import Glibc
#endif

// The child that runs the hierarchical part alone (see Hierarchical.swift) is this same binary.
if CommandLine.arguments.count == 7, CommandLine.arguments[1] == "--child", CommandLine.arguments[2] == "hierarchical" {
    hierarchicalChild(plan: CommandLine.arguments[3], areas: CommandLine.arguments[4], threads: Int(CommandLine.arguments[5]) ?? 1,
                      wholeUnits: CommandLine.arguments[6] == "whole")
}

// MARK: Options

var options = Options()
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--provinces": options.provinces = arguments.popFirst().flatMap { Int($0) }
    case "--communes": options.communes = arguments.popFirst().flatMap { Int($0) }
    case "--seed": options.seed = arguments.popFirst().flatMap { UInt64($0) } ?? options.seed
    case "--repetitions": options.repetitions = max(1, arguments.popFirst().flatMap { Int($0) } ?? options.repetitions)
    case "--glpsol": options.glpsol = arguments.popFirst() ?? options.glpsol
    case "--glpsol-limit": options.glpsolLimit = arguments.popFirst().flatMap { Int($0) }
    case "--python": options.python = arguments.popFirst() ?? options.python
    case "--no-highs": options.highs = false
    case "--no-install": options.installHighs = false
    case "--lp": options.lpFile = arguments.popFirst()
    case "--keep": options.keep = arguments.popFirst()
    case "--exact-amounts": options.wholeUnits = false
    default:
        print("""
            usage: CoFundDistributionBenchmark [--provinces K] [--communes M] [--seed N (2026)] [--repetitions N (3)]
                   [--glpsol PATH] [--glpsol-limit SECONDS] [--python PATH] [--no-highs] [--no-install] [--lp FILE] [--keep DIR] [--exact-amounts]
            """)
        exit(2)
    }
}

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Benchmarks/DistributionBenchmark
let root = here.deletingLastPathComponent().deletingLastPathComponent()
let cores = ProcessInfo.processInfo.activeProcessorCount
let threadCounts = cores > 2 ? [1, 2, cores] : [1, 2]

let folder: URL
if let keep = options.keep {
    folder = URL(fileURLWithPath: keep)
} else {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("cofund-distribute-bench-\(UUID().uuidString)")
}
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { if options.keep == nil { try? FileManager.default.removeItem(at: folder) } }

print("CoFund distribution benchmark: hierarchical (CoFund) vs one monolithic LP (glpsol, HiGHS); machine: \(machine())")
print("glpsol: \(glpsolVersion(options.glpsol, folder: folder))")

// MARK: Data

let generateStart = now()
let written = try NationalDistribution.write(
    in: folder, adminCSV: root.appendingPathComponent("Benchmarks/Data/vn-admin-units-2026.csv").path,
    ruleSetPath: root.appendingPathComponent("Models/rulesets/poverty-2026-2030.yaml").path,
    seed: options.seed, provinces: options.provinces, communesPerProvince: options.communes)
let sizeOf = { (path: String) in ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0 }
print("data: \(written.provinces) provinces, \(written.communes) communes, GENERATED figures (seed \(options.seed)); "
      + "central \(written.centralInvestment) investment + \(written.centralRecurrent) recurrent (million VND); "
      + "areas.csv \(kib(sizeOf(written.areasPath))), plan.yaml \(kib(sizeOf(written.planPath))); generated in \(sec(now() - generateStart)); in \(folder.path)")

// MARK: CoFund, hierarchical, in a child process per run

var hierarchical: [Int: [(ChildRun, HierarchicalResult)]] = [:]
for threads in threadCounts {
    for repetition in 1...options.repetitions {
        let run = try runChild(selfExecutable(), ["--child", "hierarchical", written.planPath, written.areasPath, String(threads), options.wholeUnits ? "whole" : "exact"],
                               folder: folder, tag: "hierarchical-\(threads)-\(repetition)")
        guard let result = parseHierarchical(run) else {
            print("hierarchical, threads=\(threads): the child gave no result (exit \(run.exitCode), signal \(run.signal)): \(run.stderr.suffix(500))")
            continue
        }
        print("hierarchical, threads=\(threads), run \(repetition)/\(options.repetitions): \(sec(run.wall)), peak \(kib(run.peakKiB * 1024)); "
              + phaseNames.map { "\($0) \(result.phases[$0].map(sec) ?? "-")" }.joined(separator: ", ") + "; \(result.status)")
        if !result.detail.isEmpty { print("  \(result.detail)") }
        if !result.peakAfter.isEmpty {
            print("  peak RSS after " + ["read", "run", "report"].compactMap { k in result.peakAfter[k].map { "\(k) \(kib($0 * 1024))" } }.joined(separator: ", "))
        }
        hierarchical[threads, default: []].append((run, result))
    }
}

// MARK: The monolithic LP, glpsol and HiGHS

let lpPath = options.lpFile ?? folder.appendingPathComponent("monolithic.lp").path
var lpNote = "given with --lp"
if options.lpFile == nil {
    let t = now()
    do {
        if let program = try monolithicProgram(plan: written.planPath, areas: written.areasPath, wholeUnits: options.wholeUnits) {
            let built = now() - t
            try GLPKSolver().writeCPLEX(program, to: lpPath)
            lpNote = "\(program.rows.count) rows, \(program.columns.count) columns, \(program.nonZeroCount) non-zeros; "
                + "plan solved and program built in \(sec(built)), written in \(sec(now() - t - built))"
        }
    } catch {
        lpNote = "not built: \(error)"
    }
}
print("monolithic LP: \(lpNote)\(FileManager.default.fileExists(atPath: lpPath) ? ", \(kib(sizeOf(lpPath)))" : "")")

var peers: [PeerRun] = []
if FileManager.default.fileExists(atPath: lpPath) {
    // --glpsol-limit: glpsol's own time limit, for a quick run where the monolithic solve would take long
    // (the ratio is then a lower bound, and the report says so).
    let limit = options.glpsolLimit.map { ["--tmlim", String($0)] } ?? []
    let g = try glpsol(options.glpsol, lp: lpPath, folder: folder, tag: "glpsol", extra: limit)
    print("glpsol: \(sec(g.process.wall)), peak \(kib(g.process.peakKiB * 1024)), \(g.status), objective \(g.objective.map { String(format: "%.6f", $0) } ?? "-"), \(g.detail)")
    peers.append(g)
    if options.highs {
        if let why = ensureHighs(python: options.python, folder: folder, install: options.installHighs) {
            print("HiGHS: left out: \(why)")
        } else {
            for threads in [cores] {
                let h = try highs(python: options.python, script: root.appendingPathComponent("Benchmarks/highs/solve_lp.py").path,
                                  lp: lpPath, threads: threads, folder: folder, tag: "highs-\(threads)")
                print("HiGHS: \(sec(h.process.wall)) (process), peak \(kib(h.process.peakKiB * 1024)), \(h.status), objective \(h.objective.map { String(format: "%.6f", $0) } ?? "-"); \(h.detail)")
                peers.append(h)
            }
        }
    }
}

report(hierarchical: hierarchical, peers: peers, threadCounts: threadCounts)
