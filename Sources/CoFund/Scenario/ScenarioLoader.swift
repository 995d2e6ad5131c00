import Foundation
import Yams

/// Reads scenario files (`cofund: scenarios`, Models/README.md) and the `--set` / `--scale` flags into
/// scenarios, with the same file, line and field errors as plans. Only the form is checked here; whether a
/// change fits the plan (a source that exists, a ratio still at most 1 after scaling) is checked when it is
/// applied (`ScenarioApplier`), at the same location.
public enum ScenarioLoader {
    /// The most scenarios one file may hold: a what-if study, not a generated data set.
    public static let maximumScenarios = 10_000

    public static func load(path: String) throws -> [Scenario] {
        let (node, file) = try InputFile.load(path: path, notAFile: .scenarioNotAFile)
        return try read(node, file: file)
    }

    static func read(_ node: Node, file: String) throws -> [Scenario] {
        let r = try MappingReader(node, file: file, path: "")
        if let kind = try r.string("cofund"), kind != "scenarios" {
            throw PlanError(r.location("cofund"), field: "cofund", .scenarioNotAScenarioFile, .text(String(kind.prefix(40))))
        }
        try r.rejectUnknownKeys(["cofund", "plan", "scenarios", "note"])
        let items = try r.list("scenarios")
        guard !items.isEmpty else { throw r.error("scenarios", .planFieldRequired) }
        guard items.count <= maximumScenarios else {
            throw r.error("scenarios", .planListTooLong, .integer(items.count), .integer(maximumScenarios))
        }
        var scenarios: [Scenario] = []
        var seen: Set<String> = []
        for item in items {
            let scenario = try self.scenario(item.node, file: file, path: item.path)
            guard seen.insert(scenario.id).inserted else {
                throw PlanError(scenario.location, field: "\(item.path).id", .scenarioIdTwice, .text(scenario.id))
            }
            scenarios.append(scenario)
        }
        return scenarios
    }

    static func scenario(_ node: Node, file: String, path: String) throws -> Scenario {
        let s = try MappingReader(node, file: file, path: path)
        try s.rejectUnknownKeys(["id", "name", "set", "scale", "addRules", "dropRules", "note"])
        let id = try s.requiredIdentifier("id")
        var changes: [ScenarioChange] = []
        if let set = try s.mapping("set") {
            for key in set.keyOrder {
                changes.append(ScenarioChange(edit: try edit(key, in: set, scale: false), location: set.location(key), field: set.field(key)))
            }
        }
        if let scale = try s.mapping("scale") {
            for key in scale.keyOrder {
                changes.append(ScenarioChange(edit: try edit(key, in: scale, scale: true), location: scale.location(key), field: scale.field(key)))
            }
        }
        for item in try s.list("addRules") {
            if case .scalar(let scalar) = item.node {
                try MappingReader.checkIdentifier(scalar.string, location: item.location, field: item.path)
                changes.append(ScenarioChange(edit: .applyRule(scalar.string), location: item.location, field: item.path))
            } else {
                let rule = try RuleReader.rule(item.node, file: file, path: item.path)
                changes.append(ScenarioChange(edit: .addRule(rule), location: item.location, field: item.path))
            }
        }
        if let node = s.node("dropRules") {
            let words = try s.words("dropRules") ?? []
            let items: [(Node, String)]
            if case .sequence(let sequence) = node {
                items = sequence.enumerated().map { ($0.element, "\(s.field("dropRules"))[\($0.offset)]") }
            } else {
                items = [(node, s.field("dropRules"))]
            }
            for (word, (item, field)) in zip(words, items) {
                let location = MappingReader.location(of: item, file: file)
                try MappingReader.checkIdentifier(word, location: location, field: field)
                changes.append(ScenarioChange(edit: .dropRule(word), location: location, field: field))
            }
        }
        return Scenario(id: id, name: try s.localized("name"), changes: changes, location: s.location)
    }

