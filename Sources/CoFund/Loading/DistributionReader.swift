import Yams

/// Reads the distribution formulas of a rule set (`distributions:`) and a plan's `distribution:` block
/// (formats in Models/README.md, "Distribution across areas"). Every problem names the file, line and field.
enum DistributionReader {
    /// The largest coefficient, weight or rate: far above any in the decisions (50 per commune, 40 million
    /// per house), small enough to keep the solver's arithmetic sound.
    static let maximumCoefficient = 1_000_000.0

    static func formulas(_ r: MappingReader) throws -> [DistributionFormula] {
        var formulas: [DistributionFormula] = []
        var ids = Set<String>()
        for item in try r.list("distributions") {
            let f = try MappingReader(item.node, file: r.file, path: item.path)
            try f.rejectUnknownKeys(["id", "name", "legalBasis", "classes", "criteria", "parameters", "limits", "reach", "notes"])
            let id = try f.requiredIdentifier("id")
            guard ids.insert(id).inserted else { throw f.error("id", .distFormulaTwice, .text(id)) }
            var classes: [ClassCoefficient] = []
            for c in try f.list("classes") {
                let k = try MappingReader(c.node, file: r.file, path: c.path)
                try k.rejectUnknownKeys(["coefficient", "when"])
                guard let coefficient = try coefficient(k, "coefficient") else { throw k.error("coefficient", .planFieldRequired) }
                classes.append(ClassCoefficient(coefficient: coefficient, when: try areaClasses(k, "when") ?? [], location: k.location))
            }
            var parameters: [DistributionParameter] = []
            var parameterIds = Set<String>()
            for p in try f.list("parameters") {
                let k = try MappingReader(p.node, file: r.file, path: p.path)
                try k.rejectUnknownKeys(["id", "name", "value", "description"])
                let parameter = DistributionParameter(id: try k.requiredIdentifier("id"), name: try k.localized("name") ?? LocalizedText(vi: ""),
                                                      value: try coefficient(k, "value"), location: k.location)
                guard parameterIds.insert(parameter.id).inserted else { throw k.error("id", .distParameterTwice, .text(parameter.id)) }
                parameters.append(parameter)
            }
            var criteria: [DistributionCriterion] = []
            for c in try f.list("criteria") {
                let k = try MappingReader(c.node, file: r.file, path: c.path)
                try k.rejectUnknownKeys(["figure", "flag", "weight"])
                let measure: DistributionCriterion.Measure
                switch (try k.identifier("figure"), try k.string("flag")) {
                case (let figure?, nil): measure = .figure(figure)
                case (nil, let flag?):
                    guard let value = AreaClass(rawValue: flag), !AreaClass.zones.contains(value) else {
                        throw k.error("flag", .distNotAFlag, .text(String(flag.prefix(40))), .text(AreaClass.flags.map(\.rawValue).joined(separator: ", ")))
                    }
                    measure = .flag(value)
                default: throw PlanError(k.location, field: c.path, .distCriterionMeasure)
                }
                let weight: DistributionWeight
                if let node = k.node("weight"), case .scalar(let scalar) = node, Double(scalar.string) == nil {
                    let name = try k.requiredIdentifier("weight")
                    guard parameterIds.contains(name) else { throw k.error("weight", .distUnknownParameter, .text(name)) }
                    weight = .parameter(name)
                } else {
                    guard let value = try coefficient(k, "weight") else { throw k.error("weight", .planFieldRequired) }
                    weight = .value(value)
                }
                // One column per criterion in the report, named by its figure or flag: a second entry for the
                // same measure would be a second column of the same name.
                let criterion = DistributionCriterion(measure: measure, weight: weight, location: k.location)
                if criteria.contains(where: { $0.name == criterion.name }) {
                    throw k.error(k.node("figure") != nil ? "figure" : "flag", .distCriterionTwice, .text(criterion.name))
                }
                criteria.append(criterion)
            }
            guard !classes.isEmpty || !criteria.isEmpty else { throw PlanError(f.location, field: item.path, .distFormulaEmpty, .text(id)) }
            formulas.append(DistributionFormula(
                id: id, name: try f.localized("name") ?? LocalizedText(vi: ""), legalBasis: try f.words("legalBasis") ?? [],
                classes: classes, criteria: criteria, parameters: parameters, limits: try limits(f), reach: try reach(f),
                location: f.location))
        }
        return formulas
    }

