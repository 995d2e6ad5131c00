import Foundation
import Testing
@testable import CoFund
import GeneratedPlans

/// Plans of thousands of leaves: the structure and the compiler must do work linear in the plan's size.
/// Asserted by counting steps (`PlanStructure.work`), never by timing. Before the index, asking for the
/// leaves below each project filtered every leaf: a plan of 1,000 projects took over 10 s to compile.
@Suite("Compiling grows linearly with the plan")
struct ScaleTests {
    /// Steps the structure and the compiler take for a plan of `parents` × 10 leaves.
    static func work(parents: Int) throws -> (steps: Int, leaves: Int, rows: Int) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cofund-scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try PlanLoader.load(path: try GeneratedPlan.write(parents: parents, in: folder))
        let prepared = try PreparedPlan(loaded)
        let compiled = try #require(prepared.compiled)
        return (prepared.structure.work.steps, prepared.structure.allocatedLeaves.count, compiled.program.rows.count)
    }

    @Test("work per leaf stays the same from 1,000 to 10,000 leaves")
    func linearWork() throws {
        let base = try Self.work(parents: 100)
        #expect(base.leaves == 1000)
        let perLeaf = Double(base.steps) / Double(base.leaves)
        for parents in [200, 400, 1000] {
            let run = try Self.work(parents: parents)
            #expect(run.leaves == parents * 10)
            let ratio = (Double(run.steps) / Double(run.leaves)) / perLeaf
            // Linear: the same steps per leaf (a quadratic compiler would double them with each doubling).
            #expect(ratio < 1.05 && ratio > 0.95, "\(run.leaves) leaves: \(run.steps) steps, \(ratio)x the steps per leaf of 1,000")
        }
    }
}
