import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import CoFund
import LinearProgramming
import OutputFiles

/// What a command says and writes, in the reader's language: messages go to standard error through the
/// message catalogue; files go through one `OutputTransaction` per command, so every file a command
/// writes appears whole, all together, or not at all.
struct Output {
    let words: Localizer

    init(_ language: Language) { words = Localizer(language) }

    func error(_ message: Message) {
        StandardOutput.writeError(words.text(Message(.commandError, .message(message))) + "\n")
    }

    /// The files one command writes, each with the flag that named it. The targets are checked as soon
    /// as the inputs are known, before any work is done, so a bad output path costs nothing.
    struct Files {
        private let transaction: OutputTransaction
        private let named: [(flag: String, path: String)]
        private let output: Output

        /// `otherInputs`: files read besides the plan's (a scenario file), which no output may replace either.
        init(_ named: [(flag: String, path: String?)], inputs: LoadedPlan, otherInputs: [String] = [], output: Output) throws {
            self.named = named.compactMap { item in item.path.map { (item.flag, $0) } }
            self.output = output
            transaction = OutputTransaction(inputs: inputs.inputPaths + otherInputs)
            try output.guarded { try transaction.checkTargets(self.named.map(\.path)) }
        }

        /// Stages one file through a writer that takes a file name (GLPK's), naming the user's path in errors.
        func stage(_ path: String, _ produce: (String) throws -> Void) throws {
            try output.guarded {
                try transaction.stage(path) { temporary in
                    do { try produce(temporary) } catch SolverError.ioFailure(_, let reason) {
                        throw OutputFileError.cannotWrite(path: path, reason: .system(reason))
                    }
                }
            }
        }

        /// Stages a file whose content is written piece by piece through `append`.
        func stageAppending(_ path: String, _ produce: (_ append: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
            try output.guarded { try transaction.stageAppending(path, produce) }
        }

        func stage(_ path: String, text: String) throws {
            try output.guarded { try transaction.stage(path, text: text) }
        }

        /// Puts every staged file in place (all or none).
        func commit() throws { try output.guarded { try transaction.commit() } }
    }

    /// Renders `report` in the reader's language into the file `path` through `files`, or to standard
    /// output when `path` is nil. The text goes out as it is rendered, block by block: a national
    /// distribution's report is tens of megabytes that need never be held whole.
    func write(_ report: Report, as format: ReportFormat, to path: String?, files: Files, threads: Int = 1) throws {
        func render(_ append: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
            let stream = ReportStream(deliver: append)
            ReportRenderer.write(report, format: format, language: words.language, to: stream, threads: threads)
            try stream.finish()
        }
        if let path {
            try files.stageAppending(path) { append in try withoutActuallyEscaping(append) { try render($0) } }
            try files.commit()
        } else {
            // Other files staged (solve --write) appear before the report says they were written.
            try files.commit()
            try guarded { try render { try StandardOutput.write(bytes: $0) } }
        }
    }

    /// Turns a refused or failed write into its message and exit code 73.
    func guarded(_ body: () throws -> Void) throws {
        do { try body() } catch let error as OutputFileError {
            self.error(Self.message(error))
            throw CoFundExit.cannotWrite
        }
    }

    /// Loads a plan, turning every input problem into a located message and exit code 65.
    func loadPlan(_ path: String) throws -> LoadedPlan {
        if let bad = path.unicodeScalars.first(where: OutputPath.isControl) {
            error(Message(.planPathControl, .text(path), .text(String(bad))))
            throw CoFundExit.invalidPlan
        }
        do {
            return try PlanLoader.load(path: path)
        } catch let planError as PlanError {
            error(planError.located)
            throw CoFundExit.invalidPlan
        } catch let planErrors as PlanErrors {
            // Several problems found in one pass (the rows of an area table): each on its own line.
            for planError in planErrors.errors { error(planError.located) }
            throw CoFundExit.invalidPlan
        }
    }

