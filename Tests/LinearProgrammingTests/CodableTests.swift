import Foundation
import Testing
import LinearProgramming

/// JSON round trips of the solver-neutral values. JSON has no infinity: an infinite bound is null.
@Suite struct CodableTests {
    static let program = LinearProgram(
        name: "plan", sense: .maximize, objectiveName: "benefit", objectiveConstant: -2.5,
        columns: [
            Column(name: "free", bounds: .free, objective: 1),
            Column(name: "capped", bounds: .atMost(7), objective: -2),
            Column(name: "floored", bounds: .atLeast(-3), objective: 0.1),
            Column(name: "fixed", bounds: .exactly(4), objective: 0),
            Column(name: "boxed", bounds: .between(-1e300, 1e-300), objective: 3),
            Column(name: "x(DA2,central)", objective: 1),
        ],
        rows: [
            Row(name: "le", bounds: .atMost(10), terms: [Term(column: 0, coefficient: 1), Term(column: 5, coefficient: -0.5)]),
            Row(name: "ge", bounds: .atLeast(-1), terms: [Term(column: 1, coefficient: 2)]),
            Row(name: "eq", bounds: .exactly(0), terms: []),
            Row(name: "range", bounds: .between(1, 2), terms: [Term(column: 4, coefficient: 1e-7)]),
            Row(name: "unlimited", bounds: .free, terms: [Term(column: 2, coefficient: 3)]),
            Row(name: "tỉnh Điện Biên", bounds: .atMost(1), terms: [Term(column: 3, coefficient: 1)]),
        ])

    static func roundTrip<T: Codable>(_ value: T) throws -> (T, String) {
        let data = try JSONEncoder().encode(value)
        return (try JSONDecoder().decode(T.self, from: data), String(decoding: data, as: UTF8.self))
    }

    @Test func programRoundTripsWithInfiniteBounds() throws {
        let (decoded, json) = try Self.roundTrip(Self.program)
        #expect(decoded == Self.program)
        #expect(decoded.columns[0].bounds.lower == -.infinity && decoded.columns[0].bounds.upper == .infinity)
        #expect(decoded.columns[1].bounds.lower == -.infinity && decoded.columns[1].bounds.upper == 7)
        #expect(decoded.columns[2].bounds.upper == .infinity)
        #expect(decoded.rows[4].bounds.isFree)
        #expect(json.contains("null"))
        #expect(!json.lowercased().contains("inf"))
        #expect(try decoded.validate() == ())
    }

    @Test func boundsWireFormat() throws {
        // An infinite end is written as null and read back from null or from a missing key.
        let encoded = String(decoding: try JSONEncoder().encode(Bounds.atMost(3)), as: UTF8.self)
        #expect(encoded.contains("\"lower\":null"))
        #expect(encoded.contains("\"upper\":3"))
        let decoder = JSONDecoder()
        #expect(try decoder.decode(Bounds.self, from: Data(#"{}"#.utf8)) == .free)
        #expect(try decoder.decode(Bounds.self, from: Data(#"{"lower":null,"upper":null}"#.utf8)) == .free)
        #expect(try decoder.decode(Bounds.self, from: Data(#"{"lower":0}"#.utf8)) == .nonNegative)
        #expect(try decoder.decode(Bounds.self, from: Data(#"{"lower":2,"upper":2}"#.utf8)) == .exactly(2))
        #expect(throws: DecodingError.self) { try decoder.decode(Bounds.self, from: Data(#"{"lower":"two"}"#.utf8)) }
    }

    @Test func aBoundInfiniteTheWrongWayStaysInvalidThroughJSON() throws {
        // A +inf lower bound (or -inf upper bound) is invalid; writing it as null, like the natural
        // infinity of that end, would read back as -inf (+inf) and silently turn it into a free bound.
        for bounds in [Bounds(lower: .infinity, upper: .infinity), Bounds(lower: -.infinity, upper: -.infinity)] {
            let (decoded, _) = try Self.roundTrip(bounds)
            #expect(decoded == bounds)
            var program = Self.program
            program.columns[0].bounds = bounds
            let (decodedProgram, _) = try Self.roundTrip(program)
            #expect(throws: LinearProgramError.self) { try decodedProgram.validate() }
        }
        // NaN has no JSON form at all: JSONEncoder refuses it rather than writing something valid.
        #expect(throws: EncodingError.self) { try JSONEncoder().encode(Bounds(lower: .nan, upper: 1)) }
    }

    @Test func solutionRoundTrips() throws {
        let solution = Solution(
            status: .optimal, objective: 12.5, columnValues: [1, -0.25], reducedCosts: [0, 3],
            rowActivities: [4], rowDuals: [-1.5], columnBasis: [.basic, .atUpper], rowBasis: [.fixed], iterations: 3)
        let (decoded, _) = try Self.roundTrip(solution)
        #expect(decoded == solution)
        for status in SolutionStatus.allCases {
            var other = solution
            other.status = status
            #expect(try Self.roundTrip(other).0.status == status)
        }
    }

    @Test func sensitivityReportRoundTripsWithUnlimitedEnds() throws {
        let entry = RangingEntry(
            variable: .row(0), name: "cap", status: .atUpper, activity: 60, slack: 0, objectiveCoefficient: 0,
            marginal: 1.5, bounds: .atMost(60),
            lower: Breakpoint(activity: 51.25, objectiveCoefficient: -.infinity, objectiveValue: -.infinity,
                              limitingVariable: .column(3)),
            upper: Breakpoint(activity: .infinity, objectiveCoefficient: .infinity, objectiveValue: .infinity,
                              limitingVariable: nil))
        let column = RangingEntry(
            variable: .column(0), name: "x", status: .basic, activity: 2, slack: 0, objectiveCoefficient: 3,
            marginal: 0, bounds: .nonNegative,
            lower: Breakpoint(activity: 0, objectiveCoefficient: 2.5, objectiveValue: 35, limitingVariable: .row(0)),
            upper: Breakpoint(activity: 4, objectiveCoefficient: 7.5, objectiveValue: 45, limitingVariable: .row(1)))
        let report = SensitivityReport(objective: 36, rows: [entry], columns: [column])
        let (decoded, json) = try Self.roundTrip(report)
        #expect(decoded == report)
        #expect(json.contains("\"+inf\"") && json.contains("\"-inf\""))
        #expect(decoded.entry(for: .row(0)) == entry)
        #expect(decoded.entry(for: .column(0)) == column)
    }

    @Test func equalityAndHashing() {
        var changed = Self.program
        #expect(changed == Self.program)
        #expect(changed.hashValue == Self.program.hashValue)
        changed.rows[0].terms[1].coefficient = -0.5000001
        #expect(changed != Self.program)
        changed = Self.program
        changed.columns[1].bounds.upper = .infinity
        #expect(changed != Self.program)
        changed = Self.program
        changed.sense = .minimize
        #expect(changed != Self.program)
        changed = Self.program
        changed.rows.swapAt(0, 1)
        #expect(changed != Self.program)
        #expect(Bounds.exactly(1) == Bounds.between(1, 1))
        #expect(Bounds.atLeast(0) == Bounds.nonNegative)
        #expect(Bounds.free != Bounds.nonNegative)
    }
}
