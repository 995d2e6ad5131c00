/// A plan's distribution resolved against its rule set and area table, before anything is solved: the
/// formula with every parameter's value, each area's score, which areas each line reaches, and every
/// limit as an amount per area. Everything a user wrote is checked here (file, line and field), so that
/// nothing unchecked reaches the solver.
public struct DistributionSetup: Sendable {
    public let formula: DistributionFormula
    public let settings: DistributionSettings
    public let table: AreaTable
    /// The area rows (communes), in the table's order, with their scores.
    public let areas: [DistributionArea]
    /// The rows the areas are grouped under when the run is hierarchical (provinces), in table order;
    /// empty for one level.
    public let groups: [DistributionGroup]
    /// The formula's limits followed by the plan's.
    public let limits: [AreaLimit]
    /// Each parameter's value: the plan's, else the rule set's.
    public let parameters: [String: Double]
    let structure: PlanStructure

    public var isHierarchical: Bool { !groups.isEmpty }

    /// Each group's name by its id.
    public let groupName: [String: String]

    public init(_ loaded: LoadedPlan, table: AreaTable) throws {
        guard let settings = loaded.plan.distribution else {
            throw PlanError(loaded.plan.location, field: "distribution", .distNoSettings)
        }
        guard let formula = loaded.ruleSet.distribution(settings.formula) else {
            let known = loaded.ruleSet.distributions.map(\.id).joined(separator: ", ")
            throw PlanError(settings.location(of: "formula"), field: "distribution.formula", .distUnknownFormula, .text(settings.formula), .text(known.isEmpty ? "—" : known))
        }
        self.formula = formula
        self.settings = settings
        self.table = table
        let structure = PlanStructure(loaded)
        self.structure = structure

        var parameters: [String: Double] = [:]
        for parameter in formula.parameters {
            guard let value = settings.parameters[parameter.id] ?? parameter.value else {
                throw PlanError(settings.location(of: "parameters"), field: "distribution.parameters.\(parameter.id)", .distParameterMissing, .text(parameter.id), .text(formula.id))
            }
            parameters[parameter.id] = value
        }
        for key in settings.parameters.keys.sorted() where parameters[key] == nil {
            throw PlanError(settings.location(of: "parameters.\(key)"), field: "distribution.parameters.\(key)", .distParameterUnknown, .text(key), .text(formula.id))
        }
        self.parameters = parameters
        for code in settings.projects ?? [] where structure.project(code) == nil {
            throw PlanError(settings.location(of: "projects"), field: "distribution.projects", .distUnknownProject, .text(code))
        }
        // A limit on projects whose money is not divided here reads nothing (Tịnh Biên's table has no houses).
        let lineages = structure.allocatedLeaves.map { structure.lineage($0.code) }
            .filter { lineage in settings.projects.map { lineage.contains(where: $0.contains) } ?? true }
        let limits = (formula.limits + settings.limits).filter { limit in
            guard let projects = limit.projects else { return true }
            return lineages.contains { $0.contains(where: projects.contains) }
        }
        self.limits = limits
        let areaRows = table.rows.filter { $0.kind == .area }
        let ids = Set(table.rows.map(\.id))
        for limit in limits {
            for code in limit.projects ?? [] where structure.project(code) == nil && loaded.ruleSet.catalogueEntry(code) == nil {
                throw PlanError(limit.location, field: "\(limit.field).projects", .distUnknownProject, .text(code))
            }
            for id in limit.areas ?? [] where !ids.contains(id) {
                throw PlanError(limit.location, field: "\(limit.field).areas", .distUnknownArea, .text(id), .text(table.file))
            }
            for word in limit.sources ?? [] where structure.source(word) == nil && BudgetLevel(rawValue: word) == nil {
                throw PlanError(limit.location, field: "\(limit.field).sources", .distUnknownSource, .text(word))
            }
        }
        for reach in formula.reach + settings.reach {
            for code in reach.projects where structure.project(code) == nil && loaded.ruleSet.catalogueEntry(code) == nil {
                throw PlanError(reach.location, field: "distribution.reach.projects", .distUnknownProject, .text(code))
            }
        }

        // Every figure the formula or a limit reads must be a column of the table, and given on every area row.
        var needed: [(name: String, location: SourceLocation, field: String)] = []
        func weight(_ criterion: DistributionCriterion) -> Double {
            switch criterion.weight {
            case .value(let value): value
            case .parameter(let id): parameters[id]!
            }
        }
        // A criterion weighted 0 is not read: a table need not carry what the province does not count.
        for criterion in formula.criteria where weight(criterion) != 0 {
            if case .figure(let name) = criterion.measure { needed.append((name, criterion.location, "criteria")) }
        }
        for limit in limits { if case .per(let rates) = limit.amount { needed += rates.map { ($0.figure, limit.location, limit.field) } } }
        for need in needed where table.column(need.name) == nil {
            throw PlanError(SourceLocation(file: table.file, line: 1), field: need.name, .distMissingColumn, .text(need.name),
                            .text(need.location.description))
        }
        for row in areaRows {
            for need in needed where row.figures[need.name] == nil {
                throw PlanError(SourceLocation(file: table.file, line: row.line, column: table.column(need.name) ?? 0), field: need.name,
                                .distMissingFigure, .text(row.name), .text(need.name))
            }
        }

        areas = areaRows.map { row in
            let coefficient = formula.classes.filter { $0.applies(to: row.classes) }.map(\.coefficient).max() ?? 0
            let terms = formula.criteria.map { criterion -> Double in
                let w = weight(criterion)
                guard w != 0 else { return 0 }
                let value: Double = switch criterion.measure {
                case .figure(let name): row.figures[name]!.value
                case .flag(let flag): row.classes.contains(flag) ? 1 : 0
                }
                return w * value
            }
            return DistributionArea(id: row.id, name: row.name, line: row.line, parent: row.parent, classes: row.classes,
                                    figures: row.figures.mapValues(\.value), classCoefficient: coefficient, criterionTerms: terms,
                                    score: coefficient + terms.reduce(0, +))
        }

        // Two levels when the areas sit under subtotal rows without a group (the provinces of a national table).
        let rowById = Dictionary(table.rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let parents = Set(areaRows.compactMap(\.parent).filter { rowById[$0]?.kind == .subtotal && rowById[$0]?.group == nil })
        if !parents.isEmpty {
            for row in areaRows where !(row.parent.map(parents.contains) ?? false) {
                throw PlanError(SourceLocation(file: table.file, line: row.line, column: table.column(AreaColumns.parent) ?? 0),
                                field: AreaColumns.parent, .distAreaOutsideGroups, .text(row.name))
            }
            var members: [String: [Int]] = [:]
            for (index, area) in areas.enumerated() { members[area.parent!, default: []].append(index) }
            groups = table.rows.filter { parents.contains($0.id) }.map { row in
                DistributionGroup(id: row.id, name: row.name, line: row.line, members: members[row.id] ?? [])
            }
        } else {
            groups = []
        }
        groupName = Dictionary(groups.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// The leaves whose money is divided, as the plan's structure lists them.
    func distributes(_ leaf: String) -> Bool {
        guard let projects = settings.projects else { return true }
        return structure.lineage(leaf).contains(where: projects.contains)
    }

    /// Whether the line may reach the area: every reach rule naming the line (or a project above it) lets it.
    func reaches(_ leaf: String, _ area: DistributionArea) -> Bool {
        let lineage = structure.lineage(leaf)
        for reach in formula.reach + settings.reach where reach.projects.contains(where: lineage.contains) {
            if !reach.only.contains(where: area.classes.contains) { return false }
        }
        // A ceiling per house (or per household) that comes to nothing says the area has none of what the line
        // pays for: a ward with no house to build or repair gets no housing money from any source, not the
        // province's counterpart for houses it does not have (4 million each to Lai Châu's two wards).
        for limit in limits where limit.kind == .atMost {
            guard case .per = limit.amount, limit.projects.map({ $0.contains(where: lineage.contains) }) == true else { continue }
            if let areas = limit.areas, !areas.contains(area.id) && !(area.parent.map(areas.contains) ?? false) { continue }
            if amount(limit, area: area) <= 0 { return false }
        }
        return true
    }

    /// Whether a limit counts this line's money from this source.
    func covers(_ limit: AreaLimit, leaf: String, source: String) -> Bool {
        if let projects = limit.projects, !structure.lineage(leaf).contains(where: projects.contains) { return false }
        if let sources = limit.sources {
            let level = structure.source(source)?.level.rawValue
            if !sources.contains(source) && !(level.map(sources.contains) ?? false) { return false }
        }
        return true
    }

    /// The limit's amount for an area row (a number, or rates times the row's figures).
    func amount(_ limit: AreaLimit, area: DistributionArea) -> Double {
        switch limit.amount {
        case .value(let value): value
        case .per(let rates): rates.reduce(0) { $0 + $1.rate * (area.figures[$1.figure] ?? 0) }
        }
    }
}

/// An area row with its score: the class coefficient plus each criterion's term.
public struct DistributionArea: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The row's line in the area table.
    public var line: Int
    public var parent: String?
    public var classes: Set<AreaClass>
    /// The row's figures by column, which limits per household or per house read.
    public var figures: [String: Double]
    /// The highest coefficient among the classes the area belongs to (0 when the formula has none).
    public var classCoefficient: Double
    /// Weight × figure for each of the formula's criteria, in its order.
    public var criterionTerms: [Double]
    public var score: Double
}

/// A row the areas are grouped under (a province): the first level of a hierarchical run.
public struct DistributionGroup: Sendable, Equatable {
    public var id: String
    public var name: String
    public var line: Int
    /// Indices into `DistributionSetup.areas`.
    public var members: [Int]
}
