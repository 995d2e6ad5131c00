import Foundation

/// One monolithic solve by a peer solver (glpsol or HiGHS) in a child process.
struct PeerRun {
    var solver: String
    var status: String
    var objective: Double?
    /// The whole child process, as the kernel saw it.
    var process: ChildRun
    /// Time inside the solver's own read + solve, where the peer reports it (HiGHS: without Python's
    /// start-up and the import of highspy).
    var inSolver: Double?
    var detail: String
}

// MARK: glpsol

/// `glpsol --lp FILE -w SOLUTION`: the raw solution file (glp_write_sol) prints the objective with full
/// double precision on its `s` line (`s bas ROWS COLS PRIM DUAL OBJ`), where `-o`'s report keeps 10 digits;
/// the report's "c Status:" line gives the status. Falls back to the log's last "*  N: obj = V" line.
func glpsol(_ glpsolPath: String, lp: String, folder: URL, tag: String, extra: [String] = []) throws -> PeerRun {
    let solution = folder.appendingPathComponent("\(tag).sol").path
    let run = try runChild(glpsolPath, ["--lp", lp, "-w", solution] + extra, folder: folder, tag: tag)
    let text = (try? String(contentsOfFile: solution, encoding: .utf8)) ?? ""
    var status = run.succeeded ? "?" : "glpsol failed (exit \(run.exitCode), signal \(run.signal))"
    var objective: Double?
    for line in text.split(separator: "\n") {
        if line.hasPrefix("c Status:") { status = line.dropFirst(9).trimmingCharacters(in: .whitespaces) }
        if line.hasPrefix("s ") { objective = line.split(separator: " ").last.flatMap { Double($0) } }
    }
    if objective == nil, let last = run.stdout.split(separator: "\n").last(where: { $0.contains("obj =") }),
       let eq = last.range(of: "obj =") {
        objective = Double(last[eq.upperBound...].split(separator: " ").first ?? "")
    }
    let iterations = run.stdout.split(separator: "\n").last(where: { $0.contains("obj =") })?
        .split(separator: ":").first?.trimmingCharacters(in: CharacterSet(charactersIn: "* ")) ?? "?"
    return PeerRun(solver: "glpsol", status: status, objective: objective, process: run, inSolver: nil,
                   detail: "\(iterations) simplex iterations")
}

func glpsolVersion(_ glpsolPath: String, folder: URL) -> String {
    guard let run = try? runChild(glpsolPath, ["--version"], folder: folder, tag: "glpsol-version") else { return "?" }
    return run.stdout.split(separator: "\n").first.map(String.init) ?? "?"
}

// MARK: HiGHS

/// Whether `python3 -c 'import highspy'` works; if not, one `pip install highspy` (with
/// `--break-system-packages` when pip refuses an externally managed Python), then asks again. Returns
/// a sentence saying why HiGHS is left out, or nil when it can be run.
func ensureHighs(python: String, folder: URL, install: Bool) -> String? {
    func importable() -> Bool { (try? runChild(python, ["-c", "import highspy"], folder: folder, tag: "highs-import"))?.succeeded ?? false }
    if importable() { return nil }
    guard install else { return "highspy is not installed (and --no-install was given)" }
    print("highspy not found: pip install highspy ...")
    var pip = try? runChild(python, ["-m", "pip", "install", "--quiet", "highspy"], folder: folder, tag: "pip")
    if let run = pip, !run.succeeded, run.stderr.contains("externally-managed") {
        pip = try? runChild(python, ["-m", "pip", "install", "--quiet", "--break-system-packages", "highspy"], folder: folder, tag: "pip")
    }
    if importable() { return nil }
    let why = pip.map { $0.stderr.split(separator: "\n").suffix(2).joined(separator: " / ") } ?? "pip could not be started"
    return "pip install highspy did not work here (\(why))"
}

/// Benchmarks/highs/solve_lp.py on the same LP file, as a child process; it prints one JSON line.
func highs(python: String, script: String, lp: String, threads: Int, folder: URL, tag: String) throws -> PeerRun {
    let run = try runChild(python, [script, lp, "--threads", String(threads)], folder: folder, tag: tag)
    // HiGHS prints its banner on stdout before output_flag takes effect: the JSON is the last `{` line.
    guard let line = run.stdout.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
          let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        return PeerRun(solver: "HiGHS", status: "no result (exit \(run.exitCode)): \(run.stderr.suffix(300))", objective: nil,
                       process: run, inSolver: nil, detail: "")
    }
    let read = json["read_seconds"] as? Double ?? 0, solve = json["solve_seconds"] as? Double ?? 0
    let detail = "HiGHS \(json["version"] ?? "?"), \(threads) threads, read \(sec(read)), solve \(sec(solve)), "
        + "\(json["simplex_iterations"] ?? "?") simplex / \(json["ipm_iterations"] ?? "?") IPM iterations, "
        + "import highspy \(sec(json["import_seconds"] as? Double ?? 0))"
    return PeerRun(solver: "HiGHS", status: json["status"] as? String ?? "?", objective: json["objective"] as? Double,
                   process: run, inSolver: read + solve, detail: detail)
}
