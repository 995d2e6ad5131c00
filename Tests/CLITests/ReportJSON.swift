import Foundation

// The part of `cofund solve --format json` these tests read, decoded from the documented JSON layout
// (sections holding tables of rows keyed by column id; see the README) independently of the library's
// own types, into the flat shape the tests assert on.

struct ReportJSON {
    struct Stage { var stage: String; var value: Double; var achieved: Double? }
    struct Allocation { var project: String; var source: String; var capital: String; var amount: Double }
    struct Range {
        var lower: Double?
        var upper: Double?
        var lowerLimit: String?
        var upperLimit: String?
    }
    struct Source {
        var id: String
        var available: Double?
        var used: Double
        var spendInFull: Bool
        var shadowPrice: Double?
        var range: Range?
    }
    struct Project {
        var code: String
        var need: Double?
        var allocated: Double
        var weight: Double?
        var weightRange: Range?
    }
    struct Rule {
        var id: String
        var instance: String?
        var kind: String
        var required: Double
        var achieved: Double
        var slack: Double
        var binding: Bool
        var satisfied: Bool
        var shadowPrice: Double?
        var range: Range?
    }
    struct Totals {
        var byLevel: [String: Double]
        var byCapital: [String: Double]
        var bySource: [String: Double]
        var total: Double
    }
    struct Repair { var kind: String; var subject: String; var instance: String?; var amount: Double; var text: String }
    struct Conflict { var kind: String; var subject: String; var detail: String?; var text: String }
    struct Diagnosis { var totalRepair: Double; var repairs: [Repair]; var conflicts: [Conflict] }
    struct Missing { var file: String; var line: Int; var field: String; var message: String }

    var status: String
    var language: String
    var objective: Double?
    var objectiveStages: [Stage]
    var allocations: [Allocation]
    var totals: Totals?
    var projects: [Project]
    var sources: [Source]
    var rules: [Rule]
    var diagnosis: Diagnosis?
    var missingInputs: [Missing]

    typealias Row = [String: Any]

    static func decode(_ data: Data) throws -> ReportJSON {
        guard let top = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw TestFailure("the report is not a JSON object") }
        let sections = (top["sections"] as? [[String: Any]]) ?? []
        func section(_ id: String) -> [String: Any]? { sections.first { $0["id"] as? String == id } }
        func table(_ sectionId: String, _ tableId: String) -> [String: Any]? {
            (section(sectionId)?["tables"] as? [[String: Any]])?.first { $0["id"] as? String == tableId }
        }
        func rows(_ sectionId: String, _ tableId: String) -> [Row] { (table(sectionId, tableId)?["rows"] as? [Row]) ?? [] }
        func text(_ value: Any?) -> String? { value as? String ?? (value as? [String: Any])?["text"] as? String }
        func range(_ value: Any?) -> Range? {
            guard let object = value as? [String: Any] else { return nil }
            return Range(lower: object["lower"] as? Double, upper: object["upper"] as? Double,
                         lowerLimit: object["lowerLimit"] as? String, upperLimit: object["upperLimit"] as? String)
        }
        let stages = rows("objective", "objective").map { Stage(stage: $0["stage"] as! String, value: $0["value"] as! Double, achieved: $0["achieved"] as? Double) }
        var totals: Totals?
        if let footer = (table("allocation", "matrix")?["totals"] as? [Row])?.first {
            let facts = (section("allocation")?["facts"] as? [[String: Any]]) ?? []
            func fact(_ id: String) -> [String: Double] {
                ((facts.first { $0["id"] as? String == id }?["values"]) as? [String: Double]) ?? [:]
            }
            var bySource: [String: Double] = [:]
            for (key, value) in footer where key != "project" && key != "total" { bySource[key] = value as? Double }
            totals = Totals(byLevel: fact("byLevel"), byCapital: fact("byCapital"), bySource: bySource, total: footer["total"] as! Double)
        }
        var diagnosis: Diagnosis?
        if let total = rows("repair", "total").first?["totalRepair"] as? Double {
            diagnosis = Diagnosis(
                totalRepair: total,
                repairs: rows("repair", "repairs").map {
                    Repair(kind: $0["kind"] as! String, subject: $0["subject"] as! String, instance: $0["instance"] as? String,
                           amount: $0["amount"] as! Double, text: text($0["text"]) ?? "")
                },
                conflicts: rows("conflicts", "conflicts").map {
                    Conflict(kind: $0["kind"] as! String, subject: $0["subject"] as! String, detail: $0["detail"] as? String,
                             text: text($0["text"]) ?? "")
                })
        }
        return ReportJSON(
            status: top["status"] as! String, language: top["language"] as! String,
            objective: top["status"] as? String == "solved" ? stages.last?.value : nil, objectiveStages: stages,
            allocations: rows("allocation", "allocation").map {
                Allocation(project: $0["project"] as! String, source: $0["source"] as! String, capital: $0["capital"] as! String,
                           amount: $0["amount"] as! Double)
            },
            totals: totals,
            projects: rows("projects", "projects").map {
                Project(code: $0["code"] as! String, need: $0["need"] as? Double, allocated: ($0["allocated"] as? Double) ?? 0,
                        weight: $0["weight"] as? Double, weightRange: range($0["weightRange"]))
            },
            sources: rows("sources", "sources").map {
                Source(id: $0["id"] as! String, available: $0["available"] as? Double, used: $0["used"] as! Double,
                       spendInFull: $0["spendInFull"] as! Bool, shadowPrice: $0["shadowPrice"] as? Double, range: range($0["range"]))
            },
            rules: rows("rules", "rules").map {
                Rule(id: $0["id"] as! String, instance: $0["instance"] as? String, kind: $0["kind"] as! String,
                     required: $0["required"] as! Double, achieved: $0["achieved"] as! Double, slack: $0["slack"] as! Double,
                     binding: $0["binding"] as! Bool, satisfied: $0["satisfied"] as! Bool, shadowPrice: $0["shadowPrice"] as? Double,
                     range: range($0["range"]))
            },
            diagnosis: diagnosis,
            missingInputs: rows("missing", "missing").map {
                Missing(file: $0["file"] as! String, line: $0["line"] as! Int, field: $0["field"] as! String, message: text($0["message"]) ?? "")
            })
    }

    func amount(_ project: String, _ source: String, _ capital: String) -> Double? {
        allocations.first { $0.project == project && $0.source == source && $0.capital == capital }?.amount
    }
    func source(_ id: String) -> Source? { sources.first { $0.id == id } }
    func project(_ code: String) -> Project? { projects.first { $0.code == code } }
    func rule(_ id: String, _ instance: String?) -> Rule? { rules.first { $0.id == id && $0.instance == instance } }
}
