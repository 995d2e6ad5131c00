import Foundation
import Testing
import LinearProgramming
@testable import GLPK

/// Our results against glpsol's on the same files: ranging (`--ranges`), the solution (`--write`) and the
/// CPLEX LP export read back with `--lp`. Expected values come from glpsol, run here, never from our output.
@Suite struct GlpsolCrossCheckTests {
    /// glpsol prints ranging numbers with 5 decimals (6 significant digits when large).
    static func printedClose(_ ours: Double, _ theirs: Double) -> Bool {
        if ours.isInfinite || theirs.isInfinite { return ours == theirs }
        return abs(ours - theirs) <= 1e-5 + 1e-4 * abs(theirs)
    }

    /// glpsol's letter for a basis status in `--write` output.
    static func letter(_ status: BasisStatus) -> Character {
        switch status {
        case .basic: "b"
        case .atLower: "l"
        case .atUpper: "u"
        case .free: "f"
        case .fixed: "s"
        }
    }

    /// Writes `program` as free MPS and has glpsol solve it; returns glpsol's ranges report and solution.
    static func glpsolResults(for program: LinearProgram, in directory: URL) throws -> (GlpsolRangesReport, GlpsolSolution) {
        let mps = directory.appendingPathComponent("problem.mps").path
        let ranges = directory.appendingPathComponent("ranges.txt").path
        let written = directory.appendingPathComponent("solution.sol").path
        let printed = directory.appendingPathComponent("solution.txt").path
        try GLPKSolver().writeMPS(program, to: mps)
        // Free MPS carries no objective sense, so it is given on the command line.
        try Glpsol.run([
            "--freemps", mps, program.sense == .maximize ? "--max" : "--min",
            "--ranges", ranges, "-o", printed, "-w", written,
        ])
        return (try GlpsolRangesReport(contentsOf: ranges), try GlpsolSolution(contentsOf: written))
    }

    @Test func rangingProgramIsNonDegenerate() throws {
        // The comparison below is only meaningful when the optimal basis is unique. It is when no basic
        // variable sits at a bound (primal non-degenerate) and no non-basic one has a zero reduced cost
        // (dual non-degenerate). Checked on glpsol's solution, not ours.
        let directory = try makeTemporaryDirectory("nondegenerate")
        defer { try? FileManager.default.removeItem(at: directory) }
        let program = Fixtures.rangingProgram
        let (_, theirs) = try Self.glpsolResults(for: program, in: directory)
        #expect(theirs.primalStatus == "f" && theirs.dualStatus == "f")
        let variables = Array(zip(program.rows.map(\.bounds) + program.columns.map(\.bounds), theirs.rows + theirs.columns))
        var basicCount = 0
        for (bounds, value) in variables {
            if value.status == "b" {
                basicCount += 1
                #expect(value.primal > bounds.lower + 1e-6 && value.primal < bounds.upper - 1e-6)
            } else {
                #expect(abs(value.dual) > 1e-6)
            }
        }
        #expect(basicCount == program.rows.count)
    }