    /// The scenario the flags make (`--set PATH=VALUE`, `--scale SOURCE=FACTOR`, each repeatable), nil
    /// without flags. Each value is read as YAML (a number, a word, a list), so a flag takes what a file takes.
    public static func commandLine(sets: [String], scales: [String], id: String = "command-line") throws -> Scenario? {
        guard !sets.isEmpty || !scales.isEmpty else { return nil }
        var changes: [ScenarioChange] = []
        for (flag, arguments, scale) in [("--set", sets, false), ("--scale", scales, true)] {
            for argument in arguments {
                let location = SourceLocation(file: "\(flag) \(String(argument.prefix(80)))", line: 0)
                guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                    throw PlanError(location, field: "", scale ? .scenarioScaleFlagForm : .scenarioSetFlagForm, .text(String(argument.prefix(80))))
                }
                let path = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
                let text = String(argument[argument.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
                do {
                    let value = (try? Yams.compose(yaml: text)) ?? nil
                    let node = Node.mapping(Node.Mapping([(Node(path), value ?? Node(text))]))
                    let reader = try MappingReader(node, file: flag, path: "")
                    changes.append(ScenarioChange(edit: try edit(path, in: reader, scale: scale), location: location, field: path))
                } catch let error as PlanError {
                    // The flag is the place to fix, not a line of a file.
                    throw PlanError(location, field: path, error.message)
                }
            }
        }
        // Named in both languages: its id is a program's word, not a reader's.
        return Scenario(id: id, name: LocalizedText(vi: "Kịch bản từ dòng lệnh", en: "From the command line"), changes: changes,
                        location: SourceLocation(file: "--set", line: 0))
    }

    /// `--vary PATH=FROM..TO` (a path as `set` takes it, or a source's id): the path, its edit (with FROM),
    /// and both ends, each checked as a `set` value is (an amount not negative, a ratio at most 1).
    public static func vary(_ argument: String) throws -> (path: String, edit: ScenarioEdit, from: Double, to: Double, location: SourceLocation) {
        let location = SourceLocation(file: "--vary \(String(argument.prefix(80)))", line: 0)
        let form = PlanError(location, field: "", .sweepVaryForm, .text(String(argument.prefix(80))))
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { throw form }
        var path = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
        let range = argument[argument.index(after: equals)...].components(separatedBy: "..")
        guard range.count == 2 else { throw form }
        if path == "tier" || path == "objective" { throw PlanError(location, field: path, .sweepNotAFigure, .text(path)) }
        if !["sources.", "projects.", "rules.", "tiers."].contains(where: path.hasPrefix) { path = "sources.\(path).available" }
        var ends: [(ScenarioEdit, Double)] = []
        for text in range {
            let value = text.trimmingCharacters(in: .whitespaces)
            do {
                let node = Node.mapping(Node.Mapping([(Node(path), (try? Yams.compose(yaml: value)) ?? nil ?? Node(value))]))
                let edit = try self.edit(path, in: try MappingReader(node, file: "--vary", path: ""), scale: false)
                guard case .value(let v)? = edit.amount else { throw PlanError(location, field: path, .sweepNotAFigure, .text(path)) }
                ends.append((edit, v))
            } catch let error as PlanError {
                throw PlanError(location, field: path, error.message)
            }
        }
        guard ends[0].1 < ends[1].1 else { throw PlanError(location, field: path, .sweepEmptyRange, .text(range[0]), .text(range[1])) }
        return (path, ends[0].0, ends[0].1, ends[1].1, location)
    }

    // MARK: - Paths

    /// The edit a path and its value make. `scale`: the value is a factor on the present figure.
    static func edit(_ key: String, in r: MappingReader, scale: Bool) throws -> ScenarioEdit {
        func amount(_ kind: Kind) throws -> ScenarioAmount {
            if scale {
                guard let factor = try r.number(key) else { throw r.error(key, .planFieldRequired) }
                guard factor >= 0 else { throw r.error(key, .scenarioNegativeFactor, .text(MappingReader.plain(factor))) }
                return .scale(factor)
            }
            switch kind {
            case .money:
                guard let value = try r.amount(key) else { throw r.error(key, .planFieldRequired) }
                return .value(value)
            case .ratio:
                guard let value = try r.ratio(key) else { throw r.error(key, .planFieldRequired) }
                return .value(value)
            case .weight:
                guard let value = try r.number(key) else { throw r.error(key, .planFieldRequired) }
                guard value >= 0 && value <= PlanSensitivity.largestWeight else {
                    throw r.error(key, .planWeightRange, .text(MappingReader.plain(value)))
                }
                return .value(value)
            }
        }
        func notScalable() -> PlanError { r.error(key, .scenarioCannotScale, .text(String(key.prefix(60)))) }

        // A word without a known prefix is a source's id (`--scale central=0.9`).
        let prefixes = ["sources.", "projects.", "rules.", "tiers."]
        if scale && !prefixes.contains(where: key.hasPrefix) && key != "tier" && key != "objective" {
            return .available(source: key, try amount(.money))
        }
        switch key {
        case "tier":
            if scale { throw notScalable() }
            guard let tier = try r.identifier(key) else { throw r.error(key, .planFieldRequired) }
            return .tier(tier)
        case "objective":
            if scale { throw notScalable() }
            let words = try r.words(key) ?? []
            guard !words.isEmpty else { throw r.error(key, .planFieldRequired) }
            return .objective(try words.map { word in
                guard let stage = ObjectiveStage(rawValue: word) else {
                    throw r.error(key, .planNotOneOf, .text(String(word.prefix(40))), .text(ObjectiveStage.allCases.map(\.rawValue).joined(separator: ", ")))
                }
                return stage
            })
        default: break
        }
        if let id = middle(key, "sources.", [".available"]).map(\.name) { return .available(source: id, try amount(.money)) }
        if let (id, field) = middle(key, "rules.", [".ratio", ".atMost", ".atLeast"]) {
            let value = try amount(.ratio)
            switch field {
            case ".ratio": return .ratio(rule: id, value)
            case ".atMost": return .shareAtMost(rule: id, value)
            default: return .shareAtLeast(rule: id, value)
            }
        }
        if let id = middle(key, "tiers.", [".ratio"]).map(\.name) { return .tierRatio(tier: id, try amount(.ratio)) }
        if key.hasPrefix("projects."), let fixed = key.range(of: ".fixed.") {
            let code = String(key[key.index(key.startIndex, offsetBy: "projects.".count)..<fixed.lowerBound])
            let source = String(key[fixed.upperBound...])
            if !code.isEmpty && !source.isEmpty { return .fixed(project: code, source: source, try amount(.money)) }
        }
        let projectFields = [".need.investment", ".need.recurrent", ".need", ".floor.investment", ".floor.recurrent", ".floor", ".weight", ".target"]
        if let (code, field) = middle(key, "projects.", projectFields) {
            let capital: CapitalType? = field.hasSuffix(".investment") ? .investment : field.hasSuffix(".recurrent") ? .recurrent : nil
            if field.hasPrefix(".need") { return .need(project: code, capital: capital, try amount(.money)) }
            if field.hasPrefix(".floor") { return .floor(project: code, capital: capital, try amount(.money)) }
            if field == ".weight" { return .weight(project: code, try amount(.weight)) }
            return .target(project: code, try amount(.money))
        }
        throw r.error(key, .scenarioUnknownPath, .text(String(key.prefix(60))))
    }

    private enum Kind { case money, ratio, weight }

    /// `prefix NAME suffix` with the first suffix that fits: (NAME, suffix); NAME may hold dots (DA1.TDA2).
    private static func middle(_ key: String, _ prefix: String, _ suffixes: [String]) -> (name: String, field: String)? {
        guard key.hasPrefix(prefix) else { return nil }
        let rest = key.dropFirst(prefix.count)
        for suffix in suffixes where rest.hasSuffix(suffix) && rest.count > suffix.count {
            return (String(rest.dropLast(suffix.count)), suffix)
        }
        return nil
    }
}
