// What-if throughput: 1,000 scenarios of a plan solved (a) by exporting each changed plan and running
// `glpsol --lp` on it, (b) by CoFund in process from scratch, (c) by CoFund's what-if path (WhatIfRunner,
// warm from the base plan's first-stage basis) on 1 and 2 threads; for Tịnh Biên's 2024 plan and for a
// generated district plan of realistic size, in the same run.
//
//   make bench-whatif                                  # 1,000 scenarios per plan, 50 of them through glpsol
//   make bench-whatif WHATIF_ARGS="--scenarios 100"     # a quick run
//
// A benchmark, not a test: it prints timings and ratios (Benchmarks/README.md).
import CoFund
import BenchmarkSupport
import Foundation
import GeneratedPlans
import GLPK
import LinearProgramming

#if canImport(Glibc)
import Glibc
#endif

// MARK: Clocks

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// CPU seconds (user + system) of this process, all threads.
func cpu() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
}

struct Timing {
    var wall: Double
    var cpu: Double
}

func timed<T>(_ body: () throws -> T) rethrows -> (T, Timing) {
    let (w, c) = (now(), cpu())
    let result = try body()
    return (result, Timing(wall: now() - w, cpu: cpu() - c))
}

// MARK: Options

var scenarioCount = 1_000
var glpsolSample = 50
var glpsolPath = FileManager.default.isExecutableFile(atPath: "/usr/bin/glpsol") ? "/usr/bin/glpsol" : "glpsol"
/// A configuration whose base plan takes longer than 2 s to solve is measured on this many scenarios, scaled.
var slowSample = 3
var plansWanted = ["tinh-bien", "district"]
/// `--sweep N`: only the sweep benchmark, N steps (the issue's is 200).
var sweepSteps: Int?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--scenarios": scenarioCount = arguments.popFirst().flatMap { Int($0) } ?? scenarioCount
    case "--glpsol-sample": glpsolSample = arguments.popFirst().flatMap { Int($0) } ?? glpsolSample
    case "--glpsol": glpsolPath = arguments.popFirst() ?? glpsolPath
    case "--slow-sample": slowSample = arguments.popFirst().flatMap { Int($0) } ?? slowSample
    case "--plans": plansWanted = (arguments.popFirst() ?? "").split(separator: ",").map(String.init)
    case "--sweep": sweepSteps = arguments.popFirst().flatMap { Int($0) } ?? sweepSteps
    default:
        print("usage: CoFundWhatIfBenchmark [--scenarios N (1000)] [--glpsol-sample N (50)] [--glpsol PATH] [--plans tinh-bien,district] [--sweep STEPS]")
        exit(2)
    }
}
scenarioCount = max(1, scenarioCount)
glpsolSample = max(1, min(glpsolSample, scenarioCount))
let cores = ProcessInfo.processInfo.activeProcessorCount
let threadCounts = cores > 2 ? [1, 2, cores] : [1, 2]

// MARK: Scenarios

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Benchmarks/WhatIfBenchmark
let root = here.deletingLastPathComponent().deletingLastPathComponent()
let location = SourceLocation(file: "generated", line: 0)

func change(_ edit: ScenarioEdit, _ field: String) -> ScenarioChange { ScenarioChange(edit: edit, location: location, field: field) }

/// Rounds a factor or ratio to three decimals, as someone would write it in a scenario file.
func r3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

/// `count` scenarios from a seeded SplitMix64; a drawn scenario the applier rejects (it cannot be written
/// as a valid plan) is drawn again, and counted.
func scenarios(_ count: Int, base: LoadedPlan, seed: UInt64, draw: (inout SplitMix64) -> [ScenarioChange]) -> ([Scenario], Int) {
    var rng = SplitMix64(seed: seed)
    var list: [Scenario] = []
    var rejected = 0
    while list.count < count {
        let scenario = Scenario(id: "s\(list.count + 1)", name: nil, changes: draw(&rng), location: location)
        do {
            _ = try ScenarioApplier.apply(scenario, to: base)
        } catch {
            rejected += 1
            if rejected == 1 || rejected % 1000 == 0 { print("   (a draw rejected: \(error))") }
            if rejected > 100 * count { fatalError("the scenario generator draws almost only invalid scenarios") }
            continue
        }
        list.append(scenario)
    }
    return (list, rejected)
}

