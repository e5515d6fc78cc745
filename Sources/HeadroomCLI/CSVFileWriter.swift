#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file whole or not at all: into a temporary file beside it, renamed over the
/// destination only once everything was written; on any error the temporary file is removed.
enum CSVFileWriter {
    static func write<Result>(to path: String, _ body: (FileHandle) throws -> Result) throws -> Result {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary)
        else { throw CommandFailure("--output \(path): cannot create the file") }
        do {
            let result = try body(handle)
            try handle.close()
            guard rename(temporary, path) == 0 else {
                throw CommandFailure("--output \(path): cannot replace the file (\(String(cString: strerror(errno))))")
            }
            return result
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}
