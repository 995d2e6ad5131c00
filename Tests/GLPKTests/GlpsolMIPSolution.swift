import Foundation

/// glpsol's integer solution in GLPK's plain-text format (`--write FILE` after a MIP, written by
/// `glp_write_mip`): `s mip m n status objective`, then `i row value` and `j column value`.
struct GlpsolMIPSolution {
    /// o (integer optimal), f (integer feasible), n (no integer feasible point), u (undefined).
    var status: Character
    var objective: Double
    var rows: [Double]
    var columns: [Double]

    init(contentsOf path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var header: (Character, Double, Int, Int)?
        var rows: [Int: Double] = [:]
        var columns: [Int: Double] = [:]
        for line in text.split(separator: "\n") {
            let t = line.split(separator: " ")
            switch t.first {
            case "s":
                guard t.count == 6, t[1] == "mip", let m = Int(t[2]), let n = Int(t[3]), let z = Double(t[5]) else {
                    throw Glpsol.Failure(description: "bad MIP solution header '\(line)'")
                }
                header = (t[4].first!, z, m, n)
            case "i", "j":
                guard t.count == 3, let k = Int(t[1]), let value = Double(t[2]) else {
                    throw Glpsol.Failure(description: "bad MIP solution line '\(line)'")
                }
                if t[0] == "i" { rows[k] = value } else { columns[k] = value }
            default: continue
            }
        }
        guard let header else { throw Glpsol.Failure(description: "glpsol solution file has no 's mip' line\n\(text)") }
        (status, objective) = (header.0, header.1)
        self.rows = (0..<header.2).compactMap { rows[$0 + 1] }
        self.columns = (0..<header.3).compactMap { columns[$0 + 1] }
        guard self.rows.count == header.2, self.columns.count == header.3 else {
            throw Glpsol.Failure(description: "glpsol MIP solution lists \(rows.count)/\(header.2) rows, \(columns.count)/\(header.3) columns")
        }
    }
}
