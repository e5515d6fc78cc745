import Foundation
import Traffic

/// Writes rejected rows to a CSV file (`line,reason,row`, RFC 4180 quoting) as they come, up to
/// ``maximumBytes``: past that, rows are counted, not written, and a last row says how many
/// (a file of short bad rows would otherwise grow to several times the input).
final class RejectsWriter {
    /// The most a rejects file holds, 64 MiB.
    static let maximumBytes = 64 << 20
    let handle: FileHandle
    let maximumBytes: Int
    var buffer: [UInt8] = []
    var written = 0
    /// Rejected rows not written because the file reached its cap.
    private(set) var omitted = 0

    init(path: String, maximumBytes: Int = RejectsWriter.maximumBytes) throws {
        self.maximumBytes = maximumBytes
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw IngestError.unreadable(source: path, reason: "cannot create the rejects file")
        }
        handle = try FileHandle(forWritingTo: URL(filePath: path))
        buffer.append(contentsOf: Array("line,reason,row\r\n".utf8))
    }

    func write(_ problem: TrafficProblem, text: String) throws {
        guard omitted == 0 else {
            omitted += 1
            return
        }
        let start = buffer.count
        buffer.append(contentsOf: Array("\(problem.line.map(String.init) ?? ""),".utf8))
        buffer.append(contentsOf: CSV.quoted(problem.detail).utf8)
        buffer.append(UInt8(ascii: ","))
        buffer.append(contentsOf: CSV.quoted(text).utf8)
        buffer.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        if written + buffer.count > maximumBytes {
            buffer.removeSubrange(start...)
            omitted = 1
            return
        }
        if buffer.count > 1 << 16 { try flush() }
    }

    func flush() throws {
        try handle.write(contentsOf: buffer)
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, and a last row counting the rows left out, then closes.
    func close() throws {
        if omitted > 0 {
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: CSV.quoted("the rejects file reached its cap of \(maximumBytes >> 20) MiB: "
                + "\(omitted) more rejected rows are not listed").utf8)
            buffer.append(contentsOf: Array(",\r\n".utf8))
        }
        try flush()
        try handle.close()
    }
}
