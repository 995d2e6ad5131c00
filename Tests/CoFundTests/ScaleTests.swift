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
        let folder = TestFolders.fresh("cofund-scale")
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

/// The even-spread stage and the warnings on a plan of many counterpart sources (the fuzz regression
/// seed1-case2827: thousands of provincial sources on three lines took 90 s). Each share row refers to
/// one column holding the line's money (DA4 takes no central money: its sources share it alike), so the stage grows linearly with the sources.
@Suite("The even spread grows linearly with the sources")
struct EvenSpreadScaleTests {
    static func terms(sources: Int) throws -> (terms: Int, rows: Int) {
        let provincial = (0..<sources).map { n in
            "  - {id: province-\(n), name: Tỉnh \(n), level: province, capital: recurrent, available: 100}"
        }.joined(separator: "\n")
        let loaded = try PlanFixtures.load("""
            sources:
              - {id: central, name: Trung ương, level: central, capital: recurrent, available: 2000, spendInFull: true}
              - {id: central-2, name: Trung ương 2, level: central, capital: recurrent, available: 500, spendInFull: true}
            \(provincial)
            projects:
              - {code: DA2, need: 3000}
              - {code: DA3, need: 3000}
              - {code: DA4, need: 3000}
            rules:
              - {id: no-central-1, kind: bar, source: central, projects: [DA4]}
              - {id: no-central-2, kind: bar, source: central-2, projects: [DA4]}
            """)
        let prepared = try PreparedPlan(loaded)
        let compiled = try #require(prepared.compiled)
        var reference: Allocation = [:]
        for key in compiled.allocationColumns.keys { reference[key] = 1 }
        let spread = EvenSpread.program(compiled, structure: prepared.structure, reference: reference)
        let added = spread.program.rows.dropFirst(compiled.program.rows.count)
        return (added.reduce(0) { $0 + $1.terms.count }, added.count)
    }

    @Test("terms of the spread stage per source stay the same from 100 to 400 sources")
    func linearTerms() throws {
        let base = try Self.terms(sources: 100)
        for sources in [200, 400] {
            let run = try Self.terms(sources: sources)
            let ratio = (Double(run.terms) / Double(sources)) / (Double(base.terms) / 100)
            // Quadratic rows (each share row listing every source of the line) would double it with each doubling.
            #expect(ratio < 1.1, "\(sources) sources: \(run.terms) terms in \(run.rows) rows, \(ratio)x the terms per source of 100")
        }
    }
}