    /// A plan's `distribution:` block.
    static func settings(_ r: MappingReader) throws -> DistributionSettings? {
        guard let d = try r.mapping("distribution") else { return nil }
        try d.rejectUnknownKeys(["formula", "areas", "parameters", "projects", "reach", "limits", "counterpart"])
        var parameters: [String: Double] = [:]
        if let p = try d.mapping("parameters") {
            for key in p.keyOrder {
                try MappingReader.checkIdentifier(key, location: p.location(key), field: p.field(key))
                guard let value = try coefficient(p, key) else { throw p.error(key, .planFieldRequired) }
                parameters[key] = value
            }
        }
        var settings = DistributionSettings(
            formula: try d.requiredIdentifier("formula"), areasPath: try d.string("areas"), parameters: parameters,
            projects: try d.words("projects"), reach: try reach(d), limits: try limits(d),
            counterpart: try d.choice("counterpart", as: DistributionSettings.CounterpartScope.self) ?? .plan, location: d.location)
        for key in d.keyOrder { settings.fieldLocations[key] = d.location(key) }
        if let p = try d.mapping("parameters") { for key in p.keyOrder { settings.fieldLocations["parameters.\(key)"] = p.location(key) } }
        return settings
    }

    /// A coefficient, weight or rate: a number from 0 to `maximumCoefficient`.
    static func coefficient(_ r: MappingReader, _ key: String) throws -> Double? {
        guard let value = try r.number(key) else { return nil }
        guard value >= 0 && value <= maximumCoefficient else {
            throw r.error(key, .distCoefficientRange, .text(MappingReader.plain(value)), .text(MappingReader.plain(maximumCoefficient)))
        }
        return value
    }

    static func areaClasses(_ r: MappingReader, _ key: String) throws -> [AreaClass]? {
        guard let words = try r.words(key) else { return nil }
        return try words.map { word in
            guard let value = AreaClass(rawValue: word) else {
                throw r.error(key, .distNotAClass, .text(String(word.prefix(40))), .text(AreaClass.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            return value
        }
    }

    static func reach(_ r: MappingReader) throws -> [ProjectReach] {
        try r.list("reach").map { item in
            let k = try MappingReader(item.node, file: r.file, path: item.path)
            try k.rejectUnknownKeys(["projects", "only"])
            guard let projects = try k.words("projects"), !projects.isEmpty else { throw k.error("projects", .planFieldRequired) }
            guard let only = try areaClasses(k, "only"), !only.isEmpty else { throw k.error("only", .planFieldRequired) }
            return ProjectReach(projects: projects, only: only, location: k.location)
        }
    }

    /// `{projects: [DA5], sources: [central], atMost: {per: {new_houses: 40}}}`: exactly one of `atLeast`,
    /// `atMost` and `fixed`, each an amount or `{per: {figure: rate, …}}`.
    static func limits(_ r: MappingReader) throws -> [AreaLimit] {
        try r.list("limits").map { item in
            let k = try MappingReader(item.node, file: r.file, path: item.path)
            try k.rejectUnknownKeys(["projects", "areas", "sources", "atLeast", "atMost", "fixed", "note"])
            let given = AreaLimit.Kind.allCases.filter { k.has($0.rawValue) }
            guard given.count == 1, let kind = given.first else { throw PlanError(k.location, field: item.path, .distLimitKind) }
            let amount: AreaLimit.Amount
            if let per = try? k.mapping(kind.rawValue) {
                try per.rejectUnknownKeys(["per"])
                guard let rates = try per.mapping("per"), !rates.keyOrder.isEmpty else { throw per.error("per", .planFieldRequired) }
                amount = .per(try rates.keyOrder.map { figure in
                    try MappingReader.checkIdentifier(figure, location: rates.location(figure), field: rates.field(figure))
                    guard let rate = try coefficient(rates, figure) else { throw rates.error(figure, .planFieldRequired) }
                    return AreaLimit.FigureRate(figure: figure, rate: rate)
                })
            } else {
                guard let value = try k.amount(kind.rawValue) else { throw k.error(kind.rawValue, .planFieldRequired) }
                amount = .value(value)
            }
            return AreaLimit(kind: kind, amount: amount, projects: try k.words("projects"), areas: try k.words("areas"),
                             sources: try k.words("sources"), location: k.location, field: item.path)
        }
    }
}
