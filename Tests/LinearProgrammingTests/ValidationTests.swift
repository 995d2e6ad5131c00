import Testing
@testable import LinearProgramming

/// `LinearProgram.validate()` must catch, with a precise error, everything GLPK would abort on.
@Suite struct ValidationTests {
    /// A valid two-column, two-row program to spoil one field at a time.
    static let base = LinearProgram(
        name: "base", sense: .minimize, objectiveName: "cost",
        columns: [Column(name: "x", bounds: .between(0, 5), objective: 1), Column(name: "y", objective: 2)],
        rows: [
            Row(name: "r1", bounds: .atLeast(1), terms: [Term(column: 0, coefficient: 1), Term(column: 1, coefficient: 1)]),
            Row(name: "r2", bounds: .atMost(4), terms: [Term(column: 1, coefficient: 3)]),
        ])

    static func error(_ change: (inout LinearProgram) -> Void) -> LinearProgramError? {
        var program = base
        change(&program)
        do {
            try program.validate()
            return nil
        } catch let error as LinearProgramError {
            #expect(!error.description.isEmpty)
            return error
        } catch {
            Issue.record("unexpected error type \(error)")
            return nil
        }
    }

    @Test func validProgramsPass() throws {
        try Self.base.validate()
        try LinearProgram().validate()  // no rows, no columns
        try LinearProgram(name: "", objectiveName: "").validate()  // problem and objective names may be empty
        var program = Self.base
        program.rows.append(Row(name: "empty", bounds: .free, terms: []))  // a row without terms
        program.columns.append(Column(name: "r1", bounds: .free))  // a column may share a row's name
        program.rows[1].terms.append(Term(column: 0, coefficient: 2))  // x again, in another row
        program.columns[0].bounds = .exactly(5)  // lower == upper
        program.objectiveConstant = -1e300
        try program.validate()
    }

    @Test func emptyNames() {
        #expect(Self.error { $0.columns[1].name = "" } == .emptyName(kind: .column, index: 1))
        #expect(Self.error { $0.rows[0].name = "" } == .emptyName(kind: .row, index: 0))
    }

    @Test func namesLongerThan255Bytes() {
        // "ệ" is 3 bytes in UTF-8: 85 of them make exactly 255 bytes (allowed), 86 make 258.
        let fits = String(repeating: "ệ", count: 85)
        let tooLong = String(repeating: "ệ", count: 86)
        #expect(fits.utf8.count == 255 && tooLong.utf8.count == 258)
        #expect(Self.error { $0.columns[0].name = fits } == nil)
        #expect(Self.error { $0.rows[0].name = String(repeating: "a", count: 255) } == nil)
        #expect(Self.error { $0.columns[0].name = tooLong } == .nameTooLong(kind: .column, name: tooLong, bytes: 258, limit: 255))
        let ascii = String(repeating: "a", count: 256)
        #expect(Self.error { $0.rows[1].name = ascii } == .nameTooLong(kind: .row, name: ascii, bytes: 256, limit: 255))
        #expect(Self.error { $0.name = ascii } == .nameTooLong(kind: .problem, name: ascii, bytes: 256, limit: 255))
        #expect(Self.error { $0.objectiveName = ascii } == .nameTooLong(kind: .objective, name: ascii, bytes: 256, limit: 255))
        #expect(LinearProgram.maximumNameBytes == 255)
    }

    @Test(arguments: ["a\tb", "line\nbreak", "nul\u{0}byte", "bell\u{7}", "del\u{7F}", "\r"])
    func controlCharactersInNames(name: String) {
        #expect(Self.error { $0.columns[0].name = name } == .nameHasControlCharacter(kind: .column, name: name))
        #expect(Self.error { $0.rows[1].name = name } == .nameHasControlCharacter(kind: .row, name: name))
        #expect(Self.error { $0.name = name } == .nameHasControlCharacter(kind: .problem, name: name))
        #expect(Self.error { $0.objectiveName = name } == .nameHasControlCharacter(kind: .objective, name: name))
    }

    @Test func nonASCIINamesAndSpacesAreFine() {
        #expect(Self.error { $0.columns[0].name = "x(Điện Biên,trung ương)" } == nil)
        #expect(Self.error { $0.rows[0].name = "ngân sách ≤ 100" } == nil)
    }

    @Test func duplicateNames() {
        #expect(Self.error { $0.columns[1].name = "x" } == .duplicateName(kind: .column, name: "x"))
        #expect(Self.error { $0.rows[1].name = "r1" } == .duplicateName(kind: .row, name: "r1"))
    }

