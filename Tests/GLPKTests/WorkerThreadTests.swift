import Foundation
import Testing
import LinearProgramming
@testable import GLPK

@Suite("A session's worker thread is gone when the session is")
struct WorkerThreadTests {
    @Test("finish returns only after the thread has run its last job and ended (it is joined, not left running)")
    func finishJoins() throws {
        for _ in 0..<20 {
            let worker = GLPKWorkerThread(name: "cofund.test.worker")
            #expect(try worker.run { 6 * 7 } == 42)
            // A slow last job: a detached thread would still be inside it when finish returned.
            worker.finish { usleep(20_000) }
            #expect(worker.hasEnded)
        }
    }

    @Test("many sessions made and dropped, each solved: every worker ends with its session")
    func sessionsEnd() throws {
        var builder = LinearProgramBuilder(sense: .maximize)
        let x = try builder.addColumn("x", bounds: .between(0, 4), objective: 1)
        _ = try builder.addRow("r", bounds: .atMost(3), terms: [(x, 1)])
        let program = builder.program
        for _ in 0..<50 {
            let session = try GLPKSession(program)
            #expect(try session.solve().objective == 3)
        }
    }
}
