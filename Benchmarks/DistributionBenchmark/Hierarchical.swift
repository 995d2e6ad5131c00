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
    /// The sum of the levels' own stage-1 distances (provinces, then each province's communes).
    var levelDistances: Double?
    var status: String
    var peakKiB: Int
    /// The process's peak resident set after read, after the run (build+plan, levels, re-check) and after
    /// the report: where the memory goes.
    var peakAfter: [String: Int] = [:]
    var detail: String
}

/// The phases as CoFund's run has them: reading the plan (with its rule set) and the area table; the
/// setup (areas, scores, limits) with the solve of the plan's own totals (`DistributionTimings.plan`);
/// the levels (the provinces, then each province's communes in parallel: `.solve`); the independent
/// re-check (`.check`); rendering the report as text and as JSON.
let phaseNames = ["read", "build+plan", "levels", "re-check", "report"]

/// The solver `cofund distribute` uses (StudyOptions.solver with the command's sensitivity on);
/// `wholeUnits: false` is its `--exact-amounts`, for the plan's own solve.
func distributeSolver(wholeUnits: Bool = true) -> PlanSolver<GLPKSolver> {
    var solver = PlanSolver(factory: GLPKSolver(), options: SolveOptions(timeLimitSeconds: SolveOptions.defaultTimeLimitSeconds), wholeUnits: wholeUnits)
    solver.sensitivity = true
    return solver
}

/// `--child hierarchical PLAN AREAS THREADS WHOLE`: one hierarchical run, phase by phase, in a process of its
/// own so that the parent's wait4 sees CoFund's peak memory alone.
func hierarchicalChild(plan planPath: String, areas areasPath: String, threads: Int, wholeUnits: Bool) -> Never {
    var phases: [String: Double] = [:]
    let startCPU = cpu()
    func phase<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let t = now()
        defer { phases[name] = now() - t }
        return try body()
    }
    var result = HierarchicalResult(threads: threads, phases: [:], cpuSeconds: 0, totalDeviation: nil, status: "?", peakKiB: 0, detail: "")
    do {
        let (loaded, table) = try phase("read") {
            (try PlanLoader.load(path: planPath), try AreaTableLoader.load(path: areasPath))
        }
        result.peakAfter["read"] = selfPeakKiB()
        let marks = Marks()
        let runStart = now()
        let study = try DistributionRunner(solver: distributeSolver(wholeUnits: wholeUnits), threads: threads).run(loaded, table: table) { _, _ in
            marks.add(now() - runStart)
        }
        result.peakAfter["run"] = selfPeakKiB()
        phases["build+plan"] = study.timings.plan
        phases["levels"] = study.timings.solve
        phases["re-check"] = study.timings.check
        // As `cofund distribute --output` writes it: rendered straight into the file, block by block.
        let folder = URL(fileURLWithPath: planPath).deletingLastPathComponent().path
        var reportParts: [String] = []
        let rendered = try phase("report") { () throws -> Int in
            var mark = now()
            func lap(_ name: String) {
                reportParts.append(String(format: "%@ %.2f s", name, now() - mark))
                mark = now()
            }
            let report = DistributionReportBuilder().build(study)
            lap("model")
            return try [ReportFormat.text, .json].reduce(0) { total, format in
                defer { lap(format.rawValue) }
                return try total + writeReport(report, format: format, to: folder + "/report-\(threads).\(format.rawValue)", threads: threads)
            }
        }
        result.peakAfter["report"] = selfPeakKiB()
        result.status = study.outcome.rawValue
        result.cpuSeconds = cpu() - startCPU
        // After the timed phases: the distance of this run from the formula over the whole country, on the
        // monolithic problem's own targets, so the two sides are measured by the same yardstick.
        let (total, levels, toLevel, levelToWhole) = try deviations(study)
        result.totalDeviation = total
        result.levelDistances = levels
        let failed = study.checks.filter { !$0.satisfied }.count
        result.detail = "\(study.setup.areas.count) areas, \(study.setup.groups.count) groups, \(study.lines.count) lines; "
            + "levels' own distances sum to \(String(format: "%.6f", levels)) (amounts vs their level's targets \(String(format: "%.6f", toLevel)), "
            + "level targets vs the country's \(String(format: "%.6f", levelToWhole))); re-check: \(study.checks.count - failed) of \(study.checks.count) hold; "
            + "report \(rendered / 1024) KiB (text + JSON; \(reportParts.joined(separator: ", ")))"
            + marks.summary(levelsStart: study.timings.plan, levels: study.timings.solve)
    } catch {
        result.status = "error: \(error)"
    }
    result.phases = phases
    if result.cpuSeconds == 0 { result.cpuSeconds = cpu() - startCPU }
    result.peakKiB = selfPeakKiB()
    let data = (try? JSONEncoder().encode(result)) ?? Data("{}".utf8)
    print(String(decoding: data, as: UTF8.self))
    exit(result.status == PlanOutcome.solved.rawValue ? 0 : 1)
}

