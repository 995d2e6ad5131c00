import Foundation
import Testing
import LinearProgramming

// Shared helpers for the GLPK tests: tolerant comparisons and small LP constructors.

/// |a - b| <= tolerance * max(1, |a|, |b|); equal infinities compare equal.
func isClose(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    if a.isInfinite || b.isInfinite { return a == b }
    if a.isNaN || b.isNaN { return false }
    return abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

func isClose(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-9) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { isClose($0, $1, tolerance) }
}

/// Expects `actual` to be within `tolerance` (relative, see `close`) of `expected`, naming `what` on failure.
func expectClose(
    _ actual: Double, _ expected: Double, _ what: @autoclosure () -> String = "", tolerance: Double = 1e-9,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(isClose(actual, expected, tolerance), "\(what()): got \(actual), expected \(expected)", sourceLocation: sourceLocation)
}

func expectClose(
    _ actual: [Double], _ expected: [Double], _ what: @autoclosure () -> String = "", tolerance: Double = 1e-9,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(isClose(actual, expected, tolerance), "\(what()): got \(actual), expected \(expected)", sourceLocation: sourceLocation)
}

/// Builds a program from (name, bounds, objective) columns and (name, bounds, [(column, coefficient)]) rows.
func makeProgram(
    _ name: String, sense: ObjectiveSense, constant: Double = 0,
    columns: [(String, Bounds, Double)],
    rows: [(String, Bounds, [(Int, Double)])]
) -> LinearProgram {
    LinearProgram(
        name: name, sense: sense, objectiveName: "obj", objectiveConstant: constant,
        columns: columns.map { Column(name: $0.0, bounds: $0.1, objective: $0.2) },
        rows: rows.map { row in Row(name: row.0, bounds: row.1, terms: row.2.map { Term(column: $0.0, coefficient: $0.1) }) })
}

/// A fresh empty directory under the system temporary directory; removed by the caller with `removeItem`.
func makeTemporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("cofund-\(label)-\(getpid())-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Checks, from the program alone, that `solution` satisfies the optimality conditions of an LP, without
/// assuming which optimal solution the solver picked (so it holds for degenerate problems too):
/// - primal feasibility, and activities and objective consistent with the column values;
/// - reduced costs d = c - Aᵀy (the dual equations);
/// - dual feasibility / complementary slackness: a row or column strictly inside its bounds has marginal 0;
///   for a minimisation a positive marginal needs the variable at its lower bound and a negative one at its
///   upper bound (the other way round for a maximisation);
/// - strong duality: the dual objective c0 + Σ yᵢ·bᵢ + Σ dⱼ·lⱼ, with bᵢ (lⱼ) the finite bound the sign of
///   the marginal points to (the term is left out when the marginal is 0), equals z.
func expectOptimalityConditions(
    _ program: LinearProgram, _ solution: Solution, tolerance: Double = 1e-9,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(solution.status == .optimal, sourceLocation: sourceLocation)
    let x = solution.columnValues, y = solution.rowDuals, d = solution.reducedCosts
    guard x.count == program.columns.count, y.count == program.rows.count, d.count == program.columns.count else {
        Issue.record("solution has the wrong shape", sourceLocation: sourceLocation)
        return
    }
    expectClose(solution.rowActivities, program.activities(x), "row activities = A x", tolerance: tolerance, sourceLocation: sourceLocation)
    expectClose(solution.objective, program.objectiveValue(x), "objective = c0 + c x", tolerance: tolerance, sourceLocation: sourceLocation)
    var aTy = [Double](repeating: 0, count: program.columns.count)
    for (i, row) in program.rows.enumerated() { for term in row.terms { aTy[term.column] += term.coefficient * y[i] } }
    for (j, column) in program.columns.enumerated() {
        expectClose(d[j], column.objective - aTy[j], "reduced cost of \(column.name) = c - Aᵀy", tolerance: tolerance,
                    sourceLocation: sourceLocation)
    }
    let sign: Double = program.sense == .minimize ? 1 : -1
    var dualObjective = program.objectiveConstant
    func check(_ name: String, _ bounds: Bounds, _ value: Double, _ marginal: Double) {
        let scale = max(1, abs(value))
        #expect(bounds.contains(value, tolerance: tolerance * scale), "\(name) = \(value) outside \(bounds)", sourceLocation: sourceLocation)
        let atLower = abs(value - bounds.lower) <= tolerance * scale
        let atUpper = abs(value - bounds.upper) <= tolerance * scale
        let m = sign * marginal
        if m > tolerance {
            #expect(atLower, "\(name): marginal \(marginal) needs it at its lower bound, value \(value)", sourceLocation: sourceLocation)
            dualObjective += marginal * bounds.lower
        } else if m < -tolerance {
            #expect(atUpper, "\(name): marginal \(marginal) needs it at its upper bound, value \(value)", sourceLocation: sourceLocation)
            dualObjective += marginal * bounds.upper
        }
    }
    for (i, row) in program.rows.enumerated() { check("row \(row.name)", row.bounds, solution.rowActivities[i], y[i]) }
    for (j, column) in program.columns.enumerated() { check("column \(column.name)", column.bounds, x[j], d[j]) }
    expectClose(dualObjective, solution.objective, "strong duality", tolerance: tolerance, sourceLocation: sourceLocation)
}

/// Whether an optimal solution is non-degenerate both ways, so that its optimal basis is unique: every basic
/// variable strictly inside its bounds, every non-basic one with a non-zero marginal.
func isNonDegenerate(_ program: LinearProgram, _ solution: Solution, margin: Double = 1e-7) -> Bool {
    guard solution.status == .optimal else { return false }
    let bounds = program.rows.map(\.bounds) + program.columns.map(\.bounds)
    let statuses = solution.rowBasis + solution.columnBasis
    let values = solution.rowActivities + solution.columnValues
    let marginals = solution.rowDuals + solution.reducedCosts
    var basic = 0
    for k in bounds.indices {
        let (bounds, status, value, marginal) = (bounds[k], statuses[k], values[k], marginals[k])
        if status == .basic {
            basic += 1
            if !(value > bounds.lower + margin && value < bounds.upper - margin) { return false }
        } else if abs(marginal) <= margin {
            return false
        }
    }
    return basic == program.rows.count
}