    /// Structures and compiles a loaded plan once for the command (exit 65 when a number is too small or
    /// too far from the others to solve reliably: what solve refuses, export refuses too).
    func prepare(_ loaded: LoadedPlan) throws -> PreparedPlan {
        do {
            return try PreparedPlan(loaded)
        } catch {
            throw fail(error)
        }
    }

    /// Reports a failure with its exit code: an invalid plan (65), a file not written (73), anything else
    /// an internal error (70).
    func fail(_ failure: any Error) -> ExitCode {
        if let exit = failure as? ExitCode { return exit }
        if let planError = failure as? PlanError {
            error(planError.located)
            return CoFundExit.invalidPlan
        }
        if let planErrors = failure as? PlanErrors {
            for planError in planErrors.errors { error(planError.located) }
            return CoFundExit.invalidPlan
        }
        if let outputError = failure as? OutputFileError {
            error(Self.message(outputError))
            return CoFundExit.cannotWrite
        }
        error(Message(.internalError, .localized(LocalizedText(vi: "\(failure)", en: "\(failure)"))))
        return CoFundExit.internalError
    }

    /// A refused or failed write in catalogue words. Paths are shown as given, control characters escaped.
    static func message(_ error: OutputFileError) -> Message {
        switch error {
        case .cannotWrite(StandardOutput.name, let reason):
            return Message(.outputCannotWriteStandard, .message(message(reason)))
        case .invalidPath(let path, let reason), .cannotWrite(let path, let reason):
            return Message(.outputCannotWrite, .text(path), .message(message(reason)))
        case .notRegularFile(let path, let kind):
            return Message(.outputNotRegular, .text(path), .message(Message(kindKey(kind))))
        case .isInput(let path, let input): return Message(.outputIsInput, .text(path), .text(input))
        case .sameFileTwice(let path, let other): return Message(.outputSameFileTwice, .text(path), .text(other))
        case .interrupted(let path): return Message(.outputInterrupted, .text(path))
        }
    }

    private static func message(_ reason: OutputFileError.Reason) -> Message {
        switch reason {
        case .emptyPath: Message(.reasonEmptyPath)
        case .controlCharacter(let shown): Message(.reasonControlCharacter, .text(shown))
        case .folderMissing(let folder): Message(.reasonFolderMissing, .text(folder))
        case .notAFolder(let folder): Message(.reasonNotAFolder, .text(folder))
        case .danglingLink: Message(.reasonDanglingLink)
        case .noTemporaryFile: Message(.reasonNoTemporaryFile)
        case .system(let words): Message(.labelledText, .text(words))
        case .systemError(let code): systemMessage(code, reason.description)
        }
    }

    /// The system's reason in the reader's language; one the catalogue does not know keeps the system's
    /// (English) words and its number.
    private static func systemMessage(_ code: Int32, _ words: String) -> Message {
        let known: [Int32: MessageKey] = [
            ENOENT: .reasonNoSuchFile, EACCES: .reasonPermission, EPERM: .reasonNotPermitted, ENOSPC: .reasonDiskFull,
            EDQUOT: .reasonQuota, EROFS: .reasonReadOnly, EISDIR: .reasonIsFolder, ENOTDIR: .reasonPathNotFolder,
            ENAMETOOLONG: .reasonNameTooLong, ELOOP: .reasonLinkLoop, EIO: .reasonInputOutput, EMFILE: .reasonTooManyFiles,
            ENFILE: .reasonTooManyFiles, EFBIG: .reasonFileTooLarge, EBUSY: .reasonBusy, ETXTBSY: .reasonBusy, EPIPE: .reasonReaderClosed,
        ]
        return known[code].map { Message($0) } ?? Message(.reasonSystemOther, .text(words), .integer(Int(code)))
    }

    private static func kindKey(_ kind: FileKind) -> MessageKey {
        switch kind {
        case .regular: .kindRegular
        case .directory: .kindDirectory
        case .characterDevice: .kindCharacterDevice
        case .blockDevice: .kindBlockDevice
        case .fifo: .kindFifo
        case .socket: .kindSocket
        case .symbolicLink: .kindSymbolicLink
        case .other: .kindOther
        }
    }
}
