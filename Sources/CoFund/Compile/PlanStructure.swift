import Foundation

/// Facts about a plan that compilation, checking and reporting all need: ancestry, effective capital
/// types and weights of leaves, and which leaves a scope covers.
///
/// Everything is indexed once, here, in time linear in the plan (times its depth, a handful of levels):
/// the leaves below each project, the allocated leaves, every lineage, capital types and bars. Asking
/// for the leaves below a project used to filter every leaf, so compiling a plan of 1,000 projects took
/// over 10 s and grew with the square of its size. `work` counts the elementary steps spent building
/// the index and answering from it, so tests can show the growth without timing anything.
public struct PlanStructure: Sendable {
    public let loaded: LoadedPlan
    private let parentOf: [String: String]
    private let projectByCode: [String: Project]
    /// Every project, parents before their children, in plan order (`Plan.allProjects`, flattened once).
    public let allProjects: [Project]
    private let lineageOf: [String: [String]]
    /// Allocated leaves in plan order.
    public let allocatedLeaves: [Project]
    /// Leaves left out of the allocation, with the reason the plan gives.
    public let excludedLeaves: [(code: String, reason: String)]
    private let leavesUnder: [String: [Project]]
    private let capitalOf: [String: [CapitalType]]
    private let barredSources: [String: Set<String>]
    private let sourceById: [String: FundingSource]
    public let work: WorkCounter