struct Workload {
    var name: String
    var description: String
    var loaded: LoadedPlan
    var scenarios: [Scenario]
    var drawn: String
}

@MainActor func tinhBien() throws -> Workload {
    let loaded = try PlanLoader.load(path: root.appendingPathComponent("Models/plans/tinh-bien-2024.yaml").path)
    let leaves = ["DA2", "DA3.TDA1", "DA4.TDA1", "DA6.TDA2", "DA7.TDA1", "DA7.TDA2"]
    let (list, rejected) = scenarios(scenarioCount, base: loaded, seed: 0x7469_6e68) { rng in
        [change(.available(source: "central", .scale(r3(rng.uniform(0.80, 1.20)))), "scale.central"),
         change(.available(source: "province", .scale(r3(rng.uniform(0.8, 1.5)))), "scale.province"),
         change(.ratio(rule: "province-10pct", .value(r3(rng.uniform(0.05, 0.20)))), "set.rules.province-10pct.ratio"),
         change(.need(project: leaves[rng.index(leaves.count)], capital: nil, .scale(r3(rng.uniform(0.8, 1.3)))), "scale.need")]
    }
    return Workload(name: "Tịnh Biên 2024", description: "Models/plans/tinh-bien-2024.yaml", loaded: loaded, scenarios: list,
                    drawn: "central x0.80-1.20, province x0.8-1.5, province-10pct ratio 0.05-0.20, one leaf's need x0.8-1.3; \(rejected) draws rejected by the applier")
}

@MainActor func district(in folder: URL) throws -> Workload {
    let path = try GeneratedDistrictPlan.write(in: folder, ruleSetPath: root.appendingPathComponent("Models/rulesets/poverty-2021-2025.yaml").path)
    let loaded = try PlanLoader.load(path: path)
    let leaves = GeneratedDistrictPlan.recurrentLeaves
    let (list, rejected) = scenarios(scenarioCount, base: loaded, seed: 0x6469_7374) { rng in
        [change(.available(source: "central-investment", .scale(r3(rng.uniform(0.80, 1.20)))), "scale.central-investment"),
         change(.available(source: "central-recurrent", .scale(r3(rng.uniform(0.80, 1.20)))), "scale.central-recurrent"),
         change(.available(source: "province-investment", .scale(r3(rng.uniform(0.8, 1.5)))), "scale.province-investment"),
         change(.available(source: "province-recurrent", .scale(r3(rng.uniform(0.8, 1.5)))), "scale.province-recurrent"),
         change(.ratio(rule: "province-leaf", .value(r3(rng.uniform(0.05, 0.20)))), "set.rules.province-leaf.ratio"),
         change(.need(project: leaves[rng.index(leaves.count)], capital: nil, .scale(r3(rng.uniform(0.8, 1.3)))), "scale.need")]
    }
    return Workload(name: "generated district", description: "GeneratedDistrictPlan (18 catalogue codes, 13 leaves, 7 sources at 5 levels, both capital types)",
                    loaded: loaded, scenarios: list,
                    drawn: "central investment and recurrent x0.80-1.20 each, provincial investment and recurrent x0.8-1.5 each, province-leaf ratio 0.05-0.20, one recurrent leaf's need x0.8-1.3; \(rejected) draws rejected by the applier")
}

// MARK: glpsol

struct GlpsolRun {
    var seconds: Double
    var cpu: Double
    var status: String
    var objective: Double?
}

