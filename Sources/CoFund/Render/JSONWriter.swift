/// Writes a `JSONValue` as text, byte for byte as Foundation's `JSONEncoder` writes it with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` (the form reports have always had; a test
/// compares the two on every report and on generated documents), in one pass into one string.
/// The encoder builds a tree of boxed values and a second copy as bytes: on a national distribution's
/// report (48,000 lines) that was 1.2 s and 150 MiB of the run, against a fraction of that here; and
/// the writer streams, so a `.table`'s rows are made one at a time as they are written.
extension JSONValue {
    func serialized() -> String {
        let stream = ReportStream.collecting()
        write(to: stream)
        return stream.text
    }

    /// The document and a final line break; the rows of a large table are made on up to `threads` threads,
    /// in chunks written in order (the same bytes on any number).
    func write(to stream: ReportStream, threads: Int = 1) {
        var out = JSONOutput(stream: stream, threads: threads)
        write(to: &out, level: 0)
        out += "\n"
        out.flush()
    }

    private func write(to out: inout JSONOutput, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value): Self.writeNumber(value, to: &out)
        case .string(let value): Self.writeString(value, to: &out)
        case .array(let values):
            out += "["
            Self.writeItems(values.count, level: level, to: &out) { k, out in values[k].write(to: &out, level: level + 1) }
            out += "]"
        case .object(let values):
            // Keys in the order of their UTF-8 bytes, as the encoder's `sortedKeys` puts them.
            let keys = values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            out += "{"
            Self.writeItems(keys.count, level: level, to: &out) { k, out in
                Self.writeString(keys[k], to: &out)
                out += " : "
                values[keys[k]]!.write(to: &out, level: level + 1)
            }
            out += "}"
        case .table(let keys, let count, let cells):
            // Keys sorted once for every row; each row is made, written and dropped.
            precondition(Set(keys).count == keys.count, "a table's column ids are unique")
            let order = keys.indices.sorted { keys[$0].utf8.lexicographicallyPrecedes(keys[$1].utf8) }
            out += "["
            if ParallelChunks.worthIt(count, threads: out.threads) {
                Self.openItems(count, to: &out)
                ParallelChunks.write(count, threads: out.threads, deliver: { out.append(bytes: $0) }) { range in
                    var chunk = JSONOutput.chunk()
                    for k in range {
                        Self.writeItem(k, count: count, level: level, to: &chunk) { k, out in
                            Self.writeRow(cells(k), keys: keys, order: order, level: level, to: &out)
                        }
                    }
                    return chunk.bytes
                }
                out.appendSpaces(2 * level)
            } else {
                Self.writeItems(count, level: level, to: &out) { k, out in
                    Self.writeRow(cells(k), keys: keys, order: order, level: level, to: &out)
                }
            }
            out += "]"
        }
    }

    /// One row of a table: an object of `keys` in `order` (their sorted order), its values from `values`.
    private static func writeRow(_ values: [JSONValue], keys: [String], order: [Int], level: Int, to out: inout JSONOutput) {
        precondition(values.count >= keys.count, "a table row has a value for every column")
        out += "{"
        writeItems(order.count, level: level + 1, to: &out) { n, out in
            writeString(keys[order[n]], to: &out)
            out += " : "
            values[order[n]].write(to: &out, level: level + 2)
        }
        out += "}"
    }

    /// The inside of a container: each item on its own line, indented two spaces a level; an empty one is
    /// an empty line (the encoder writes `[`, two line breaks, then the closing bracket's indent).
    private static func writeItems(_ count: Int, level: Int, to out: inout JSONOutput, _ item: (Int, inout JSONOutput) -> Void) {
        openItems(count, to: &out)
        for k in 0..<count { writeItem(k, count: count, level: level, to: &out, item) }
        out.appendSpaces(2 * level)
    }

    private static func openItems(_ count: Int, to out: inout JSONOutput) {
        out.append(0x0A)
        if count == 0 { out.append(0x0A) }
    }

    private static func writeItem(_ k: Int, count: Int, level: Int, to out: inout JSONOutput, _ item: (Int, inout JSONOutput) -> Void) {
        out.appendSpaces(2 * (level + 1))
        item(k, &out)
        if k < count - 1 { out.append(UInt8(ascii: ",")) }
        out.append(0x0A)
    }

    /// Whole numbers below 10^15 as integers (no ".0"); others as Swift prints a Double, without a
    /// trailing ".0"; NaN and infinities as the strings the encoder is told to use.
    private static func writeNumber(_ value: Double, to out: inout JSONOutput) {
        if value.isNaN { out += "\"nan\""; return }
        if value.isInfinite { out += value > 0 ? "\"+inf\"" : "\"-inf\""; return }
        if value == value.rounded(), abs(value) < 1e15 { out += String(Int64(value)); return }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out += text
    }

    /// A string with `"`, `\` and control characters escaped; everything else, `/` and non-ASCII letters
    /// included, as it is.
    private static func writeString(_ value: String, to out: inout JSONOutput) {
        out.append(0x22)
        // The common case, nothing to escape, costs one scan.
        var value = value
        let plain = value.withUTF8 { bytes in !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) }
        guard !plain else {
            out += value
            out.append(0x22)
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out += String(scalar)
            }
        }
        out += "\""
    }
}

/// The writer's output: bytes, up to 64 KiB (or the stream's block size), handed to the report stream when
/// full, so the document is never held whole. Bytes, not a string: appending to a string keeps its
/// counts and flags up to date at every piece, which was most of the writer's time.
struct JSONOutput {
    /// Where full buffers go; nil for a chunk of a table's rows made on another thread, kept whole.
    let stream: ReportStream?
    /// Threads for a large table's rows.
    let threads: Int
    private let limit: Int
    private(set) var bytes: [UInt8] = []

    init(stream: ReportStream, threads: Int = 1) {
        self.stream = stream
        self.threads = threads
        limit = min(1 << 16, stream.blockSize)
        bytes.reserveCapacity(limit + 4096)
    }

    private init() {
        stream = nil
        threads = 1
        limit = .max
    }

    /// The output of one chunk of a table's rows: all its bytes, for the table's writer to pass on in order.
    static func chunk() -> JSONOutput { JSONOutput() }

    /// A chunk's bytes.
    mutating func append(bytes chunk: [UInt8]) {
        bytes.append(contentsOf: chunk)
        if bytes.count >= limit { flush() }
    }

    static func += (out: inout JSONOutput, piece: String) {
        var piece = piece
        piece.withUTF8 { out.bytes.append(contentsOf: $0) }
        if out.bytes.count >= out.limit { out.flush() }
    }

    /// An ASCII byte (a quote, a bracket).
    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// `count` spaces (an indent).
    mutating func appendSpaces(_ count: Int) {
        bytes.append(contentsOf: repeatElement(0x20, count: count))
    }

    mutating func flush() {
        guard let stream else { return }
        bytes.withUnsafeBytes { stream.write(bytes: $0) }
        bytes.removeAll(keepingCapacity: true)
    }
}
