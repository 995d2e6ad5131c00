// CoFund performance benchmark: our GLPK pipeline against glpsol on the same problems, in the same run.
//
//   swift run -c release CoFundBenchmarks [--sizes 1000,10000,100000] [--repetitions N] [--glpsol PATH] [--keep DIR]
//
// For each size a deterministic budget-allocation LP is generated, exported to free MPS with
// GLPKSolver().writeMPS, and then, repetition after repetition, alternately
//   ours:   LinearProgram -> GLPK problem -> simplex -> Solution           (GLPKSolver().solve)
//           the same plus ranging of every row and column                 (GLPKSolver().solveWithSensitivity)
//           and the three stages separately                                (GLPKSession: init, solve, sensitivity)
//   glpsol: glpsol --freemps FILE --max --check                 (start-up + reading the MPS file)
//           glpsol --freemps FILE --max                          (+ simplex)
//           glpsol --freemps FILE --max --ranges OUT             (+ sensitivity report written as text)
// Medians are reported; the headline numbers are ratios.

import Foundation
import GLPK
import LinearProgramming

// MARK: - Options

struct Options {
    var sizes = [1_000, 10_000, 100_000]
    /// nil: 5, or 3 for a size whose single solve takes more than 5 s (the 100k case).
    var repetitions: Int?
    var glpsol = "/usr/bin/glpsol"
    /// Where to write the MPS files, logs and ranges reports; nil: a temporary directory, removed at the end.
    var keep: String?
}

func usage() -> Never {
    print("""
        usage: CoFundBenchmarks [--sizes 1000,10000,100000] [--repetitions N] [--glpsol PATH] [--keep DIR]
          --sizes        target numbers of non-zeros, comma-separated (default 1000,10000,100000)
          --repetitions  timed repetitions per size; medians are reported
                         (default 5, or 3 for sizes whose solve takes more than 5 s)
          --glpsol       the glpsol executable to compare against (default /usr/bin/glpsol, else PATH)
          --keep         keep the exported MPS files, glpsol logs and ranges reports in DIR
        """)
    exit(2)
}

func parseOptions() -> Options {
    var options = Options()
    if !FileManager.default.isExecutableFile(atPath: options.glpsol) {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        if let found = path.split(separator: ":").map({ "\($0)/glpsol" }).first(where: FileManager.default.isExecutableFile) {
            options.glpsol = found
        }
    }
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst() {
        switch argument {
        case "--sizes":
            guard let value = arguments.popFirst() else { usage() }
            let sizes = value.split(separator: ",").compactMap { Int($0.replacingOccurrences(of: "_", with: "")) }
            guard !sizes.isEmpty, sizes.allSatisfy({ $0 >= 20 }) else { usage() }
            options.sizes = sizes
        case "--repetitions":
            guard let value = arguments.popFirst(), let n = Int(value), n >= 1 else { usage() }
            options.repetitions = n
        case "--glpsol":
            guard let value = arguments.popFirst() else { usage() }
            options.glpsol = value
        case "--keep":
            guard let value = arguments.popFirst() else { usage() }
            options.keep = value
        default:
            usage()
        }
    }
    guard FileManager.default.isExecutableFile(atPath: options.glpsol) else {
        print("glpsol not found (looked for \(options.glpsol)); install glpk-utils or pass --glpsol PATH")
        exit(1)
    }
    return options
}

// MARK: - Formatting

func ms(_ seconds: Double) -> String {
    let milliseconds = seconds * 1000
    if milliseconds >= 100 { return String(format: "%.0f ms", milliseconds) }
    if milliseconds >= 10 { return String(format: "%.1f ms", milliseconds) }
    return String(format: "%.2f ms", milliseconds)
}

func ratio(_ value: Double) -> String { String(format: "%.2fx", value) }

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