/// `glpsol --lp FILE -o SOLUTION` as a process, started with Foundation's Process: wall time from before the
/// start to its exit, CPU time of the child from its resource usage.
@MainActor func glpsol(_ lp: String, solution: String) throws -> GlpsolRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: glpsolPath)
    process.arguments = ["--lp", lp, "-o", solution]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    var before = rusage()
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &before)
    let start = now()
    // Wait on the termination handler rather than waitUntilExit(), which polls a run loop on Linux.
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    exited.wait()
    let seconds = now() - start
    var after = rusage()
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &after)
    func total(_ u: rusage) -> Double {
        Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) * 1e-6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) * 1e-6
    }
    let text = (try? String(contentsOfFile: solution, encoding: .utf8)) ?? ""
    let lines = text.split(separator: "\n")
    let status = lines.first { $0.hasPrefix("Status:") }.map { $0.dropFirst(7).trimmingCharacters(in: .whitespaces) } ?? "?"
    // "Objective:  funded = 5476 (MAXimum)"
    let objective = lines.first { $0.hasPrefix("Objective:") }.flatMap { line -> Double? in
        guard let eq = line.firstIndex(of: "=") else { return nil }
        return Double(line[line.index(after: eq)...].split(separator: " ").first ?? "")
    }
    return GlpsolRun(seconds: seconds, cpu: total(after) - total(before), status: status, objective: objective)
}

// MARK: Formatting

func ms(_ seconds: Double) -> String {
    let v = seconds * 1000
    return v >= 100 ? String(format: "%.0f ms", v) : v >= 10 ? String(format: "%.1f ms", v) : String(format: "%.2f ms", v)
}

func sec(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }

// MARK: Configurations

/// How CoFund solves each plan.
struct Configuration {
    var name: String
    var what: String
    var solver: PlanSolver<GLPKSolver>
}

func configurations() -> [Configuration] {
    // As `cofund whatif` runs it (WhatIfCommand): whole-unit proposals, sensitivity of the sources.
    let whatif = PlanSolver(factory: GLPKSolver(), options: SolveOptions(timeLimitSeconds: SolveOptions.defaultTimeLimitSeconds), wholeUnits: true).forWhatIf
    // The LP-equivalent configuration: the plan's LP stages only (as `--exact-amounts`), no sensitivity; an
    // infeasible scenario's repair as a what-if study finds it (no conflicting set).
    var lp = PlanSolver(factory: GLPKSolver(), options: SolveOptions(timeLimitSeconds: SolveOptions.defaultTimeLimitSeconds), wholeUnits: false)
    lp.conflictSets = false
    return [
        Configuration(name: "whatif", what: "as `cofund whatif`: every LP stage, re-check, even spread, whole-unit integer stages, sensitivity of sources", solver: whatif),
        Configuration(name: "LP-only", what: "wholeUnits: false, sensitivity: false: every LP stage (2) and the re-check", solver: lp),
    ]
}

func outcomes(_ study: WhatIfStudy) -> String {
    var counts: [String: Int] = [:]
    for c in study.scenarios { counts[c.solution.outcome.rawValue, default: 0] += 1 }
    return counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
}

/// Largest relative difference of the first stage's value between two studies of the same scenarios, and
/// how many outcomes differ.
func agreement(_ a: WhatIfStudy, _ b: WhatIfStudy) -> (Double, Int) {
    var worst = 0.0
    var differ = 0
    for (x, y) in zip(a.scenarios, b.scenarios) {
        if x.solution.outcome != y.solution.outcome { differ += 1; continue }
        if let u = x.solution.stageValues.first?.value, let v = y.solution.stageValues.first?.value {
            worst = max(worst, abs(u - v) / max(1, abs(u)))
        }
    }
    return (worst, differ)
}

// MARK: The run

struct Summary {
    var plan: String
    var config: String
    var glpsol: Double        // (a): whole pipeline per scenario, scaled to N
    var glpsolOnly: Double    // (a) the glpsol processes alone, scaled to N
    var cold: Timing          // (b)
    var warm: [Int: Timing]   // (c) by threads
}

var summaries: [Summary] = []

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
    return "\(cores) cores\(model)\(memory)"
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cofund-whatif-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }


// MARK: The sweep benchmark (`--sweep N`)

