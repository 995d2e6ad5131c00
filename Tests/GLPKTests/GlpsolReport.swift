import Foundation
import Testing

// Runs the reference solver glpsol (glpk-utils) and reads what it writes, so that tests can compare our
// results with GLPK's own command-line tool instead of with numbers copied from our own output.

enum Glpsol {
    static let path = "/usr/bin/glpsol"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs glpsol with `arguments`; throws when it is missing or exits with a non-zero status.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failure(description: "glpsol is not installed at \(path): install glpk-utils (`make deps` does it) to run the cross-checks")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // Read to the end before waiting, so that a full pipe can never block glpsol.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationReason == .exit && process.terminationStatus == 0 else {
            throw Failure(description: "glpsol \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus)):\n\(output)")
        }
        return output
    }

    /// A number as glp_print_ranges prints it: "%13.5f" with a leading "0" dropped ("." is 0, ".5" is 0.5,
    /// "-.5" is -0.5), "%13.6g" for large magnitudes, and "+Inf" / "-Inf" for unlimited values.
    static func number(_ token: Substring) throws -> Double {
        switch token {
        case ".": return 0
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        default: break
        }
        var text = String(token)
        if text.hasPrefix(".") { text = "0" + text }
        if text.hasPrefix("-.") { text = "-0" + text.dropFirst() }
        guard let value = Double(text) else { throw Failure(description: "glpsol printed '\(token)', which is not a number") }
        return value
    }
}

/// glpsol's sensitivity analysis report (`--ranges FILE`, written by `glp_print_ranges`).
///
/// Each row or column takes two lines:
///
///     numb name St activity slack|objcoef lowerbound  activity1 objcoef1 objvalue1 [limiting1]
///                           marginal      upperbound  activity2 objcoef2 objvalue2 [limiting2]
///
/// A name longer than 12 characters ends the first line; the rest of it continues on the next one. The
/// rows come first, then the columns, each section starting on a new page, with a page header every ten
/// entries.
struct GlpsolRangesReport {
    struct End: Equatable {
        var activity: Double
        var objectiveCoefficient: Double
        var objectiveValue: Double
        var limitingName: String?
    }

    struct Entry {
        var number: Int
        var name: String
        var status: String
        var activity: Double
        /// "Slack" for a row, "Obj coef" for a column.
        var slackOrCoefficient: Double
        var marginal: Double
        var lowerBound: Double
        var upperBound: Double
        var lower: End
        var upper: End
    }

    var objective: Double
    var rows: [Entry] = []
    var columns: [Entry] = []

    init(contentsOf path: String) throws {
        try self.init(parsing: String(contentsOfFile: path, encoding: .utf8))
    }

