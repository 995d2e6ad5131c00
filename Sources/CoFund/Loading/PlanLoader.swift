import Foundation
import Yams

/// A plan with the rule set it references, both checked for consistency.
public struct LoadedPlan: Sendable {
    public var plan: Plan
    public var ruleSet: RuleSet
    public var planPath: String
    public var ruleSetPath: String
    /// The area table the plan refers to (`areas: file.csv`), read and checked for form, and its path.
    public var areaTable: AreaTable?
    public var areaTablePath: String?

    public init(plan: Plan, ruleSet: RuleSet, planPath: String, ruleSetPath: String) {
        self.plan = plan
        self.ruleSet = ruleSet
        self.planPath = planPath
        self.ruleSetPath = ruleSetPath
    }

    /// Every file the plan was read from: no output may replace one of them.
    public var inputPaths: [String] { [planPath, ruleSetPath] + (areaTablePath.map { [$0] } ?? []) }

    /// The plan's own rules followed by the rule-set rules it applies.
    public var rules: [Rule] {
        plan.rules + plan.applies.compactMap { id in ruleSet.rules.first { $0.id == id } }
    }

    /// The tier ratio, when the plan names a tier that has one.
    public var tierRatio: Double? { plan.tier.flatMap { ruleSet.tier($0)?.ratio } }

    /// For a counterpart on top: a source for each budget level a counterpart rule asks money of when the
    /// plan names no source of any of that rule's levels (Trùng Khánh states central money only; with
    /// Cao Bằng's 3% the province pays on top). It has no amount: the rules decide it, and the stage that
    /// keeps local money to what they require (added after the funded need) holds it there.
    mutating func addCounterpartSources() {
        let location = plan.origin.location("counterpartOnTop", or: plan.location)
        for rule in rules {
            guard case .counterpart(let levels, _, _, _, _) = rule.kind, let level = levels.first,
                  !plan.sources.contains(where: { levels.contains($0.level) }) else { continue }
            let name = LocalizedText(vi: "Ngân sách \(level.vietnameseName) (vốn đối ứng)", en: "\(level.englishName) budget (counterpart)")
            var source = FundingSource(id: "counterpart-\(level.rawValue)", name: name, level: level, capital: [.investment, .recurrent],
                                       available: nil, spendInFull: false, location: location)
            source.isImplicitCounterpart = true
            plan.sources.append(source)
        }
        if !plan.objective.stages.contains(.minimizeLocalMoney) {
            let at = (plan.objective.stages.firstIndex(of: .maximizeFundedNeed) ?? -1) + 1
            plan.objective.stages.insert(.minimizeLocalMoney, at: at)
        }
    }
}

/// Reads plan files (YAML, or JSON, which YAML includes) and the rule sets they reference.
public enum PlanLoader {
    public static func load(path: String) throws -> LoadedPlan {
        let (node, file) = try InputFile.load(path: path)
        let plan = try read(node, file: file)
        let ruleSetPath = resolve(plan.ruleSetPath, relativeTo: path)
        // The path as the plan writes it: a NUL inside would otherwise read the file named by what precedes it.
        let ruleSetField = plan.origin.location("ruleSet", or: plan.location)
        try InputFile.checkCharacters(plan.ruleSetPath, location: ruleSetField, field: "ruleSet")
        let ruleSet: RuleSet
        do {
            try InputFile.checkReadable(ruleSetPath, location: SourceLocation(file: ruleSetPath, line: 0), field: "")
            ruleSet = try RuleSetLoader.load(path: ruleSetPath)
        } catch let error as PlanError where error.location.file == ruleSetPath && error.location.line == 0 {
            throw PlanError(plan.origin.location("ruleSet", or: plan.location), field: "ruleSet",
                            .planRuleSetUnreadable, .text(plan.ruleSetPath), .message(error.message), .text(ruleSetPath))
        }
        var loaded = LoadedPlan(plan: plan, ruleSet: ruleSet, planPath: path, ruleSetPath: ruleSetPath)
        if let reference = plan.areaTablePath {
            let field = plan.origin.location("areas", or: plan.location)
            try InputFile.checkCharacters(reference, location: field, field: "areas")
            let tablePath = resolve(reference, relativeTo: path)
            do {
                loaded.areaTable = try AreaTableLoader.load(path: tablePath)
            } catch let error as PlanError where error.location.file == tablePath && error.location.line == 0 {
                // A table that cannot be opened at all is named from the plan's field that refers to it.
                throw PlanError(field, field: "areas", .planAreaTableUnreadable, .text(reference), .message(error.message), .text(tablePath))
            }
            loaded.areaTablePath = tablePath
        }
        if loaded.plan.counterpartOnTop { loaded.addCounterpartSources() }
        try PlanValidator.validate(loaded)
        try checkMayBend(loaded)
        return loaded
    }

