import GeneratedPlans
import Foundation
import Testing
import LinearProgramming
@testable import GLPK

/// Integer programs written with writeCPLEX and writeMPS and solved by glpsol: the files must carry the
/// integer columns, and glpsol's integer optimum must be ours. Expected values come from glpsol, run here.
@Suite struct IntegerGlpsolCrossCheckTests {
    let solver = GLPKSolver()

    /// The hand-checked fixtures, whose optima are unique in their integer columns.
    static let programs = [IntegerFixtures.knapsack, IntegerFixtures.roundingTrap, IntegerFixtures.mixed, IntegerFixtures.fractionalBounds]

    /// Writes `program` in both formats, has glpsol solve each file, and returns the two texts and solutions.
    func glpsolSolutions(_ program: LinearProgram, in directory: URL) throws
        -> (lpText: String, mpsText: String, fromLP: GlpsolMIPSolution, fromMPS: GlpsolMIPSolution) {
        let lp = directory.appendingPathComponent("p.lp").path, mps = directory.appendingPathComponent("p.mps").path
        let fromLP = directory.appendingPathComponent("lp.sol").path, fromMPS = directory.appendingPathComponent("mps.sol").path
        try solver.writeCPLEX(program, to: lp)
        try solver.writeMPS(program, to: mps)
        // glpsol runs its integer optimizer whenever the file has integer columns; --nomip would solve the relaxation.
        try Glpsol.run(["--lp", lp, "-w", fromLP])
        try Glpsol.run(["--freemps", mps, program.sense == .maximize ? "--max" : "--min", "-w", fromMPS])
        return (try String(contentsOfFile: lp, encoding: .utf8), try String(contentsOfFile: mps, encoding: .utf8),
                try GlpsolMIPSolution(contentsOf: fromLP), try GlpsolMIPSolution(contentsOf: fromMPS))
    }

