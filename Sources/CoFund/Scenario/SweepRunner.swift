import LinearProgramming

/// A plan solved along one figure: the steps (each solved as `solve` solves the plan with the figure set
/// there) and the exact breakpoints between them (`ParametricSweep`).
public struct SweepStudy: Sendable {
    /// The swept change, as written (`sources.central.available`), and its edit (amount replaced per step).
    public var path: String
    public var edit: ScenarioEdit
    public var from: Double
    public var to: Double
    public var base: PreparedPlan
    public var steps: [WhatIfCase]
    /// nil when the figure is not an amount of one row (a ratio or a weight): steps only.
    public var walk: SweepWalk?

    /// The figure at each step.
    public var values: [Double]
}

public struct SweepRunner<Factory: LinearProgramSessionFactory>: Sendable {
    public var solver: PlanSolver<Factory>
    public var threads: Int
    /// The most steps one sweep takes.
    public static var maximumSteps: Int { 10_000 }

    public init(solver: PlanSolver<Factory>, threads: Int) {
        self.solver = solver
        self.threads = max(1, threads)
    }

    /// The values of `steps` equal steps from `from` to `to`, both ends included as given; amounts of money
    /// between the ends are rounded to the plan's unit (a document's figures are whole millions) and kept
    /// within the range (4,100 to 4,400 in thousands of millions stays 4,100 at its first step, not 4,000).
    /// Ratios and weights are not rounded, but one below the smallest a plan may state (one in a million,
    /// `NumericLimits`) is taken to 0 or to that smallest value, whichever is nearer: a step between two valid
    /// ends is never refused.
    public static func values(from: Double, to: Double, steps: Int, edit: ScenarioEdit, unit: Double) -> [Double] {
        let low = min(from, to), high = max(from, to)
        let smallest: Double? = switch edit {
        case .ratio, .shareAtMost, .shareAtLeast, .tierRatio: NumericLimits.smallestRatio
        case .weight: NumericLimits.smallestWeight
        default: nil
        }
        return (0...steps).map { k in
            if k == 0 { return from }
            if k == steps { return to }
            var value = from + (to - from) * Double(k) / Double(steps)
            if edit.isMoney { value = min(high, max(low, (value / unit).rounded(.toNearestOrAwayFromZero) * unit)) }
            if let smallest, value > 0, value < smallest { value = value < smallest / 2 ? 0 : smallest }
            return value
        }
    }

    public func run(base: LoadedPlan, path: String, edit: ScenarioEdit, location: SourceLocation, from: Double, to: Double, steps: Int,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SweepStudy {
        let unit = base.plan.rounding ?? 1
        let values = Self.values(from: from, to: to, steps: steps, edit: edit, unit: unit)
        let scenarios = values.enumerated().map { k, value in
            Scenario(id: "step-\(k)", name: nil, changes: [ScenarioChange(edit: edit.with(.value(value)), location: location, field: path)],
                     location: location)
        }
        let study = try WhatIfRunner(solver: solver, threads: threads).run(base: base, scenarios: scenarios, progress: progress)
        let walk = try ParametricSweep(factory: solver.factory, options: solver.options).walk(base: base, edit: edit, from: from, to: to)
        return SweepStudy(path: path, edit: edit, from: from, to: to, base: study.base.prepared, steps: study.scenarios, walk: walk, values: values)
    }
}
