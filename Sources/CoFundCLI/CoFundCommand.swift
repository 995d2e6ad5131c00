import ArgumentParser
import Foundation

/// `cofund`: budget allocation for Vietnam's poverty-reduction programme.
@main
struct CoFundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cofund",
        abstract: "Allocate poverty-reduction programme funds so that every co-funding rule holds, and explain the answer.",
        discussion: """
            Exit codes:
              0   solved: an allocation meets every rule; check: nothing wrong (some figures may agree only within rounding)
              1   infeasible: no allocation meets every rule (the report, with a diagnosis, is still written)
              2   missing inputs: the plan does not state amounts the allocation needs (the report lists them)
              3   the solver stopped early (iteration or time limit, numerical trouble)
              4   check: the plan as written has errors (the report lists them)
              64  usage error (unknown option, bad argument)
              65  invalid plan or rule set (the message names the file, line and field)
              70  internal error (please report it)
              73  an output file cannot be written (nothing is left half-written)
            """,
        version: "0.1.0",
        subcommands: [SolveCommand.self, CheckCommand.self, ExportCommand.self, WhatIfCommand.self, SweepCommand.self, DistributeCommand.self]
    )

    /// ArgumentParser's own `main`, except that a usage error is said in the reader's language (`UsageErrors`);
    /// help, version and every error of a running command go out exactly as ArgumentParser writes them.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            let code = exitCode(for: error)
            let language = UsageErrors.language(of: arguments)
            guard code != .success else { exit(withError: error) }
            let english = UsageErrors.negativeValue(fullMessage(for: error), arguments: arguments, in: language)
            FileHandle.standardError.write(Data((UsageErrors.message(english, in: language) + "\n").utf8))
            Foundation.exit(code.rawValue)
        }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