func printTable(_ header: [String], _ rows: [[String]]) {
    var widths = header.map(\.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    print(zip(header, widths).map { pad($0, $1) }.joined(separator: "  "))
    print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for row in rows { print(zip(row, widths).map { pad($0, $1) }.joined(separator: "  ")) }
}

/// Prints a line and flushes it at once, so that progress shows also when the output goes to a pipe or file.
func progress(_ line: String) {
    print(line)
    fflush(nil)
}

// MARK: - One size

struct SizeResult {
    var target: Int
    var nonZeros: Int
    var rows: Int
    var columns: Int
    var objective: Double
    var glpsolObjective: Double
    var iterations: Int
    var glpsolIterations: Int
    var rangesBytes: Int
    var generate: Cost
    var export: Cost
    // ours
    var solve = Samples()          // GLPKSolver().solve
    var full = Samples()           // GLPKSolver().solveWithSensitivity
    var validate = Samples()       // LinearProgram.validate()
    var build = Samples()          // GLPKSession.init: validate + load into GLPK + scale + advanced basis
    var simplex = Samples()        // GLPKSession.solve: simplex + read solution
    var analysis = Samples()       // GLPKSession.sensitivity: range every row and column
    // glpsol
    var glpsolCheck = Samples()    // start-up + read MPS
    var glpsolSolve = Samples()    // + simplex
    var glpsolRanges = Samples()   // + ranges report
    // ratios per repetition (wall and CPU), of runs made back to back
    var solveRatio = Samples()     // solve / glpsol solve
    var fullRatio = Samples()      // solveWithSensitivity / glpsol --ranges
    var analysisRatio = Samples()  // session analysis / (session build + simplex)
}

func relativeDifference(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(1, abs(a), abs(b)) }

func benchmark(targetNonZeros: Int, options: Options, directory: String) throws -> SizeResult {
    let generator = BudgetModelGenerator(targetNonZeros: targetNonZeros)
    let (program, generate) = timed { generator.make() }
    let mps = "\(directory)/bench-\(targetNonZeros).mps"
    let rangesPath = "\(directory)/bench-\(targetNonZeros).ranges.txt"
    let logPath = "\(directory)/bench-\(targetNonZeros).log"
    let (_, export) = try timed { try GLPKSolver().writeMPS(program, to: mps) }
    // GLPK's MPS writer leaves out the objective sense (glpsol would minimise), so say --max explicitly.
    let sense = program.sense == .maximize ? "--max" : "--min"
    let glpsolBase = ["--freemps", mps, sense]
    progress("size \(targetNonZeros): \(program.rows.count) rows, \(program.columns.count) columns, "
          + "\(program.nonZeroCount) non-zeros (\(generator.projects) projects, \(generator.districts) districts, "
          + "\(generator.programmes) programmes, \(generator.odaProgrammes) ODA equalities, \(generator.sectors) sectors); "
          + "MPS \(((try? FileManager.default.attributesOfItem(atPath: mps)[.size] as? Int) ?? 0) / 1024) KiB "
          + "(generated in \(ms(generate.wall)), written in \(ms(export.wall)))")

    // Warm-up, untimed: first touches of memory and of the file cache, and the objective cross-check.
    let (warm, warmSeconds) = try timed { try GLPKSolver().solve(program, options: SolveOptions()) }
    guard warm.status == .optimal else { throw CommandFailure(description: "our solve ended \(warm.status.rawValue)") }
    _ = try runProcess(options.glpsol, glpsolBase, logPath: logPath)
    let glpsolLog = try GlpsolLog(path: logPath)
    guard glpsolLog.optimal else { throw CommandFailure(description: "glpsol did not report an optimal solution (\(logPath))") }
    guard relativeDifference(warm.objective, glpsolLog.objective) <= 1e-6 else {
        throw CommandFailure(description: "objectives differ: ours \(warm.objective), glpsol \(glpsolLog.objective)")
    }

    var result = SizeResult(
        target: targetNonZeros, nonZeros: program.nonZeroCount, rows: program.rows.count, columns: program.columns.count,
        objective: warm.objective, glpsolObjective: glpsolLog.objective, iterations: warm.iterations,
        glpsolIterations: glpsolLog.iterations, rangesBytes: 0, generate: generate, export: export)

    let repetitions = options.repetitions ?? (warmSeconds.wall > 5 ? 3 : 5)
    for repetition in 1...repetitions {
        // Ours and glpsol run back to back in pairs (which one goes first alternates), and each pair gives a
        // ratio: load from elsewhere on the machine that comes and goes then hits both sides of a ratio alike.
        let glpsolFirst = repetition % 2 == 0
        func pair(ours: () throws -> Cost, glpsol: () throws -> Cost) rethrows -> (Cost, Cost) {
            if glpsolFirst {
                let g = try glpsol()
                return (try ours(), g)
            }
            let o = try ours()
            return (o, try glpsol())
        }

        let (solve, glpsolSolve) = try pair(
            ours: {
                let (solution, cost) = try timed { try GLPKSolver().solve(program, options: SolveOptions()) }
                guard solution.status == .optimal, relativeDifference(solution.objective, result.objective) <= 1e-9 else {
                    throw CommandFailure(description: "repetition \(repetition): our solve gave \(solution.status) \(solution.objective)")
                }
                return cost
            },
            glpsol: { try runProcess(options.glpsol, glpsolBase, logPath: logPath) })
        result.solve.add(solve)
        result.glpsolSolve.add(glpsolSolve)
        result.solveRatio.add(solve / glpsolSolve)

        let (full, glpsolRanges) = try pair(
            ours: {
                let ((_, report), cost) = try timed { try GLPKSolver().solveWithSensitivity(program, options: SolveOptions()) }
                guard let report, report.rows.count == program.rows.count, report.columns.count == program.columns.count else {
                    throw CommandFailure(description: "repetition \(repetition): no complete sensitivity report")
                }
                return cost
            },
            glpsol: { try runProcess(options.glpsol, glpsolBase + ["--ranges", rangesPath], logPath: logPath) })
        let log = try GlpsolLog(path: logPath)
        guard log.optimal, relativeDifference(log.objective, result.objective) <= 1e-6 else {
            throw CommandFailure(description: "repetition \(repetition): glpsol --ranges gave objective \(log.objective)")
        }
        result.rangesBytes = ((try? FileManager.default.attributesOfItem(atPath: rangesPath)[.size] as? Int) ?? 0)
        result.full.add(full)
        result.glpsolRanges.add(glpsolRanges)
        result.fullRatio.add(full / glpsolRanges)

        // Stage by stage, in one run: analysis against the build + solve it follows.
        result.validate.add(try timed { try program.validate() }.1)
        let (session, build) = try timed { try GLPKSession(program) }
        let (sessionSolution, simplex) = try timed { try session.solve() }
        guard sessionSolution.status == .optimal else { throw CommandFailure(description: "session solve ended \(sessionSolution.status)") }
        let (sessionReport, analysis) = try timed { try session.sensitivity() }
        guard sessionReport.rows.count == program.rows.count else { throw CommandFailure(description: "session report incomplete") }
        result.build.add(build)
        result.simplex.add(simplex)
        result.analysis.add(analysis)
        result.analysisRatio.add(analysis / (build + simplex))

        result.glpsolCheck.add(try runProcess(options.glpsol, glpsolBase + ["--check"], logPath: logPath))
        progress("  repetition \(repetition)/\(repetitions): ours \(ms(solve.wall)), with ranging \(ms(full.wall)); "
              + "glpsol \(ms(glpsolSolve.wall)), with --ranges \(ms(glpsolRanges.wall))")
    }
    return result
}

// MARK: - Run

let options = parseOptions()
let directory: String
if let keep = options.keep {
    try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
    directory = keep
} else {
    var template = Array("\(NSTemporaryDirectory())/cofund-bench-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { print("cannot create a temporary directory"); exit(1) }
    directory = String(cString: made)
}
/// Removes the temporary directory (never a --keep one); called before every exit.
func cleanUp() { if options.keep == nil { try? FileManager.default.removeItem(atPath: directory) } }

print("CoFund benchmark: GLPK \(GLPKSolver.libraryVersion) through CoFund vs \(options.glpsol), medians of "
      + (options.repetitions.map { "\($0) repetitions" } ?? "5 repetitions (3 when one solve takes over 5 s)"))
print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, "
      + "\(ProcessInfo.processInfo.physicalMemory >> 30) GiB, \(ProcessInfo.processInfo.operatingSystemVersionString)")

// Process start-up, for judging the small sizes: glpsol's timings below include it, ours do not.
var startup = Samples()
for _ in 0..<max(5, options.repetitions ?? 5) {
    startup.add(try runProcess(options.glpsol, ["--version"], logPath: "\(directory)/version.log"))
}
print("glpsol process start-up (glpsol --version via Foundation.Process): \(ms(startup.median)) median\n")

var results: [SizeResult] = []
for size in options.sizes {
    do {
        results.append(try benchmark(targetNonZeros: size, options: options, directory: directory))
    } catch {
        print("size \(size): \(error)")
        cleanUp()
        exit(1)
    }
}

print("\nObjective check (ours vs glpsol, relative difference must be <= 1e-6; glpsol prints 10 digits):")
printTable(
    ["size", "objective (ours)", "objective (glpsol)", "rel. diff", "iterations ours", "iterations glpsol"],
    results.map { r in
        [String(r.target), String(format: "%.6f", r.objective), String(format: "%.6f", r.glpsolObjective),
         String(format: "%.1e", relativeDifference(r.objective, r.glpsolObjective)), String(r.iterations), String(r.glpsolIterations)]
    })

print("""

    Ours vs glpsol, wall clock. Times are medians; ratios are medians of the per-repetition ratios of runs made
    back to back. solve = LinearProgram -> GLPK -> simplex -> Solution; analysis = ranging every row and column
    (stage by stage in a GLPKSession: analysis / (build + simplex) of the same run).
    """)
printTable(
    ["size", "nnz", "rows", "cols", "ours solve", "ours analysis", "ours solve+ranges", "glpsol solve", "glpsol solve+ranges",
     "ours/glpsol solve", "ours/glpsol solve+ranges", "analysis/solve"],
    results.map { r in
        [String(r.target), String(r.nonZeros), String(r.rows), String(r.columns),
         ms(r.solve.median), ms(r.analysis.median), ms(r.full.median), ms(r.glpsolSolve.median), ms(r.glpsolRanges.median),
         ratio(r.solveRatio.median), ratio(r.fullRatio.median), ratio(r.analysisRatio.median)]
    })

print("\nThe same ratios in CPU time (user + system; glpsol's from getrusage of the child), less disturbed by other load:")
printTable(
    ["size", "ours/glpsol solve", "ours/glpsol solve+ranges", "analysis/solve"],
    results.map { r in
        [String(r.target), ratio(r.solveRatio.medianCPU), ratio(r.fullRatio.medianCPU), ratio(r.analysisRatio.medianCPU)]
    })

print("\nWhere the time goes (medians of CPU time). Ours via GLPKSession, stage by stage; glpsol by difference of its three runs.")
printTable(
    ["size", "validate", "build", "simplex", "analysis", "glpsol start+read", "glpsol simplex", "glpsol ranges",
     "simplex per iteration ours/glpsol", "ranges report"],
    results.map { r in
        let glpsolSimplex = r.glpsolSolve.medianCPU - r.glpsolCheck.medianCPU
        let glpsolRanging = r.glpsolRanges.medianCPU - r.glpsolSolve.medianCPU
        return [String(r.target), ms(r.validate.medianCPU), ms(r.build.medianCPU), ms(r.simplex.medianCPU), ms(r.analysis.medianCPU),
                ms(r.glpsolCheck.medianCPU), ms(glpsolSimplex), ms(glpsolRanging),
                String(format: "%.1f / %.1f µs", r.simplex.medianCPU / Double(r.iterations) * 1e6, glpsolSimplex / Double(r.glpsolIterations) * 1e6),
                String(format: "%.1f MiB", Double(r.rangesBytes) / 1_048_576)]
    })

print("\nSpread over repetitions (min .. max), wall clock:")
printTable(
    ["size", "ours solve", "ours solve+ranges", "glpsol solve", "glpsol solve+ranges",
     "ours/glpsol solve", "ours/glpsol solve+ranges", "analysis/solve"],
    results.map { r in
        [String(r.target)] + [r.solve, r.full, r.glpsolSolve, r.glpsolRanges].map { "\(ms($0.min)) .. \(ms($0.max))" }
            + [r.solveRatio, r.fullRatio, r.analysisRatio].map { String(format: "%.2f .. %.2f", $0.min, $0.max) }
    })

print("""

    Notes: glpsol's times are whole processes: start-up (\(ms(startup.median)) above), reading and parsing the MPS file,
    and for --ranges writing the report as text to a file; ours start from the LinearProgram value in memory and
    end with Solution / SensitivityReport values. Both use GLPK \(GLPKSolver.libraryVersion)'s primal simplex with
    automatic scaling and an advanced initial basis on identical data, so equal iteration counts mean the same
    pivots. CoFund sorts the matrix after loading it (glp_sort_matrix), as glpsol's readers leave it, so
    the two should take the same pivots; if iteration counts ever differ, compare the per-iteration times.
    Targets: ours/glpsol <= 1.10x; analysis/solve <= 1.00x.
    """)
cleanUp()
