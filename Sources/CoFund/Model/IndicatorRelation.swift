/// What an indicator should equal or reach, in terms of other figures of the same document: Kim Bảng's
/// multidimensional poverty rate is the poor rate plus the near-poor rate; Tịnh Biên's 0.8-point cut is
/// at most the cut its commune table plans.
public struct IndicatorRelation: Sendable, Equatable, Codable {
    public enum Comparison: String, Sendable, Equatable, Codable, CaseIterable {
        /// The indicator's value equals the expression (to their printed precision).
        case equal
        /// The value is at most the expression (a target the plan's figures must reach).
        case atMost
        /// The value is at least the expression.
        case atLeast
    }

    public var comparison: Comparison
    public var expression: FigureExpression

    public init(_ comparison: Comparison, _ expression: FigureExpression) {
        self.comparison = comparison
        self.expression = expression
    }
}

/// A figure computed from other printed figures. A reference is an indicator id, or `ROW.COLUMN` for a
/// figure of the plan's area table (`total.poor_start`).
public indirect enum FigureExpression: Sendable, Equatable, Codable {
    case figure(String)
    case sum([String])
    case difference(String, String)
    /// 100 × Σ part / Σ whole.
    case share(part: [String], whole: [String])

    public var references: [String] {
        switch self {
        case .figure(let id): [id]
        case .sum(let ids): ids
        case .difference(let a, let b): [a, b]
        case .share(let part, let whole): part + whole
        }
    }
}
