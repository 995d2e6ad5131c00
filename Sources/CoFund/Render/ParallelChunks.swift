/// The rows of a large table turned into text on several threads: the rows are cut into chunks, a few
/// chunks are rendered side by side, and their bytes are handed on in row order before the next few start.
/// So the bytes are the same on any number of threads, and no more than a few chunks are held at once (a
/// national report's table is 50,000 rows; rendering it was the serial part of a two-thread run).
enum ParallelChunks {
    /// Rows per chunk.
    static let rows = 1024
    /// A table with fewer rows is rendered on the calling thread: threads would cost more than they save.
    static let threshold = 4 * rows

    /// Whether a table of `count` rows is worth splitting over `threads` threads.
    static func worthIt(_ count: Int, threads: Int) -> Bool { threads > 1 && count >= threshold }

    /// `render` for each chunk of 0..<count, on up to `threads` threads; `deliver` gets each chunk's bytes in order.
    static func write(_ count: Int, threads: Int, deliver: ([UInt8]) -> Void, render: @escaping @Sendable (Range<Int>) -> [UInt8]) {
        let chunks = (count + rows - 1) / rows
        // Two chunks a thread at a time: a thread that finishes early takes the next one.
        let wave = 2 * max(1, threads)
        var first = 0
        while first < chunks {
            let last = min(chunks, first + wave)
            let start = first
            let parts = ParallelMap.map(last - first, threads: threads, infallible: { k in
                let chunk = start + k
                return render(chunk * rows..<min(count, (chunk + 1) * rows))
            })
            for part in parts { deliver(part) }
            first = last
        }
    }

    /// `transform` of every index of 0..<count, in order, computed in chunks on up to `threads` threads.
    static func map<T: Sendable>(_ count: Int, threads: Int, _ transform: @escaping @Sendable (Int) -> T) -> [T] {
        guard worthIt(count, threads: threads) else { return (0..<count).map(transform) }
        let chunks = (count + rows - 1) / rows
        return ParallelMap.map(chunks, threads: threads, infallible: { chunk in
            (chunk * rows..<min(count, (chunk + 1) * rows)).map(transform)
        }).flatMap { $0 }
    }
}
