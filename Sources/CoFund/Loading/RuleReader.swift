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
                throw reader.error(key, "'\(word.prefix(40))' is not a capital type; use investment, recurrent or either")
            }
        }
        return Array(Set(result)).sorted()
    }

    static func levels(_ reader: MappingReader, _ key: String) throws -> [BudgetLevel]? {
        guard let words = try reader.words(key) else { return nil }
        return try words.map { word in
            guard let level = BudgetLevel(rawValue: word) else {
                throw reader.error(key, "'\(word.prefix(40))' is not a budget level; use central, province, district, commune or other")
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
            try r.rejectUnknownKeys(["id", "kind", "description", "levels", "of", "ratio", "scope", "capital"])
            guard let counted = try levels(r, "levels"), !counted.isEmpty else {
                throw r.error("levels", "name the budget levels whose money counts, e.g. [province, district]")
            }
            let of: [BudgetLevel] = try levels(r, "of") ?? [.central]
            let ratio: RatioSpec
            if let text = try? r.string("ratio"), text == "tier" {
                ratio = .tier
            } else if let value = try r.ratio("ratio") {
                ratio = .value(value)
            } else {
                throw r.error("ratio", "this field is required: a number between 0 and 1, or 'tier' for the plan's counterpart tier")
            }
            let capital = try capital(r, "capital")
            if let capital, capital.count != 1 { throw r.error("capital", "name one capital type, or leave the field out for both") }
            let scope = try scope(r)
            kind = .counterpart(levels: counted, of: of, ratio: ratio, scope: scope, capital: capital?.first)
        case "share":
            try r.rejectUnknownKeys(["id", "kind", "description", "project", "atMost", "atLeast", "sources"])
            let project = try r.requiredIdentifier("project")
            let atMost = try r.ratio("atMost")
            let atLeast = try r.ratio("atLeast")
            guard atMost != nil || atLeast != nil else { throw r.error("atMost", "give atMost, atLeast or both (ratios between 0 and 1)") }
            if let atMost, let atLeast, atLeast > atMost {
                throw r.error("atLeast", "atLeast (\(atLeast)) is above atMost (\(atMost))")
            }
            kind = .share(project: project, atMost: atMost, atLeast: atLeast, sources: try r.words("sources"))
        case "bar":
            try r.rejectUnknownKeys(["id", "kind", "description", "source", "projects"])
            guard let projects = try r.words("projects"), !projects.isEmpty else { throw r.error("projects", "list the projects this source may not fund") }
            kind = .bar(source: try r.requiredIdentifier("source"), projects: projects)
        case "investment-only":
            try r.rejectUnknownKeys(["id", "kind", "description", "projects"])
            guard let projects = try r.words("projects"), !projects.isEmpty else { throw r.error("projects", "list the projects investment money may go to") }
            kind = .investmentOnly(projects: projects)
        default:
            throw r.error("kind", "'\(kindName.prefix(40))' is not a rule kind; use one of: \(ruleKinds.joined(separator: ", "))")
        }
        var rule = Rule(id: id, kind: kind, description: description, location: r.location)
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