/// A sweep of Tịnh Biên's central money over N steps with its exact breakpoints, against N cold glpsol runs
/// on the exported LP of each step (the first stage only; the sweep solves every stage, whole units and
/// the parametric walk).
@MainActor func sweepBenchmark(steps: Int) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cofund-sweep-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let base = try PlanLoader.load(path: root.appendingPathComponent("Models/plans/tinh-bien-2024.yaml").path)
    let edit = ScenarioEdit.available(source: "central", .value(0))
    print("CoFund sweep benchmark: Tịnh Biên 2024, central money 4,000..5,000 in \(steps) steps; machine: \(machine())")
    var results: [(String, Double)] = []
    for threads in threadCounts {
        let (study, t) = try timed {
            try SweepRunner(solver: PlanSolver(factory: GLPKSolver()), threads: threads).run(
                base: base, path: "central", edit: edit, location: location, from: 4000, to: 5000, steps: steps)
        }
        if threads == 1 {
            let points = (study.walk?.breakpoints ?? []).map { String(format: "%.4f", $0.value) }.joined(separator: ", ")
            print("  breakpoints: \(points) (\(study.walk?.solves ?? 0) re-solves in the walk)")
        }
        results.append(("CoFund sweep, \(threads) thread\(threads == 1 ? "" : "s") (every stage, whole units, breakpoints)", t.wall))
    }
    var glpsolTotal = 0.0
    for k in 0...steps {
        let value = SweepRunner<GLPKSolver>.values(from: 4000, to: 5000, steps: steps, edit: edit, unit: 1)[k]
        let scenario = Scenario(id: "s\(k)", name: nil, changes: [change(edit.with(.value(value)), "central")], location: location)
        let start = now()
        let prepared = try PreparedPlan(ScenarioApplier.apply(scenario, to: base))
        let lp = folder.appendingPathComponent("s\(k).lp").path
        try GLPKSolver().writeCPLEX(prepared.compiled!.program, to: lp)
        _ = try glpsol(lp, solution: folder.appendingPathComponent("s\(k).sol").path)
        glpsolTotal += now() - start
    }
    results.append(("glpsol, \(steps + 1) cold runs (first stage only, no breakpoints)", glpsolTotal))
    table(["run", "wall"], results.map { [$0.0, sec($0.1)] })
    for (name, wall) in results.dropLast() { print("  glpsol / (\(name)): \(ratio(glpsolTotal / wall))") }
}

if let sweepSteps {
    try sweepBenchmark(steps: max(1, sweepSteps))
    exit(0)
}

let startedAt = now()
print("CoFund what-if benchmark: \(scenarioCount) scenarios per plan; glpsol on a sample of \(glpsolSample), scaled to \(scenarioCount)")
print("machine: \(machine()); threads measured: \(threadCounts.map(String.init).joined(separator: ", ")); glpsol: \(glpsolPath)")

// glpsol's start-up alone, once warm (the first start reads the binary and GLPK from disk).
do {
    var startups: [Double] = []
    for _ in 0..<6 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: glpsolPath)
        process.arguments = ["--version"]
        process.standardOutput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let start = now()
        try process.run()
        exited.wait()
        startups.append(now() - start)
    }
    print("glpsol process start-up (glpsol --version via Foundation.Process): \(ms(startups.dropFirst().sorted()[2])) median of 5")
}

var workloads: [Workload] = []
if plansWanted.contains("tinh-bien") { workloads.append(try tinhBien()) }
if plansWanted.contains("district") {
    let planFolder = folder.appendingPathComponent("district")
    try FileManager.default.createDirectory(at: planFolder, withIntermediateDirectories: true)
    workloads.append(try district(in: planFolder))
}

