import ArgumentParser
import CoFund

/// The documented exit codes (see `cofund --help`).
enum CoFundExit {
    static let solved = ExitCode(0)
    static let infeasible = ExitCode(1)
    static let missingInputs = ExitCode(2)
    static let unfinished = ExitCode(3)
    /// `check` found errors in the plan as written (the report lists them).
    static let checkFoundErrors = ExitCode(4)
    static let invalidPlan = ExitCode(65)
    static let internalError = ExitCode(70)
    static let cannotWrite = ExitCode(73)

    static func forOutcome(_ outcome: PlanOutcome) -> ExitCode {
        switch outcome {
        case .solved: solved
        case .infeasible: infeasible
        case .missingInputs: missingInputs
        case .unfinished: unfinished
        }
    }
}
