#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal numbers read straight from a file's bytes (no intermediate `String`).
enum ForecastNumber {
    /// The number spelled by `bytes[range]` (C `strtod` syntax, no spaces), or nil.
    static func parse(_ bytes: [UInt8], _ range: Range<Int>) -> Double? {
        guard !range.isEmpty, range.count < 64 else { return nil }
        // A NUL-terminated copy on the stack, so strtod cannot read past the field.
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> Double? in
            guard let base = buffer.baseAddress else { return nil }
            var i = 0
            for byte in bytes[range] {
                guard byte > 32 else { return nil }
                buffer[i] = CChar(bitPattern: byte)
                i += 1
            }
            buffer[i] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(base, &end)
            guard let end, end == base + range.count else { return nil }
            return value
        }
    }
}
