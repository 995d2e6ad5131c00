/// Applies a scenario to a loaded plan: the changed plan, validated as a plan is, or a `PlanError` at the
/// change that does not fit it (a source the plan does not have, a ratio above 1 once scaled). Nothing a
/// scenario says reaches the compiler, let alone GLPK, before the changed plan has passed the validator
/// that every plan file passes.
public enum ScenarioApplier {
    public static func apply(_ scenario: Scenario, to base: LoadedPlan) throws -> LoadedPlan {
        var loaded = base
        for change in scenario.changes { try apply(change, to: &loaded) }
        do {
            try PlanValidator.validate(loaded)
        } catch {
            throw culprit(of: error, scenario, base) { try PlanValidator.validate($0) }
        }
        return loaded
    }

    /// The scenario applied and prepared (validated, compiled, its numbers within the limits). An error of the
    /// changed plan is reported at the change that caused it, the plan's own place quoted in the message.
    public static func prepare(_ scenario: Scenario, on base: LoadedPlan) throws -> PreparedPlan {
        let loaded = try apply(scenario, to: base)
        do {
            return try PreparedPlan(loaded)
        } catch {
            throw culprit(of: error, scenario, base) { _ = try PreparedPlan($0) }
        }
    }

    /// `error`, which the changed plan raised (`check` throws it), moved to the first change after which the
    /// plan raises it: that is where the reader must look (the plan was valid before the scenario). Kept as
    /// it is when no single change is to blame, or when it is no plan error.
    private static func culprit(of error: any Error, _ scenario: Scenario, _ base: LoadedPlan, check: (LoadedPlan) throws -> Void) -> any Error {
        let errors: [PlanError]
        switch error {
        case let one as PlanError: errors = [one]
        case let many as PlanErrors: errors = many.errors
        default: return error
        }
        var loaded = base
        for change in scenario.changes {
            guard (try? apply(change, to: &loaded)) != nil else { return error }
            guard (try? check(loaded)) == nil else { continue }
            let moved = errors.map { plan in
                PlanError(change.location, field: change.field,
                          Message(.scenarioMakesPlanInvalid, .text(plan.field.isEmpty ? "\(plan.location)" : "\(plan.location): \(plan.field)"), .message(plan.message)))
            }
            return moved.count == 1 ? moved[0] : PlanErrors(moved)
        }
        return error
    }

