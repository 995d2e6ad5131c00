import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic wall-clock seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

private func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }

/// CPU seconds (user + system) used so far by this process (every thread), or by its waited-for children.
func cpuTime(children: Bool = false) -> Double {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(__rusage_who_t((children ? RUSAGE_CHILDREN : RUSAGE_SELF).rawValue), &usage)
    #else
    getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &usage)
    #endif
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// What one run cost: wall-clock seconds, and CPU seconds, which other load on a shared machine disturbs less.
struct Cost {
    var wall: Double
    var cpu: Double

    static func + (a: Cost, b: Cost) -> Cost { Cost(wall: a.wall + b.wall, cpu: a.cpu + b.cpu) }
    /// The ratio of two costs, clock by clock.
    static func / (a: Cost, b: Cost) -> Cost { Cost(wall: a.wall / b.wall, cpu: a.cpu / b.cpu) }
}

/// Runs `body` once and returns its result and what it cost.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Cost) {
    let cpu = cpuTime(), start = now()
    let result = try body()
    return (result, Cost(wall: now() - start, cpu: cpuTime() - cpu))
}

func median(_ values: [Double]) -> Double {
    precondition(!values.isEmpty)
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// Costs of one quantity over the repetitions.
struct Samples {
    private(set) var wall: [Double] = []
    private(set) var cpu: [Double] = []
    mutating func add(_ cost: Cost) {
        wall.append(cost.wall)
        cpu.append(cost.cpu)
    }
    var median: Double { wall.isEmpty ? .nan : CoFundBenchmarks.median(wall) }
    var medianCPU: Double { cpu.isEmpty ? .nan : CoFundBenchmarks.median(cpu) }
    var min: Double { wall.min() ?? .nan }
    var max: Double { wall.max() ?? .nan }
    var last: Double { wall.last ?? .nan }
}

struct CommandFailure: Error, CustomStringConvertible {
    var description: String
}

/// Runs an external program to completion with its output sent to `logPath`; returns the wall-clock
/// seconds from launch to exit (process start-up, reading, solving, writing and exit included) and the
/// CPU seconds of the child.
func runProcess(_ executable: String, _ arguments: [String], logPath: String) throws -> Cost {
    _ = FileManager.default.createFile(atPath: logPath, contents: nil)
    let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
    defer { try? log.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = log
    process.standardError = log
    // Wait on the termination handler rather than waitUntilExit(), which polls a run loop on Linux.
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    let cpu = cpuTime(children: true), start = now()
    try process.run()
    exited.wait()
    let wall = now() - start
    // Foundation reaps the child (waitpid) before it calls the termination handler.
    let cost = Cost(wall: wall, cpu: cpuTime(children: true) - cpu)
    guard process.terminationReason == .exit && process.terminationStatus == 0 else {
        let tail = (try? String(contentsOfFile: logPath, encoding: .utf8))?.split(separator: "\n").suffix(5).joined(separator: "\n") ?? ""
        throw CommandFailure(description: "\(executable) \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus)):\n\(tail)")
    }
    return cost
}

/// What glpsol's terminal log says about its solve: the last "*  N: obj = …" line and the final status.
struct GlpsolLog {
    var objective: Double
    var iterations: Int
    var optimal: Bool

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        optimal = text.contains("OPTIMAL LP SOLUTION FOUND")
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("*") && $0.contains("obj =") }) else {
            throw CommandFailure(description: "no progress line in glpsol's log \(path)")
        }
        // "*   123: obj =   1.234567890e+05 inf =   0.000e+00 (0)"
        let fields = line.split(whereSeparator: { $0 == " " || $0 == ":" }).map(String.init)
        guard fields.count >= 4, let iterations = Int(fields[1]), let eq = fields.firstIndex(of: "="),
              eq + 1 < fields.count, let objective = Double(fields[eq + 1])
        else { throw CommandFailure(description: "cannot read glpsol's progress line: \(line)") }
        self.iterations = iterations
        self.objective = objective
    }
}