    init(parsing text: String) throws {
        enum Section { case none, rows, columns }
        var section = Section.none
        var objective: Double?
        // Blank lines separate entries; the page breaks may carry a form feed.
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\u{0C}" }).map { $0.trimmingCharacters(in: .whitespaces) }
        var index = 0
        func fail(_ why: String) -> Glpsol.Failure {
            Glpsol.Failure(description: "glpsol ranges report, line \(index + 1): \(why)\n\(text)")
        }
        while index < lines.count {
            let line = lines[index]
            let tokens = line.split(separator: " ", omittingEmptySubsequences: true)
            index += 1
            guard let first = tokens.first else { continue }
            if line.hasPrefix("Objective:") {
                // "Objective:  obj = 151.0294118 (MAXimum)"
                guard let equals = tokens.firstIndex(of: "="), equals + 1 < tokens.count else { throw fail("bad objective line") }
                objective = try Glpsol.number(tokens[equals + 1])
                continue
            }
            if line.hasPrefix("No.") {
                section = line.contains("Row name") ? .rows : line.contains("Column name") ? .columns : section
                continue
            }
            guard section != .none, let number = Int(first) else { continue }  // headers, rules, "End of report"
            // First line of an entry: number and name, then (unless the name was long) the rest.
            var head = Array(tokens.dropFirst())
            guard !head.isEmpty else { throw fail("entry without a name") }
            let name = String(head.removeFirst())
            if head.isEmpty {
                guard index < lines.count else { throw fail("entry \(number) ends after its name") }
                head = lines[index].split(separator: " ", omittingEmptySubsequences: true)
                index += 1
            }
            guard head.count == 7 || head.count == 8 else { throw fail("entry \(number) has \(head.count) fields after the name") }
            guard index < lines.count else { throw fail("entry \(number) has no second line") }
            let tail = lines[index].split(separator: " ", omittingEmptySubsequences: true)
            index += 1
            guard tail.count == 5 || tail.count == 6 else { throw fail("entry \(number) second line has \(tail.count) fields") }
            let entry = Entry(
                number: number, name: name, status: String(head[0]),
                activity: try Glpsol.number(head[1]), slackOrCoefficient: try Glpsol.number(head[2]),
                marginal: try Glpsol.number(tail[0]),
                lowerBound: try Glpsol.number(head[3]), upperBound: try Glpsol.number(tail[1]),
                lower: End(
                    activity: try Glpsol.number(head[4]), objectiveCoefficient: try Glpsol.number(head[5]),
                    objectiveValue: try Glpsol.number(head[6]), limitingName: head.count == 8 ? String(head[7]) : nil),
                upper: End(
                    activity: try Glpsol.number(tail[2]), objectiveCoefficient: try Glpsol.number(tail[3]),
                    objectiveValue: try Glpsol.number(tail[4]), limitingName: tail.count == 6 ? String(tail[5]) : nil))
            if section == .rows { rows.append(entry) } else { columns.append(entry) }
        }
        guard let objective else { throw Glpsol.Failure(description: "glpsol ranges report has no objective line\n\(text)") }
        self.objective = objective
    }
}

/// glpsol's basic solution in GLPK's plain-text format (`--write FILE`, written by `glp_write_sol`):
/// `s bas m n primalStatus dualStatus objective`, then `i row status primal dual` and
/// `j column status primal dual`, all numbers in full precision.
struct GlpsolSolution {
    struct Value {
        /// b (basic), l (lower), u (upper), f (free), s (fixed).
        var status: Character
        var primal: Double
        var dual: Double
    }

    /// f (feasible), i (infeasible), n (no feasible solution), u (undefined).
    var primalStatus: Character
    var dualStatus: Character
    var objective: Double
    var rows: [Value]
    var columns: [Value]

    init(contentsOf path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var header: (Character, Character, Double, Int, Int)?
        var rows: [Int: Value] = [:]
        var columns: [Int: Value] = [:]
        for line in text.split(separator: "\n") {
            let t = line.split(separator: " ")
            guard let kind = t.first else { continue }
            switch kind {
            case "s":
                guard t.count == 7, t[1] == "bas", let m = Int(t[2]), let n = Int(t[3]), let z = Double(t[6]) else {
                    throw Glpsol.Failure(description: "bad solution header '\(line)'")
                }
                header = (t[4].first!, t[5].first!, z, m, n)
            case "i", "j":
                guard t.count == 5, let k = Int(t[1]), let primal = Double(t[3]), let dual = Double(t[4]) else {
                    throw Glpsol.Failure(description: "bad solution line '\(line)'")
                }
                let value = Value(status: t[2].first!, primal: primal, dual: dual)
                if kind == "i" { rows[k] = value } else { columns[k] = value }
            default: continue
            }
        }
        guard let header else { throw Glpsol.Failure(description: "glpsol solution file has no 's bas' line\n\(text)") }
        (primalStatus, dualStatus, objective) = (header.0, header.1, header.2)
        guard rows.count == header.3, columns.count == header.4 else {
            throw Glpsol.Failure(description: "glpsol solution file lists \(rows.count)/\(header.3) rows, \(columns.count)/\(header.4) columns")
        }
        self.rows = (1...max(header.3, 1)).compactMap { rows[$0] }
        self.columns = (1...max(header.4, 1)).compactMap { columns[$0] }
    }
}
