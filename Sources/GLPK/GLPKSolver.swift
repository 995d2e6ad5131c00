import Foundation
import LinearProgramming

/// Solves linear programs with GLPK's simplex method, one program per call.
///
/// Each call creates, solves and deletes its GLPK problem on the calling thread, so calls from many
/// threads at once are safe with GLPK's thread-local environment. For repeated solves of one program
/// with small changes, use `GLPKSession`, which keeps the basis.
public struct GLPKSolver: LinearProgramSolver {
    public init() {}

    /// GLPK's version and whether it keeps a separate environment per thread.
    public static var libraryVersion: String { GLPKProblem.version }
    public static var isThreadSafe: Bool { GLPKProblem.threadLocalStorage != nil }

    public func solve(_ program: LinearProgram, options: SolveOptions) throws -> Solution {
        let problem = try GLPKProblem(program: program, verbose: options.verbose, scaling: options.scaling)
        return try Self.solve(problem, options: options, dualFirst: false)
    }

    public func solveWithSensitivity(_ program: LinearProgram, options: SolveOptions) throws -> (Solution, SensitivityReport?) {
        let problem = try GLPKProblem(program: program, verbose: options.verbose, scaling: options.scaling)
        let solution = try Self.solve(problem, options: options, dualFirst: false)
        guard solution.status == .optimal else { return (solution, nil) }
        return (solution, try problem.sensitivityReport(for: program, solution: solution))
    }

    /// Writes `program` in CPLEX LP format to `path` as given. Callers that replace a user's file write
    /// to a temporary path and rename it (the command line does so through OutputFiles).
    /// Integer columns go in its "Generals" section, with their bounds as `solveInteger` rounds them.
    public func writeCPLEX(_ program: LinearProgram, to path: String) throws {
        let problem = try GLPKProblem(program: try Self.exported(program))
        try problem.writeCPLEX(to: path)
    }

    /// Writes `program` in free MPS format to `path` as given (see `writeCPLEX` on replacing files).
    ///
    /// Free rows are left out: they constrain nothing, and when a problem has one, glp_write_mps leaves out
    /// the objective row instead, so a reader would take the first free row for the objective. Integer
    /// columns are written between MARKER INTORG / INTEND lines, with bounds as for `writeCPLEX`.
    public func writeMPS(_ program: LinearProgram, to path: String) throws {
        do { try program.validate() } catch let error as LinearProgramError { throw SolverError.invalidProgram(error) }
        var written = try Self.exported(program)
        written.rows.removeAll { GLPKProblem.glpkSides($0.bounds) == (false, false) }
        try Self.checkWritableAsMPS(written, path: path)
        let problem = try GLPKProblem(program: written)
        try problem.writeFreeMPS(to: path)
        if program.sense == .maximize { try Self.noteMaximization(in: path) }
    }

    /// The program a file should hold: what `solveInteger` hands to GLPK, so that another solver reading the
    /// file solves the same problem: glpsol reads fractional bounds of an integer column, then refuses to
    /// search ("integer column 1 has non-integer lower bound 0.5"). An integer column whose bounds hold no
    /// integer keeps them: that program is infeasible, and no rounding could say so in a file.
    static func exported(_ program: LinearProgram) throws -> LinearProgram {
        guard program.hasIntegerColumns else { return program }
        do { try program.validateAsIntegerProgram() } catch let error as LinearProgramError { throw SolverError.invalidProgram(error) }
        return program.roundingIntegerBounds() ?? program
    }

    /// GLPK 5 neither writes nor reads an OBJSENSE section, and readers assume minimisation; a comment in
    /// the header at least tells a person to pass --max.
    private static func noteMaximization(in path: String) throws {
        guard var text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SolverError.ioFailure(path: path, reason: "the written MPS file cannot be read back")
        }
        let note = "* Sense:      MAXIMIZE (free MPS has no standard way to say so: run glpsol with --max)\n"
        if let format = text.range(of: "* Format:") {
            let lineEnd = text[format.upperBound...].firstIndex(of: "\n").map { text.index(after: $0) } ?? text.endIndex
            text.insert(contentsOf: note, at: lineEnd)
        } else {
            text = note + text
        }
        do { try text.write(toFile: path, atomically: false, encoding: .utf8) } catch {
            throw SolverError.ioFailure(path: path, reason: error.localizedDescription)
        }
    }

    /// glp_write_mps aborts the process (a failed assertion) on two things a valid program can contain:
    /// a number it cannot print in 12 characters (a negative one closer to zero than about 1e-99), and a
    /// column that appears in no row and has no cost when the problem has no rows. Refuse those instead.
    static func checkWritableAsMPS(_ program: LinearProgram, path: String) throws {
        func check(_ value: Double, _ what: @autoclosure () -> String) throws {
            guard value.isFinite && !fitsMPSField(value) else { return }
            throw SolverError.ioFailure(path: path, reason: "\(what()) is \(value), which MPS cannot hold in 12 characters")
        }
        try check(program.objectiveConstant, "the objective constant")
        for column in program.columns {
            try check(column.objective, "the objective coefficient of '\(column.name)'")
            try check(column.bounds.lower, "the lower bound of '\(column.name)'")
            try check(column.bounds.upper, "the upper bound of '\(column.name)'")
        }
        for row in program.rows {
            try check(row.bounds.lower, "the lower bound of row '\(row.name)'")
            try check(row.bounds.upper, "the upper bound of row '\(row.name)'")
            for term in row.terms {
                try check(term.coefficient, "the coefficient of '\(program.columns[term.column].name)' in row '\(row.name)'")
            }
        }
        if program.rows.isEmpty, let column = program.columns.first(where: { $0.objective == 0 }) {
            throw SolverError.ioFailure(
                path: path, reason: "column '\(column.name)' has no cost and the program no constraints; GLPK cannot write that as MPS")
        }
    }

    /// Whether GLPK's MPS number formatting (mps_numb in api/mps.c) fits `value` in 12 characters: "%.*E"
    /// below 0.002, "%.*G" otherwise, 12 down to 6 significant digits, exponent without sign or zeros.
    static func fitsMPSField(_ value: Double) -> Bool {
        // Only a negative number with a three-digit negative exponent can be too long; skip the formatting
        // (slow next to writing) for everything else.
        guard value < 0 && value > -1e-99 else { return true }
        for digits in stride(from: 12, through: 6, by: -1) {
            var text = value != 0 && abs(value) < 0.002
                ? String(format: "%.\(digits - 1)E", value) : String(format: "%.\(digits)G", value)
            if let e = text.firstIndex(of: "E"), let exponent = Int(text[text.index(after: e)...]) {
                text = text[...e] + String(exponent)
            }
            if text.utf8.count <= 12 { return true }
        }
        return false
    }

    /// The floating-point simplex, then (with `exact`) `glp_exact` from its basis; both share one time limit.
    static func solve(_ problem: GLPKProblem, options: SolveOptions, dualFirst: Bool) throws -> Solution {
        let start = GLPKProblem.now()
        var status = try problem.simplex(options: options, dualFirst: dualFirst, started: start)
        if options.exact && status == .optimal { status = try problem.exact(options: options, started: start) }
        return try problem.readSolution(status: status)
    }
}
