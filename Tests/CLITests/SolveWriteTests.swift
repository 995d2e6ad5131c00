import Foundation
import Testing

/// Propose, edit, check: `solve --write FILE` writes the whole-unit proposal as a plan file whose stated
/// amounts are the proposal, and `check` reads it as written.
@Suite struct SolveWriteTests {
    /// Money findings: the figures adding up and the rules holding (the area table and indicator targets
    /// are the document's own and `solve` does not touch them).
    static let moneyKinds: Set<String> = ["total", "rule", "capital", "barred-source", "unit", "impossible"]

    static func findings(_ json: Data) throws -> [(severity: String, kind: String)] {
        let report = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        var found: [(String, String)] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if object["id"] as? String == "findings", let rows = object["rows"] as? [[String: Any]] {
                    for row in rows {
                        let severity = (row["severity_code"] as? String) ?? ((row["severity"] as? [String: Any])?["key"] as? String) ?? ""
                        found.append((severity, row["kind_code"] as? String ?? ""))
                    }
                    return
                }
                object.values.forEach(walk)
            } else if let array = value as? [Any] { array.forEach(walk) }
        }
        walk(report)
        return found
    }

    @Test(arguments: ["Models/plans/tinh-bien-2024.yaml", "Models/plans/trung-khanh-2023.yaml", "Models/examples/tinh-bien-2024-at-15-percent.yaml"])
    func theWrittenProposalPassesCheck(plan: String) throws {
        let folder = try TemporaryFolder()
        let written = folder.url.appendingPathComponent("proposal.yaml").path
        let solve = try cofund(["solve", plan, "--write", written, "--lang", "en"], in: repositoryRoot)
        if plan.contains("15-percent") {
            // No allocation: nothing is written.
            #expect(solve.status == 1)
            #expect(!FileManager.default.fileExists(atPath: written))
            return
        }
        #expect(solve.status == 0, "\(solve.stderr)")
        let text = try String(contentsOfFile: written, encoding: .utf8)
        #expect(text.hasPrefix("# Proposal by cofund solve from "))
        let check = try cofund(["check", written, "--format", "json", "--lang", "en"], in: repositoryRoot)
        let findings = try Self.findings(check.stdoutData)
        let moneyErrors = findings.filter { Self.moneyKinds.contains($0.kind) && !$0.severity.contains("within") && !$0.severity.contains("note") }
        #expect(moneyErrors.isEmpty, "\(findings)")
        if plan.contains("trung-khanh") { #expect(check.status == 0, "\(check.stdout)") }
        // And `solve` reads it again, to the same proposal.
        let again = try cofund(["solve", written, "--format", "json", "--lang", "en"], in: repositoryRoot)
        let first = try cofund(["solve", plan, "--format", "json", "--lang", "en"], in: repositoryRoot)
        #expect(again.status == 0)
        #expect(Self.allocation(again.stdoutData) == Self.allocation(first.stdoutData))
    }

    static func allocation(_ json: Data) -> [String] {
        guard let report = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else { return [] }
        var lines: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if object["id"] as? String == "allocation", let rows = object["rows"] as? [[String: Any]] {
                    lines += rows.map { "\($0["project"] ?? "") \($0["source"] ?? "") \($0["capital"] ?? "") \($0["amount"] ?? "")" }
                    return
                }
                object.values.forEach(walk)
            } else if let array = value as? [Any] { array.forEach(walk) }
        }
        walk(report)
        return lines.sorted()
    }
}
