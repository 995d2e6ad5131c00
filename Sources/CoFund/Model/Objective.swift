/// One stage of an objective.
public enum ObjectiveStage: String, Sendable, Codable, CaseIterable, Equatable {
    /// Maximise Σ weight × funded need over the leaves (the default).
    case maximizeFundedNeed = "maximize-funded-need"
    /// Minimise the money taken from local budgets (province, district, commune).
    case minimizeLocalMoney = "minimize-local-money"
    /// Minimise Σ |allocation − target| over the targets the projects state.
    case minimizeDeviation = "minimize-deviation"
    /// Maximise the central money allocated ("spend all central money").
    case maximizeCentralSpent = "maximize-central-spent"

    public var isMaximization: Bool { self == .maximizeFundedNeed || self == .maximizeCentralSpent }
}


/// A single objective, or several solved in order, each stage's optimum held (within `tolerance`)
/// while the next is optimised.
public struct Objective: Sendable, Equatable, Codable {
    public var stages: [ObjectiveStage]
    /// Relative tolerance with which an earlier stage's optimum is held: value ≥ (1 − tol)·optimum for a
    /// maximisation (≤ (1 + tol)·optimum for a minimisation), never less than `tolerance` in absolute terms.
    public var tolerance: Double

    public init(stages: [ObjectiveStage] = [.maximizeFundedNeed], tolerance: Double = Tolerances.stageHold) {
        self.stages = stages
        self.tolerance = tolerance
    }
}