    @Test func nonFiniteCoefficients() {
        #expect(Self.error { $0.rows[0].terms[1].coefficient = .infinity }
            == .notFinite(kind: .row, name: "r1", field: "coefficient of 'y'", value: .infinity))
        #expect(Self.error { $0.columns[1].objective = -.infinity }
            == .notFinite(kind: .column, name: "y", field: "objective coefficient", value: -.infinity))
        #expect(Self.error { $0.objectiveConstant = .infinity }
            == .notFinite(kind: .objective, name: "cost", field: "constant", value: .infinity))
        // NaN never equals itself, so these are matched field by field.
        let cases: [(LinearProgramError.Kind, String, String, (inout LinearProgram) -> Void)] = [
            (.row, "r2", "coefficient of 'y'", { $0.rows[1].terms[0].coefficient = .nan }),
            (.column, "x", "objective coefficient", { $0.columns[0].objective = .nan }),
            (.objective, "cost", "constant", { $0.objectiveConstant = .nan }),
            (.column, "y", "lower bound", { $0.columns[1].bounds.lower = .nan }),
            (.row, "r1", "upper bound", { $0.rows[0].bounds.upper = .nan }),
        ]
        for (kind, name, field, change) in cases {
            guard case .notFinite(let k, let n, let f, let value)? = Self.error(change) else {
                Issue.record("\(name) \(field): expected notFinite")
                continue
            }
            #expect(k == kind && n == name && f == field && value.isNaN)
        }
    }

    @Test func invertedAndWrongSideBounds() {
        #expect(Self.error { $0.columns[0].bounds = Bounds(lower: 2, upper: 1) }
            == .invertedBounds(kind: .column, name: "x", lower: 2, upper: 1))
        #expect(Self.error { $0.rows[1].bounds = Bounds(lower: 5, upper: 4) }
            == .invertedBounds(kind: .row, name: "r2", lower: 5, upper: 4))
        #expect(Self.error { $0.columns[1].bounds = Bounds(lower: .infinity, upper: .infinity) }
            == .infiniteBoundOnWrongSide(kind: .column, name: "y", field: "lower bound"))
        #expect(Self.error { $0.rows[0].bounds = Bounds(lower: -.infinity, upper: -.infinity) }
            == .infiniteBoundOnWrongSide(kind: .row, name: "r1", field: "upper bound"))
        #expect(Self.error { $0.rows[0].bounds = Bounds(lower: .infinity) }
            == .infiniteBoundOnWrongSide(kind: .row, name: "r1", field: "lower bound"))
    }

    @Test func columnIndexOutOfRange() {
        #expect(Self.error { $0.rows[1].terms.append(Term(column: 2, coefficient: 1)) }
            == .columnIndexOutOfRange(row: "r2", column: 2, columnCount: 2))
        #expect(Self.error { $0.rows[0].terms[0].column = -1 }
            == .columnIndexOutOfRange(row: "r1", column: -1, columnCount: 2))
        #expect(Self.error { $0.columns = [] } == .columnIndexOutOfRange(row: "r1", column: 0, columnCount: 0))
    }

    @Test func duplicateTermInARow() {
        #expect(Self.error { $0.rows[0].terms.append(Term(column: 0, coefficient: 4)) } == .duplicateTerm(row: "r1", column: "x"))
        // y appears once in r1 and twice in r2: only r2 is at fault.
        #expect(Self.error { $0.rows[1].terms.append(Term(column: 1, coefficient: -3)) } == .duplicateTerm(row: "r2", column: "y"))
        // The same coefficient twice is still a duplicate (GLPK would abort on it).
        #expect(Self.error { $0.rows[1].terms.append($0.rows[1].terms[0]) } == .duplicateTerm(row: "r2", column: "y"))
    }

    @Test func builderMergesRepeatedTermsAndRejectsRepeatedNames() throws {
        var b = LinearProgramBuilder(name: "b", sense: .maximize)
        let x = try b.addColumn("x", objective: 1)
        let y = try b.addColumn("y", bounds: .free)
        #expect(throws: LinearProgramError.duplicateName(kind: .column, name: "x")) { try b.addColumn("x") }
        try b.addRow("r", bounds: .atMost(3), terms: [(x, 1), (y, 2), (x, 0.5), (y, -2)])
        #expect(throws: LinearProgramError.duplicateName(kind: .row, name: "r")) { try b.addRow("r", bounds: .free, terms: []) }
        // x: 1 + 0.5; y: 2 - 2 = 0, dropped.
        #expect(b.program.rows[0].terms == [Term(column: x, coefficient: 1.5)])
        #expect(b.columnIndex("y") == y && b.rowIndex("r") == 0 && b.columnIndex("z") == nil)
        try b.program.validate()
    }

    /// Short rows are merged by scanning and long ones through a dictionary: both as the sum per column in
    /// first-appearance order, zeros dropped (the reference below), on rows of every length.
    @Test func builderMergesShortAndLongRowsAlike() throws {
        var state: UInt64 = 2026
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<2_000 {
            let columns = 1 + next(40)
            let terms = (0..<next(60)).map { _ in (column: next(columns), coefficient: Double(next(7) - 3) / 2) }
            var sums: [Int: Double] = [:]
            var order: [Int] = []
            for term in terms {
                if sums[term.column] == nil { order.append(term.column) }
                sums[term.column, default: 0] += term.coefficient
            }
            let expected = order.compactMap { j in sums[j]! == 0 ? nil : Term(column: j, coefficient: sums[j]!) }
            #expect(LinearProgramBuilder.merged(terms) == expected, "\(terms)")
        }
    }

    @Test func boundsHelpers() {
        let b = Bounds.between(1, 3)
        #expect(b.contains(1) && b.contains(3) && !b.contains(3.5) && b.contains(3.5, tolerance: 0.5))
        #expect(b.violation(of: 0) == 1 && b.violation(of: 2) == 0 && b.violation(of: 5) == 2)
        #expect(Bounds.free.isFree && !Bounds.nonNegative.isFree && Bounds.exactly(2).isFixed)
        #expect(Bounds.atMost(1).hasFiniteUpper && !Bounds.atMost(1).hasFiniteLower)
    }

    @Test func programHelpers() {
        let p = Self.base
        #expect(p.columnIndex(named: "y") == 1 && p.rowIndex(named: "r2") == 1 && p.rowIndex(named: "zz") == nil)
        #expect(p.name(of: .row(0)) == "r1" && p.name(of: .column(1)) == "y")
        #expect(p.nonZeroCount == 3)
        // x = 2, y = 1: objective 1·2 + 2·1 = 4; rows 2 + 1 = 3 and 3·1 = 3.
        #expect(p.objectiveValue([2, 1]) == 4)
        #expect(p.activities([2, 1]) == [3, 3])
    }
}
