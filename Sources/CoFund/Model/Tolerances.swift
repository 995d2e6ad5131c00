/// Every tolerance CoFund applies to plan figures, named once with the reason for its value. Amounts are
/// in the plan's unit (million VND): 1e-6 of a million is one đồng.
public enum Tolerances {
    /// How far a lexicographic stage may give up its optimum for the next one, relative to the optimum's
    /// size (plans may set their own `objective.tolerance`). Far below a đồng on any programme, and still
    /// above GLPK's feasibility tolerance (1e-7 relative after scaling), so a held optimum is never
    /// declared infeasible by round-off.
    public static let stageHold = 1e-9

    /// Solver round-off in a reported amount: a column value below this is a true zero. GLPK's primal
    /// values carry errors around 1e-13 to 1e-10 on plans of this size; a real allocation is at least a đồng.
    public static let zeroAmount = 1e-9

    /// How far the independent re-check lets an allocation miss a requirement, relative to the
    /// requirement (and at least absolutely): one đồng per million. Above the solver's own tolerance
    /// (1e-7 relative, unscaled), so a correct optimum always passes; far below any slip a person makes.
    public static let recheck = 1e-6

    /// A requirement is binding when its slack is within this of zero (relative), for the same reason.
    public static let binding = 1e-6

    /// A repair of the diagnosis smaller than this is solver noise, not a change to propose: GLPK's
    /// feasibility tolerance on the elastic program.
    public static let repair = 1e-7

    /// Reports write money to one decimal (hundreds of thousands of đồng); anything below half of that
    /// prints as 0 rather than as "-0" or "0".
    public static let printedZero = 0.05

    /// Shadow prices and weights are printed to four decimals; below this they are zero.
    public static let printedZeroNumber = 1e-12
}
