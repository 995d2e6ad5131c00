import ArgumentParser
import CoFund
import Foundation
import LinearProgramming

/// Writing results and errors: files appear whole or not at all, and messages go to standard error.
enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("cofund: " + message + "\n").utf8))
    }

    /// Writes `text` to `path` through a temporary file in the same folder and a rename, or to standard
    /// output when `path` is nil.
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            Output.error("cannot write '\(path)': \(reason(error, path: path))")
            throw CoFundExit.cannotWrite
        }
    }

    /// The system's words for a failed write ("No such file or directory"), as export and the shell give them.
    private static func reason(_ error: any Error, path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) { return "No such file or directory" }
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return error.localizedDescription
    }

    /// Loads a plan, turning every input problem into a located message and exit code 65.
    static func loadPlan(_ path: String) throws -> LoadedPlan {
        do {
            return try PlanLoader.load(path: path)
        } catch let error as PlanError {
            Output.error(error.description)
            throw CoFundExit.invalidPlan
        }
    }

    /// Reports an unexpected failure (a solver failure or a failed re-check) with exit code 70.
    static func fail(_ error: any Error) -> ExitCode {
        if let planError = error as? PlanError {
            Output.error(planError.description)
            return CoFundExit.invalidPlan
        }
        if case SolverError.ioFailure = error {
            Output.error("\(error)")
            return CoFundExit.cannotWrite
        }
        Output.error("internal error: \(error)")
        return CoFundExit.internalError
    }
}