    public static func resolve(_ reference: String, relativeTo planPath: String) -> String {
        if reference.hasPrefix("/") { return reference }
        let folder = (planPath as NSString).deletingLastPathComponent
        return folder.isEmpty ? reference : (folder as NSString).appendingPathComponent(reference)
    }

    static func read(_ node: Node, file: String) throws -> Plan {
        let r = try MappingReader(node, file: file, path: "")
        // Say what kind of file this is before complaining about its fields.
        if let kind = try r.string("cofund"), kind != "plan" {
            throw PlanError(r.location("cofund"), field: "", .planNotAPlan, .text(kind))
        }
        try r.rejectUnknownKeys([
            "cofund", "id", "place", "level", "year", "unit", "ruleSet", "tier", "applies", "document", "sources",
            "projects", "rules", "objective", "totals", "indicators", "areas", "notes", "rounding", "counterpartOnTop", "mayBend", "distribution",
        ])
        guard let year = try r.int("year") else { throw r.error("year", .planFieldRequired) }
        guard (1990...2100).contains(year) else { throw r.error("year", .planImplausibleYear, .integer(year)) }
        let unit = try r.string("unit") ?? "million VND"
        guard unit == "million VND" else { throw r.error("unit", .planUnitUnsupported, .text(String(unit.prefix(40)))) }

        var sources: [FundingSource] = []
        for item in try r.list("sources") { sources.append(try source(item.node, file: file, path: item.path)) }
        var projects: [Project] = []
        for item in try r.list("projects") { projects.append(try project(item.node, file: file, path: item.path)) }
        var rules: [Rule] = []
        for item in try r.list("rules") { rules.append(try RuleReader.rule(item.node, file: file, path: item.path)) }
        var totals: [StatedTotal] = []
        for item in try r.list("totals") {
            let t = try MappingReader(item.node, file: file, path: item.path)
            try t.rejectUnknownKeys(["label", "amount", "sources", "levels", "capital", "project", "excludes", "unit", "note"])
            guard let amount = try t.printedAmount("amount") else { throw t.error("amount", .planFieldRequired) }
            let capital = try RuleReader.capital(t, "capital")
            if let capital, capital.count != 1 { throw t.error("capital", .planOneCapitalOrBoth) }
            var total = StatedTotal(
                label: try t.requiredString("label"), amount: amount, sources: try t.words("sources"), levels: try levels(t, "levels"),
                capital: capital?.first, project: try t.identifier("project"), excludes: try t.words("excludes") ?? [],
                writtenUnit: try t.choice("unit", as: WrittenUnit.self), note: try t.localized("note"), location: t.location)
            total.origin = t.origins
            totals.append(total)
        }
        var indicators: [Indicator] = []
        for item in try r.list("indicators") {
            let i = try MappingReader(item.node, file: file, path: item.path)
            try i.rejectUnknownKeys(["id", "name", "value", "unit", "note", "decimals", "relation"])
            guard let value = try i.number("value") else { throw i.error("value", .planFieldRequired) }
            var indicator = Indicator(id: try i.requiredIdentifier("id"), name: try i.localized("name") ?? LocalizedText(vi: ""),
                                      value: value, unit: try i.string("unit"), note: try i.localized("note"))
            indicator.location = i.origins.location("value", or: i.location)
            indicator.decimals = try i.int("decimals") ?? printedDecimals(i.node("value"))
            if let decimals = indicator.decimals, !(0...6).contains(decimals) { throw i.error("decimals", .planDecimalsRange) }
            if let r = try i.mapping("relation") { indicator.relation = try relation(r) }
            indicators.append(indicator)
        }
        var areas: [Area] = []
        // `areas: ../areas/file.csv` refers to an area table; a list gives the areas inline.
        var areaTablePath: String?
        if let node = r.node("areas"), case .scalar = node { areaTablePath = try r.requiredString("areas") }
        for item in areaTablePath == nil ? try r.list("areas") : [] {
            let a = try MappingReader(item.node, file: file, path: item.path)
            try a.rejectUnknownKeys(["id", "name", "group", "figures", "note"])
            var figures: [String: Double] = [:]
            if let f = try a.mapping("figures") {
                for key in f.keyOrder { if let value = try f.number(key) { figures[key] = value } }
            }
            areas.append(Area(id: try a.requiredIdentifier("id"), name: try a.requiredString("name"), group: try a.string("group"),
                              figures: figures, note: try a.localized("note")))
        }
        var plan = Plan(
            id: try r.requiredIdentifier("id"),
            place: try r.localized("place") ?? { throw r.error("place", .planFieldRequired) }(),
            level: try r.choice("level", as: PlanLevel.self) ?? { throw r.error("level", .planFieldRequired) }(),
            year: year, unit: unit,
            ruleSetPath: try r.requiredString("ruleSet"),
            tier: try r.identifier("tier"), applies: try r.words("applies") ?? [], document: try r.string("document"),
            sources: sources, projects: projects, rules: rules, objective: try objective(r), statedTotals: totals,
            indicators: indicators, areas: areas, notes: try r.localizedTexts("notes"), location: r.location)
        plan.areaTablePath = areaTablePath
        plan.distribution = try DistributionReader.settings(r)
        if let rounding = try r.number("rounding") {
            guard rounding > 0 && rounding <= 1_000_000 else { throw r.error("rounding", .planRoundingRange, .text(MappingReader.plain(rounding))) }
            plan.rounding = rounding
        }
        try readCounterpartOnTop(r, into: &plan)
        plan.mayBend = try r.words("mayBend") ?? []
        plan.origin = r.origins
        // A tier named by `counterpartOnTop:` is reported where it was written.
        if plan.origin.fields["tier"] == nil, plan.tier != nil { plan.origin.fields["tier"] = plan.origin.fields["counterpartOnTop"] }
        return plan
    }

