import Foundation
import Testing
import LinearProgramming
@testable import GLPK

/// Sessions placed on the calling thread (what `GLPKSolver.makeSession` makes for CoFund's pipeline): plain
/// calls, the same answers as a session with a thread of its own, and no way for another thread to reach
/// GLPK through them.
@Suite("Sessions on the calling thread")
struct CallingThreadSessionTests {
    static func runScript(_ k: Int, placement: GLPKSession.Placement) throws -> [Solution] {
        try ConcurrencyTests.runScript(k, placement: placement)
    }

    @Test("every step of the script equals the same steps in a session with a thread of its own")
    func sameAnswersAsOwnThread() throws {
        for k in ConcurrencyTests.programs.indices {
            #expect(try Self.runScript(k, placement: .callingThread) == Self.runScript(k, placement: .ownThread), "program \(k)")
        }
    }

    @Test("sessions on many threads at once, each on its own thread, equal the serial runs")
    func manyThreads() throws {
        let serial = try ConcurrencyTests.programs.indices.map { try Self.runScript($0, placement: .ownThread) }
        let collector = ConcurrencyTests.Collector<Bool>()
        DispatchQueue.concurrentPerform(iterations: ConcurrencyTests.programs.count * 6) { i in
            let k = i % ConcurrencyTests.programs.count
            collector.record(i) { try Self.runScript(k, placement: .callingThread) == serial[k] }
        }
        #expect(collector.failures.isEmpty, "\(collector.failures)")
        #expect(collector.results.values.allSatisfy { $0 } && collector.results.count == ConcurrencyTests.programs.count * 6)
    }

    @Test("a call from another thread is refused with wrongThread, and the session still works on its own")
    func otherThreadRefused() throws {
        let session = try GLPKSession(Fixtures.rangingProgram, placement: .callingThread)
        let expected = try session.solve()
        let outcome = ThreadOutcome()
        let thread = Thread {
            var refused: [String] = []
            for call in [{ _ = try session.solve() }, { try session.setObjectiveCoefficients([(column: 0, value: 99)]) }] {
                do {
                    try call()
                    refused.append("done")
                } catch SolverError.wrongThread {
                    refused.append("wrongThread")
                } catch {
                    refused.append("\(error)")
                }
            }
            outcome.set(refused.joined(separator: ","))
        }
        thread.start()
        #expect(outcome.wait() == "wrongThread,wrongThread")
        // The refused change left nothing behind: the last solution is still current.
        #expect(try session.isStale == false)
        var again = try session.solve()
        again.iterations = expected.iterations  // warm now: no pivots
        #expect(again == expected)
    }

    @Test("a session dropped on another thread neither crashes nor disturbs the thread that made it")
    func droppedElsewhere() throws {
        var session: GLPKSession? = try GLPKSession(Fixtures.rangingProgram, placement: .callingThread)
        let expected = try session!.solve()
        let handOver = SessionBox(session!)
        session = nil
        let outcome = ThreadOutcome()
        let thread = Thread {
            handOver.session = nil  // the last reference: deinit runs here, and leaks rather than delete
            outcome.set("dropped")
        }
        thread.start()
        #expect(outcome.wait() == "dropped")
        // This thread's GLPK environment is intact.
        #expect(try GLPKSession(Fixtures.rangingProgram, placement: .callingThread).solve() == expected)
    }

    private final class SessionBox: @unchecked Sendable {
        var session: GLPKSession?
        init(_ session: GLPKSession) { self.session = session }
    }

    private final class ThreadOutcome: @unchecked Sendable {
        private let condition = NSCondition()
        private var value: String?
        func set(_ text: String) {
            condition.lock(); value = text; condition.signal(); condition.unlock()
        }
        func wait() -> String {
            condition.lock(); defer { condition.unlock() }
            while value == nil { condition.wait() }
            return value!
        }
    }
}
