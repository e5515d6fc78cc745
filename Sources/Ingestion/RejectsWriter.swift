import Foundation
import Traffic

/// Writes rejected rows to a CSV file (`line,reason,row`, RFC 4180 quoting) as they come.
final class RejectsWriter {
    let handle: FileHandle
    var buffer: [UInt8] = []

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw IngestError.unreadable(source: path, reason: "cannot create the rejects file")
        }
        handle = try FileHandle(forWritingTo: URL(filePath: path))
        buffer.append(contentsOf: Array("line,reason,row\r\n".utf8))
    }

    func write(_ problem: TrafficProblem, text: String) throws {
        buffer.append(contentsOf: Array("\(problem.line.map(String.init) ?? ""),".utf8))
        buffer.append(contentsOf: Self.quoted(problem.detail))
        buffer.append(UInt8(ascii: ","))
        buffer.append(contentsOf: Self.quoted(text))
        buffer.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        if buffer.count > 1 << 16 { try flush() }
    }

    func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    static func quoted(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
        return bytes
    }
}
