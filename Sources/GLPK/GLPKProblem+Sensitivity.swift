import LinearProgramming

extension GLPKProblem {
    /// Ranges every row and column of an optimal basis, the way glpsol's `--ranges` report does
    /// (GLPK's `glp_print_ranges`), so that the two can be compared number for number:
    ///
    /// - non-basic variable: activity range from `glp_analyze_bound`; objective-coefficient range from the
    ///   reduced cost (one side unlimited, which side depending on the bound it sits at and the sense);
    ///   objective at each end = z + d·(value − activity);
    /// - basic variable: objective-coefficient range and activity at each end from `glp_analyze_coef`;
    ///   objective at each end = z + (c_end − c)·activity.
    ///
    /// `program` must be the program the problem currently holds (bounds and costs as last set).
    /// Ranges every row and column, or only those in `only` (each analysis is a solve with the basis
    /// factorization, so ranging all of a plan with thousands of rows costs far more than the solve);
    /// the others carry the solution's values with both breakpoints at the current point.
    func sensitivityReport(for program: LinearProgram, solution: Solution,
                           only: (rows: Set<Int>, columns: Set<Int>)? = nil) throws -> SensitivityReport {
        try prepareForAnalysis()
        let z = solution.objective
        var rows: [RangingEntry] = []
        rows.reserveCapacity(program.rows.count)
        for (i, row) in program.rows.enumerated() {
            let activity = solution.rowActivities[i]
            // glpsol's "slack": the distance to the bound the row is read against.
            let slack: Double = switch GLPKProblem.glpkSides(row.bounds) {
            case (false, false): -activity
            case (true, false): row.bounds.lower - activity
            default: row.bounds.upper - activity
            }
            rows.append(try entry(
                .row(i), name: row.name, bounds: row.bounds, coefficient: 0, slack: slack,
                activity: activity, marginal: solution.rowDuals[i], status: solution.rowBasis[i],
                objective: z, sense: program.sense, analyse: only?.rows.contains(i) ?? true))
        }
        var columns: [RangingEntry] = []
        columns.reserveCapacity(program.columns.count)
        for (j, column) in program.columns.enumerated() {
            columns.append(try entry(
                .column(j), name: column.name, bounds: column.bounds, coefficient: column.objective, slack: 0,
                activity: solution.columnValues[j], marginal: solution.reducedCosts[j], status: solution.columnBasis[j],
                objective: z, sense: program.sense, analyse: only?.columns.contains(j) ?? true))
        }
        return SensitivityReport(objective: z, rows: rows, columns: columns)
    }

    private func entry(
        _ variable: Variable, name: String, bounds: Bounds, coefficient: Double, slack: Double,
        activity: Double, marginal: Double, status: BasisStatus, objective z: Double, sense: ObjectiveSense, analyse: Bool = true
    ) throws -> RangingEntry {
        guard analyse else {
            let here = Breakpoint(activity: activity, objectiveCoefficient: coefficient, objectiveValue: z, limitingVariable: nil)
            return RangingEntry(variable: variable, name: name, status: status, activity: activity, slack: slack,
                                objectiveCoefficient: coefficient, marginal: marginal, bounds: bounds, lower: here, upper: here)
        }
        // glpsol treats |x| ≤ 1e-9 as zero when deciding which way an unlimited end moves the objective.
        let tiny = 1e-9
        let lower: Breakpoint
        let upper: Breakpoint
        if status != .basic {
            let range = try analyzeBound(variable)
            let coefficientRange: (Double, Double)
            switch status {
            case .free: coefficientRange = (coefficient, coefficient)
            case .fixed: coefficientRange = (-.infinity, .infinity)
            case .atLower where sense == .minimize, .atUpper where sense == .maximize:
                coefficientRange = (coefficient - marginal, .infinity)
            default: coefficientRange = (-.infinity, coefficient - marginal)
            }
            let objectiveAtLower: Double = range.lower == -.infinity
                ? (marginal < -tiny ? .infinity : marginal > tiny ? -.infinity : z)
                : z + marginal * (range.lower - activity)
            let objectiveAtUpper: Double = range.upper == .infinity
                ? (marginal < -tiny ? -.infinity : marginal > tiny ? .infinity : z)
                : z + marginal * (range.upper - activity)
            lower = Breakpoint(activity: range.lower, objectiveCoefficient: coefficientRange.0,
                               objectiveValue: objectiveAtLower, limitingVariable: range.lowerLimit)
            upper = Breakpoint(activity: range.upper, objectiveCoefficient: coefficientRange.1,
                               objectiveValue: objectiveAtUpper, limitingVariable: range.upperLimit)
        } else {
            let range = try analyzeCoefficient(variable)
            let objectiveAtLower: Double = range.lowerCoefficient == -.infinity
                ? (activity < -tiny ? .infinity : activity > tiny ? -.infinity : z)
                : z + (range.lowerCoefficient - coefficient) * activity
            let objectiveAtUpper: Double = range.upperCoefficient == .infinity
                ? (activity < -tiny ? -.infinity : activity > tiny ? .infinity : z)
                : z + (range.upperCoefficient - coefficient) * activity
            lower = Breakpoint(activity: range.valueAtLower, objectiveCoefficient: range.lowerCoefficient,
                               objectiveValue: objectiveAtLower, limitingVariable: range.lowerLimit)
            upper = Breakpoint(activity: range.valueAtUpper, objectiveCoefficient: range.upperCoefficient,
                               objectiveValue: objectiveAtUpper, limitingVariable: range.upperLimit)
        }
        return RangingEntry(
            variable: variable, name: name, status: status, activity: activity, slack: slack,
            objectiveCoefficient: coefficient, marginal: marginal, bounds: bounds, lower: lower, upper: upper)
    }
}
