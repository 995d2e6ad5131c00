/// Facts about a plan that compilation, checking and reporting all need: ancestry, effective capital
/// types and weights of leaves, and which leaves a scope covers.
public struct PlanStructure: Sendable {
    public let loaded: LoadedPlan
    private var parentOf: [String: String] = [:]
    private var projectByCode: [String: Project] = [:]

    public init(_ loaded: LoadedPlan) {
        self.loaded = loaded
        func visit(_ project: Project, parent: String?) {
            projectByCode[project.code] = project
            if let parent { parentOf[project.code] = parent }
            for child in project.children { visit(child, parent: project.code) }
        }
        for project in loaded.plan.projects { visit(project, parent: nil) }
    }

    public var plan: Plan { loaded.plan }

    public func project(_ code: String) -> Project? { projectByCode[code] }

    /// The project and its ancestors, nearest first: its parents in the plan, then the national codes it
    /// falls under ("DA7" for "DA7.TDA1"), so that a rule naming DA7 covers DA7.TDA1 even when a plan
    /// lists the sub-project on its own.
    public func lineage(_ code: String) -> [String] {
        var chain = [code]
        var current = code
        while let parent = parentOf[current] {
            chain.append(parent)
            current = parent
        }
        var prefix = current.split(separator: ".").dropLast()
        while !prefix.isEmpty {
            let ancestor = prefix.joined(separator: ".")
            if !chain.contains(ancestor) { chain.append(ancestor) }
            prefix = prefix.dropLast()
        }
        return chain
    }

    /// Leaves that receive money (allocate: true, own and inherited).
    public var allocatedLeaves: [Project] {
        plan.leaves.filter { leaf in lineage(leaf.code).allSatisfy { projectByCode[$0]?.allocate ?? true } }
    }

    /// Leaves left out of the allocation, with the reason the plan gives.
    public var excludedLeaves: [(code: String, reason: String)] {
        plan.leaves.compactMap { leaf in
            guard let blocker = lineage(leaf.code).first(where: { projectByCode[$0]?.allocate == false }) else { return nil }
            return (leaf.code, projectByCode[blocker]?.note ?? "allocate: false")
        }
    }

    /// Priority weight: the leaf's own, else the nearest ancestor's, else 1.
    public func weight(_ code: String) -> Double {
        for ancestor in lineage(code) { if let weight = projectByCode[ancestor]?.weight { return weight } }
        return 1
    }

    /// Capital types a leaf may receive: its own list (or nearest ancestor's) or the catalogue's, with
    /// investment removed where an applied investment-only rule does not list the project.
    public func capital(_ code: String) -> [CapitalType] {
        let chain = lineage(code)
        var allowed: Set<CapitalType>
        if let own = chain.lazy.compactMap({ projectByCode[$0]?.capital }).first {
            allowed = Set(own)
        } else if let entry = chain.lazy.compactMap({ loaded.ruleSet.catalogueEntry($0) }).first {
            allowed = Set(entry.capital)
        } else {
            allowed = [.recurrent]
        }
        for rule in loaded.rules {
            if case .investmentOnly(let projects) = rule.kind, !chain.contains(where: projects.contains) {
                allowed.remove(.investment)
            }
        }
        return allowed.sorted()
    }

    /// Whether a rule bars `source` from the leaf `code`.
    public func isBarred(source: String, leaf code: String) -> Bool {
        let chain = lineage(code)
        return loaded.rules.contains { rule in
            if case .bar(let barred, let projects) = rule.kind, barred == source { return chain.contains(where: projects.contains) }
            return false
        }
    }

    /// Allocated leaves under a project (itself if it is a leaf).
    public func leaves(under code: String) -> [Project] {
        allocatedLeaves.filter { lineage($0.code).contains(code) }
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
