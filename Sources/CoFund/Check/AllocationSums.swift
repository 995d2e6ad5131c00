/// An allocation's amounts in one fixed order (by project, source, capital type), indexed by project.
///
/// Floating-point addition is not associative: summing a dictionary in its iteration order, which Swift
/// randomises per process, printed 99314.02 in one run and 99314.01999999999 in the next. Every sum over
/// an allocation goes through this type instead, so a run prints the same bytes every time, and a sum
/// over some projects visits only their entries (linear in the plan, not projects × entries).
public struct AllocationSums: Sendable {
    /// Every entry, sorted by key.
    public let entries: [(key: AllocationKey, amount: Double)]
    /// Where each project's entries lie in `entries` (contiguous, since keys sort by project first).
    private let rangeOf: [String: Range<Int>]
    /// Each source's total, summed in key order (a plan may have thousands of sources).
    private let totalBySource: [String: Double]

    public init(_ allocation: Allocation) {
        let sorted = allocation.sorted { $0.key < $1.key }.map { (key: $0.key, amount: $0.value) }
        var rangeOf: [String: Range<Int>] = [:]
        var start = 0
        for i in sorted.indices where i + 1 == sorted.count || sorted[i + 1].key.project != sorted[i].key.project {
            rangeOf[sorted[i].key.project] = start..<(i + 1)
            start = i + 1
        }
        entries = sorted
        self.rangeOf = rangeOf
        var totalBySource: [String: Double] = [:]
        for entry in sorted { totalBySource[entry.key.source, default: 0] += entry.amount }
        self.totalBySource = totalBySource
    }

    /// What a source gives in all.
    public func total(source: String) -> Double { totalBySource[source] ?? 0 }

    /// The entries of one project, in key order.
    public func entries(of project: String) -> ArraySlice<(key: AllocationKey, amount: Double)> {
        guard let range = rangeOf[project] else { return [] }
        return entries[range]
    }

    /// The sum over the given projects (in the order given) of the entries `include` accepts.
    public func sum(projects: some Sequence<String>, where include: (AllocationKey) -> Bool = { _ in true }) -> Double {
        var total = 0.0
        for project in projects {
            for entry in entries(of: project) where include(entry.key) { total += entry.amount }
        }
        return total
    }

    /// The sum over every entry `include` accepts, in key order.
    public func sum(where include: (AllocationKey) -> Bool = { _ in true }) -> Double {
        var total = 0.0
        for entry in entries where include(entry.key) { total += entry.amount }
        return total
    }
}
