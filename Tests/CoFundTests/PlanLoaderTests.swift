import Foundation
import Testing
@testable import CoFund

/// Values the loader must refuse before they reach the solver, each at its own line and field.
@Suite struct PlanLoaderTests {
    private func error(_ body: String) throws -> PlanError {
        do {
            _ = try PlanFixtures.load(body)
        } catch let error as PlanError {
            return error
        }
        Issue.record("the plan was accepted")
        throw CancellationError()
    }

    @Test func implausiblyLargeAmountsAreRefused() throws {
        // 1e308 is finite, but it would overflow the solver's arithmetic; no budget comes near 1e10 million VND.
        let e = try error("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 1e308}
            projects:
              - {code: DA2, need: 10}
            """)
        #expect(e.field == "sources[0].available")
        #expect(e.location.line == 8)
        #expect(e.message.description.contains("implausibly large"))
    }

    @Test func weightsOutsideTheirRangeAreRefused() throws {
        let e = try error("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 100}
            projects:
              - {code: DA2, need: 10, weight: -1}
            """)
        #expect(e.field == "projects[0].weight")
        #expect(e.location.line == 10)
    }

    @Test func ruleNamingAParentCodeCoversTheSubprojects() throws {
        // DA7 is not in the plan, but DA7.TDA1 is: a bar on DA7 applies to it.
        let loaded = try PlanFixtures.load("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 100}
              - {id: other, level: other, capital: recurrent, available: 50}
            projects:
              - {code: DA7.TDA1, need: 120}
            rules:
              - {id: no-other, kind: bar, source: other, projects: [DA7]}
            """)
        #expect(PlanStructure(loaded).isBarred(source: "other", leaf: "DA7.TDA1"))
    }

    @Test func ruleNamingAnAbsentProjectIsRefused() throws {
        let e = try error("""
            sources:
              - {id: central, level: central, capital: recurrent, available: 100}
            projects:
              - {code: DA2, need: 10}
            rules:
              - {id: cp, kind: counterpart, levels: [province], ratio: 0.1, scope: DA5}
            """)
        #expect(e.field == "rules[0].scope")
        #expect(e.location.line == 12)
        #expect(e.message.description == "unknown project 'DA5'")
    }
}