    static func apply(_ change: ScenarioChange, to loaded: inout LoadedPlan) throws {
        func fail(_ key: MessageKey, _ arguments: MessageArgument...) -> PlanError {
            PlanError(change.location, field: change.field, Message(key, arguments: arguments))
        }
        /// The new money figure: never negative, never implausibly large (the loader's limits).
        /// A scaled figure is rounded to the plan's unit, as the document would print it: 90% of 4,978 is
        /// 4,480, not 4,480.2 (an amount nobody can sign, and one no whole-unit proposal can spend in full).
        func money(_ amount: ScenarioAmount, _ current: Double?) throws -> Double {
            if case .scale = amount, current == nil { throw fail(.scenarioNothingToScale) }
            var value = amount.applied(to: current ?? 0)
            if case .scale = amount {
                let unit = loaded.plan.rounding ?? 1
                value = (value / unit).rounded(.toNearestOrAwayFromZero) * unit
            }
            // The loader refuses these in a file or a flag; a scenario built in code (a sweep's steps) is held
            // to the same limits here.
            guard value >= 0 else { throw fail(.planNegativeAmount, .text(MappingReader.plain(value))) }
            guard value.isFinite, value <= MappingReader.maximumAmount else {
                // A product too large for a number at all is shown as the product: 4,978 × 1e308.
                let shown: String = if !value.isFinite, case .scale(let factor) = amount {
                    MappingReader.plain(current ?? 0) + " × " + MappingReader.plain(factor)
                } else {
                    MappingReader.plain(value)
                }
                throw fail(.planImplausibleAmount, .text(shown), .amount(MappingReader.maximumAmount))
            }
            return value
        }
        func ratio(_ amount: ScenarioAmount, _ current: Double) throws -> Double {
            let value = amount.applied(to: current)
            guard value.isFinite, value >= 0 && value <= 1 else { throw fail(.planRatioRange, .text(MappingReader.plain(value))) }
            return value
        }
        func project(_ code: String, _ body: (inout Project) throws -> Void) throws {
            guard try mutateProject(code, in: &loaded.plan.projects, body) else { throw fail(.planUnknownProject, .text(code)) }
        }
        func amounts(_ figures: inout CapitalAmounts, _ capital: CapitalType?, _ amount: ScenarioAmount, code: String) throws {
            if let capital {
                figures.byCapital[capital] = try money(amount, figures.byCapital[capital])
            } else if figures.total == nil && !figures.byCapital.isEmpty {
                // A figure written per capital type: scaled as a whole, or changed per type.
                guard case .scale(let factor) = amount else { throw fail(.scenarioFigureByCapital, .text(code)) }
                // In a fixed order, so a refusal names the same capital type on every run.
                for (type, value) in figures.byCapital.sorted(by: { $0.key < $1.key }) { figures.byCapital[type] = try money(.scale(factor), value) }
            } else {
                figures.total = try money(amount, figures.total)
            }
        }
        func rule(_ id: String, _ body: (inout Rule) throws -> Void) throws {
            if let i = loaded.plan.rules.firstIndex(where: { $0.id == id }) {
                try body(&loaded.plan.rules[i])
            } else if loaded.plan.applies.contains(id), let i = loaded.ruleSet.rules.firstIndex(where: { $0.id == id }) {
                try body(&loaded.ruleSet.rules[i])
            } else {
                throw fail(.scenarioUnknownRule, .text(id))
            }
        }

        switch change.edit {
        case .available(let id, let amount):
            guard let i = loaded.plan.sources.firstIndex(where: { $0.id == id }) else { throw fail(.planUnknownSource, .text(id)) }
            loaded.plan.sources[i].available = try money(amount, loaded.plan.sources[i].available)
        case .need(let code, let capital, let amount):
            try project(code) { try amounts(&$0.need, capital, amount, code: code) }
        case .floor(let code, let capital, let amount):
            try project(code) { try amounts(&$0.floor, capital, amount, code: code) }
        case .weight(let code, let amount):
            try project(code) { p in
                let value = amount.applied(to: p.weight ?? 1)
                guard value >= 0 && value <= PlanSensitivity.largestWeight else { throw fail(.planWeightRange, .text(MappingReader.plain(value))) }
                p.weight = value
            }
        case .target(let code, let amount):
            try project(code) { $0.target = try money(amount, $0.target) }
        case .fixed(let code, let source, let amount):
            guard loaded.plan.sources.contains(where: { $0.id == source }) else { throw fail(.planUnknownSource, .text(source)) }
            try project(code) { $0.fixed[source] = try money(amount, $0.fixed[source]) }
        case .ratio(let id, let amount):
            try rule(id) { r in
                guard case .counterpart(let levels, let of, let spec, let scope, let capital) = r.kind else { throw fail(.scenarioRuleHasNoRatio, .text(id)) }
                guard case .value(let current) = spec else { throw fail(.scenarioRuleTierRatio, .text(id)) }
                r.kind = .counterpart(levels: levels, of: of, ratio: .value(try ratio(amount, current)), scope: scope, capital: capital)
            }
        case .shareAtMost(let id, let amount), .shareAtLeast(let id, let amount):
            let atMost = if case .shareAtMost = change.edit { true } else { false }
            try rule(id) { r in
                guard case .share(let project, let most, let least, let sources) = r.kind else { throw fail(.scenarioRuleHasNoRatio, .text(id)) }
                let current = atMost ? most : least
                if case .scale = amount, current == nil { throw fail(.scenarioNothingToScale) }
                let value = try ratio(amount, current ?? 0)
                r.kind = .share(project: project, atMost: atMost ? value : most, atLeast: atMost ? least : value, sources: sources)
            }
        case .tier(let id):
            guard loaded.ruleSet.tier(id) != nil else {
                throw fail(.planUnknownTier, .text(id), .text(loaded.ruleSet.id), .text(loaded.ruleSet.tiers.map(\.id).joined(separator: ", ")))
            }
            loaded.plan.tier = id
        case .tierRatio(let id, let amount):
            guard let i = loaded.ruleSet.tiers.firstIndex(where: { $0.id == id }) else {
                throw fail(.planUnknownTier, .text(id), .text(loaded.ruleSet.id), .text(loaded.ruleSet.tiers.map(\.id).joined(separator: ", ")))
            }
            if case .scale = amount, loaded.ruleSet.tiers[i].ratio == nil { throw fail(.scenarioNothingToScale) }
            loaded.ruleSet.tiers[i].ratio = try ratio(amount, loaded.ruleSet.tiers[i].ratio ?? 0)
        case .objective(let stages):
            loaded.plan.objective.stages = stages
        case .addRule(let rule):
            guard !loaded.rules.contains(where: { $0.id == rule.id }) else { throw fail(.planRuleIdTwice, .text(rule.id)) }
            loaded.plan.rules.append(rule)
        case .applyRule(let id):
            guard loaded.ruleSet.rules.contains(where: { $0.id == id }) else {
                throw fail(.planRuleNotInRuleSet, .text(id), .text(loaded.ruleSet.id))
            }
            guard !loaded.rules.contains(where: { $0.id == id }) else { throw fail(.planRuleIdTwice, .text(id)) }
            loaded.plan.applies.append(id)
        case .dropRule(let id):
            if let i = loaded.plan.rules.firstIndex(where: { $0.id == id }) {
                loaded.plan.rules.remove(at: i)
            } else if let i = loaded.plan.applies.firstIndex(of: id) {
                loaded.plan.applies.remove(at: i)
            } else {
                throw fail(.scenarioUnknownRule, .text(id))
            }
        }
    }

    /// Runs `body` on the project `code` wherever it sits in the tree; false when there is none.
    private static func mutateProject(_ code: String, in projects: inout [Project], _ body: (inout Project) throws -> Void) throws -> Bool {
        for i in projects.indices {
            if projects[i].code == code {
                try body(&projects[i])
                return true
            }
            if try mutateProject(code, in: &projects[i].children, body) { return true }
        }
        return false
    }
}
