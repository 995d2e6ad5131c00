// What the benchmarks print their tables and ratios with, in one place.
import Foundation

/// "3.45x", "12.3x", "150x": enough digits to compare, never more.
public func ratio(_ x: Double) -> String { x >= 100 ? String(format: "%.0fx", x) : x >= 10 ? String(format: "%.1fx", x) : String(format: "%.2fx", x) }
public func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : String(repeating: " ", count: width - s.count) + s }
public func left(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }

/// Prints a table: the first column left-aligned, the others right-aligned, two spaces between.
public func table(_ header: [String], _ rows: [[String]]) {
    let widths = header.indices.map { c in max(header[c].count, rows.map { $0[c].count }.max() ?? 0) }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { $0.offset == 0 ? left($0.element, widths[0]) : pad($0.element, widths[$0.offset]) }.joined(separator: "  ")
    }
    print("  " + line(header))
    print("  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for row in rows { print("  " + line(row)) }
}
