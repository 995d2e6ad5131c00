// What an integer program needs beyond `validate()`, kept solver-neutral so that every integer solver
// binding refuses and rounds the same things.

extension LinearProgram {
    /// 2^53: the largest magnitude up to which every integer is a `Double`. Beyond it "integer" means
    /// nothing (2^53 + 1 cannot be written down) and a solver's branching step x ≤ ⌊v⌋, x ≥ ⌊v⌋ + 1 cannot
    /// be represented, so a finite bound of an integer column must lie within ±2^53.
    public static let maximumIntegerBound = 9_007_199_254_740_992.0
    /// How close to a whole number a bound of an integer column must be to count as that number
    /// (2.0000000001 is 2), so that noise from arithmetic on bounds does not cut a valid integer off.
    public static let integerBoundTolerance = 1e-9

    /// Whether any column is an integer column.
    public var hasIntegerColumns: Bool { columns.contains { $0.isInteger } }

    /// Whether the objective is a whole number at every integer point, up to its constant: every column
    /// with a coefficient is an integer column and the coefficient a whole number (and not so large that
    /// its products lose their units). Then two integer points differ by at least 1 or not at all.
    public var integralObjective: Bool {
        columns.allSatisfy { column in
            column.objective == 0 || (column.isInteger && column.objective == column.objective.rounded() && abs(column.objective) <= 1e6)
        }
    }

    /// The step the objective takes at integer points: 1 when `integralObjective`; otherwise s when every objective
    /// coefficient is on an integer column and a whole multiple of the smallest, s (0.01 on every local-money column of
    /// a plan rounded to 0.01 million, counted in units); nil when there is none (a continuous column in the objective,
    /// coefficients of no common step, or steps so fine that an LP bound's round-off is as large).
    public var objectiveStep: Double? {
        if integralObjective { return 1 }
        let coefficients = columns.filter { $0.objective != 0 }
        guard !coefficients.isEmpty, coefficients.allSatisfy(\.isInteger) else { return nil }
        let step = coefficients.map { abs($0.objective) }.min()!
        guard step >= 1e-6 else { return nil }
        for column in coefficients {
            let multiple = abs(column.objective) / step
            guard multiple <= 1e6, abs(multiple - multiple.rounded()) <= 1e-9 * max(1, multiple) else { return nil }
        }
        return step
    }

    /// `validate()`, and every finite bound of an integer column within ±`maximumIntegerBound`.
    public func validateAsIntegerProgram() throws {
        try validate()
        for column in columns where column.isInteger {
            for (field, value) in [("lower bound", column.bounds.lower), ("upper bound", column.bounds.upper)]
            where value.isFinite && abs(value) > Self.maximumIntegerBound {
                throw LinearProgramError.integerBoundTooLarge(
                    column: column.name, field: field, value: value, limit: Self.maximumIntegerBound)
            }
        }
    }

    /// The program with the bounds of every integer column rounded inward to whole numbers (see
    /// `Bounds.roundedToIntegers`), which is what GLPK requires of integer columns and allows exactly the
    /// same integer points. Nil when some integer column's bounds hold no integer at all ([0.2, 0.8]): the
    /// program then has no integer-feasible point, whatever its rows say.
    public func roundingIntegerBounds() -> LinearProgram? {
        var rounded = self
        for j in columns.indices where columns[j].isInteger {
            guard let bounds = columns[j].bounds.roundedToIntegers() else { return nil }
            rounded.columns[j].bounds = bounds
        }
        return rounded
    }
}

extension Bounds {
    /// The bounds rounded inward to whole numbers: the lower end up, the upper end down, each first snapped
    /// to a whole number within `tolerance` (so 2.0000000001 stays 2 instead of becoming 3 as a lower
    /// bound). Infinite ends stay infinite. Nil when no integer lies in the interval.
    public func roundedToIntegers(tolerance: Double = LinearProgram.integerBoundTolerance) -> Bounds? {
        func snapped(_ value: Double) -> Double {
            let nearest = value.rounded()
            return abs(value - nearest) <= tolerance ? nearest : value
        }
        // + 0 turns -0 (from rounding -0.3 up) into 0, which files print without a sign.
        let lower = lower.isFinite ? snapped(lower).rounded(.up) + 0 : lower
        let upper = upper.isFinite ? snapped(upper).rounded(.down) + 0 : upper
        guard lower <= upper else { return nil }
        return Bounds(lower: lower, upper: upper)
    }
}
