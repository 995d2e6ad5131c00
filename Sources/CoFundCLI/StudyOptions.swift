import ArgumentParser
import Foundation
import CoFund
import GLPK
import LinearProgramming

/// What `whatif` and `sweep` take alike: they solve many plans, each as `solve` solves one.
struct StudyOptions: ParsableArguments {
    @Option(name: .long, help: "Solve on this many threads (default: the number of cores). The output is the same for any number.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Keep the continuous optimum: amounts are not rounded to whole units of the plan.")
    var exactAmounts = false

    @Option(name: .long, help: "Stop after this many seconds in the solver, for each plan solved (default 60).")
    var timeLimit: Double = SolveOptions.defaultTimeLimitSeconds

    /// Called by each command's `validate()`, which knows the reader's language.
    func validate(_ input: PlanArgument) throws {
        guard (1...256).contains(threads) else { throw input.usage(.usageThreads) }
        guard timeLimit.isFinite && timeLimit > 0 && timeLimit <= 1_000_000 else { throw input.usage(.usageTimeLimit) }
    }

    /// The solver every plan of the study is solved with.
    var solver: PlanSolver<GLPKSolver> {
        PlanSolver(factory: GLPKSolver(), options: SolveOptions(timeLimitSeconds: timeLimit), wholeUnits: !exactAmounts)
    }
}