    /// `counterpartOnTop: true`, or a tier id (`counterpartOnTop: central-70`), which names the tier too:
    /// one line turns a plan of central money into one with its counterpart on top.
    private static func readCounterpartOnTop(_ r: MappingReader, into plan: inout Plan) throws {
        guard let node = r.node("counterpartOnTop") else { return }
        if case .scalar(let scalar) = node, ["true", "false", "yes", "no"].contains(scalar.string.lowercased()) {
            plan.counterpartOnTop = try r.bool("counterpartOnTop") ?? false
            return
        }
        let tier = try r.requiredIdentifier("counterpartOnTop")
        if let named = plan.tier, named != tier {
            throw r.error("counterpartOnTop", .planOnTopTierDiffers, .text(tier), .text(named))
        }
        plan.tier = tier
        plan.counterpartOnTop = true
    }

    /// Each word of `mayBend:` is a kind of requirement (`BendKind`) or the id of a rule the plan applies.
    static func checkMayBend(_ loaded: LoadedPlan) throws {
        let ruleIds = Set(loaded.rules.map(\.id))
        let kinds = BendKind.allCases.map(\.rawValue)
        for (index, word) in loaded.plan.mayBend.enumerated() where !kinds.contains(word) && !ruleIds.contains(word) {
            throw PlanError(loaded.plan.origin.location("mayBend", or: loaded.plan.location), field: "mayBend[\(index)]",
                            .planNotABend, .text(String(word.prefix(40))), .text(kinds.joined(separator: ", ")))
        }
    }