    public init(_ loaded: LoadedPlan) {
        self.loaded = loaded
        let work = WorkCounter()
        self.work = work
        let plan = loaded.plan
        var parentOf: [String: String] = [:]
        var projectByCode: [String: Project] = [:]
        var allProjects: [Project] = []
        func visit(_ project: Project, parent: String?) {
            work.add()
            projectByCode[project.code] = project
            allProjects.append(project)
            if let parent { parentOf[project.code] = parent }
            for child in project.children { visit(child, parent: project.code) }
        }
        for project in plan.projects { visit(project, parent: nil) }
        self.parentOf = parentOf
        self.projectByCode = projectByCode
        self.allProjects = allProjects

        var lineageOf: [String: [String]] = [:]
        for code in projectByCode.keys { lineageOf[code] = Self.lineage(code, parentOf: parentOf, work: work) }
        self.lineageOf = lineageOf

        var allocated: [Project] = []
        var excluded: [(code: String, reason: String)] = []
        var leavesUnder: [String: [Project]] = [:]
        for leaf in plan.leaves {
            let chain = lineageOf[leaf.code] ?? [leaf.code]
            work.add(chain.count)
            if let blocker = chain.first(where: { projectByCode[$0]?.allocate == false }) {
                excluded.append((leaf.code, projectByCode[blocker]?.note ?? "allocate: false"))
                continue
            }
            allocated.append(leaf)
            for code in chain { leavesUnder[code, default: []].append(leaf) }
        }
        allocatedLeaves = allocated
        excludedLeaves = excluded
        self.leavesUnder = leavesUnder

        // Capital types and bars per allocated leaf: rules are few, leaves many.
        var catalogue: [String: CatalogueProject] = [:]
        for entry in loaded.ruleSet.catalogue { catalogue[entry.code] = entry }
        let rules = loaded.rules
        var capitalOf: [String: [CapitalType]] = [:]
        var barredSources: [String: Set<String>] = [:]
        for leaf in allocated {
            let chain = lineageOf[leaf.code] ?? [leaf.code]
            work.add(chain.count + rules.count)
            capitalOf[leaf.code] = Self.capital(chain, projectByCode: projectByCode, catalogue: catalogue, rules: rules)
            for rule in rules {
                if case .bar(let barred, let projects) = rule.kind, chain.contains(where: projects.contains) {
                    barredSources[leaf.code, default: []].insert(barred)
                }
            }
        }
        self.capitalOf = capitalOf
        self.barredSources = barredSources
        sourceById = Dictionary(plan.sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public var plan: Plan { loaded.plan }

    public func project(_ code: String) -> Project? { projectByCode[code] }

    /// A source by id, from an index (a plan may list thousands: one per commune budget).
    public func source(_ id: String) -> FundingSource? {
        work.add()
        return sourceById[id]
    }

    /// The project and its ancestors, nearest first: its parents in the plan, then the national codes it
    /// falls under ("DA7" for "DA7.TDA1"), so that a rule naming DA7 covers DA7.TDA1 even when a plan
    /// lists the sub-project on its own.
    public func lineage(_ code: String) -> [String] {
        work.add()
        return lineageOf[code] ?? Self.lineage(code, parentOf: parentOf, work: work)
    }

    private static func lineage(_ code: String, parentOf: [String: String], work: WorkCounter) -> [String] {
        var chain = [code]
        var current = code
        while let parent = parentOf[current] {
            work.add()
            chain.append(parent)
            current = parent
        }
        var prefix = current.split(separator: ".").dropLast()
        while !prefix.isEmpty {
            work.add()
            let ancestor = prefix.joined(separator: ".")
            if !chain.contains(ancestor) { chain.append(ancestor) }
            prefix = prefix.dropLast()
        }
        return chain
    }

    /// Priority weight: the leaf's own, else the nearest ancestor's, else 1.
    public func weight(_ code: String) -> Double {
        for ancestor in lineage(code) { if let weight = projectByCode[ancestor]?.weight { return weight } }
        return 1
    }

    /// Capital types a leaf may receive: its own list (or nearest ancestor's) or the catalogue's, with
    /// investment removed where an applied investment-only rule does not list the project.
    public func capital(_ code: String) -> [CapitalType] {
        work.add()
        if let known = capitalOf[code] { return known }
        let catalogue = Dictionary(loaded.ruleSet.catalogue.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return Self.capital(lineage(code), projectByCode: projectByCode, catalogue: catalogue, rules: loaded.rules)
    }

    private static func capital(_ chain: [String], projectByCode: [String: Project], catalogue: [String: CatalogueProject],
                                rules: [Rule]) -> [CapitalType] {
        var allowed: Set<CapitalType>
        if let own = chain.lazy.compactMap({ projectByCode[$0]?.capital }).first {
            allowed = Set(own)
        } else if let entry = chain.lazy.compactMap({ catalogue[$0] }).first {
            allowed = Set(entry.capital)
        } else {
            allowed = [.recurrent]
        }
        for rule in rules {
            if case .investmentOnly(let projects) = rule.kind, !chain.contains(where: projects.contains) {
                allowed.remove(.investment)
            }
        }
        return allowed.sorted()
    }

    /// Whether a rule bars `source` from the leaf `code`.
    public func isBarred(source: String, leaf code: String) -> Bool {
        work.add()
        return barredSources[code]?.contains(source) ?? false
    }

    /// Allocated leaves under a project (itself if it is a leaf), in plan order.
    public func leaves(under code: String) -> [Project] {
        work.add()
        return leavesUnder[code] ?? []
    }

    /// The instances a rule scope expands to: (instance name, leaves it covers).
    public func instances(of scope: RuleScope) -> [(name: String?, leaves: [Project])] {
        switch scope {
        case .plan: [(nil, allocatedLeaves)]
        case .project(let code): [(code, leaves(under: code))]
        case .eachProject: plan.projects.map { ($0.code, leaves(under: $0.code)) }
        case .eachSubproject: allocatedLeaves.map { ($0.code, [$0]) }
        }
    }

    /// The counterpart ratio a rule uses.
    public func ratio(_ spec: RatioSpec) -> Double {
        switch spec {
        case .value(let value): value
        case .tier: loaded.tierRatio ?? 0
        }
    }
}

/// Counts elementary steps (an index entry built, a lookup answered, a term emitted), so tests can
/// assert that work grows linearly with a plan's size without depending on timing.
public final class WorkCounter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()

    public init() {}

    public func add(_ steps: Int = 1) {
        lock.lock()
        count += steps
        lock.unlock()
    }

    public var steps: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