    @Test(arguments: programs)
    func glpsolFindsTheSameIntegerOptimum(program: LinearProgram) throws {
        let directory = try makeTemporaryDirectory("mip-\(program.name)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let ours = try solver.solveInteger(program)
        #expect(ours.status == .optimal)
        let objective = try #require(ours.objective)
        let (_, _, fromLP, fromMPS) = try glpsolSolutions(program, in: directory)
        #expect(fromLP.status == "o" && fromMPS.status == "o", "glpsol: integer optimal")
        // The CPLEX LP format cannot hold the objective constant (see GlpsolCrossCheckTests); free MPS can.
        expectClose(fromLP.objective, objective - program.objectiveConstant, "\(program.name): objective from the LP file")
        expectClose(fromMPS.objective, objective, "\(program.name): objective from the MPS file")
        for (j, column) in program.columns.enumerated() where column.isInteger {
            #expect(fromLP.columns[j] == ours.columnValues[j] && fromMPS.columns[j] == ours.columnValues[j], "\(program.name): \(column.name)")
        }
    }

    @Test func filesDeclareTheIntegerColumns() throws {
        // glp_write_lp lists integer columns under "Generals" (binary ones too, with their bounds in "Bounds");
        // glp_write_mps puts them between MARKER lines.
        let directory = try makeTemporaryDirectory("mip-sections")
        defer { try? FileManager.default.removeItem(at: directory) }
        let program = IntegerFixtures.mixed  // x, y integer; z continuous
        let (lpText, mpsText, _, _) = try glpsolSolutions(program, in: directory)
        let lines = lpText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let generals = try #require(lines.firstIndex(of: "Generals"), "no Generals section in\n\(lpText)")
        let section = lines[(generals + 1)...].prefix { !$0.isEmpty && $0 != "End" }
        #expect(Array(section) == ["x", "y"])
        #expect(mpsText.contains("'MARKER'") && mpsText.contains("'INTORG'") && mpsText.contains("'INTEND'"))
        let columns = mpsText.components(separatedBy: "COLUMNS\n")[1].components(separatedBy: "RHS\n")[0]
        let intorg = try #require(columns.range(of: "'INTORG'")), intend = try #require(columns.range(of: "'INTEND'"))
        let between = columns[intorg.upperBound..<intend.lowerBound]
        #expect(between.contains(" x ") && between.contains(" y ") && !between.contains(" z "), "\(columns)")
        // A continuous program has neither.
        let lp = directory.appendingPathComponent("c.lp").path, mps = directory.appendingPathComponent("c.mps").path
        try solver.writeCPLEX(Fixtures.wyndor, to: lp)
        try solver.writeMPS(Fixtures.wyndor, to: mps)
        #expect(!(try String(contentsOfFile: lp, encoding: .utf8)).contains("Generals"))
        #expect(!(try String(contentsOfFile: mps, encoding: .utf8)).contains("MARKER"))
    }

    @Test func exportedBoundsAreRoundedSoThatGlpsolCanSearch() throws {
        // glpsol refuses to search with fractional bounds on an integer column ("integer column 1 has non-integer
        // lower bound 0.5"); the files carry [1, 3], so glpsol finds x = 3 from both.
        let directory = try makeTemporaryDirectory("mip-rounded")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (lpText, mpsText, fromLP, fromMPS) = try glpsolSolutions(IntegerFixtures.fractionalBounds, in: directory)
        #expect(lpText.contains("1 <= x <= 3"), "\(lpText)")
        #expect(mpsText.contains("LO BND1 x 1") && mpsText.contains("UP BND1 x 3"), "\(mpsText)")
        #expect(fromLP.status == "o" && fromLP.columns[0] == 3 && fromLP.objective == 3)
        #expect(fromMPS.status == "o" && fromMPS.columns[0] == 3 && fromMPS.objective == 3)
    }

    @Test func glpsolAgreesThatAnEvenSumCannotBeOdd() throws {
        // 2x + 2y = 3, x, y integer in [0, 3]: the relaxation is feasible and glpsol's search proves no integer point.
        let program = IntegerFixtures.integer(makeProgram(
            "odd", sense: .minimize, columns: [("x", .between(0, 3), 1), ("y", .between(0, 3), 1)],
            rows: [("odd", .exactly(3), [(0, 2), (1, 2)])]))
        let directory = try makeTemporaryDirectory("mip-odd")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (_, _, fromLP, fromMPS) = try glpsolSolutions(program, in: directory)
        #expect(fromLP.status == "n" && fromMPS.status == "n")
        #expect(try solver.solveInteger(program).status == .infeasible)
    }

    @Test func glpsolAgreesOnASeededKnapsackOfThirtyItems() throws {
        // Distinct weights make the search short enough for both to prove the optimum.
        var generator = SplitMix64(seed: 2024)
        let n = 30
        let weights = (0..<n).map { _ in Double(10 + Int(generator.next() % 90)) }
        let values = (0..<n).map { weights[$0] + Double(Int(generator.next() % 20)) }
        let program = IntegerFixtures.integer(LinearProgram(
            name: "knapsack30", sense: .maximize,
            columns: (0..<n).map { Column(name: "k\($0)", bounds: .between(0, 1), objective: values[$0]) },
            rows: [Row(name: "cap", bounds: .atMost(weights.reduce(0, +) / 3),
                       terms: (0..<n).map { Term(column: $0, coefficient: weights[$0]) })]))
        let directory = try makeTemporaryDirectory("mip-knapsack30")
        defer { try? FileManager.default.removeItem(at: directory) }
        let ours = try solver.solveInteger(program)
        #expect(ours.status == .optimal)
        IntegerProgramTests.expectIntegerFeasible(program, ours)
        let (_, _, fromLP, fromMPS) = try glpsolSolutions(program, in: directory)
        #expect(fromLP.status == "o" && fromMPS.status == "o")
        expectClose(try #require(ours.objective), fromLP.objective, "objective against glpsol (LP file)")
        expectClose(try #require(ours.objective), fromMPS.objective, "objective against glpsol (MPS file)")
    }
}
