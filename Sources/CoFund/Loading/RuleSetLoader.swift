import Foundation
import Yams

/// Reads a rule-set file: the tiers, project catalogue and rules of one programme period.
public enum RuleSetLoader {
    public static func load(path: String) throws -> RuleSet {
        let (node, file) = try InputFile.load(path: path)
        return try read(node, file: file)
    }

    static func read(_ node: Node, file: String) throws -> RuleSet {
        let r = try MappingReader(node, file: file, path: "")
        if let kind = try r.string("cofund"), kind != "rule-set" {
            throw PlanError(r.location("cofund"), field: "", .planNotARuleSet, .text(kind))
        }
        try r.rejectUnknownKeys(["cofund", "id", "name", "period", "legalBasis", "tiers", "catalogue", "rules", "bend", "distributions", "notes"])
        var tiers: [CounterpartTier] = []
        var tierIds = Set<String>()  // sets, not searches of the lists: generated rule sets can be long
        for item in try r.list("tiers") {
            let t = try MappingReader(item.node, file: file, path: item.path)
            try t.rejectUnknownKeys(["id", "ratio", "description", "receivesCentral"])
            let tier = CounterpartTier(
                id: try t.requiredIdentifier("id"), ratio: try t.ratio("ratio"),
                description: try t.localized("description") ?? LocalizedText(vi: ""),
                receivesCentral: try t.bool("receivesCentral") ?? true)
            if tier.receivesCentral && tier.ratio == nil { throw t.error("ratio", .planTierNeedsRatio) }
            guard tierIds.insert(tier.id).inserted else { throw t.error("id", .planTierTwice, .text(tier.id)) }
            tiers.append(tier)
        }
        var catalogue: [CatalogueProject] = []
        var catalogueCodes = Set<String>()  // a set, not a search of the list: catalogues can be long
        for item in try r.list("catalogue") {
            let c = try MappingReader(item.node, file: file, path: item.path)
            try c.rejectUnknownKeys(["code", "name", "capital"])
            let entry = CatalogueProject(
                code: try c.requiredIdentifier("code"), name: try c.localized("name") ?? LocalizedText(vi: ""),
                capital: try RuleReader.capital(c, "capital") ?? [.recurrent])
            guard catalogueCodes.insert(entry.code).inserted else { throw c.error("code", .planCatalogueProjectTwice, .text(entry.code)) }
            catalogue.append(entry)
        }
        var rules: [Rule] = []
        var ruleIds = Set<String>()
        for item in try r.list("rules") {
            let rule = try RuleReader.rule(item.node, file: file, path: item.path)
            guard ruleIds.insert(rule.id).inserted else {
                throw PlanError(rule.location, field: "\(item.path).id", .planRuleTwice, .text(rule.id))
            }
            rules.append(rule)
        }
        var ruleSet = RuleSet(
            id: try r.requiredIdentifier("id"), name: try r.localized("name") ?? LocalizedText(vi: ""),
            period: try r.string("period") ?? "", legalBasis: try r.words("legalBasis") ?? [], tiers: tiers,
            catalogue: catalogue, rules: rules, bend: try bend(r), location: r.location)
        ruleSet.distributions = try DistributionReader.formulas(r)
        return ruleSet
    }

    /// `bend: {need: true, floor: true, localMoney: true, otherMoney: true, centralMoney: false, rules: false}`:
    /// which requirements the diagnosis may change as a lawful repair; a key left out keeps its default.
    static func bend(_ r: MappingReader) throws -> BendDefaults {
        var defaults = BendDefaults()
        guard let b = try r.mapping("bend") else { return defaults }
        try b.rejectUnknownKeys(Set(BendKind.allCases.map(\.rawValue)))
        for kind in BendKind.allCases {
            if let value = try b.bool(kind.rawValue) { defaults.set(kind, value) }
        }
        return defaults
    }
}
