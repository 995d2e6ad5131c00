import Yams

/// Reads the parts plans and rule sets share: rules and capital types.
enum RuleReader {
    static let ruleKinds = ["counterpart", "split", "share", "bar", "investment-only"]

    static func capital(_ reader: MappingReader, _ key: String) throws -> [CapitalType]? {
        guard let words = try reader.words(key) else { return nil }
        var result: [CapitalType] = []
        for word in words {
            switch word {
            case "either", "both": result += [.investment, .recurrent]
            case "investment", "ĐTPT": result.append(.investment)
            case "recurrent", "SN": result.append(.recurrent)
            default:
                throw reader.error(key, .planNotACapitalType, .text(String(word.prefix(40))))
            }
        }
        return Array(Set(result)).sorted()
    }

    static func levels(_ reader: MappingReader, _ key: String) throws -> [BudgetLevel]? {
        guard let words = try reader.words(key) else { return nil }
        return try words.map { word in
            guard let level = BudgetLevel(rawValue: word) else {
                throw reader.error(key, .planNotABudgetLevel, .text(String(word.prefix(40))))
            }
            return level
        }
    }

    static func rule(_ node: Node, file: String, path: String) throws -> Rule {
        let r = try MappingReader(node, file: file, path: path)
        let id = try r.requiredIdentifier("id")
        let kindName = try r.requiredString("kind")
        let description = try r.localized("description")
        let kind: RuleKind
        switch kindName {
        case "counterpart", "split":
            try r.rejectUnknownKeys(["id", "kind", "description", "bend", "levels", "of", "ratio", "scope", "capital"])
            guard let counted = try levels(r, "levels"), !counted.isEmpty else {
                throw r.error("levels", .planNameLevels)
            }
            let of: [BudgetLevel] = try levels(r, "of") ?? [.central]
            let ratio: RatioSpec
            if let text = try? r.string("ratio"), text == "tier" {
                ratio = .tier
            } else if let value = try r.ratio("ratio") {
                ratio = .value(value)
            } else {
                throw r.error("ratio", .planRatioRequired)
            }
            let capital = try capital(r, "capital")
            if let capital, capital.count != 1 { throw r.error("capital", .planOneCapitalOrBoth) }
            let scope = try scope(r)
            kind = .counterpart(levels: counted, of: of, ratio: ratio, scope: scope, capital: capital?.first)
        case "share":
            try r.rejectUnknownKeys(["id", "kind", "description", "bend", "project", "atMost", "atLeast", "sources"])
            let project = try r.requiredIdentifier("project")
            let atMost = try r.ratio("atMost")
            let atLeast = try r.ratio("atLeast")
            guard atMost != nil || atLeast != nil else { throw r.error("atMost", .planGiveShareLimit) }
            if let atMost, let atLeast, atLeast > atMost {
                throw r.error("atLeast", .planAtLeastAboveAtMost, .text("\(atLeast)"), .text("\(atMost)"))
            }
            kind = .share(project: project, atMost: atMost, atLeast: atLeast, sources: try r.words("sources"))
        case "bar":
            try r.rejectUnknownKeys(["id", "kind", "description", "source", "projects"])
            guard let projects = try r.words("projects"), !projects.isEmpty else { throw r.error("projects", .planListBarredProjects) }
            kind = .bar(source: try r.requiredIdentifier("source"), projects: projects)
        case "investment-only":
            try r.rejectUnknownKeys(["id", "kind", "description", "projects"])
            guard let projects = try r.words("projects"), !projects.isEmpty else { throw r.error("projects", .planListInvestmentProjects) }
            kind = .investmentOnly(projects: projects)
        default:
            throw r.error("kind", .planNotARuleKind, .text(String(kindName.prefix(40))), .text(ruleKinds.joined(separator: ", ")))
        }
        var rule = Rule(id: id, kind: kind, description: description, location: r.location)
        rule.bend = try r.bool("bend")
        rule.origin = r.origins
        return rule
    }

    private static func scope(_ r: MappingReader) throws -> RuleScope {
        guard let text = try r.string("scope") else { return .plan }
        switch text {
        case "plan": return .plan
        case "each-project": return .eachProject
        case "each-subproject": return .eachSubproject
        default:
            try MappingReader.checkIdentifier(text, location: r.location("scope"), field: r.field("scope"))
            return .project(text)
        }
    }
}
