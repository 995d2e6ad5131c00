import Dispatch
import Foundation
import Testing
import LinearProgramming
@testable import GLPK

/// GLPK 5.0 keeps its environment per thread. Solving on many threads at once must give exactly the answers
/// of serial solves, and sessions must survive use from many threads. No test here depends on timing:
/// each waits for all its work to finish and then compares.
@Suite struct ConcurrencyTests {
    /// Eight different LPs: optimal (including a degenerate one), infeasible and unbounded.
    static let programs: [LinearProgram] = [
        Fixtures.wyndor, Fixtures.diet, Fixtures.degenerate, Fixtures.equalities,
        Fixtures.freeAndFixed, Fixtures.columnAtUpperBound, Fixtures.rangingProgram, Fixtures.infeasibleRows,
    ]

    /// Results collected from many threads.
    final class Collector<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: Value] = [:]
        private var errors: [String] = []

        func record(_ index: Int, _ body: () throws -> Value) {
            do {
                let value = try body()
                lock.withLock { values[index] = value }
            } catch {
                lock.withLock { errors.append("\(index): \(error)") }
            }
        }

        func fail(_ message: String) { lock.withLock { errors.append(message) } }

        var results: [Int: Value] { lock.withLock { values } }
        var failures: [String] { lock.withLock { errors } }
    }

    @Test func threadSafeBuild() {
        #expect(GLPKSolver.isThreadSafe, "GLPK must be built with thread-local storage")
        #expect(GLPKSolver.libraryVersion.hasPrefix("5."))
    }

    @Test func oneShotSolvesOnManyThreadsEqualSerialSolves() throws {
        let serial = try Self.programs.map { try GLPKSolver().solveWithSensitivity($0, options: SolveOptions()) }
        let rounds = 40
        let collector = Collector<Int>()
        let mismatches = Collector<String>()
        DispatchQueue.concurrentPerform(iterations: Self.programs.count * rounds) { i in
            let k = i % Self.programs.count
            collector.record(i) {
                let (solution, report) = try GLPKSolver().solveWithSensitivity(Self.programs[k], options: SolveOptions())
                if solution != serial[k].0 || report != serial[k].1 {
                    mismatches.fail("\(Self.programs[k].name), run \(i / Self.programs.count): differs from the serial solve")
                }
                return k
            }
        }
        #expect(collector.failures.isEmpty, "\(collector.failures)")
        #expect(mismatches.failures.isEmpty, "\(mismatches.failures)")
        #expect(collector.results.count == Self.programs.count * rounds)
    }

    @Test func oneShotSolvesInATaskGroupEqualSerialSolves() async throws {
        let serial = try Self.programs.map { try GLPKSolver().solve($0) }
        let results = try await withThrowingTaskGroup(of: (Int, Solution).self) { group in
            for i in 0..<(Self.programs.count * 25) {
                let k = i % Self.programs.count
                group.addTask { (k, try GLPKSolver().solve(Self.programs[k])) }
            }
            var all: [(Int, Solution)] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == Self.programs.count * 25)
        for (k, solution) in results { #expect(solution == serial[k], "\(Self.programs[k].name)") }
    }

    @Test func exactAndExportsOnManyThreads() throws {
        let serial = try Self.programs.map { try GLPKSolver().solve($0, options: SolveOptions(exact: true)) }
        let directory = try makeTemporaryDirectory("concurrent-files")
        defer { try? FileManager.default.removeItem(at: directory) }
        let collector = Collector<Bool>()
        DispatchQueue.concurrentPerform(iterations: Self.programs.count * 8) { i in
            let k = i % Self.programs.count
            collector.record(i) {
                let solution = try GLPKSolver().solve(Self.programs[k], options: SolveOptions(exact: true))
                try GLPKSolver().writeMPS(Self.programs[k], to: directory.appendingPathComponent("\(i).mps").path)
                try GLPKSolver().writeCPLEX(Self.programs[k], to: directory.appendingPathComponent("\(i).lp").path)
                return solution == serial[k]
            }
        }
        #expect(collector.failures.isEmpty, "\(collector.failures)")
        #expect(collector.results.values.allSatisfy { $0 })
        #expect(collector.results.count == Self.programs.count * 8)
        // Same program, same file, whichever thread wrote it.
        let first = try String(contentsOfFile: directory.appendingPathComponent("6.mps").path, encoding: .utf8)
        let again = try String(contentsOfFile: directory.appendingPathComponent("14.mps").path, encoding: .utf8)
        #expect(first == again)
    }

    /// A fixed script of changes, so that every run of a session can be compared with a serial run.
    /// Every program in `programs` has at least two columns and one row.
    static func script() -> [(LinearProgram) -> [WarmStartTests.Change]] {
        // Objective changes of the first two columns, then the first row widened and shifted (infinite
        // ends stay infinite).
        [
            { p in [.objective(0, p.columns[0].objective + 1)] },
            { p in [.objective(1, p.columns[1].objective * 0.5)] },
            { p in [.row(0, Bounds(lower: p.rows[0].bounds.lower - 0.5, upper: p.rows[0].bounds.upper + 0.5))] },
            { p in [.row(0, Bounds(lower: p.rows[0].bounds.lower + 0.25, upper: p.rows[0].bounds.upper + 0.25))] },
        ]
    }

    /// Runs session k through its script; returns the solution after each step.
    static func runScript(_ k: Int, placement: GLPKSession.Placement = .ownThread) throws -> [Solution] {
        var program = programs[k]
        let session = try GLPKSession(program, placement: placement)
        var solutions = [try session.solve()]
        for step in script() {
            for change in step(program) {
                change.apply(to: &program)
                try change.apply(to: session)
            }
            solutions.append(try session.solve())
            if solutions.last!.status == .optimal { _ = try session.sensitivity() }
        }
        return solutions
    }

    @Test func separateSessionsOnSeparateThreadsEqualSerialRuns() throws {
        let serial = try (0..<Self.programs.count).map { try Self.runScript($0) }
        let rounds = 6
        let collector = Collector<Bool>()
        DispatchQueue.concurrentPerform(iterations: Self.programs.count * rounds) { i in
            let k = i % Self.programs.count
            collector.record(i) { try Self.runScript(k) == serial[k] }
        }
        #expect(collector.failures.isEmpty, "\(collector.failures)")
        #expect(collector.results.count == Self.programs.count * rounds)
        #expect(collector.results.values.allSatisfy { $0 }, "a concurrent session run differs from the serial one")
    }

    @Test func sessionsCreatedAndDroppedOnManyThreads() throws {
        // Each session owns a thread and frees that thread's GLPK environment when it ends; creating and
        // dropping many of them at once must neither crash nor change answers.
        let expected = try GLPKSolver().solve(Fixtures.rangingProgram)
        let collector = Collector<Bool>()
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            collector.record(i) {
                let session = try GLPKSession(Fixtures.rangingProgram)
                return try session.solve() == expected
            }
        }
        #expect(collector.failures.isEmpty, "\(collector.failures)")
        #expect(collector.results.values.allSatisfy { $0 } && collector.results.count == 64)
    }

    @Test func oneSessionCalledFromManyThreads() throws {
        // Calls are carried out one at a time on the session's own thread. Threads race to change
        // objective coefficients and bounds and to solve; reading a solution may find it stale (another
        // thread changed the program after this one solved), which is the only error allowed.
        let base = Fixtures.rangingProgram
        let session = try GLPKSession(base)
        try session.solve()
        let collector = Collector<Int>()
        DispatchQueue.concurrentPerform(iterations: 16) { t in
            for round in 0..<15 {
                do {
                    let j = (t + round) % base.columns.count
                    try session.setObjectiveCoefficient(j, base.columns[j].objective + Double((t * round) % 3) * 0.25)
                    if round % 4 == 0 { try session.setRowBounds(0, .atMost(60 + Double(t % 5))) }
                    let solution = try session.solve()
                    if solution.status != .optimal { collector.fail("thread \(t) round \(round): \(solution.status)") }
                    _ = try session.solution()
                    _ = try session.sensitivity()
                    _ = try session.isStale
                } catch SolverError.staleSolution {
                    continue
                } catch {
                    collector.fail("thread \(t) round \(round): \(error)")
                }
            }
        }
        #expect(collector.failures.isEmpty, "\(collector.failures)")
        // Whatever order the changes came in, the session's program is what it solves.
        let program = try session.program
        let warm = try session.solve()
        let cold = try GLPKSolver().solve(program)
        #expect(warm.status == .optimal && cold.status == .optimal)
        expectClose(warm.objective, cold.objective, "objective")
        expectOptimalityConditions(program, warm)
        #expect(try session.isStale == false)
    }
}
