/// Where a renderer writes its text: appended piece by piece and handed on in blocks of about a megabyte,
/// so a national report (tens of megabytes of text or JSON) never has to exist whole in memory, and the
/// file or terminal receives it while the rest is still being written.
///
/// A stream either passes its blocks to `deliver` (a file being staged, standard output) or, made with
/// `collecting()`, keeps everything for `text`. A failure to deliver (a full disk) is kept, later writes
/// are dropped, and `finish()` throws it: renderers never have to handle errors mid-table.
public final class ReportStream {
    /// The size of the blocks handed on (writers that gather pieces first gather no more than this).
    let blockSize: Int
    private var buffer: [UInt8] = []
    private let deliver: ((UnsafeRawBufferPointer) throws -> Void)?
    private var failure: (any Error)?
    private var finished = false

    /// A stream whose blocks (of at least `blockSize` bytes, the last one shorter) go to `deliver` as they
    /// fill, the last one in `finish()`.
    public init(blockSize: Int = 1 << 20, deliver: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.deliver = deliver
        self.blockSize = max(1, blockSize)
        buffer.reserveCapacity(min(self.blockSize, 1 << 24) + 4096)
    }

    private init() {
        deliver = nil
        blockSize = .max
    }

    /// A stream that keeps all it is given (for a report wanted as one string).
    public static func collecting() -> ReportStream { ReportStream() }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// UTF-8 bytes (a writer that gathers its own pieces first).
    func write(bytes: UnsafeRawBufferPointer) {
        precondition(!finished, "a finished report stream takes no more text")
        guard failure == nil else { return }
        buffer.append(contentsOf: bytes)
        if deliver != nil && buffer.count >= blockSize { flush() }
    }

    /// Hands on what is buffered and reports the first failure to deliver, if any.
    public func finish() throws {
        precondition(!finished, "a report stream finishes once")
        finished = true
        if failure == nil && deliver != nil { flush() }
        if let failure { throw failure }
    }

    /// Everything written to a collecting stream.
    public var text: String {
        precondition(deliver == nil, "only a collecting stream keeps its text")
        return String(decoding: buffer, as: UTF8.self)
    }

    private func flush() {
        guard let deliver, !buffer.isEmpty else { return }
        do { try buffer.withUnsafeBytes { try deliver($0) } } catch { failure = error }
        buffer.removeAll(keepingCapacity: true)
    }
}