/// Renders `report` into the file `path` through a report stream, as the command line does (a large table's
/// rows on `threads` threads, as `cofund distribute --threads`); the bytes written.
func writeReport(_ report: Report, format: ReportFormat, to path: String, threads: Int) throws -> Int {
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    var written = 0
    let stream = ReportStream { bytes in
        try handle.write(contentsOf: bytes)
        written += bytes.count
    }
    ReportRenderer.write(report, format: format, language: .vi, to: stream, threads: threads)
    try stream.finish()
    return written
}

/// Σ |y − t| of the run's continuous amounts (stage 2, which keeps each level's stage-1 distance) against
/// the formula's amounts over the whole country (the monolithic problem's targets), and the sum of the
/// levels' own stage-1 distances. The first is what the monolithic LP minimises; the two runs agree when
/// the provinces' level loses nothing (no limit binds at that level).
func deviations(_ study: DistributionStudy) throws -> (total: Double, levels: Double, toLevel: Double, levelToWhole: Double) {
    let totals = study.plan.allocation.sorted { $0.key < $1.key }.map { (key: $0.key, total: $0.value) }
    let whole = try DistributionMonolithic.problem(study.setup, totals: totals)
    var lines: [AreaKey: DistributionLine] = [:]
    for line in study.lines { lines[AreaKey(area: line.area, key: line.key)] = line }
    // Also, to tell where a difference comes from: the amounts against their own level's targets, and the
    // level's targets (a province's communes share the province's amount) against the whole country's.
    var total = 0.0, toLevel = 0.0, levelToWhole = 0.0
    for pair in whole.pairs {
        let line = lines[AreaKey(area: pair.unit, key: whole.cells[pair.cell].key)]
        total += abs((line?.continuous ?? 0) - pair.target)
        toLevel += line.map { abs($0.continuous - $0.levelTarget) } ?? 0
        levelToWhole += abs((line?.levelTarget ?? 0) - pair.target)
    }
    var levels = 0.0
    for outcome in [study.top].compactMap({ $0 }) + study.groups {
        if case .solved(let s) = outcome { levels += s.distance }
    }
    return (total, levels, toLevel, levelToWhole)
}

/// When each province's communes were done (seconds from the run's start, from the runner's progress
/// callback): the first mark less the plan's lap bounds the provinces' level, and the spread of the marks
/// shows whether the provinces' communes ran side by side.
final class Marks: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [Double] = []

    func add(_ t: Double) {
        lock.lock()
        times.append(t)
        lock.unlock()
    }

    func summary(levelsStart: Double, levels: Double) -> String {
        lock.lock()
        defer { lock.unlock() }
        let sorted = times.sorted()
        guard let first = sorted.first, let last = sorted.last else { return "" }
        // On one thread the gap before each finish is that province's own time (in table order).
        let gaps = zip(sorted.dropFirst(), sorted).map { $0 - $1 }
        let longest = gaps.enumerated().max { $0.element < $1.element }
        return String(format: "; levels: first province's communes done %.2f s after the plan (the provinces' level and one province), "
                      + "the last %.2f s after, of %.2f s; longest gap between two finishes %.2f s (before the %dth)",
                      first - levelsStart, last - levelsStart, levels, longest?.element ?? 0, (longest?.offset ?? 0) + 2)
    }
}

struct AreaKey: Hashable {
    var area: Int
    var key: AllocationKey
}

/// The monolithic first stage of the same distribution (every commune at once, one LP) as a LinearProgram,
/// for glpsol and HiGHS: the plan solved as `distribute` solves it, then DistributionMonolithic's problem
/// over the plan's totals (what `cofund distribute --export-lp` writes).
func monolithicProgram(plan planPath: String, areas areasPath: String, wholeUnits: Bool) throws -> LinearProgram? {
    let loaded = try PlanLoader.load(path: planPath)
    let table = try AreaTableLoader.load(path: areasPath)
    let setup = try DistributionSetup(loaded, table: table)
    let plan = try distributeSolver(wholeUnits: wholeUnits).solve(loaded)
    guard plan.outcome == .solved else { throw BenchmarkError("the generated plan did not solve: \(plan.outcome.rawValue)") }
    let totals = plan.allocation.sorted { $0.key < $1.key }.map { (key: $0.key, total: $0.value) }
    return try DistributionProgram.deviation(DistributionMonolithic.problem(setup, totals: totals))
}

/// Parses the child's JSON line (the last line of its stdout that starts with `{`).
func parseHierarchical(_ run: ChildRun) -> HierarchicalResult? {
    guard let line = run.stdout.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else { return nil }
    return try? JSONDecoder().decode(HierarchicalResult.self, from: Data(line.utf8))
}
