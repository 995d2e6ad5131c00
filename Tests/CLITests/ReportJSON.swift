import Foundation

// The part of `cofund solve --format json` these tests read, decoded with its documented field names
// (see SolveReport in Sources/CoFund/Report), independently of the library's own types.

struct ReportJSON: Decodable {
    struct Stage: Decodable { var stage: String; var value: Double; var achieved: Double? }
    struct Allocation: Decodable { var project: String; var source: String; var capital: String; var amount: Double }
    struct Range: Decodable {
        var lower: Double?
        var upper: Double?
        var lowerLimit: String?
        var upperLimit: String?
    }
    struct Source: Decodable {
        var id: String
        var available: Double?
        var used: Double
        var spendInFull: Bool
        var shadowPrice: Double?
        var range: Range?
    }
    struct Project: Decodable {
        var code: String
        var need: Double?
        var allocated: Double
        var weight: Double?
        var weightRange: Range?
    }
    struct Rule: Decodable {
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
    struct Totals: Decodable {
        var byLevel: [String: Double]
        var byCapital: [String: Double]
        var bySource: [String: Double]
        var total: Double
    }
    struct Repair: Decodable { var kind: String; var subject: String; var instance: String?; var amount: Double; var text: String }
    struct Conflict: Decodable { var kind: String; var subject: String; var detail: String?; var text: String }
    struct Diagnosis: Decodable { var totalRepair: Double; var repairs: [Repair]; var conflicts: [Conflict] }
    struct Missing: Decodable { var file: String; var line: Int; var field: String; var message: String }

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

    static func decode(_ data: Data) throws -> ReportJSON { try JSONDecoder().decode(ReportJSON.self, from: data) }

    func amount(_ project: String, _ source: String, _ capital: String) -> Double? {
        allocations.first { $0.project == project && $0.source == source && $0.capital == capital }?.amount
    }
    func source(_ id: String) -> Source? { sources.first { $0.id == id } }
    func project(_ code: String) -> Project? { projects.first { $0.code == code } }
    func rule(_ id: String, _ instance: String?) -> Rule? { rules.first { $0.id == id && $0.instance == instance } }
}
