import Foundation
import Testing
@testable import CoFund
import GLPK
import LinearProgramming

@Suite struct PlanSensitivityTests {
    @Test func dump() throws {
        for id in ["tinh-bien-2024", "trung-khanh-2023"] {
            let prepared = try PreparedPlan(try Seeds.load(id))
            let s = try #require(try PlanSensitivityAnalyzer(factory: GLPKSolver()).analyze(prepared))
            var out = "\(id) solves=\(s.solves) cap=\(s.cap) values=\(s.stageValues)\n"
            for r in s.rows {
                out += "\(r.parameter) \(r.rowName) value=\(r.value) reach=\(r.reachableLeaves) met=\(String(describing: r.reachableNeedsMet))\n"
                for st in r.stages {
                    out += "  stage \(st.stage) V=\(st.value)\n    up: \(st.up)\n    down: \(st.down)\n"
                }
                out += "  effect up \(String(describing: r.up)) down \(String(describing: r.down))\n"
            }
            for w in s.weights { out += "weight \(w.project) w=\(w.weight) f=\(w.funded) [\(w.lower), \(w.upper)] \(w.lowerEnd) \(w.upperEnd) \(w.lowerShift) \(w.upperShift)\n" }
            try out.write(toFile: "/tmp/sens/\(id).txt", atomically: true, encoding: .utf8)
        }
    }
}
