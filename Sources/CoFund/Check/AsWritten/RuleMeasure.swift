import LinearProgramming

/// One instance of a co-funding rule as a relation between cells: Σ `part` ≥ ratio × Σ `base` (or ≤ for
/// the upper limit of a share).
struct RuleMeasure: Sendable {
    let rule: Rule
    /// The project or sub-project the rule is measured over, or "max"/"min" for the two ends of a share.
    let instance: String?
    let part: [Int]
    let base: [Int]
    let ratio: Double
    let isUpperLimit: Bool

    /// Σ part − ratio × Σ base as row terms over the grid's cells (a cell on both sides once, netted).
    func terms() -> [Term] {
        var coefficients: [Int: Double] = [:]
        for cell in part { coefficients[cell, default: 0] += 1 }
        for cell in base { coefficients[cell, default: 0] -= ratio }
        return coefficients.sorted { $0.key < $1.key }.filter { $0.value != 0 }.map { Term(column: $0.key, coefficient: $0.value) }
    }

    /// Every instance of every rule the plan follows, at the scope each rule names.
    static func all(_ structure: PlanStructure, grid: FigureGrid) -> [RuleMeasure] {
        var measures: [RuleMeasure] = []
        for rule in structure.loaded.rules {
            switch rule.kind {
            case .counterpart(let levels, let of, let ratio, let scope, let capital):
                let capitals = capital.map { [$0] }
                for instance in structure.instances(of: scope) {
                    let leaves = instance.leaves.compactMap { grid.leafIndex[$0.code] }
                    measures.append(RuleMeasure(
                        rule: rule, instance: instance.name,
                        part: grid.cells(leaves: leaves, sources: grid.sourceIndices(levels: levels), capitals: capitals),
                        base: grid.cells(leaves: leaves, sources: grid.sourceIndices(levels: of), capitals: capitals),
                        ratio: structure.ratio(ratio), isUpperLimit: false))
                }
            case .share(let project, let atMost, let atLeast, let sources):
                let own = structure.leaves(under: project).compactMap { grid.leafIndex[$0.code] }
                let all = structure.allocatedLeaves.compactMap { grid.leafIndex[$0.code] }
                let s = grid.sourceIndices(ids: sources)
                if let atMost {
                    measures.append(RuleMeasure(rule: rule, instance: "max", part: grid.cells(leaves: own, sources: s),
                                                base: grid.cells(leaves: all, sources: s), ratio: atMost, isUpperLimit: true))
                }
                if let atLeast {
                    measures.append(RuleMeasure(rule: rule, instance: "min", part: grid.cells(leaves: own, sources: s),
                                                base: grid.cells(leaves: all, sources: s), ratio: atLeast, isUpperLimit: false))
                }
            case .bar, .investmentOnly:
                continue  // checked figure by figure (`PlanAsWrittenCheck.eligibility`)
            }
        }
        return measures
    }
}
