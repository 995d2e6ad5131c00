import Foundation
import Yams

/// `solve --write FILE`: the proposal as a plan file an officer can edit and `check`.
///
/// The file is the original plan with its printed figures replaced by the proposal's: every project and
/// sub-project that receives money states its total and its amount per source and capital type, and
/// every line of `totals` states what the proposal gives over the lines and sources it covers. Needs,
/// rules, targets, indicators and notes stay as they were, so `check` reads the written plan exactly as it
/// reads a document, and `solve` solves it again. The plan is rewritten through its YAML tree (keys in
/// their order, comments inside the file are not kept), after the original's leading comment block and a
/// comment saying where the figures came from.
public enum ProposalPlanWriter {
    public enum Failure: Error, Sendable { case notAMapping }

    /// `header`: the comment lines to put first (without "# "). `references`: new values of the
    /// top-level path fields (`ruleSet`, `areas`), re-pointed from the new file's folder.
    public static func write(_ structure: PlanStructure, allocation: Allocation, originalText: String, header: [String],
                             references: [String: String]) throws -> String {
        guard var root = try Yams.compose(yaml: originalText), case .mapping(var top) = root else { throw Failure.notAMapping }
        let sums = AllocationSums(allocation)
        for (key, value) in references { top[Node(key)] = Node(value, Tag(.str), .doubleQuoted) }
        if case .sequence(var projects)? = top[Node("projects")] {
            for k in projects.indices { projects[k] = project(projects[k], structure: structure, sums: sums) }
            top[Node("projects")] = .sequence(projects)
        }
        if case .sequence(var totals)? = top[Node("totals")] {
            for k in totals.indices where k < structure.plan.statedTotals.count {
                guard case .mapping(var entry) = totals[k] else { continue }
                let total = structure.plan.statedTotals[k]
                entry[Node("amount")] = number(figure(of: total, structure: structure, sums: sums))
                entry[Node("unit")] = nil
                totals[k] = .mapping(entry)
            }
            top[Node("totals")] = .sequence(totals)
        }
        root = .mapping(top)
        let body = try Yams.serialize(node: root, indent: 2, width: -1, allowUnicode: true)
        let leading = originalText.components(separatedBy: "\n").prefix { $0.hasPrefix("#") }.map { String($0) }
        let comments = header.map { $0.isEmpty ? "#" : "# " + $0 } + (leading.isEmpty ? [] : ["#"] + leading)
        return comments.joined(separator: "\n") + "\n" + body
    }

    /// A project's node with `stated` replaced by the proposal (when money reaches it), its sub-projects too.
    private static func project(_ node: Node, structure: PlanStructure, sums: AllocationSums) -> Node {
        guard case .mapping(var mapping) = node, let code = mapping[Node("code")]?.string else { return node }
        if case .sequence(var children)? = mapping[Node("subprojects")] {
            for k in children.indices { children[k] = project(children[k], structure: structure, sums: sums) }
            mapping[Node("subprojects")] = .sequence(children)
        }
        let leaves = structure.leaves(under: code).map(\.code)
        guard !leaves.isEmpty else { return .mapping(mapping) }
        var amounts: [AllocationKey: Double] = [:]
        for leaf in leaves {
            for entry in sums.entries(of: leaf) {
                amounts[AllocationKey(project: code, source: entry.key.source, capital: entry.key.capital), default: 0] += entry.amount
            }
        }
        let total = amounts.values.reduce(0, +)
        var stated: [Node] = [.mapping(Node.Mapping([(Node("amount"), number(total))]))]
        // In the plan's own order of sources, then capital types.
        for source in structure.plan.sources {
            for capital in CapitalType.allCases {
                guard let amount = amounts[AllocationKey(project: code, source: source.id, capital: capital)], amount != 0 else { continue }
                stated.append(.mapping(Node.Mapping([
                    (Node("source"), Node(source.id)), (Node("capital"), Node(capital.rawValue)), (Node("amount"), number(amount)),
                ])))
            }
        }
        mapping[Node("stated")] = .sequence(Node.Sequence(stated, Tag(.seq), .block))
        return .mapping(mapping)
    }

    /// What the proposal gives over a `totals` line's projects, sources and capital type.
    static func figure(of total: StatedTotal, structure: PlanStructure, sums: AllocationSums) -> Double {
        var leaves = total.project.map { structure.leaves(under: $0).map(\.code) } ?? structure.allocatedLeaves.map(\.code)
        let left = Set(total.excludes.flatMap { structure.leaves(under: $0).map(\.code) })
        leaves.removeAll { left.contains($0) }
        return sums.sum(projects: leaves) { key in
            guard let source = structure.source(key.source) else { return false }
            // As `check` reads a total: the sources it names and of the levels it names (see FigureGrid).
            return (total.sources?.contains(key.source) ?? true) && (total.levels?.contains(source.level) ?? true)
                && (total.capital.map { $0 == key.capital } ?? true)
        }
    }

    private static func number(_ value: Double) -> Node {
        Node(PlanFileRewriter.number(value), Tag(.float), .plain)
    }
}