let configs = configurations()
for workload in workloads {
    let n = workload.scenarios.count
    let basePrepared = try PreparedPlan(workload.loaded)
    let program = basePrepared.compiled!.program
    let stages = basePrepared.compiled!.stages.map { "\($0.stage)" }.joined(separator: ", ")
    print("")
    print("== \(workload.name): \(workload.description)")
    print("   base program: \(program.rows.count) rows, \(program.columns.count) columns, \(program.rows.reduce(0) { $0 + $1.terms.count }) non-zeros; objective stages: \(stages)")
    print("   scenarios: \(n), seeded SplitMix64: \(workload.drawn)")

    // (b) and (c), per configuration.
    var studies: [String: WhatIfStudy] = [:]
    var byConfig: [String: (cold: Timing, warm: [Int: Timing])] = [:]
    var slowFactor: [String: Double] = [:]
    for config in configs {
        var list = workload.scenarios
        let (_, baseTime) = try timed { try config.solver.solve(basePrepared) }
        if baseTime.wall > 2 {
            let k = max(1, min(slowSample, n))
            list = (0..<k).map { workload.scenarios[$0 * n / k] }
            slowFactor[config.name] = Double(n) / Double(k)
            print("   \(config.name): the base plan alone takes \(sec(baseTime.wall)) (whole-unit search at its time limit): measured on \(k) scenarios (every \(n / k)th), totals scaled x\(String(format: "%.0f", Double(n) / Double(k))) to \(n)")
        }
        var cold = WhatIfRunner(solver: config.solver, threads: 1)
        cold.warm = false
        let (coldStudy, coldTime0) = try timed { try cold.run(base: workload.loaded, scenarios: list) }
        let f = slowFactor[config.name] ?? 1
        let coldTime = Timing(wall: coldTime0.wall * f, cpu: coldTime0.cpu * f)
        var warm: [Int: Timing] = [:]
        var warmStudy: WhatIfStudy?
        for t in threadCounts {
            let runner = WhatIfRunner(solver: config.solver, threads: t)
            let (study, time) = try timed { try runner.run(base: workload.loaded, scenarios: list) }
            warm[t] = Timing(wall: time.wall * f, cpu: time.cpu * f)
            if t == 1 { warmStudy = study } else {
                let (worst, differ) = agreement(warmStudy!, study)
                if differ > 0 || worst > 1e-9 { print("   WARNING: \(config.name) on \(t) threads differs from 1 thread: \(differ) outcomes, first-stage rel. diff \(worst)") }
            }
        }
        let (worst, differ) = agreement(coldStudy, warmStudy!)
        print("   \(config.name): outcomes \(outcomes(warmStudy!)); cold vs warm: \(differ) outcomes differ, first-stage values within \(String(format: "%.1e", worst)) (relative)")
        if f == 1 { studies[config.name] = warmStudy! }
        byConfig[config.name] = (coldTime, warm)
    }

    // (a) glpsol on a sample, spread evenly over the scenarios.
    let sample = (0..<glpsolSample).map { $0 * n / glpsolSample }
    var pipeline = 0.0, prepareWrite = 0.0, processes = 0.0, processCPU = 0.0, inProcess = 0.0
    var worstObjective = 0.0
    var statusDisagreements = 0
    var glpsolStatuses: [String: Int] = [:]
    let lpStudy = studies["LP-only"]!
    _ = try glpsol({ let p = folder.appendingPathComponent("warmup.lp").path; try GLPKSolver().writeCPLEX(program, to: p); return p }(),
                   solution: folder.appendingPathComponent("warmup.txt").path)
    for i in sample {
        let lp = folder.appendingPathComponent("s\(i).lp").path
        let start = now()
        let changed = try ScenarioApplier.apply(workload.scenarios[i], to: workload.loaded)
        let prepared = try PreparedPlan(changed)
        try GLPKSolver().writeCPLEX(prepared.compiled!.program, to: lp)  // as `cofund export --lp` writes it
        let written = now()
        let run = try glpsol(lp, solution: folder.appendingPathComponent("s\(i).txt").path)
        pipeline += now() - start
        prepareWrite += written - start
        processes += run.seconds
        processCPU += run.cpu
        glpsolStatuses[run.status, default: 0] += 1
        // The same single LP in process, for scale: GLPKSolver().solve of the exported program.
        let (single, t) = try timed { try GLPKSolver().solve(prepared.compiled!.program) }
        inProcess += t.wall
        let ours = lpStudy.scenarios[i].solution
        let glpsolOptimal = run.status.hasPrefix("OPTIMAL")
        if glpsolOptimal != (single.status == .optimal) { statusDisagreements += 1 }
        if glpsolOptimal, ours.outcome == .solved, let value = ours.stageValues.first?.value, let theirs = run.objective {
            worstObjective = max(worstObjective, abs(value - theirs) / max(1, abs(value)))
        }
        try? FileManager.default.removeItem(atPath: lp)
    }
    let scale = Double(n) / Double(sample.count)
    print("   glpsol sample: \(sample.count) scenarios (every \(n / sample.count)th), statuses \(glpsolStatuses.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")); "
        + "status vs in-process solve of the same LP: \(statusDisagreements) differ; optimum vs CoFund's first stage: within \(String(format: "%.1e", worstObjective)) (relative; glpsol prints 10 digits)")
    print("   per scenario: apply+prepare+write LP \(ms(prepareWrite / Double(sample.count))), glpsol process \(ms(processes / Double(sample.count))) "
        + "(CPU \(ms(processCPU / Double(sample.count)))), the same LP solved in process \(ms(inProcess / Double(sample.count)))")
    print("   (a) totals below are the sample's totals x \(String(format: "%.0f", scale)) (scaled from \(sample.count) to \(n) scenarios)")

    // Breakdown, one thread, warm as the what-if path is: per scenario, apply+prepare, then three solves.
    var whole = configs[0].solver
    whole.sensitivity = false
    var base = configs[0].solver
    let baseSolution = try base.solve(basePrepared)
    if case .solved(let solved) = baseSolution { base.warmStart = solved.firstStageBasis }
    var lpOnly = configs[1].solver
    lpOnly.warmStart = base.warmStart
    whole.warmStart = base.warmStart
    var tPrepare = 0.0
    var tLP: [PlanOutcome: Double] = [:], tWhole: [PlanOutcome: Double] = [:], tFull: [PlanOutcome: Double] = [:]
    var count: [PlanOutcome: Int] = [:]
    for scenario in workload.scenarios {
        let (prepared, p) = try timed { try PreparedPlan(ScenarioApplier.apply(scenario, to: workload.loaded)) }
        tPrepare += p.wall
        let (solution, a) = try timed { try lpOnly.solve(prepared) }
        let slow = slowFactor["whatif"] != nil
        let (_, b) = slow ? ((), Timing(wall: a.wall, cpu: 0)) : try timed { try whole.solve(prepared) }
        let (_, c) = slow ? ((), Timing(wall: a.wall, cpu: 0)) : try timed { try base.solve(prepared) }
        let outcome = solution.outcome
        count[outcome, default: 0] += 1
        tLP[outcome, default: 0] += a.wall
        tWhole[outcome, default: 0] += b.wall
        tFull[outcome, default: 0] += c.wall
    }
    let sum = { (d: [PlanOutcome: Double]) in d.values.reduce(0, +) }
    let total = tPrepare + sum(tFull)
    print("   breakdown (1 thread, warm, each scenario timed alone; whole-unit = (wholeUnits) - (LP-only), sensitivity = (whatif) - (wholeUnits)):")
    var rows: [[String]] = []
    func share(_ x: Double) -> String { String(format: "%.0f%%", 100 * x / total) }
    rows.append(["apply+prepare (validate, structure, compile)", sec(tPrepare), ms(tPrepare / Double(n)), share(tPrepare)])
    for outcome in count.keys.sorted(by: { $0.rawValue > $1.rawValue }) {
        let k = Double(count[outcome]!)
        let lp = tLP[outcome]!, wh = tWhole[outcome]! - tLP[outcome]!, se = tFull[outcome]! - tWhole[outcome]!
        let label = outcome == .infeasible ? "LP stages + diagnosis" : "LP stages + re-check"
        rows.append(["\(label), \(count[outcome]!) \(outcome.rawValue)", sec(lp), ms(lp / k), share(lp)])
        if slowFactor["whatif"] == nil, outcome == .solved || abs(wh) + abs(se) > 0.01 * total {
            rows.append(["even spread + whole-unit integer stages, \(outcome.rawValue)", sec(wh), ms(wh / k), share(wh)])
            rows.append(["sensitivity of sources, \(outcome.rawValue)", sec(se), ms(se / k), share(se)])
        }
    }
    if slowFactor["whatif"] == nil {
        rows.append(["total (whatif configuration)", sec(total), ms(total / Double(n)), "100%"])
    } else {
        print("   (whatif configuration too slow for a per-scenario breakdown: whole-unit + sensitivity = (c) warm 1 thread whatif - LP-only, below)")
    }
    table(["part", "total", "per scenario", "share"], rows)

    for config in configs {
        let (cold, warm) = byConfig[config.name]!
        summaries.append(Summary(plan: workload.name, config: config.name, glpsol: pipeline * scale, glpsolOnly: processes * scale, cold: cold, warm: warm))
    }
}

