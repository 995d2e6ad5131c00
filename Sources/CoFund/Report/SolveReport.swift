/// The answer to `cofund solve`, as data: what renderers (text, JSON, CSV, Markdown) print.
/// Field names are the documented JSON format; amounts are in the plan's unit (million VND).
public struct SolveReport: Sendable, Codable {
    public struct PlanInfo: Sendable, Codable {
        public var id: String
        public var place: String
        public var level: String
        public var year: Int
        public var unit: String
        public var ruleSet: String
        public var tier: String?
    }

    public struct Stage: Sendable, Codable {
        public var stage: String
        /// The stage's optimum when it was solved.
        public var value: Double
        /// What the final allocation achieves on this stage's objective (within the hold tolerance of `value`).
        public var achieved: Double
    }

    public struct AllocationLine: Sendable, Codable {
        public var project: String
        public var label: String?
        public var source: String
        public var capital: String
        public var amount: Double
    }

    /// Over what range of a right-hand side (or weight) the shadow price (or allocation) holds, and what
    /// starts to bind at each end. Nil ends are unlimited.
    public struct Range: Sendable, Codable {
        public var lower: Double?
        public var upper: Double?
        /// LP name of the row or column that limits each end (stable ids, see the README).
        public var lowerLimit: String?
        public var upperLimit: String?
        /// The same, in the report's language.
        public var lowerLimitText: String?
        public var upperLimitText: String?
    }

    public struct SourceLine: Sendable, Codable {
        public var id: String
        public var name: String
        public var level: String
        public var capital: [String]
        public var available: Double?
        public var used: Double
        public var spendInFull: Bool
        /// Shadow price and range at the final objective stage.
        public var shadowPrice: Double?
        public var range: Range?
        /// The same at the maximise-funded-need stage, when the plan has one: how much more (weighted) need
        /// one more million of this source funds. Equal to the above when that stage is the last.
        public var fundedNeedShadowPrice: Double?
        public var fundedNeedRange: Range?
    }

    public struct ProjectLine: Sendable, Codable {
        public var code: String
        public var label: String?
        public var name: String
        public var isLeaf: Bool
        public var need: Double?
        public var floor: Double?
        public var allocated: Double
        public var byCapital: [String: Double]
        public var weight: Double?
        /// Range of the priority weight over which the allocation stays the same (leaves, funded-need stage).
        public var weightRange: Range?
        public var excludedReason: String?
    }

    public struct RuleLine: Sendable, Codable {
        public var id: String
        public var instance: String?
        public var kind: String
        public var description: String
        public var required: Double
        public var achieved: Double
        public var slack: Double
        public var binding: Bool
        public var satisfied: Bool
        public var shadowPrice: Double?
        public var range: Range?
    }

    public struct Totals: Sendable, Codable {
        public var byLevel: [String: Double]
        public var byCapital: [String: Double]
        public var bySource: [String: Double]
        public var total: Double
    }

    public struct DiagnosisReport: Sendable, Codable {
        public var totalRepair: Double
        public var repairs: [RepairLine]
        public var conflicts: [ConflictLine]
    }

    public struct RepairLine: Sendable, Codable {
        public var kind: String
        public var subject: String
        public var instance: String?
        public var amount: Double
        /// For a counterpart rule: the ratio it asks for and the ratio the repaired allocation reaches.
        public var requiredRatio: Double?
        public var reachedRatio: Double?
        public var text: String
    }

    public struct ConflictLine: Sendable, Codable {
        public var kind: String
        public var subject: String
        public var detail: String?
        public var text: String
    }

    public struct MissingLine: Sendable, Codable {
        public var file: String
        public var line: Int
        public var field: String
        public var message: String
    }

    public var status: String
    public var statusText: String
    public var language: String
    public var plan: PlanInfo
    /// Final objective value (the last stage's), nil when not solved.
    public var objective: Double?
    public var objectiveStages: [Stage]
    public var allocations: [AllocationLine]
    public var totals: Totals?
    public var projects: [ProjectLine]
    public var sources: [SourceLine]
    public var rules: [RuleLine]
    public var diagnosis: DiagnosisReport?
    public var missingInputs: [MissingLine]
    public var notes: [String]
}