    private static func source(_ node: Node, file: String, path: String) throws -> FundingSource {
        let s = try MappingReader(node, file: file, path: path)
        try s.rejectUnknownKeys(["id", "name", "level", "capital", "available", "spendInFull", "note"])
        guard let level = try s.choice("level", as: BudgetLevel.self) else { throw s.error("level", .planFieldRequired) }
        var source = FundingSource(
            id: try s.requiredIdentifier("id"), name: try s.localized("name") ?? LocalizedText(vi: try s.requiredIdentifier("id")),
            level: level, capital: try RuleReader.capital(s, "capital") ?? [.investment, .recurrent],
            available: try s.amount("available"), spendInFull: try s.bool("spendInFull") ?? (level == .central),
            note: try s.localized("note"), location: s.location)
        source.origin = s.origins
        return source
    }

    private static func project(_ node: Node, file: String, path: String) throws -> Project {
        let p = try MappingReader(node, file: file, path: path)
        try p.rejectUnknownKeys([
            "code", "label", "name", "need", "floor", "weight", "capital", "fixed", "target", "stated", "allocate", "note",
            "subprojects",
        ])
        var children: [Project] = []
        for item in try p.list("subprojects") { children.append(try project(item.node, file: file, path: item.path)) }
        let weight = try p.number("weight")
        if let weight, weight < 0 || weight > 1e6 {
            throw p.error("weight", .planWeightRange, .text(MappingReader.plain(weight)))
        }
        var fixed: [String: Double] = [:]
        if let f = try p.mapping("fixed") {
            for key in f.keyOrder { if let value = try f.amount(key) { fixed[key] = value } }
        }
        var target: Double?
        var targetBySource: [String: Double] = [:]
        if let node = p.node("target") {
            if case .mapping = node {
                let t = try MappingReader(node, file: file, path: p.field("target"))
                for key in t.keyOrder { if let value = try t.amount(key) { targetBySource[key] = value } }
            } else if case .scalar(let scalar) = node, scalar.string == "unknown" {
                target = nil
            } else {
                target = try MappingReader.amount(node, location: p.location("target"), field: p.field("target"))
            }
        }
        var stated: [StatedAmount] = []
        for item in try p.list("stated") {
            let s = try MappingReader(item.node, file: file, path: item.path)
            try s.rejectUnknownKeys(["source", "level", "capital", "amount", "unit", "note"])
            guard let amount = try s.printedAmount("amount") else { throw s.error("amount", .planFieldRequired) }
            let capital = try RuleReader.capital(s, "capital")
            if let capital, capital.count != 1 { throw s.error("capital", .planOneCapital) }
            var entry = StatedAmount(
                source: try s.identifier("source"), level: try s.choice("level", as: BudgetLevel.self), capital: capital?.first,
                amount: amount, writtenUnit: try s.choice("unit", as: WrittenUnit.self), note: try s.localized("note"), location: s.location)
            if entry.source != nil && entry.level != nil { throw s.error("level", .planSourceOrLevel) }
            entry.origin = s.origins
            stated.append(entry)
        }
        var project = Project(
            code: try p.requiredIdentifier("code"), label: try p.string("label"),
            name: try p.localized("name") ?? LocalizedText(vi: ""),
            need: try capitalAmounts(p, "need"), floor: try capitalAmounts(p, "floor"), weight: weight,
            capital: try RuleReader.capital(p, "capital"), fixed: fixed, target: target, targetBySource: targetBySource,
            stated: stated, allocate: try p.bool("allocate") ?? true, note: try p.localized("note"), children: children,
            location: p.location)
        project.origin = p.origins
        return project
    }

    /// The decimals of a number as written ("2.50" has two); nil for a whole number (a count).
    private static func printedDecimals(_ node: Node?) -> Int? {
        guard case .scalar(let scalar)? = node, let dot = scalar.string.firstIndex(of: ".") else { return nil }
        return scalar.string[scalar.string.index(after: dot)...].prefix { $0.isNumber }.count
    }

