/// Reads the traffic file format incrementally, from chunks of bytes in any size, so that a
/// file of any length is read in bounded memory.
///
/// The format: a header line naming the columns `timestamp, model, region, metric, value` once
/// each, in any order (see ``TrafficColumn``), then one row per line. RFC 4180 quoting is
/// accepted within a line (`"a,b"`, `""` for a quote); line ends may be LF or CRLF; a UTF-8
/// byte-order mark is skipped; blank lines are skipped. A line longer than
/// ``maximumLineBytes`` stops the reader without buffering the rest of the file.
///
/// Each complete line becomes one ``TrafficRecord``. The reader never throws on bad input: it
/// reports problems as records and leaves the decision (reject the file, or skip the row) to
/// the caller.
public struct TrafficCSVReader {
    /// The longest line accepted: 1 MiB.
    public static let maximumLineBytes = 1 << 20
    /// The longest model or region name accepted, in UTF-8 bytes.
    public static let maximumNameBytes = 200

    /// Lines seen so far, header included.
    public internal(set) var lineCount = 0
    /// Data rows seen so far (valid or not).
    public internal(set) var rowCount = 0
    /// True after a fatal problem: further input is ignored.
    public internal(set) var isStopped = false

    var pending: [UInt8] = []
    /// For each header position, the column it holds; nil until the header is read.
    var layout: [TrafficColumn]?
    var names = NameCache()

    public init() {}

    /// Reads the complete lines in `chunk` (holding back a trailing partial line) and passes
    /// each record to `emit`, in file order.
    public mutating func consume(
        _ chunk: UnsafeRawBufferPointer, _ emit: (TrafficRecord) throws -> Void
    ) rethrows {
        guard !isStopped else { return }
        let bytes = chunk.bindMemory(to: UInt8.self)
        var start = 0
        while start < bytes.count {
            guard let newline = Self.index(of: UInt8(ascii: "\n"), in: bytes, from: start) else {
                let tail = bytes.count - start
                if pending.count + tail > Self.maximumLineBytes {
                    try stop(TrafficProblem(
                        line: lineCount + 1,
                        reason: "line is longer than \(Self.maximumLineBytes) bytes (1 MiB), the limit; no row is that long"),
                        emit)
                    return
                }
                pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
                return
            }
            if pending.isEmpty {
                guard newline - start <= Self.maximumLineBytes else {
                    try stop(TrafficProblem(
                        line: lineCount + 1,
                        reason: "line is longer than \(Self.maximumLineBytes) bytes (1 MiB), the limit; no row is that long"),
                        emit)
                    return
                }
                try line(UnsafeBufferPointer(rebasing: bytes[start..<newline]), complete: true, emit)
            } else {
                pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<newline]))
                let whole = pending
                pending.removeAll(keepingCapacity: true)
                guard whole.count <= Self.maximumLineBytes else {
                    try stop(TrafficProblem(
                        line: lineCount + 1,
                        reason: "line is longer than \(Self.maximumLineBytes) bytes (1 MiB), the limit; no row is that long"),
                        emit)
                    return
                }
                try whole.withUnsafeBufferPointer { try line($0, complete: true, emit) }
            }
            if isStopped { return }
            start = newline + 1
        }
    }

    /// Convenience for tests and small inputs: reads all of `bytes`.
    public mutating func consume(_ bytes: [UInt8], _ emit: (TrafficRecord) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { try consume($0, emit) }
    }

    /// Reads the last line when the input did not end with a line break, and reports an empty
    /// or header-only file.
    public mutating func finish(_ emit: (TrafficRecord) throws -> Void) rethrows {
        guard !isStopped else { return }
        if !pending.isEmpty {
            let last = pending
            pending.removeAll()
            try last.withUnsafeBufferPointer { try line($0, complete: false, emit) }
            if isStopped { return }
        }
        if layout == nil {
            try stop(TrafficProblem(
                line: nil,
                reason: "the file is empty: expected a header line naming \(TrafficColumn.documented)"),
                emit)
        } else if rowCount == 0 {
            try stop(TrafficProblem(line: nil, reason: "the file has a header but no data rows"), emit)
        }
    }

    mutating func stop(_ problem: TrafficProblem, _ emit: (TrafficRecord) throws -> Void) rethrows {
        isStopped = true
        pending = []
        try emit(.fatal(problem))
    }

    static func index(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }
}