    /// Every field of our report and solution against glpsol's for the same program.
    static func expectSameAsGlpsol(
        _ program: LinearProgram, solution: Solution, report ours: SensitivityReport, label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let directory = try makeTemporaryDirectory("ranges-\(program.name)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (theirs, theirSolution) = try glpsolResults(for: program, in: directory)

        #expect(theirs.rows.count == program.rows.count, sourceLocation: sourceLocation)
        #expect(theirs.columns.count == program.columns.count, sourceLocation: sourceLocation)
        #expect(printedClose(ours.objective, theirs.objective), "\(label): objective", sourceLocation: sourceLocation)
        for (kind, ourEntries, theirEntries) in [("row", ours.rows, theirs.rows), ("column", ours.columns, theirs.columns)] {
            for (k, (o, t)) in zip(ourEntries, theirEntries).enumerated() {
                let entry = "\(label) \(kind) \(t.number) \(t.name)"
                #expect(t.number == k + 1, "\(entry)", sourceLocation: sourceLocation)
                #expect(o.name == t.name, "\(entry)", sourceLocation: sourceLocation)
                #expect(o.status.glpsolCode == t.status, "\(entry): status", sourceLocation: sourceLocation)
                let fields: [(String, Double, Double)] = [
                    ("activity", o.activity, t.activity),
                    (kind == "row" ? "slack" : "objective coefficient", kind == "row" ? o.slack : o.objectiveCoefficient,
                     t.slackOrCoefficient),
                    ("marginal", o.marginal, t.marginal),
                    ("lower bound", o.bounds.lower, t.lowerBound),
                    ("upper bound", o.bounds.upper, t.upperBound),
                    ("lower activity", o.lower.activity, t.lower.activity),
                    ("lower objective coefficient", o.lower.objectiveCoefficient, t.lower.objectiveCoefficient),
                    ("lower objective value", o.lower.objectiveValue, t.lower.objectiveValue),
                    ("upper activity", o.upper.activity, t.upper.activity),
                    ("upper objective coefficient", o.upper.objectiveCoefficient, t.upper.objectiveCoefficient),
                    ("upper objective value", o.upper.objectiveValue, t.upper.objectiveValue),
                ]
                for (field, mine, reference) in fields {
                    #expect(printedClose(mine, reference), "\(entry) \(field): ours \(mine), glpsol \(reference)",
                            sourceLocation: sourceLocation)
                }
                #expect(o.lower.limitingVariable.map(program.name(of:)) == t.lower.limitingName, "\(entry): lower limiting variable",
                        sourceLocation: sourceLocation)
                #expect(o.upper.limitingVariable.map(program.name(of:)) == t.upper.limitingName, "\(entry): upper limiting variable",
                        sourceLocation: sourceLocation)
            }
        }

        // The solution itself, against glpsol's full-precision --write output.
        #expect(theirSolution.primalStatus == "f" && theirSolution.dualStatus == "f", sourceLocation: sourceLocation)
        expectClose(solution.objective, theirSolution.objective, "\(label): objective", sourceLocation: sourceLocation)
        expectClose(solution.rowActivities, theirSolution.rows.map(\.primal), "\(label): row activities", sourceLocation: sourceLocation)
        expectClose(solution.rowDuals, theirSolution.rows.map(\.dual), "\(label): row duals", sourceLocation: sourceLocation)
        expectClose(solution.columnValues, theirSolution.columns.map(\.primal), "\(label): column values", sourceLocation: sourceLocation)
        expectClose(solution.reducedCosts, theirSolution.columns.map(\.dual), "\(label): reduced costs", sourceLocation: sourceLocation)
        #expect(solution.rowBasis.map(letter) == theirSolution.rows.map(\.status), "\(label)", sourceLocation: sourceLocation)
        #expect(solution.columnBasis.map(letter) == theirSolution.columns.map(\.status), "\(label)", sourceLocation: sourceLocation)
    }

    @Test func rangingMatchesGlpsol() throws {
        let program = Fixtures.rangingProgram
        let (solution, report) = try GLPKSolver().solveWithSensitivity(program, options: SolveOptions())
        #expect(solution.status == .optimal)
        try Self.expectSameAsGlpsol(program, solution: solution, report: try #require(report), label: program.name)
    }

    /// The non-degenerate textbook LPs (unique optimal basis, checked first): small, but between them
    /// they reach the unlimited ends (±Inf objective at a break point), free and fixed columns, fixed rows
    /// and both senses.
    @Test(arguments: [Fixtures.wyndor, Fixtures.diet, Fixtures.equalities, Fixtures.freeAndFixed, Fixtures.columnAtUpperBound])
    func textbookRangingMatchesGlpsol(program: LinearProgram) throws {
        let (solution, report) = try GLPKSolver().solveWithSensitivity(program, options: SolveOptions())
        #expect(isNonDegenerate(program, solution), "the comparison needs a unique optimal basis")
        try Self.expectSameAsGlpsol(program, solution: solution, report: try #require(report), label: program.name)
    }

    @Test func rangingOfAMinimisationMatchesGlpsol() throws {
        // The same LP turned into a minimisation of the negated objective has the same optimal basis, so the
        // whole report is compared again with the sense-dependent branches (coefficient ranges of non-basic
        // variables, unlimited objective ends) going the other way.
        var program = Fixtures.rangingProgram
        program.sense = .minimize
        program.objectiveConstant = -program.objectiveConstant
        for j in program.columns.indices { program.columns[j].objective = -program.columns[j].objective }
        let directory = try makeTemporaryDirectory("ranges-min")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (theirs, _) = try Self.glpsolResults(for: program, in: directory)
        let (_, report) = try GLPKSolver().solveWithSensitivity(program, options: SolveOptions())
        let ours = try #require(report)
        #expect(Self.printedClose(ours.objective, theirs.objective))
        for (o, t) in zip(ours.rows + ours.columns, theirs.rows + theirs.columns) {
            #expect(o.status.glpsolCode == t.status, "\(t.name)")
            let pairs = [
                (o.marginal, t.marginal), (o.lower.activity, t.lower.activity), (o.upper.activity, t.upper.activity),
                (o.lower.objectiveCoefficient, t.lower.objectiveCoefficient),
                (o.upper.objectiveCoefficient, t.upper.objectiveCoefficient),
                (o.lower.objectiveValue, t.lower.objectiveValue), (o.upper.objectiveValue, t.upper.objectiveValue),
            ]
            for (mine, reference) in pairs {
                #expect(Self.printedClose(mine, reference), "\(t.name): ours \(mine), glpsol \(reference)")
            }
            #expect(o.lower.limitingVariable.map(program.name(of:)) == t.lower.limitingName, "\(t.name)")
            #expect(o.upper.limitingVariable.map(program.name(of:)) == t.upper.limitingName, "\(t.name)")
        }
    }

    @Test func sessionRangingMatchesGlpsolAfterAWarmResolve() throws {
        // Move the right-hand side of 'cap' inside its ranging interval [51.29, 82.25] (from glpsol's report
        // of the unchanged LP), so the basis stays optimal and unique; the session's report after the warm
        // re-solve must match glpsol's report of the changed LP.
        var program = Fixtures.rangingProgram
        let session = try GLPKSession(program)
        try session.solve()
        program.rows[0].bounds = .atMost(70)
        try session.setRowBounds(0, .atMost(70))
        try session.solve()
        let ours = try session.sensitivity()
        let directory = try makeTemporaryDirectory("ranges-session")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (theirs, _) = try Self.glpsolResults(for: program, in: directory)
        #expect(Self.printedClose(ours.objective, theirs.objective))
        for (o, t) in zip(ours.rows + ours.columns, theirs.rows + theirs.columns) {
            #expect(o.status.glpsolCode == t.status, "\(t.name)")
            for (mine, reference) in [
                (o.activity, t.activity), (o.marginal, t.marginal),
                (o.lower.activity, t.lower.activity), (o.upper.activity, t.upper.activity),
                (o.lower.objectiveValue, t.lower.objectiveValue), (o.upper.objectiveValue, t.upper.objectiveValue),
            ] {
                #expect(Self.printedClose(mine, reference), "\(t.name): ours \(mine), glpsol \(reference)")
            }
        }
    }

    @Test func cplexExportReadBackByGlpsolGivesTheSameObjective() throws {
        let directory = try makeTemporaryDirectory("cplex")
        defer { try? FileManager.default.removeItem(at: directory) }
        var program = Fixtures.rangingProgram
        program.objectiveConstant = 0
        let lp = directory.appendingPathComponent("problem.lp").path
        let written = directory.appendingPathComponent("solution.sol").path
        try GLPKSolver().writeCPLEX(program, to: lp)
        // The CPLEX LP format carries the sense, so no --min/--max here.
        try Glpsol.run(["--lp", lp, "-w", written])
        let theirs = try GlpsolSolution(contentsOf: written)
        let ours = try GLPKSolver().solve(program)
        #expect(theirs.primalStatus == "f" && theirs.dualStatus == "f")
        expectClose(ours.objective, theirs.objective, "objective of the CPLEX LP file")
        // glp_write_lp turns the ranged row 'band' into an equality plus a bounded slack column '~r_4', which
        // glpsol reads as a ninth column after ours (every one of ours appears first, in the objective).
        #expect(theirs.columns.count == program.columns.count + 1)
        expectClose(ours.columnValues, Array(theirs.columns.prefix(program.columns.count).map(\.primal)), "column values")
        expectClose(ours.rowDuals, theirs.rows.map(\.dual), "row duals")
    }

    @Test func cplexExportKeepsTheObjectiveConstantOnlyAsAComment() throws {
        // GLPK's CPLEX LP writer (glp_write_lp) cannot express an objective constant, which its own reader
        // rejects; it writes it as a comment. So glpsol reading the file back finds the objective without
        // the constant. This pins that known limitation down so a change in it is noticed.
        let directory = try makeTemporaryDirectory("cplex-constant")
        defer { try? FileManager.default.removeItem(at: directory) }
        let program = Fixtures.rangingProgram  // constant 3.5
        let lp = directory.appendingPathComponent("problem.lp").path
        let written = directory.appendingPathComponent("solution.sol").path
        try GLPKSolver().writeCPLEX(program, to: lp)
        let text = try String(contentsOfFile: lp, encoding: .utf8)
        #expect(text.contains("constant term = 3.5"))
        try Glpsol.run(["--lp", lp, "-w", written])
        let theirs = try GlpsolSolution(contentsOf: written)
        let ours = try GLPKSolver().solve(program)
        expectClose(ours.objective - program.objectiveConstant, theirs.objective, "objective without the constant")
    }

    @Test func freeRowsLeftOutOfExportsDoNotChangeTheOptimum() throws {
        // A free row constrains nothing. GLPK's LP writer leaves it out. glp_write_mps would write it as an
        // N row but then leave out the objective row, so that glpsol took the free row for the objective
        // (and found 8 = max 2x1 - x2); writeMPS leaves free rows out too. Both files give Wyndor's 36.
        var program = Fixtures.wyndor
        program.rows.append(Row(name: "report", bounds: .free, terms: [Term(column: 0, coefficient: 2), Term(column: 1, coefficient: -1)]))
        let ours = try GLPKSolver().solve(program)
        expectClose(ours.objective, 36, "objective")
        expectClose(ours.rowActivities[3], -2, "free row activity 2·2 - 6")
        let directory = try makeTemporaryDirectory("freerow")
        defer { try? FileManager.default.removeItem(at: directory) }
        let lp = directory.appendingPathComponent("p.lp").path, mps = directory.appendingPathComponent("p.mps").path
        let fromLP = directory.appendingPathComponent("lp.sol").path, fromMPS = directory.appendingPathComponent("mps.sol").path
        try GLPKSolver().writeCPLEX(program, to: lp)
        try GLPKSolver().writeMPS(program, to: mps)
        try Glpsol.run(["--lp", lp, "-w", fromLP])
        try Glpsol.run(["--freemps", mps, "--max", "-w", fromMPS])
        for path in [fromLP, fromMPS] {
            let theirs = try GlpsolSolution(contentsOf: path)
            expectClose(theirs.objective, 36, "glpsol objective")
            #expect(theirs.rows.count == 3)
        }
        // Leaving a free row out of the file does not excuse it from validation.
        program.rows[3].terms.append(Term(column: 0, coefficient: 1))
        #expect(throws: SolverError.invalidProgram(.duplicateTerm(row: "report", column: "x1"))) {
            try GLPKSolver().writeMPS(program, to: mps)
        }
    }

    @Test func mpsExportKeepsTheObjectiveConstant() throws {
        // Free MPS carries the constant (as the objective row's right-hand side): glpsol's objective equals ours.
        let directory = try makeTemporaryDirectory("mps-constant")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (_, theirs) = try Self.glpsolResults(for: Fixtures.rangingProgram, in: directory)
        let ours = try GLPKSolver().solve(Fixtures.rangingProgram)
        expectClose(ours.objective, theirs.objective, "objective with constant")
    }

    @Test func exportsWithAwkwardNamesAreReadableByGlpsol() throws {
        // Names as CoFund writes them (parentheses, commas), with spaces, Vietnamese letters and a name
        // starting with a digit: GLPK's writers replace what a format cannot hold, and glpsol must still read
        // both files and find the objective of the Wyndor LP, 36.
        var program = Fixtures.wyndor
        program.columns[0].name = "x(DA2,central)"
        program.columns[1].name = "chi phí Điện Biên"
        program.rows[0].name = "1st plant"
        program.rows[1].name = "a\\b:c"
        program.rows[2].name = String(repeating: "ư", count: 85)
        let directory = try makeTemporaryDirectory("names")
        defer { try? FileManager.default.removeItem(at: directory) }
        let mps = directory.appendingPathComponent("p.mps").path
        let lp = directory.appendingPathComponent("p.lp").path
        let fromMPS = directory.appendingPathComponent("mps.sol").path
        let fromLP = directory.appendingPathComponent("lp.sol").path
        try GLPKSolver().writeMPS(program, to: mps)
        try GLPKSolver().writeCPLEX(program, to: lp)
        try Glpsol.run(["--freemps", mps, "--max", "-w", fromMPS])
        try Glpsol.run(["--lp", lp, "-w", fromLP])
        expectClose(try GlpsolSolution(contentsOf: fromMPS).objective, 36, "objective from MPS")
        expectClose(try GlpsolSolution(contentsOf: fromLP).objective, 36, "objective from CPLEX LP")
    }

    @Test func reportParserReadsLongNamesAndGlpsolNumberFormats() throws {
        // glp_print_ranges breaks the first line after a name longer than 12 characters.
        let text = """
            GLPK 5.0  - SENSITIVITY ANALYSIS REPORT                                                                         Page   1

            Problem:    p
            Objective:  obj = -1.5 (MINimum)

               No. Row name     St      Activity         Slack   Lower bound       Activity      Obj coef  Obj value at Limiting
                                                      Marginal   Upper bound          range         range   break point variable
            ------ ------------ -- ------------- ------------- -------------  ------------- ------------- ------------- ------------
                 1 a_rather_long_row_name
                                NU      60.00000        .               -Inf       51.28571      -1.47059     134.71429 a_rather_long_column
                                                       -.47059      60.00000       82.25000          +Inf   1.23457e+06

            GLPK 5.0  - SENSITIVITY ANALYSIS REPORT                                                                         Page   2

            Problem:    p
            Objective:  obj = -1.5 (MINimum)

               No. Column name  St      Activity      Obj coef   Lower bound       Activity      Obj coef  Obj value at Limiting
                                                      Marginal   Upper bound          range         range   break point variable
            ------ ------------ -- ------------- ------------- -------------  ------------- ------------- ------------- ------------
                 1 x            BS        .50000        .            -Inf           -Inf          -Inf          -Inf
                                                        .               +Inf           +Inf          +Inf          +Inf

            End of report
            """
        let report = try GlpsolRangesReport(parsing: text)
        #expect(report.objective == -1.5)
        #expect(report.rows.count == 1 && report.columns.count == 1)
        let row = try #require(report.rows.first)
        #expect(row.name == "a_rather_long_row_name" && row.status == "NU")
        #expect(row.activity == 60 && row.slackOrCoefficient == 0 && row.marginal == -0.47059)
        #expect(row.lowerBound == -.infinity && row.upperBound == 60)
        #expect(row.lower == .init(activity: 51.28571, objectiveCoefficient: -1.47059, objectiveValue: 134.71429,
                                   limitingName: "a_rather_long_column"))
        #expect(row.upper == .init(activity: 82.25, objectiveCoefficient: .infinity, objectiveValue: 1.23457e6, limitingName: nil))
        let column = try #require(report.columns.first)
        #expect(column.name == "x" && column.activity == 0.5 && column.upper.limitingName == nil)
    }
}
