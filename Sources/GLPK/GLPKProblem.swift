import CGLPK
import LinearProgramming

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one owner of a GLPK problem object, and the only type in CoFund that calls `glp_*` routines (here
/// and in its extensions, `GLPKProblem+Integer.swift` for branch and bound).
///
/// Everything outside sees 0-based `Int` indices, `Double.infinity` and Swift enums; the translation to
/// GLPK's 1-based `Int32` indices, `GLP_*` constants and `DBL_MAX` happens here and nowhere else.
///
/// GLPK calls `abort()` when it is misused (index out of range, a name over 255 bytes, duplicate matrix
/// entries, analysis without an optimal basis or of a variable with the wrong basic status…). Every
/// routine below validates its arguments in Swift first and throws a `SolverError` instead.
///
/// GLPK 5.0 on Debian keeps its environment in thread-local storage (`glp_config("TLS")`), and a problem
/// object belongs to the environment of the thread that created it. So an instance may only be used,
/// and must be deleted, on the thread that created it; every call checks this.
final class GLPKProblem {
    /// Used by this type and its extensions only.
    let handle: OpaquePointer
    private let ownerThread: pthread_t
    private(set) var rowCount: Int
    private(set) var columnCount: Int
    private(set) var verbose = false

    /// Creates a GLPK problem holding `program`, which is validated first.
    init(program: LinearProgram, verbose: Bool = false, scaling: Bool = true) throws {
        do { try program.validate() } catch let error as LinearProgramError { throw SolverError.invalidProgram(error) }
        let nonZeros = program.nonZeroCount
        guard nonZeros < Int(Int32.max) else {
            throw SolverError.invalidProgram(.tooLarge(kind: .problem, count: nonZeros, limit: Int(Int32.max) - 1))
        }
        self.verbose = verbose
        ownerThread = pthread_self()
        Self.releaseEnvironmentAtThreadExit()
        Self.setTerminalOutput(verbose)
        handle = glp_create_prob()
        rowCount = program.rows.count
        columnCount = program.columns.count
        load(program, scaling: scaling)
    }

    deinit {
        // Deleting from a foreign thread would corrupt that thread's GLPK environment; leaking is the
        // lesser harm, and the session design makes it unreachable.
        if pthread_equal(pthread_self(), ownerThread) != 0 { glp_delete_prob(handle) }
    }

    /// GLPK's "thread-local storage" configuration word, or nil when this GLPK build is not thread-safe.
    static var threadLocalStorage: String? {
        guard let word = glp_config("TLS") else { return nil }
        return String(cString: word)
    }

    /// The GLPK library version, e.g. "5.0".
    static var version: String { String(cString: glp_version()) }

    /// Frees this thread's GLPK environment (`glp_free_env`). Only for a thread that is about to end and
    /// whose problems are all deleted: a session's worker thread.
    static func releaseThreadEnvironment() {
        _ = glp_free_env()
    }

    /// Frees a thread's GLPK environment when the thread ends, for every thread that ever made a problem:
    /// one-shot solves and sessions placed on the calling thread (a what-if run's worker threads) leave an
    /// environment behind, which valgrind counts as lost once the thread is gone. A session's own worker
    /// frees its environment itself; freeing again finds none and does nothing. Not run for the main
    /// thread, whose environment lives until the process ends.
    private static let environmentKey: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { _ in _ = glp_free_env() }
        precondition(created == 0, "cannot create a thread-specific key for GLPK's environment")
        return key
    }()

    private static func releaseEnvironmentAtThreadExit() {
        // Any non-nil value makes the destructor run at the thread's exit.
        if pthread_getspecific(environmentKey) == nil { pthread_setspecific(environmentKey, UnsafeRawPointer(bitPattern: 1)) }
    }

    // MARK: - Loading

    private func load(_ program: LinearProgram, scaling: Bool) {
        // Names were validated (≤ 255 bytes, no control characters): glp_set_*_name cannot abort.
        glp_set_prob_name(handle, program.name)
        glp_set_obj_name(handle, program.objectiveName)
        glp_set_obj_dir(handle, program.sense == .maximize ? GLP_MAX : GLP_MIN)
        glp_set_obj_coef(handle, 0, program.objectiveConstant)  // index 0 is GLPK's objective constant
        if rowCount > 0 { glp_add_rows(handle, Int32(rowCount)) }
        if columnCount > 0 { glp_add_cols(handle, Int32(columnCount)) }
        for (i, row) in program.rows.enumerated() {
            let glpIndex = Int32(i + 1)  // GLPK rows are 1-based
            glp_set_row_name(handle, glpIndex, row.name)
            Self.applyBounds(row.bounds) { type, lower, upper in glp_set_row_bnds(handle, glpIndex, type, lower, upper) }
        }
        for (j, column) in program.columns.enumerated() {
            let glpIndex = Int32(j + 1)  // GLPK columns are 1-based
            glp_set_col_name(handle, glpIndex, column.name)
            glp_set_obj_coef(handle, glpIndex, column.objective)
            Self.applyBounds(column.bounds) { type, lower, upper in glp_set_col_bnds(handle, glpIndex, type, lower, upper) }
            // The kind changes nothing for the simplex method; glp_intopt and the LP and MPS writers read it.
            if column.isInteger { glp_set_col_kind(handle, glpIndex, GLP_IV) }
        }
        // glp_load_matrix reads arrays from index 1; element 0 is a placeholder.
        let nonZeros = program.nonZeroCount
        var rowIndices = [Int32](repeating: 0, count: nonZeros + 1)
        var columnIndices = [Int32](repeating: 0, count: nonZeros + 1)
        var values = [Double](repeating: 0, count: nonZeros + 1)
        var k = 1
        for (i, row) in program.rows.enumerated() {
            for term in row.terms {
                rowIndices[k] = Int32(i + 1)
                columnIndices[k] = Int32(term.column + 1)
                values[k] = term.coefficient
                k += 1
            }
        }
        glp_load_matrix(handle, Int32(nonZeros), &rowIndices, &columnIndices, &values)
        // glp_load_matrix leaves each row's and column's entries in reverse order, while glpsol's readers
        // leave them sorted; sorting makes simplex ties break as glpsol's do, so both take the same pivots.
        glp_sort_matrix(handle)
        if rowCount > 0 {
            // The same start as glpsol's defaults (automatic scaling, advanced basis), so that results and
            // pivoting match the reference solver the tests compare against. Scaling multiplies and inverts
            // coefficients; one near 1e308 or below the normal range (1e-310) gives a zero scale factor and
            // glp_set_rii aborts. Within [1e-150, 1e150] every such product stays a normal number; a problem
            // with a coefficient outside that range is left unscaled.
            scalable = values.dropFirst().allSatisfy({ $0 == 0 || (1e-150...1e150).contains(abs($0)) })
            if scaling && scalable { glp_scale_prob(handle, GLP_SF_AUTO) }
            glp_adv_basis(handle, 0)
        }
    }

    /// Whether every coefficient lies where GLPK's scaling cannot produce a zero factor (see `load`).
    private var scalable = true

    /// Turns GLPK's automatic scaling on or off for the next solves (`glp_scale_prob`/`glp_unscale_prob`);
    /// the basis is kept.
    func setScaling(_ on: Bool) throws {
        try checkThread()
        guard rowCount > 0 else { return }
        if on && scalable { glp_scale_prob(handle, GLP_SF_AUTO) } else { glp_unscale_prob(handle) }
    }

    /// Which ends of `bounds` GLPK is given as bounds. GLPK itself means "no bound" by ±DBL_MAX, and its
    /// simplex and analysis routines assert on a bound of that value, so ±greatestFiniteMagnitude is
    /// treated like ±infinity (no number lies beyond it, so the constraint is the same).
    static func glpkSides(_ bounds: Bounds) -> (lower: Bool, upper: Bool) {
        (bounds.lower > -.greatestFiniteMagnitude, bounds.upper < .greatestFiniteMagnitude)
    }

    /// Maps infinite ends to GLPK's bound types; an equal pair must be FX (glp_simplex rejects DB with lb = ub).
    private static func applyBounds(_ bounds: Bounds, _ set: (Int32, Double, Double) -> Void) {
        switch glpkSides(bounds) {
        case (false, false): set(GLP_FR, 0, 0)
        case (true, false): set(GLP_LO, bounds.lower, 0)
        case (false, true): set(GLP_UP, 0, bounds.upper)
        case (true, true): set(bounds.lower == bounds.upper ? GLP_FX : GLP_DB, bounds.lower, bounds.upper)
        }
    }

    // MARK: - Changes between solves

    func setRowBounds(_ row: Int, _ bounds: Bounds) throws {
        try checkThread()
        try Self.checkIndex(row, count: rowCount, kind: "row")
        try Self.checkBounds(bounds, what: "row \(row)")
        Self.applyBounds(bounds) { type, lower, upper in glp_set_row_bnds(handle, Int32(row + 1), type, lower, upper) }
    }

    func setColumnBounds(_ column: Int, _ bounds: Bounds) throws {
        try checkThread()
        try Self.checkIndex(column, count: columnCount, kind: "column")
        try Self.checkBounds(bounds, what: "column \(column)")
        Self.applyBounds(bounds) { type, lower, upper in glp_set_col_bnds(handle, Int32(column + 1), type, lower, upper) }
    }

    func setObjectiveCoefficient(_ column: Int, _ value: Double) throws {
        try checkThread()
        try Self.checkIndex(column, count: columnCount, kind: "column")
        guard value.isFinite else { throw SolverError.invalidOption("objective coefficient of column \(column) is \(value)") }
        glp_set_obj_coef(handle, Int32(column + 1), value)
    }

    func setSense(_ sense: ObjectiveSense) throws {
        try checkThread()
        glp_set_obj_dir(handle, sense == .maximize ? GLP_MAX : GLP_MIN)
    }

    // MARK: - Solving

    /// Runs the simplex method from the basis the problem holds (a warm start after the first solve).
    /// `dualFirst` starts with the dual simplex, which is what a change of bounds calls for; its phase 1
    /// restores dual feasibility after an objective change. When it proves that no dual feasible basis
    /// exists it cannot tell an unbounded LP from an infeasible one, so the primal simplex finishes the job.
    ///
    /// The iteration and time limits of `options` bound the whole call: GLPK checks `it_lim` and `tm_lim`
    /// inside its simplex loop, and a second `glp_simplex` call (a restart, or the primal simplex after the
    /// dual one) gets only what the first left over.
    func simplex(options: SolveOptions, dualFirst: Bool, started: Double? = nil) throws -> SolutionStatus {
        try checkThread()
        Self.setTerminalOutput(options.verbose || verbose)
        var parameters = try Self.simplexParameters(options)
        let start = started ?? glp_time()
        parameters.meth = dualFirst ? GLP_DUALP : GLP_PRIMAL
        // GLPK's iteration counter runs on across solves of one problem; count this solve's only.
        glp_set_it_cnt(handle, 0)
        var code = glp_simplex(handle, &parameters)
        if code == GLP_EBADB || code == GLP_ESING || code == GLP_ECOND {
            // The stored basis cannot be factorized (e.g. after bound changes made it singular in practice):
            // start again from an advanced basis rather than give up.
            if rowCount > 0 { glp_adv_basis(handle, 0) }
            Self.spend(&parameters, options: options, since: start, iterations: Int(glp_get_it_cnt(handle)))
            code = glp_simplex(handle, &parameters)
        }
        if dualFirst && code == 0 && glp_get_dual_stat(handle) == GLP_NOFEAS && glp_get_prim_stat(handle) != GLP_FEAS {
            // Dual infeasible, primal status unknown: without this a warm re-solve of an unbounded LP ends
            // "infeasible or unbounded" where a cold solve says "unbounded".
            Self.spend(&parameters, options: options, since: start, iterations: Int(glp_get_it_cnt(handle)))
            parameters.meth = GLP_PRIMAL
            code = glp_simplex(handle, &parameters)
        }
        return try status(afterReturnCode: code)
    }

    /// Whether the basis the problem holds is primal feasible for its bounds now (`glp_warm_up` computes its
    /// values); false when it cannot be factorized, or for an empty problem (the simplex's own trivial case).
    func basisIsPrimalFeasible() throws -> Bool {
        try checkThread()
        guard rowCount > 0 && columnCount > 0 else { return false }
        return glp_warm_up(handle) == 0 && glp_get_prim_stat(handle) == GLP_FEAS
    }

    /// Milliseconds on GLPK's clock (`glp_time`), for limits that span several GLPK calls.
    static func now() -> Double { glp_time() }

    /// Lowers the limits in `parameters` to what is left of `options`' after `iterations` iterations and
    /// the time since `start`.
    private static func spend(_ parameters: inout glp_smcp, options: SolveOptions, since start: Double, iterations: Int) {
        if let limit = options.iterationLimit { parameters.it_lim = Int32(max(0, limit - iterations)) }
        if let seconds = options.timeLimitSeconds {
            let left = (seconds * 1000).rounded(.up) - glp_difftime(glp_time(), start) * 1000
            parameters.tm_lim = Int32(max(0, min(left, Double(Int32.max))))
        }
    }

    /// Re-solves from the current basis in exact rational arithmetic (`glp_exact`).
    /// `started` (from `now()`) charges the time already spent by the floating-point solve to the limit.
    func exact(options: SolveOptions, started: Double? = nil) throws -> SolutionStatus {
        try checkThread()
        guard rowCount > 0 && columnCount > 0 else { return try status(afterReturnCode: 0) }  // glp_exact rejects empty problems
        Self.setTerminalOutput(options.verbose || verbose)
        var parameters = try Self.simplexParameters(options)
        if let started { Self.spend(&parameters, options: options, since: started, iterations: 0) }
        return try status(afterReturnCode: glp_exact(handle, &parameters))
    }

    private static func simplexParameters(_ options: SolveOptions) throws -> glp_smcp {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
        if let limit = options.iterationLimit {
            guard limit >= 0 && limit <= Int(Int32.max) else { throw SolverError.invalidOption("iteration limit \(limit)") }
            parameters.it_lim = Int32(limit)
        }
        if let seconds = options.timeLimitSeconds {
            guard seconds.isFinite && seconds >= 0 && seconds * 1000 <= Double(Int32.max) else {
                throw SolverError.invalidOption("time limit \(seconds) s")
            }
            parameters.tm_lim = Int32((seconds * 1000).rounded(.up))
        }
        return parameters
    }

    /// Reads GLPK's return code and then the solution status: two separate steps, as GLPK intends.
    private func status(afterReturnCode code: Int32) throws -> SolutionStatus {
        switch code {
        case 0: break
        case GLP_EITLIM: return .iterationLimit
        case GLP_ETMLIM: return .timeLimit
        case GLP_ESING, GLP_ECOND, GLP_EFAIL, GLP_EBADB: return .numericalTrouble
        case GLP_EBOUND: throw SolverError.solverFailure("a double-bounded variable has incorrect bounds")
        default: throw SolverError.solverFailure("glp_simplex returned code \(code)")
        }
        let primal = glp_get_prim_stat(handle)
        let dual = glp_get_dual_stat(handle)
        switch glp_get_status(handle) {
        case GLP_OPT: return .optimal
        case GLP_NOFEAS: return .infeasible
        case GLP_UNBND: return .unbounded
        default:
            if primal == GLP_NOFEAS { return .infeasible }
            if dual == GLP_NOFEAS { return primal == GLP_FEAS ? .unbounded : .infeasibleOrUnbounded }
            return .numericalTrouble
        }
    }

    /// Copies GLPK's basic solution into a `Solution` value.
    func readSolution(status: SolutionStatus) throws -> Solution {
        try checkThread()
        var columnValues = [Double](repeating: 0, count: columnCount)
        var reducedCosts = [Double](repeating: 0, count: columnCount)
        var columnBasis = [BasisStatus](repeating: .basic, count: columnCount)
        for j in 0..<columnCount {
            let glpIndex = Int32(j + 1)
            columnValues[j] = glp_get_col_prim(handle, glpIndex)
            reducedCosts[j] = glp_get_col_dual(handle, glpIndex)
            columnBasis[j] = Self.basisStatus(glp_get_col_stat(handle, glpIndex))
        }
        var rowActivities = [Double](repeating: 0, count: rowCount)
        var rowDuals = [Double](repeating: 0, count: rowCount)
        var rowBasis = [BasisStatus](repeating: .basic, count: rowCount)
        for i in 0..<rowCount {
            let glpIndex = Int32(i + 1)
            rowActivities[i] = glp_get_row_prim(handle, glpIndex)
            rowDuals[i] = glp_get_row_dual(handle, glpIndex)
            rowBasis[i] = Self.basisStatus(glp_get_row_stat(handle, glpIndex))
        }
        return Solution(
            status: status, objective: glp_get_obj_val(handle), columnValues: columnValues, reducedCosts: reducedCosts,
            rowActivities: rowActivities, rowDuals: rowDuals, columnBasis: columnBasis, rowBasis: rowBasis,
            iterations: Int(glp_get_it_cnt(handle)))
    }

    /// The statuses GLPK holds for every column and row (`glp_get_col_stat`, `glp_get_row_stat`).
    func basis() throws -> Basis {
        try checkThread()
        return Basis(columns: (0..<columnCount).map { Self.basisStatus(glp_get_col_stat(handle, Int32($0 + 1))) },
                     rows: (0..<rowCount).map { Self.basisStatus(glp_get_row_stat(handle, Int32($0 + 1))) })
    }

    /// Sets every status (`glp_set_col_stat`, `glp_set_row_stat`; 1-based indices). GLPK quietly corrects a
    /// non-basic status that does not fit a variable's bounds; a basis with the wrong number of basic
    /// variables is refused by glp_simplex (GLP_EBADB), which `simplex` answers by starting over from an
    /// advanced basis. So a foreign basis can slow a solve down, never abort it.
    func setBasis(_ basis: Basis) throws {
        try checkThread()
        guard basis.columns.count == columnCount, basis.rows.count == rowCount else {
            throw SolverError.invalidOption("a basis of \(basis.columns.count) columns and \(basis.rows.count) rows "
                + "for a problem of \(columnCount) columns and \(rowCount) rows")
        }
        for (j, status) in basis.columns.enumerated() { glp_set_col_stat(handle, Int32(j + 1), Self.glpkStatus(status)) }
        for (i, status) in basis.rows.enumerated() { glp_set_row_stat(handle, Int32(i + 1), Self.glpkStatus(status)) }
    }

    private static func glpkStatus(_ status: BasisStatus) -> Int32 {
        switch status {
        case .basic: GLP_BS
        case .atLower: GLP_NL
        case .atUpper: GLP_NU
        case .free: GLP_NF
        case .fixed: GLP_NS
        }
    }

    private static func basisStatus(_ code: Int32) -> BasisStatus {
        switch code {
        case GLP_BS: .basic
        case GLP_NL: .atLower
        case GLP_NU: .atUpper
        case GLP_NF: .free
        default: .fixed  // GLP_NS
        }
    }

    // MARK: - Post-optimal analysis

    /// Whether the last solve left an optimal basis whose factorization GLPK can use for analysis;
    /// refactorizes when needed (after an exact re-solve, for instance).
    func prepareForAnalysis() throws {
        try checkThread()
        guard glp_get_status(handle) == GLP_OPT else {
            throw SolverError.noOptimalSolution(try status(afterReturnCode: 0))
        }
        if rowCount > 0 && glp_bf_exists(handle) == 0 {
            let code = glp_factorize(handle)
            guard code == 0 else { throw SolverError.solverFailure("the optimal basis could not be factorized (code \(code))") }
        }
    }

    /// `glp_analyze_bound` for a non-basic row or column: the activity range with the same basis and the
    /// variables that limit each end. GLPK aborts for a basic variable, so that is checked first.
    func analyzeBound(_ variable: Variable) throws -> (lower: Double, lowerLimit: Variable?, upper: Double, upperLimit: Variable?) {
        let k = try glpkVariableIndex(variable)
        guard try basisStatus(variable) != .basic else {
            throw SolverError.solverFailure("bound analysis applies to non-basic variables only")
        }
        var value1 = 0.0, value2 = 0.0
        var var1: Int32 = 0, var2: Int32 = 0
        glp_analyze_bound(handle, k, &value1, &var1, &value2, &var2)
        return (Self.fromGLPK(value1), limitingVariable(fromGLPK: var1), Self.fromGLPK(value2), limitingVariable(fromGLPK: var2))
    }

    /// `glp_analyze_coef` for a basic row or column: the objective-coefficient range with the same basis,
    /// the variables that enter at each end and the variable's value there. GLPK aborts for a non-basic one.
    func analyzeCoefficient(_ variable: Variable) throws -> (
        lowerCoefficient: Double, lowerLimit: Variable?, valueAtLower: Double,
        upperCoefficient: Double, upperLimit: Variable?, valueAtUpper: Double
    ) {
        let k = try glpkVariableIndex(variable)
        guard try basisStatus(variable) == .basic else {
            throw SolverError.solverFailure("coefficient analysis applies to basic variables only")
        }
        var coef1 = 0.0, coef2 = 0.0, value1 = 0.0, value2 = 0.0
        var var1: Int32 = 0, var2: Int32 = 0
        glp_analyze_coef(handle, k, &coef1, &var1, &value1, &coef2, &var2, &value2)
        return (Self.fromGLPK(coef1), limitingVariable(fromGLPK: var1), Self.fromGLPK(value1),
                Self.fromGLPK(coef2), limitingVariable(fromGLPK: var2), Self.fromGLPK(value2))
    }

    private func basisStatus(_ variable: Variable) throws -> BasisStatus {
        switch variable {
        case .row(let i): Self.basisStatus(glp_get_row_stat(handle, Int32(i + 1)))
        case .column(let j): Self.basisStatus(glp_get_col_stat(handle, Int32(j + 1)))
        }
    }

    /// GLPK numbers rows 1…m and columns m+1…m+n in its analysis routines.
    private func glpkVariableIndex(_ variable: Variable) throws -> Int32 {
        try checkThread()
        guard glp_get_status(handle) == GLP_OPT else { throw SolverError.noOptimalSolution(try status(afterReturnCode: 0)) }
        guard rowCount == 0 || glp_bf_exists(handle) != 0 else { throw SolverError.solverFailure("basis factorization missing") }
        switch variable {
        case .row(let i):
            try Self.checkIndex(i, count: rowCount, kind: "row")
            return Int32(i + 1)
        case .column(let j):
            try Self.checkIndex(j, count: columnCount, kind: "column")
            return Int32(rowCount + j + 1)
        }
    }

    private func limitingVariable(fromGLPK k: Int32) -> Variable? {
        let k = Int(k)
        if k <= 0 { return nil }
        return k <= rowCount ? .row(k - 1) : .column(k - rowCount - 1)
    }

    /// GLPK reports "no limit" as ±DBL_MAX.
    private static func fromGLPK(_ value: Double) -> Double {
        if value >= Double.greatestFiniteMagnitude { return .infinity }
        if value <= -Double.greatestFiniteMagnitude { return -.infinity }
        return value
    }

    // MARK: - Files

    /// Writes the problem in CPLEX LP format (`glp_write_lp`). The caller handles atomic replacement.
    func writeCPLEX(to path: String) throws {
        try checkThread()
        Self.setTerminalOutput(verbose)
        errno = 0
        guard glp_write_lp(handle, nil, path) == 0 else { throw SolverError.ioFailure(path: path, reason: Self.lastSystemError()) }
    }

    /// Writes the problem in free MPS format (`glp_write_mps`), which keeps names and column order.
    func writeFreeMPS(to path: String) throws {
        try checkThread()
        Self.setTerminalOutput(verbose)
        errno = 0
        guard glp_write_mps(handle, GLP_MPS_FILE, nil, path) == 0 else {
            throw SolverError.ioFailure(path: path, reason: Self.lastSystemError())
        }
    }

    /// GLPK reports write failures only on its terminal; the system's reason is still in errno.
    private static func lastSystemError() -> String {
        errno == 0 ? "the file could not be written" : String(cString: strerror(errno))
    }

    // MARK: - Checks

    func checkThread() throws {
        guard pthread_equal(pthread_self(), ownerThread) != 0 else { throw SolverError.wrongThread }
    }

    private static func checkIndex(_ index: Int, count: Int, kind: String) throws {
        guard index >= 0 && index < count else { throw SolverError.indexOutOfRange(kind: kind, index: index, count: count) }
    }

    private static func checkBounds(_ bounds: Bounds, what: String) throws {
        guard !bounds.lower.isNaN, !bounds.upper.isNaN, bounds.lower != .infinity, bounds.upper != -.infinity,
              bounds.lower <= bounds.upper
        else { throw SolverError.invalidOption("bounds [\(bounds.lower), \(bounds.upper)] of \(what)") }
    }

    /// GLPK's terminal output is a per-thread environment setting; CoFund keeps it off unless asked, and
    /// when asked sends it to standard error so that it never mixes with a report on standard output.
    static func setTerminalOutput(_ on: Bool) {
        _ = glp_term_out(on ? GLP_ON : GLP_OFF)
        if on { glp_term_hook(writeToStandardError, nil) }
    }

    /// A `glp_term_hook` callback: GLPK's text to standard error; returning 1 suppresses GLPK's own printing.
    private static let writeToStandardError: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32 = { _, text in
        if let text { _ = write(STDERR_FILENO, text, strlen(text)) }
        return 1
    }
}
