/// Cross-reference checks after reading: every id a rule, amount or target names must exist, and the
/// plan must agree with its rule set. Errors point at the line that holds the bad value, with the
/// field's path as the loader reads it (`rules[1].source`).
enum PlanValidator {
    static func validate(_ loaded: LoadedPlan) throws {
        let plan = loaded.plan
        let ruleSet = loaded.ruleSet
        func fail(_ origin: FieldOrigins, _ field: String, _ fallback: SourceLocation, _ key: MessageKey,
                  _ arguments: MessageArgument...) -> PlanError {
            PlanError(origin.location(field, or: fallback), field: origin.field(field), Message(key, arguments: arguments))
        }

        var sourceIds = Set<String>()
        for source in plan.sources {
            guard sourceIds.insert(source.id).inserted else {
                throw fail(source.origin, "id", source.location, .planSourceIdTwice, .text(source.id))
            }
        }
        var codes = Set<String>()
        let catalogue = Dictionary(ruleSet.catalogue.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for project in plan.allProjects {
            guard codes.insert(project.code).inserted else {
                throw fail(project.origin, "code", project.location, .planProjectCodeTwice, .text(project.code))
            }
            guard let entry = catalogue[project.code] else {
                throw fail(project.origin, "code", project.location,
                           .planNotInCatalogue, .text(project.code), .text(ruleSet.id),
                           .text(ruleSet.catalogue.map(\.code).joined(separator: ", ")))
            }
            if let capital = project.capital, let wrong = capital.first(where: { !entry.capital.contains($0) }) {
                throw fail(project.origin, "capital", project.location, .planCapitalNotAllowed, .text(project.code),
                           .message(PlanWording.capital(wrong)), .text(ruleSet.id))
            }
            for key in project.fixed.keys.sorted() where !sourceIds.contains(key) {
                throw fail(project.origin, "fixed", project.location, .planUnknownSource, .text(key))
            }
            for key in project.targetBySource.keys.sorted() where !sourceIds.contains(key) {
                throw fail(project.origin, "target", project.location, .planUnknownSource, .text(key))
            }
            for stated in project.stated {
                if let source = stated.source, !sourceIds.contains(source) {
                    throw PlanError(stated.location, field: project.origin.field("stated") + ".source", .planUnknownSource, .text(source))
                }
            }
            if let floor = project.floor.total, let need = project.need.total, floor > need {
                throw fail(project.origin, "floor", project.location, .planFloorAboveNeed, .amount(floor), .amount(need))
            }
            for (capital, floor) in project.floor.byCapital.sorted(by: { $0.key < $1.key }) {
                if let need = project.need.byCapital[capital], floor > need {
                    throw fail(project.origin, "floor", project.location, .planCapitalFloorAboveNeed, .message(PlanWording.capital(capital)),
                               .amount(floor), .amount(need))
                }
            }
        }
        let planCodes = Set(plan.allProjects.map(\.code))
        for total in plan.statedTotals {
            for source in total.sources ?? [] where !sourceIds.contains(source) {
                throw PlanError(total.origin.location("sources", or: total.location), field: total.origin.field("sources"),
                                .planUnknownSource, .text(source))
            }
            for code in (total.project.map { [$0] } ?? []) + total.excludes where !planCodes.contains(code) {
                let field = total.project == code ? "project" : "excludes"
                throw PlanError(total.origin.location(field, or: total.location), field: total.origin.field(field),
                                .planUnknownProject, .text(code))
            }
        }
        let indicatorIds = Set(plan.indicators.map(\.id))
        for indicator in plan.indicators {
            for reference in indicator.relation?.expression.references ?? [] {
                let parts = reference.split(separator: ".", maxSplits: 1).map(String.init)
                let known = parts.count == 2
                    ? loaded.areaTable?.row(id: parts[0])?.figures[parts[1]] != nil : indicatorIds.contains(reference)
                if !known {
                    throw PlanError(indicator.location ?? plan.location, field: "indicators.\(indicator.id).relation",
                                    .planUnknownFigure, .text(reference))
                }
            }
        }
        if let tier = plan.tier {
            guard let entry = ruleSet.tier(tier) else {
                throw fail(plan.origin, "tier", plan.location,
                           .planUnknownTier, .text(tier), .text(ruleSet.id), .text(ruleSet.tiers.map(\.id).joined(separator: ", ")))
            }
            if !entry.receivesCentral, let central = plan.sources.first(where: { $0.level == .central }) {
                throw fail(central.origin, "level", central.location,
                           .planTierNoCentral, .text(entry.id))
            }
        }
        for id in plan.applies where !ruleSet.rules.contains(where: { $0.id == id }) {
            throw fail(plan.origin, "applies", plan.location, .planRuleNotInRuleSet, .text(id), .text(ruleSet.id))
        }
        var ruleIds = Set<String>()
        for rule in loaded.rules {
            guard ruleIds.insert(rule.id).inserted else {
                throw fail(rule.origin, "id", rule.location, .planRuleIdTwice, .text(rule.id))
            }
            try checkReferences(rule, sourceIds: sourceIds, codes: codes, loaded: loaded)
        }
        if plan.objective.stages.contains(.minimizeDeviation),
           !plan.allProjects.contains(where: { $0.target != nil || !$0.targetBySource.isEmpty }) {
            throw fail(plan.origin, "objective", plan.location, .planDeviationNeedsTargets)
        }
    }

    private static func checkReferences(_ rule: Rule, sourceIds: Set<String>, codes: Set<String>, loaded: LoadedPlan) throws {
        let catalogueCodes = Set(loaded.ruleSet.catalogue.map(\.code))
        // A plan project, or a national code above one ("DA7" when the plan lists DA7.TDA1 on its own).
        var planCodes = codes
        for code in codes {
            var prefix = code.split(separator: ".").dropLast()
            while !prefix.isEmpty {
                planCodes.insert(prefix.joined(separator: "."))
                prefix = prefix.dropLast()
            }
        }
        func fail(_ field: String, _ key: MessageKey, _ arguments: MessageArgument...) -> PlanError {
            PlanError(rule.origin.location(field, or: rule.location), field: rule.origin.field(field), Message(key, arguments: arguments))
        }
        func requireProject(_ code: String, field: String, catalogueOnly: Bool = false) throws {
            guard (catalogueOnly ? catalogueCodes : planCodes).contains(code) else {
                throw fail(field, .planUnknownProject, .text(code))
            }
        }
        func requireSource(_ id: String, field: String) throws {
            guard sourceIds.contains(id) else { throw fail(field, .planUnknownSource, .text(id)) }
        }
        switch rule.kind {
        case .counterpart(_, _, let ratio, let scope, _):
            if case .project(let code) = scope { try requireProject(code, field: "scope") }
            if ratio == .tier && loaded.tierRatio == nil {
                throw fail("ratio", .planTierRatioMissing)
            }
        case .share(let project, _, _, let sources):
            try requireProject(project, field: "project")
            for source in sources ?? [] { try requireSource(source, field: "sources") }
        case .bar(let source, let projects):
            try requireSource(source, field: "source")
            for project in projects { try requireProject(project, field: "projects") }
        case .investmentOnly(let projects):
            for project in projects { try requireProject(project, field: "projects", catalogueOnly: true) }
        }
    }
}
