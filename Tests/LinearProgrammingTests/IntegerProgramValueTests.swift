import Foundation
import Testing
import LinearProgramming

/// The solver-neutral side of integer programs: the column flag and its JSON, the extra validation, the
/// inward rounding of bounds, and the result value.
@Suite struct IntegerProgramValueTests {
    static let program = LinearProgram(
        name: "mip", sense: .maximize,
        columns: [Column(name: "n", bounds: .between(0.5, 3.7), objective: 1, isInteger: true), Column(name: "c", objective: 2)],
        rows: [Row(name: "r", bounds: .atMost(10), terms: [Term(column: 0, coefficient: 1), Term(column: 1, coefficient: 1)])])

    @Test func columnsAreContinuousUnlessSaidOtherwise() throws {
        #expect(!Column(name: "x").isInteger)
        #expect(Column(name: "x", bounds: .free, objective: 3).isInteger == false)
        var builder = LinearProgramBuilder()
        try builder.addColumn("i", bounds: .between(0, 9), isInteger: true)
        try builder.addColumn("c")
        #expect(builder.program.columns.map(\.isInteger) == [true, false])
        #expect(builder.program.hasIntegerColumns && !LinearProgram(columns: [Column(name: "c")]).hasIntegerColumns)
    }

    @Test func integerFlagInJSON() throws {
        let data = try JSONEncoder().encode(Self.program)
        let json = String(decoding: data, as: UTF8.self)
        #expect(try JSONDecoder().decode(LinearProgram.self, from: data) == Self.program)
        // Written only when true, so continuous programs keep their JSON; read as false when missing.
        #expect(json.components(separatedBy: "isInteger").count == 2)
        let old = #"{"name":"x","bounds":{"lower":0},"objective":1.5}"#
        #expect(try JSONDecoder().decode(Column.self, from: Data(old.utf8)) == Column(name: "x", objective: 1.5))
        let marked = #"{"name":"x","bounds":{"lower":0},"objective":1.5,"isInteger":true}"#
        #expect(try JSONDecoder().decode(Column.self, from: Data(marked.utf8)).isInteger)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Column.self, from: Data(#"{"name":"x","bounds":{},"objective":1,"isInteger":"yes"}"#.utf8))
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Column.self, from: Data(#"{"name":"x","objective":1}"#.utf8)) }
    }

    @Test func boundsRoundedInwardToIntegers() {
        #expect(Bounds.between(0.5, 3.7).roundedToIntegers() == .between(1, 3))
        #expect(Bounds.between(-3.5, -0.3).roundedToIntegers() == .between(-3, -1))
        #expect(Bounds.between(0.2, 0.8).roundedToIntegers() == nil)
        #expect(Bounds.exactly(2.5).roundedToIntegers() == nil)
        #expect(Bounds.exactly(2).roundedToIntegers() == .exactly(2))
        #expect(Bounds.between(2.2, 2.9).roundedToIntegers() == nil)
        #expect(Bounds.between(1.5, 2).roundedToIntegers() == .exactly(2))
        // Within 1e-9 of an integer is that integer: noise never cuts one off.
        #expect(Bounds.between(0.9999999999, 2.0000000001).roundedToIntegers() == .between(1, 2))
        #expect(Bounds.between(1.0000000001, 1.9999999999).roundedToIntegers() == .between(1, 2))
        #expect(Bounds.between(1.00001, 1.99999).roundedToIntegers() == nil)
        // Infinite ends stay; a signless 0 comes out of -0.3 rounded up.
        #expect(Bounds.free.roundedToIntegers() == .free)
        #expect(Bounds.atLeast(-0.3).roundedToIntegers() == .nonNegative)
        #expect(Bounds.atLeast(-0.3).roundedToIntegers()?.lower.sign == .plus)
        #expect(Bounds.atMost(4.5).roundedToIntegers() == .atMost(4))
        #expect(Bounds.between(0, 1).roundedToIntegers(tolerance: 0) == .between(0, 1))
    }

    @Test func programRoundingTouchesIntegerColumnsOnly() throws {
        let rounded = try #require(Self.program.roundingIntegerBounds())
        #expect(rounded.columns[0].bounds == .between(1, 3))
        #expect(rounded.columns[1] == Self.program.columns[1] && rounded.rows == Self.program.rows)
        var continuous = Self.program
        continuous.columns[0].isInteger = false
        #expect(continuous.roundingIntegerBounds() == continuous)
        var empty = Self.program
        empty.columns[0].bounds = .between(0.2, 0.8)
        #expect(empty.roundingIntegerBounds() == nil)
    }

    @Test func integerValidation() throws {
        try Self.program.validateAsIntegerProgram()
        let limit = LinearProgram.maximumIntegerBound
        #expect(limit == 9_007_199_254_740_992 && limit == Double(1 << 53))
        func error(_ bounds: Bounds, integer: Bool = true) -> LinearProgramError? {
            var program = Self.program
            program.columns[0].bounds = bounds
            program.columns[0].isInteger = integer
            do { try program.validateAsIntegerProgram(); return nil } catch let error as LinearProgramError { return error } catch { return nil }
        }
        #expect(error(.between(-limit, limit)) == nil)
        #expect(error(.free) == nil)
        #expect(error(.atMost(1e300), integer: false) == nil)
        #expect(error(.atMost(limit * 2)) == .integerBoundTooLarge(column: "n", field: "upper bound", value: limit * 2, limit: limit))
        #expect(error(.atLeast(-1e20)) == .integerBoundTooLarge(column: "n", field: "lower bound", value: -1e20, limit: limit))
        let big = Double.greatestFiniteMagnitude
        #expect(error(.between(-big, big)) == .integerBoundTooLarge(column: "n", field: "lower bound", value: -big, limit: limit))
        let message = error(.atMost(1e300))?.description ?? ""
        #expect(message.contains("'n'") && message.contains("9007199254740992") && !message.contains("9007199254740992.0"))
        // Everything validate() finds comes first.
        #expect(error(Bounds(lower: 3, upper: 1)) == .invertedBounds(kind: .column, name: "n", lower: 3, upper: 1))
    }

    @Test func solutionValueAndJSON() throws {
        let unbounded = IntegerSolution(status: .unbounded, objective: 2, columnValues: [1, 1], rowActivities: [2], bestBound: .infinity)
        let limited = IntegerSolution(
            status: .feasibleWithGap, objective: 100, columnValues: [3, 97], rowActivities: [10], bestBound: 104,
            relativeGap: IntegerSolution.relativeGap(objective: 100, bound: 104))
        let none = IntegerSolution(status: .noSolutionFound, bestBound: -7.5)
        for solution in [unbounded, limited, none, IntegerSolution(status: .infeasible)] {
            let data = try JSONEncoder().encode(solution)
            #expect(try JSONDecoder().decode(IntegerSolution.self, from: data) == solution)
        }
        #expect(String(decoding: try JSONEncoder().encode(unbounded), as: UTF8.self).contains(#""bestBound":"+inf""#))
        #expect(unbounded.hasIntegerPoint && !none.hasIntegerPoint)
        // GLPK's measure: |100 - 104| / (|100| + ε).
        expectNear(try #require(limited.relativeGap), 0.04)
        #expect(IntegerSolution.relativeGap(objective: 0, bound: 0) == 0)
        #expect(IntegerSolution.relativeGap(objective: 1, bound: .infinity) == nil)
        #expect(Set(IntegerSolutionStatus.allCases.map(\.rawValue)).count == 6)
    }

    @Test func optionDefaults() {
        let options = IntegerSolveOptions()
        #expect(options.timeLimitSeconds == 60 && options.relativeGapTolerance == 0 && !options.verbose)
    }

    func expectNear(_ a: Double, _ b: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(a - b) <= 1e-12, "\(a) vs \(b)", sourceLocation: sourceLocation)
    }
}
