/// The unit a document rounds its amounts to, and why `check` assumes it.
public struct RoundingUnit: Sendable, Equatable, Codable {
    public enum Reason: Sendable, Equatable, Codable {
        /// The plan's `rounding:` field.
        case stated
        /// Every amount the plan states is a whole number of the plan's unit.
        case wholeFigures
        /// The most precise amount has this many decimals.
        case decimals(Int)
    }

    /// In the plan's unit (1: whole millions).
    public var value: Double
    public var reason: Reason

    public var half: Double { value / 2 }

    /// The plan's own `rounding:`, else the precision of its most precise printed amount (up to 4 decimals).
    static func assumed(for plan: Plan, figures: [Double]) -> RoundingUnit {
        if let stated = plan.rounding { return RoundingUnit(value: stated, reason: .stated) }
        var decimals = 0
        for figure in figures {
            var scaled = abs(figure)
            var d = 0
            while d < 4 && abs(scaled - scaled.rounded()) > 1e-9 * max(1, scaled) {
                scaled *= 10
                d += 1
            }
            decimals = max(decimals, d)
        }
        if decimals == 0 { return RoundingUnit(value: 1, reason: .wholeFigures) }
        var value = 1.0
        for _ in 0..<decimals { value /= 10 }
        return RoundingUnit(value: value, reason: .decimals(decimals))
    }
}
