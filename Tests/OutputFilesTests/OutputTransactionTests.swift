import Foundation
import Testing
@testable import OutputFiles

#if canImport(Glibc)
import Glibc
#endif

/// A fresh folder per test, removed afterwards.
final class Folder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cofund-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    /// Every name in the folder, hidden ones included (temporary files start with a dot).
    var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
    func read(_ name: String) -> String? { try? String(contentsOfFile: path(name), encoding: .utf8) }
}

func writeOne(_ path: String, _ text: String, inputs: [String] = []) throws {
    let transaction = OutputTransaction(inputs: inputs)
    try transaction.stage(path, text: text)
    try transaction.commit()
}

@Suite("OutputTransaction: files appear whole or not at all, and nothing but regular files is replaced")
struct OutputTransactionTests {
    @Test("A new file and a replaced file get their content; no temporary file stays behind")
    func writesAndReplaces() throws {
        let folder = try Folder()
        try writeOne(folder.path("r.txt"), "first")
        #expect(folder.read("r.txt") == "first")
        try writeOne(folder.path("r.txt"), "second")
        #expect(folder.read("r.txt") == "second")
        #expect(folder.names == ["r.txt"])
    }

    @Test("A replaced file keeps its permissions; a new one gets the umask's")
    func permissions() throws {
        let folder = try Folder()
        let path = folder.path("r.txt")
        try writeOne(path, "one")
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o666 & ~POSIX.currentUmask())
        chmod(path, 0o640)
        try writeOne(path, "two")
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o640)
    }

    @Test("A directory at the target survives untouched, with everything in it")
    func directoryUntouched() throws {
        let folder = try Folder()
        let directory = folder.path("reports")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        try "keep".write(toFile: directory + "/inside.txt", atomically: false, encoding: .utf8)
        #expect(throws: OutputFileError.notRegularFile(path: directory, kind: .directory)) { try writeOne(directory, "x") }
        #expect(try String(contentsOfFile: directory + "/inside.txt", encoding: .utf8) == "keep")
        #expect(folder.names == ["reports"])
    }

    @Test("A FIFO and a device node stay what they are")
    func specialFilesUntouched() throws {
        let folder = try Folder()
        let fifo = folder.path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: OutputFileError.notRegularFile(path: fifo, kind: .fifo)) { try writeOne(fifo, "x") }
        var info = stat()
        lstat(fifo, &info)
        #expect(info.st_mode & S_IFMT == S_IFIFO)

        // A character device like /dev/null (1, 3), made in the test's own folder: only root may.
        let device = folder.path("null")
        if mknod(device, S_IFCHR | 0o600, dev_t((1 << 8) | 3)  /* makedev(1, 3), a macro Swift cannot see */) == 0 {
            #expect(throws: OutputFileError.notRegularFile(path: device, kind: .characterDevice)) { try writeOne(device, "x") }
            lstat(device, &info)
            #expect(info.st_mode & S_IFMT == S_IFCHR)
        }
        #expect(folder.names.allSatisfy { $0 == "pipe" || $0 == "null" })
    }

    @Test("A symbolic link to a regular file: the file is replaced, the link kept")
    func symbolicLink() throws {
        let folder = try Folder()
        try writeOne(folder.path("real.txt"), "old")
        #expect(symlink(folder.path("real.txt"), folder.path("link.txt")) == 0)
        try writeOne(folder.path("link.txt"), "new")
        #expect(folder.read("real.txt") == "new")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder.path("link.txt"))) == folder.path("real.txt"))
        // A link to a directory is refused like the directory.
        try FileManager.default.createDirectory(atPath: folder.path("d"), withIntermediateDirectories: false)
        #expect(symlink(folder.path("d"), folder.path("dlink")) == 0)
        #expect(throws: OutputFileError.notRegularFile(path: folder.path("dlink"), kind: .directory)) { try writeOne(folder.path("dlink"), "x") }
    }

    @Test("An output that is one of the inputs, by any name, is refused and the input kept")
    func inputRefused() throws {
        let folder = try Folder()
        let plan = folder.path("plan.yaml")
        try writeOne(plan, "plan")
        #expect(throws: OutputFileError.isInput(path: plan, input: plan)) { try writeOne(plan, "report", inputs: [plan]) }
        let other = folder.url.appendingPathComponent("./../\(folder.url.lastPathComponent)/plan.yaml").path
        #expect(throws: OutputFileError.isInput(path: other, input: plan)) { try writeOne(other, "report", inputs: [plan]) }
        #expect(link(plan, folder.path("hard.yaml")) == 0)
        #expect(throws: OutputFileError.isInput(path: folder.path("hard.yaml"), input: plan)) {
            try writeOne(folder.path("hard.yaml"), "report", inputs: [plan])
        }
        #expect(folder.read("plan.yaml") == "plan")
    }

    @Test("Paths with NUL or control characters are refused before anything is created")
    func controlCharacters() throws {
        let folder = try Folder()
        for bad in ["a\u{0}b.txt", "a\nb.txt", "a\u{1b}[2Jb.txt", "a\u{7f}.txt", ""] {
            let path = bad.isEmpty ? "" : folder.url.path + "/" + bad
            #expect(throws: OutputFileError.self) { try writeOne(path, "x") }
        }
        #expect(folder.names.isEmpty)
        let error = OutputFileError.invalidPath(path: "a\nb", reason: .system("r"))
        #expect(error.description == "cannot write 'a\\nb': r")
    }

    @Test("Two outputs naming one file are refused")
    func sameFileTwice() throws {
        let folder = try Folder()
        let transaction = OutputTransaction()
        let again = folder.url.path + "/./p.lp"
        #expect(throws: OutputFileError.sameFileTwice(path: again, other: folder.path("p.lp"))) {
            try transaction.checkTargets([folder.path("p.lp"), again])
        }
        #expect(folder.names.isEmpty)
    }

    @Test("Several files: a failure on any one leaves none written and no temporary file")
    func allOrNone() throws {
        let folder = try Folder()
        try writeOne(folder.path("a.lp"), "old a")
        struct Broken: Error {}
        let transaction = OutputTransaction()
        try transaction.stage(folder.path("a.lp"), text: "new a")
        #expect(throws: OutputFileError.self) { try transaction.stage(folder.path("b.mps")) { _ in throw Broken() } }
        transaction.abandon()
        #expect(folder.read("a.lp") == "old a")
        #expect(folder.names == ["a.lp"])

        // Dropping a transaction without committing removes its temporary files too.
        do {
            let dropped = OutputTransaction()
            try dropped.stage(folder.path("c.txt"), text: "c")
            #expect(folder.names.count == 2)
        }
        #expect(folder.names == ["a.lp"])

        // Both staged: both appear on commit.
        let both = OutputTransaction()
        try both.stage(folder.path("a.lp"), text: "new a")
        try both.stage(folder.path("b.mps"), text: "new b")
        try both.commit()
        #expect(folder.read("a.lp") == "new a" && folder.read("b.mps") == "new b")
        #expect(folder.names == ["a.lp", "b.mps"])
    }

    @Test("A missing folder is named in the message")
    func missingFolder() throws {
        let folder = try Folder()
        let path = folder.path("none/r.txt")
        #expect(throws: OutputFileError.cannotWrite(path: path, reason: .folderMissing(folder.path("none")))) {
            try writeOne(path, "x")
        }
    }

    @Test("Concurrent writers of one path each succeed, and the file is always one writer's whole output")
    func concurrentWriters() async throws {
        let folder = try Folder()
        let path = folder.path("same.txt")
        let contents = (0..<8).map { String(repeating: "\($0)", count: 100_000) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in 0..<50 {
                for text in [contents[round % 8], contents[(round + 3) % 8]] {
                    group.addTask { try writeOne(path, text) }
                }
            }
            try await group.waitForAll()
        }
        #expect(contents.contains(folder.read("same.txt") ?? ""))
        #expect(folder.names == ["same.txt"])
    }
}
