import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Every line flushed at once, so that progress shows when the output goes to a file or through make | tee
/// (stdout is fully buffered then; Swift 6 will not let top-level code touch the C `stdout` to change that).
func print(_ line: String) {
    Swift.print(line)
    fflush(nil)
}

// MARK: Clocks

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }

/// CPU seconds (user + system) of this process, all threads.
func cpu() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Peak resident set of this process so far, in KiB (Linux reports ru_maxrss in KiB).
func selfPeakKiB() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss)
}

// MARK: Child processes

/// One child process, measured by the kernel: wall time from spawn to reap, CPU time and peak resident set
/// from wait4's rusage of that child alone (not RUSAGE_CHILDREN, which would mix in every earlier child).
struct ChildRun {
    var exitCode: Int32
    var signal: Int32
    var wall: Double
    var cpu: Double
    var peakKiB: Int
    var stdout: String
    var stderr: String

    var succeeded: Bool { signal == 0 && exitCode == 0 }
}

/// Spawns `path` with `arguments` (posix_spawn, not Foundation's Process: Process reaps the child itself,
/// so its own rusage would be lost), stdout and stderr to files in `folder`, and waits with wait4.
func runChild(_ path: String, _ arguments: [String], folder: URL, tag: String) throws -> ChildRun {
    let out = folder.appendingPathComponent("\(tag).stdout").path
    let err = folder.appendingPathComponent("\(tag).stderr").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let start = now()
    // posix_spawnp: the path may be a bare name found on PATH (glpsol, python3).
    let spawned = posix_spawnp(&pid, path, &actions, nil, argv, environ)
    guard spawned == 0 else { throw BenchmarkError("could not start \(path): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        guard errno == EINTR else { throw BenchmarkError("wait4 for \(path) failed: \(String(cString: strerror(errno)))") }
    }
    let wall = now() - start
    let stdout = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    let stderr = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
    // The W* macros are not imported into Swift: low 7 bits are the signal, the next byte the exit code.
    return ChildRun(exitCode: (status >> 8) & 0xff, signal: status & 0x7f, wall: wall,
                    cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), peakKiB: Int(usage.ru_maxrss),
                    stdout: stdout, stderr: stderr)
}

/// This benchmark's own executable, for the child that runs the hierarchical part on its own (so that its
/// peak memory is its own, not the parent's with the generated data and the monolithic LP in it).
func selfExecutable() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
