/// An amount `solve` needs but the plan does not state. CoFund names it rather than invent a number.
public struct MissingInput: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case sourceAmount, need, noProjects, noSources
    }

    public var kind: Kind
    /// Source id or project code.
    public var subject: String
    public var location: SourceLocation
    public var field: String
    /// What is missing, from the catalogue (reports word it through `PlanWording.missing`, which names
    /// the source the way the report does).
    public var message: Message

    /// English, for logs and test failures.
    public var description: String { "\(location): \(field): \(Localizer(.en).text(message))" }
}

extension PlanStructure {
    /// Everything that must be known before an allocation can be computed: the amount of every source,
    /// and the need of every leaf that receives money (a leaf without one would absorb any amount).
    public var missingInputs: [MissingInput] {
        var missing: [MissingInput] = []
        for source in plan.sources where source.available == nil && !source.isImplicitCounterpart {
            missing.append(MissingInput(
                kind: .sourceAmount, subject: source.id, location: source.origin.location("available", or: source.location),
                field: source.origin.field("available"),
                message: Message(.missingSourceAmount, .localized(source.name))))
        }
        for leaf in allocatedLeaves {
            let hasNeed = lineage(leaf.code).contains { code in
                guard let project = project(code) else { return false }
                return project.need.total != nil || !project.need.byCapital.isEmpty
            }
            if !hasNeed {
                missing.append(MissingInput(
                    kind: .need, subject: leaf.code, location: leaf.location, field: leaf.origin.field("need"),
                    message: Message(.missingNeed, .text(leaf.code))))
            }
        }
        if allocatedLeaves.isEmpty {
            missing.append(MissingInput(kind: .noProjects, subject: "", location: plan.location, field: "projects",
                                        message: Message(.missingNoProjects)))
        }
        if plan.sources.isEmpty {
            missing.append(MissingInput(kind: .noSources, subject: "", location: plan.location, field: "sources",
                                        message: Message(.missingNoSources)))
        }
        return missing
    }
}
