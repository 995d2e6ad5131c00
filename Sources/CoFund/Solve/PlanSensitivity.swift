import LinearProgramming

/// Sensitivity of a solved plan as facts about the plan, not about the basis the solver stopped at.
///
/// For every source with an amount available, every rule row and every priority weight of a funded leaf,
/// and for every objective stage of the plan: the rate at which the stage's optimal value changes when
/// the figure grows by one unit (the right rate d⁺V/db) and when it shrinks by one unit (the left rate
/// d⁻V/db), and how far each rate holds. On a degenerate plan (figures that add up exactly, as the seed
/// plans' do) the two rates differ, and GLPK's basis ranging reports an interval of length 0 for one of
/// them; here each side is found by re-solving. `PlanSensitivityAnalyzer` computes it.
///
/// Sign convention: every rate is dV/db for the stage's own value V (funded need for
/// maximise-funded-need, local money for minimise-local-money, …), on that side of the current figure.
/// So "one more unit changes V by `up.rate`" and "one unit less changes V by −`down.rate`".
public struct PlanSensitivity: Sendable {
    /// The largest priority weight a plan may give (the plan validator refuses more): the end of every
    /// weight interval.
    public static let largestWeight = 1_000_000.0

    /// What is varied.
    public enum Parameter: Sendable, Hashable {
        /// The amount a source has available (its row's right-hand side).
        case source(String)
        /// The right-hand side of a rule row: for a counterpart rule or a share floor (rows "≥ 0"), the money
        /// the rule requires beyond what it requires now; for a share ceiling (a row "≤ 0"), the money it
        /// allows beyond what it allows now.
        case rule(id: String, instance: String?)
    }

    /// Whether a requirement starts or stops limiting the allocation at an end.
    public enum Change: String, Sendable, Hashable {
        /// A row reaches its bound (a need met, a source used up, a rule binding), or an allocation falls to zero.
        case starts
        /// A row leaves its bound, or an allocation becomes positive.
        case stops
    }

    /// A row or column of the compiled program, by its meaning in the plan. Only rows and columns that exist
    /// are ever named: money a source cannot give a project has no column, so it is never a cause.
    public enum Limit: Sendable, Hashable {
        case row(RowMeaning, name: String)
        case column(ColumnMeaning, name: String)
    }

    public struct Cause: Sendable, Hashable {
        public var limit: Limit
        public var change: Change
        /// The varied row itself (a source used up, a slack rule that starts to bind).
        public var isParameterItself: Bool
    }

    /// How an interval ends.
    public enum End: Sendable, Equatable, Hashable {
        /// The rate changes there (`rateBeyond` is the rate just past it).
        case breakpoint
        /// Beyond it no allocation meets every rule.
        case infeasible
        /// An earlier stage's rate changes there (0-based stage), so this stage's was not followed further.
        case earlierStage(Int)
        /// The search stopped at `PlanSensitivity.cap` with the rate unchanged; it may change beyond.
        case cap
        /// The rate holds without limit (proved: see `PlanSensitivityAnalyzer`).
        case unlimited
        /// The figure can go no further (a weight at 0 or at the largest weight allowed).
        case domain
        /// The search used up its evaluations (`PlanSensitivityAnalyzer.searchLimit`); the rate is verified
        /// up to `length` only.
        case unresolved
    }

    /// One side (more or less) of one stage.
    public struct Side: Sendable, Equatable {
        /// dV/db on this side; nil when no allocation meets every rule as soon as the figure moves this way.
        public var rate: Double?
        /// How far the rate holds, in the plan's unit; nil for no limit.
        public var length: Double?
        public var end: End
        /// The rate just past the end, when the end is a breakpoint (or an earlier stage's).
        public var rateBeyond: Double?
        /// What starts or stops limiting the allocation at the end.
        public var causes: [Cause]
    }

    /// The rates of one objective stage of the plan.
    public struct StageRates: Sendable {
        /// 0-based index of the stage in the plan's objective.
        public var stage: Int
        public var objective: ObjectiveStage
        /// The stage's optimal value at the current figures.
        public var value: Double
        public var up: Side
        public var down: Side
    }

    /// What one unit more (or less) does to the allocation: the change of each leaf's funded amount, for a
    /// move of `amount` (one unit, or the whole interval when it is shorter), re-solved with every stage of
    /// the compiled program (any stage appended to it after the plan's own included).
    public struct Effect: Sendable, Equatable {
        public var amount: Double
        /// Change of the money to each leaf (only leaves whose amount changes).
        public var funded: [String: Double]
        /// The change to the whole-unit answer nearest the proposal once the source has moved by one million
        /// (`WholeUnitEffects`), rather than the change of the continuous optimum.
        public var wholeUnits = false
        /// With `wholeUnits`, when the whole million falls on one line where the continuous optimum shares it
        /// equally among several: the others, any one of which could take it as well ("1 million more to DA3
        /// or, equally, to DA2").
        public var alike: [String] = []
    }

    /// A source or a rule row.
    public struct RowParameter: Sendable {
        public var parameter: Parameter
        public var row: Int
        /// The LP name of the row (`avail(central)`, `rule(province_10pct,DA2)`).
        public var rowName: String
        /// The row's bounds in the plan (the parameter moves its finite ends).
        public var bounds: Bounds
        /// The figure varied: the amount available, or 0 for a rule (what it requires now).
        public var value: Double
        public var stages: [StageRates]
        public var up: Effect?
        public var down: Effect?
        /// For a source: the leaves it may pay for (those that have an allocation column from it).
        public var reachableLeaves: [String]
        /// For a source: whether every leaf it may pay for has its need met at the current allocation.
        public var reachableNeedsMet: Bool?
    }

    /// The interval of a leaf's priority weight over which the current allocation stays optimal for the
    /// funded-need stage.
    public struct WeightRange: Sendable {
        public var project: String
        /// The funded-need stage (0-based).
        public var stage: Int
        public var weight: Double
        /// The leaf's funded amount (the slope of the stage's value in its weight).
        public var funded: Double
        public var lower: Double
        public var upper: Double
        public var lowerEnd: End
        public var upperEnd: End
        /// How the funded-need stage's allocation changes just past each end (change of each leaf's funded
        /// amount, only leaves that change): the leaves that gain or lose when the weight goes further.
        public var lowerShift: [String: Double]
        public var upperShift: [String: Double]
    }

    public var rows: [RowParameter]
    public var weights: [WeightRange]
    /// Sources and rule rows not analysed because of the parameter limit.
    public var rowsLeftOut: Int
    /// Leaves whose weight was not analysed because of the parameter limit.
    public var weightsLeftOut: Int
    /// The most rows (and the most weights) analysed.
    public var parameterLimit: Int
    /// How far an interval is searched: twice the sum of every source, need, floor and fixed amount.
    public var cap: Double
    /// Number of re-solves spent (tests assert counts, not timings).
    public var solves: Int
    /// Each leaf's funded amount at the current figures (the analyzer's own solve).
    public var baseFunded: [String: Double]
    /// The plan's objective stages' optimal values (the analyzer's own solve).
    public var stageValues: [Double]

    public func row(_ parameter: Parameter) -> RowParameter? { rows.first { $0.parameter == parameter } }
    public func weight(_ project: String) -> WeightRange? { weights.first { $0.project == project } }
}