    /// `relation: {is: atMost, to: {difference: [total.poor_start_pct, total.poor_left_pct]}}`.
    private static func relation(_ r: MappingReader) throws -> IndicatorRelation {
        try r.rejectUnknownKeys(["is", "to"])
        guard let comparison = try r.choice("is", as: IndicatorRelation.Comparison.self) else { throw r.error("is", .planFieldRequired) }
        guard let node = r.node("to") else { throw r.error("to", .planFieldRequired) }
        if case .scalar = node { return IndicatorRelation(comparison, .figure(try r.requiredString("to"))) }
        let e = try MappingReader(node, file: r.file, path: r.field("to"))
        try e.rejectUnknownKeys(["sum", "difference", "share"])
        if let ids = try e.words("sum") { return IndicatorRelation(comparison, .sum(ids)) }
        if let ids = try e.words("difference") {
            guard ids.count == 2 else { throw e.error("difference", .planTwoFigures) }
            return IndicatorRelation(comparison, .difference(ids[0], ids[1]))
        }
        if let s = try e.mapping("share") {
            try s.rejectUnknownKeys(["part", "whole"])
            guard let part = try s.words("part") else { throw s.error("part", .planFieldRequired) }
            guard let whole = try s.words("whole") else { throw s.error("whole", .planFieldRequired) }
            return IndicatorRelation(comparison, .share(part: part, whole: whole))
        }
        throw e.error("sum", .planFieldRequired)
    }

    /// A budget level or a list of them.
    private static func levels(_ r: MappingReader, _ key: String) throws -> [BudgetLevel]? {
        guard let words = try r.words(key) else { return nil }
        return try words.map { word in
            guard let level = BudgetLevel(rawValue: word) else {
                throw r.error(key, .planNotABudgetLevel, .text(String(word.prefix(40))))
            }
            return level
        }
    }

    /// `need: 2522`, or `need: {total: 114929, investment: 104482, recurrent: 10447}`.
    private static func capitalAmounts(_ p: MappingReader, _ key: String) throws -> CapitalAmounts {
        guard let node = p.node(key) else { return CapitalAmounts() }
        if case .mapping = node {
            let m = try MappingReader(node, file: p.file, path: p.field(key))
            try m.rejectUnknownKeys(["total", "investment", "recurrent"])
            var byCapital: [CapitalType: Double] = [:]
            if let value = try m.amount("investment") { byCapital[.investment] = value }
            if let value = try m.amount("recurrent") { byCapital[.recurrent] = value }
            return CapitalAmounts(total: try m.amount("total"), byCapital: byCapital)
        }
        if case .scalar(let scalar) = node, scalar.string == "unknown" { return CapitalAmounts() }
        return CapitalAmounts(total: try MappingReader.amount(node, location: p.location(key), field: p.field(key)))
    }

    private static func objective(_ r: MappingReader) throws -> Objective {
        guard let node = r.node("objective") else { return Objective() }
        func stage(_ word: String, field: String) throws -> ObjectiveStage {
            guard let stage = ObjectiveStage(rawValue: word) else {
                throw PlanError(r.location("objective"), field: field,
                                .planNotAnObjective, .text(String(word.prefix(40))), .text(ObjectiveStage.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            return stage
        }
        if case .mapping = node {
            let o = try MappingReader(node, file: r.file, path: "objective")
            try o.rejectUnknownKeys(["stages", "tolerance"])
            let words = try o.words("stages") ?? []
            guard !words.isEmpty else { throw o.error("stages", .planListAStage) }
            let tolerance = try o.number("tolerance") ?? Objective().tolerance
            guard tolerance >= 0 && tolerance < 1 else { throw o.error("tolerance", .planToleranceRange) }
            return Objective(stages: try words.map { try stage($0, field: "objective.stages") }, tolerance: tolerance)
        }
        let words = try r.words("objective") ?? []
        guard !words.isEmpty else { throw r.error("objective", .planNameAStage) }
        return Objective(stages: try words.map { try stage($0, field: "objective") })
    }
}
