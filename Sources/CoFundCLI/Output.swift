import ArgumentParser
import CoFund
import LinearProgramming
import OutputFiles

/// Messages go to standard error; files go through one `OutputTransaction` per command, so every file a
/// command writes appears whole, all together, or not at all.
enum Output {
    static func error(_ message: String) {
        StandardOutput.writeError("cofund: " + message + "\n")
    }

    /// The files one command writes, each with the flag that named it. The targets are checked as soon
    /// as the inputs are known, before any work is done, so a bad output path costs nothing.
    struct Files {
        private let transaction: OutputTransaction
        private let named: [(flag: String, path: String)]

        init(_ named: [(flag: String, path: String?)], inputs: LoadedPlan) throws {
            self.named = named.compactMap { item in item.path.map { (item.flag, $0) } }
            transaction = OutputTransaction(inputs: [inputs.planPath, inputs.ruleSetPath])
            try Output.guarded(flag: nil) { try transaction.checkTargets(self.named.map(\.path)) }
        }

        /// Stages one file through a writer that takes a file name (GLPK's), naming the user's path in errors.
        func stage(_ path: String, _ produce: (String) throws -> Void) throws {
            try Output.guarded(flag: flag(for: path)) {
                try transaction.stage(path) { temporary in
                    do { try produce(temporary) } catch SolverError.ioFailure(_, let reason) {
                        throw OutputFileError.cannotWrite(path: path, reason: reason)
                    }
                }
            }
        }

        func stage(_ path: String, text: String) throws {
            try Output.guarded(flag: flag(for: path)) { try transaction.stage(path, text: text) }
        }

        /// Puts every staged file in place (all or none).
        func commit() throws { try Output.guarded(flag: nil) { try transaction.commit() } }

        private func flag(for path: String) -> String? { named.first { $0.path == path }?.flag }
    }

    /// Writes `text` to the file `path` through `files`, or to standard output when `path` is nil.
    static func write(_ text: String, to path: String?, files: Files) throws {
        if let path {
            try files.stage(path, text: text)
            try files.commit()
        } else {
            try guarded(flag: nil) { try StandardOutput.write(text) }
        }
    }

    /// Turns a refused or failed write into its message and exit code 73.
    private static func guarded(flag: String?, _ body: () throws -> Void) throws {
        do { try body() } catch let error as OutputFileError {
            Output.error(error.description)
            throw CoFundExit.cannotWrite
        }
    }

    /// Loads a plan, turning every input problem into a located message and exit code 65.
    static func loadPlan(_ path: String) throws -> LoadedPlan {
        if let bad = path.unicodeScalars.first(where: OutputPath.isControl) {
            Output.error("\(OutputPath.displayed(path)): the plan's path contains a control character (\(OutputPath.displayed(String(bad))))")
            throw CoFundExit.invalidPlan
        }
        do {
            return try PlanLoader.load(path: path)
        } catch let error as PlanError {
            Output.error(error.description)
            throw CoFundExit.invalidPlan
        }
    }

    /// Structures and compiles a loaded plan once for the command (exit 65 when a number is too small or
    /// too far from the others to solve reliably: what solve refuses, export refuses too).
    static func prepare(_ loaded: LoadedPlan) throws -> PreparedPlan {
        do {
            return try PreparedPlan(loaded)
        } catch {
            throw fail(error)
        }
    }

    /// Reports an unexpected failure (a solver failure or a failed re-check) with exit code 70.
    static func fail(_ error: any Error) -> ExitCode {
        if let planError = error as? PlanError {
            Output.error(planError.description)
            return CoFundExit.invalidPlan
        }
        if let outputError = error as? OutputFileError {
            Output.error(outputError.description)
            return CoFundExit.cannotWrite
        }
        Output.error("internal error: \(error)")
        return CoFundExit.internalError
    }
}
