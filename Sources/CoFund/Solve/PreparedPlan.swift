/// A plan made ready for any analysis, once: loaded and validated, its structure indexed, its missing
/// inputs found, and (when nothing is missing) its program compiled and checked against the numeric
/// limits. `solve`, `export` and every later command start from one, so none builds the structure or
/// looks for missing inputs a second time.
public struct PreparedPlan: Sendable {
    public let loaded: LoadedPlan
    public let structure: PlanStructure
    /// Amounts the plan does not state; when there are any, there is no program to solve.
    public let missingInputs: [MissingInput]
    /// The compiled program, when nothing is missing.
    public let compiled: CompiledPlan?

    /// Throws a `PlanError` naming the field when a number is too small or too far from the others to
    /// solve reliably (see `NumericLimits`).
    public init(_ loaded: LoadedPlan) throws {
        self.loaded = loaded
        structure = PlanStructure(loaded)
        missingInputs = structure.missingInputs
        guard missingInputs.isEmpty else {
            compiled = nil
            return
        }
        try NumericLimits.check(loaded)
        let compiled = try PlanCompiler(structure).compile()
        try NumericLimits.check(compiled, structure: structure)
        self.compiled = compiled
    }
}
