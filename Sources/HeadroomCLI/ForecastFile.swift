#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and writes for the forecast commands (POSIX, no Foundation).
enum ForecastFile {
    /// The file's bytes, or nil when it cannot be opened or read.
    static func readAll(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { result.append(contentsOf: buffer[0..<count]) }
            if count < buffer.count {
                if ferror(file) != 0 { return nil }
                break
            }
        }
        return result
    }

    /// Writes `text` to `path` (replacing it), or to standard output when `path` is nil.
    static func write(_ text: String, to path: String?) -> Bool {
        guard let path else {
            print(text, terminator: "")
            return true
        }
        guard let file = fopen(path, "wb") else { return false }
        defer { fclose(file) }
        var text = text
        return text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) == $0.count }
    }
}

extension ForecastFile {
    /// Writes bytes to standard error.
    static func writeError(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        #if canImport(Glibc)
        Glibc.write(2, bytes.baseAddress, bytes.count) == bytes.count
        #else
        Darwin.write(2, bytes.baseAddress, bytes.count) == bytes.count
        #endif
    }
}
