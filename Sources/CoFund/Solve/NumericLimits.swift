import LinearProgramming

/// Numbers CoFund refuses before GLPK sees them, because no floating-point simplex solves them reliably.
///
/// GLPK works in double precision with absolute tolerances near 1e-7 (primal) and 1e-9 (pivots). A
/// counterpart ratio of 1e-100 next to amounts in the thousands puts coefficients 1e100 apart in one
/// row: after scaling, the basis is singular "to working precision", the simplex method cycles without
/// end (the Tịnh Biên plan with `ratio: 1e-100` ran millions of iterations without returning), or it
/// reports an optimum that the independent re-check rejects (`ratio: 1e-50`). Such a ratio means
/// nothing in a budget either: one in a million of a 5,000 million VND programme is 5,000 VND.
///
/// So, checked when a plan is solved:
/// - a counterpart ratio, a share limit (`atMost`, `atLeast`) and the plan's tier ratio are 0 or at
///   least `smallestRatio` (10⁻⁶, one in a million): a ratio below that is no co-funding rule (write 0
///   for "no counterpart");
/// - a priority weight is 0 or at least `smallestWeight` (10⁻⁶; weights are at most 10⁶, see the loader);
/// - over the compiled program, the spread of the non-zero coefficients max|a| / min|a| is at most
///   `largestCoefficientRange` (10¹²: ratios and weights within the limits above stay inside it, since
///   10⁶ / 10⁻⁶ = 10¹²; a share limit just below 1, whose row carries 1 − ρ, can still break it).
/// Each refusal is a `PlanError` naming the file, line and field, like every other invalid input.
public enum NumericLimits {
    public static let smallestRatio = 1e-6
    public static let smallestWeight = 1e-6
    public static let largestCoefficientRange = 1e12

    /// Ratios and weights of the plan and the rules it applies.
    public static func check(_ loaded: LoadedPlan) throws {
        let plan = loaded.plan
        for rule in loaded.rules {
            func refuse(_ field: String, _ value: Double, _ what: MessageKey) throws {
                guard value != 0 && value < smallestRatio else { return }
                throw PlanError(rule.origin.location(field, or: rule.location), field: rule.origin.field(field),
                                .planRatioTooSmall, .message(Message(what)), .text(plain(value)))
            }
            switch rule.kind {
            case .counterpart(_, _, .value(let ratio), _, _): try refuse("ratio", ratio, .planCounterpartRatio)
            case .counterpart(_, _, .tier, _, _):
                if let ratio = loaded.tierRatio, ratio != 0 && ratio < smallestRatio {
                    throw PlanError(plan.origin.location("tier", or: plan.location), field: plan.origin.field("tier"),
                                    .planTierRatioTooSmall, .text(plan.tier ?? ""), .text(loaded.ruleSet.id), .text(plain(ratio)),
                                    .text(rule.id))
                }
            case .share(_, let atMost, let atLeast, _):
                if let atMost { try refuse("atMost", atMost, .planShareLimit) }
                if let atLeast { try refuse("atLeast", atLeast, .planShareLimit) }
            case .bar, .investmentOnly: continue
            }
        }
        for project in plan.allProjects {
            guard let weight = project.weight, weight != 0 && weight < smallestWeight else { continue }
            throw PlanError(project.origin.location("weight", or: project.location), field: project.origin.field("weight"),
                            .planWeightTooSmall, .text(plain(weight)))
        }
    }

    /// The spread of the compiled program's coefficients.
    public static func check(_ compiled: CompiledPlan, structure: PlanStructure) throws {
        var smallest: (value: Double, row: Int, column: Int)?
        var largest: (value: Double, row: Int, column: Int)?
        for (i, row) in compiled.program.rows.enumerated() {
            for term in row.terms where term.coefficient != 0 {
                let a = abs(term.coefficient)
                if smallest == nil || a < smallest!.value { smallest = (a, i, term.column) }
                if largest == nil || a > largest!.value { largest = (a, i, term.column) }
            }
        }
        guard let smallest, let largest, largest.value / smallest.value > largestCoefficientRange else { return }
        // Blame the coefficient farther from 1: that is the unusual number.
        let odd = 1 / smallest.value >= largest.value ? smallest : largest
        let program = compiled.program
        func name(_ entry: (value: Double, row: Int, column: Int)) -> MessageArgument {
            .message(Message(.planCoefficient, .text(plain(entry.value)), .text(program.rows[entry.row].name),
                             .text(program.columns[entry.column].name)))
        }
        let (location, field) = origin(of: odd.row, column: odd.column, compiled: compiled, structure: structure)
        throw PlanError(location, field: field,
                        .planCoefficientSpread, name(smallest), name(largest), .text(plain(largest.value / smallest.value)))
    }

    /// The plan field a coefficient comes from: a rule's ratio, a project's weight, or the plan as a whole.
    private static func origin(of row: Int, column: Int, compiled: CompiledPlan, structure: PlanStructure) -> (SourceLocation, String) {
        let plan = structure.plan
        switch compiled.rows[row] {
        case .rule(let id, _):
            if let rule = structure.loaded.rules.first(where: { $0.id == id }) {
                let field: String
                switch rule.kind {
                case .share(_, let atMost, _, _): field = atMost != nil ? "atMost" : "atLeast"
                default: field = "ratio"
                }
                return (rule.origin.location(field, or: rule.location), rule.origin.field(field))
            }
        case .stage:
            if case .funded(let code) = compiled.columns[column],
               let project = structure.lineage(code).lazy.compactMap({ structure.project($0) }).first(where: { $0.weight != nil }) {
                return (project.origin.location("weight", or: project.location), project.origin.field("weight"))
            }
        default: break
        }
        return (plan.location, "")
    }

    /// 1e-100, 1e+15, 2.5, 4978: as the loader writes numbers in its messages.
    static func plain(_ value: Double) -> String { MappingReader.plain(value) }
}