print("")
print("What each side solves:")
print("  (a) glpsol --lp FILE -o SOL, one process per scenario: ONE LP, the program `cofund export --lp` writes (every row of the")
print("      plan and the stage hold rows left free, with the FIRST stage's objective only, maximize-funded-need), cold, with scaling")
print("      and an advanced basis; the time covers apply + prepare + writing the LP file in process, then the process (start-up,")
print("      reading, solving, writing the solution). '(a) glpsol only' is the processes alone.")
print("  (b) WhatIfRunner(threads: 1, warm: false): every scenario applied and prepared, then solved from scratch.")
print("  (c) WhatIfRunner(warm: true) on 1 and 2 threads: the same, each scenario's first stage from the base plan's basis.")
for config in configs { print("  (b), (c) '\(config.name)': \(config.what).") }
print("  (b) and (c) include preparing every scenario (sequential in WhatIfRunner.run) and solving the base plan once.")
print("")
print("Times (wall clock; CPU time of this process in brackets) for \(scenarioCount) scenarios:")
var rows: [[String]] = []
for s in summaries {
    var row = [s.plan, s.config, sec(s.glpsol), sec(s.glpsolOnly), "\(sec(s.cold.wall)) (\(sec(s.cold.cpu)))"]
    for t in threadCounts { row.append("\(sec(s.warm[t]!.wall)) (\(sec(s.warm[t]!.cpu)))") }
    rows.append(row)
}
table(["plan", "CoFund config", "(a) glpsol", "(a) glpsol only", "(b) cold 1 thread"] + threadCounts.map { "(c) warm \($0) thread\($0 == 1 ? "" : "s")" }, rows)
print("")
print("Ratios (wall clock; targets on 2 cores: (a)/(c) >= 20x, (b)/(c) >= 3x, 2-thread speed-up near 2x):")
rows = []
for s in summaries {
    let c1 = s.warm[1]!.wall, c2 = s.warm[2]!.wall
    var row = [s.plan, s.config, ratio(s.glpsol / c2), ratio(s.glpsolOnly / c2), ratio(s.cold.wall / c2), ratio(s.cold.wall / c1), ratio(c1 / c2)]
    if cores > 2 { row.append(ratio(c1 / s.warm[cores]!.wall)) }
    row.append(s.glpsol / c2 >= 20 && s.cold.wall / c2 >= 3 && c1 / c2 >= 1.8 ? "yes" : "no")
    rows.append(row)
}
table(["plan", "CoFund config", "(a)/(c2)", "(a only)/(c2)", "(b)/(c2)", "(b)/(c1) warm gain", "c1/c2 speed-up"] + (cores > 2 ? ["c1/c\(cores)"] : []) + ["all 3 met"], rows)
print("  (c1), (c2): the what-if path on 1 and 2 threads. 'near-linear' counted as a 2-thread speed-up of at least 1.8x.")
print(String(format: "whole run: %.0f s", now() - startedAt))
