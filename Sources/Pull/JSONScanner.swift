import Foundation

/// A forward-only reader of one UTF-8 JSON document, enough for Prometheus's answers and fast on
/// large ones: a 28-day `query_range` answer holds hundreds of thousands of `[time, "value"]`
/// pairs, which Foundation's `JSONSerialization` boxes one by one. Objects and arrays are walked
/// with closures, strings are decoded (escapes and surrogate pairs included), numbers are read
/// with `strtod`, and values nobody asks for are skipped. Malformed input throws
/// ``JSONScanner/Malformed`` with the byte offset.
struct JSONScanner {
    /// What is wrong, and at which byte.
    struct Malformed: Error, CustomStringConvertible {
        var offset: Int
        var expected: String

        var description: String { "malformed JSON at byte \(offset): expected \(expected)" }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position >= bytes.count }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// The next byte after whitespace, not consumed; nil at the end.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(Malformed) {
        guard peek() == byte else { throw Malformed(offset: position, expected: what) }
        position += 1
    }

    /// Walks an object, calling `member` with each key; `member` must read or skip the value.
    mutating func object(_ member: (inout JSONScanner, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"), "'{'")
        if peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"), "':'")
            try member(&self, key)
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return
            default: throw Malformed(offset: position, expected: "',' or '}'")
            }
        }
    }

    /// Walks an array, calling `element` for each element; `element` must read or skip it.
    mutating func array(_ element: (inout JSONScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "["), "'['")
        if peek() == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            try element(&self)
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return
            default: throw Malformed(offset: position, expected: "',' or ']'")
            }
        }
    }

    /// A string, its escapes decoded.
    mutating func string() throws(Malformed) -> String {
        if let span = try plainString() {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[span]), as: UTF8.self)
        }
        return try escapedString()
    }

    /// From the opening quote: the bytes of a string without escapes, the position after its
    /// closing quote; nil for a string with an escape, the position just after its opening quote.
    private mutating func plainString() throws(Malformed) -> Range<Int>? {
        try expect(UInt8(ascii: "\""), "a string")
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return start..<(position - 1)
            case UInt8(ascii: "\\"):
                position = start
                return nil
            default:
                position += 1
            }
        }
        throw Malformed(offset: position, expected: "the string's closing quote")
    }

    /// The slow path of ``string()``: from just after the opening quote, with escapes.
    private mutating func escapedString() throws(Malformed) -> String {
        var utf8: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count,
                       bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                        position += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw Malformed(offset: position - 4, expected: "a low surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    utf8.append(contentsOf: String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
                default:
                    throw Malformed(offset: position - 1, expected: "an escape (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t, \\u)")
                }
            default:
                utf8.append(byte)
            }
        }
        throw Malformed(offset: position, expected: "the string's closing quote")
    }

    private mutating func hex4() throws(Malformed) -> UInt32 {
        guard position + 4 <= bytes.count else { throw Malformed(offset: position, expected: "four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw Malformed(offset: position, expected: "a hex digit")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    /// A JSON number.
    mutating func number() throws(Malformed) -> Double {
        skipWhitespace()
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                position += 1
            default:
                guard let value = Self.double(bytes[start..<position]) else { throw Malformed(offset: start, expected: "a number") }
                return value
            }
        }
        throw Malformed(offset: start, expected: "a number followed by more")
    }

    /// A string holding a float as Prometheus writes sample values (`"12.5"`, `"NaN"`, `"+Inf"`,
    /// `"-Inf"`); NaN when the text is no float.
    mutating func floatString() throws(Malformed) -> Double {
        if let span = try plainString() { return Self.double(bytes[span]) ?? .nan }
        return Double(try escapedString()) ?? .nan
    }

    /// `text` read by `strtod` in full (decimal, exponent, `NaN`, `Inf`), or nil.
    static func double(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Double? {
        guard !text.isEmpty, text.count < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> Double? in
            var index = 0
            for byte in text {
                buffer[index] = CChar(bitPattern: byte)
                index += 1
            }
            buffer[index] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            return end == buffer.baseAddress! + index ? value : nil
        }
    }

    /// Skips one value of any kind.
    mutating func skipValue() throws {
        switch peek() {
        case UInt8(ascii: "{"): try object { scanner, _ in try scanner.skipValue() }
        case UInt8(ascii: "["): try array { scanner in try scanner.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try number()
        }
    }

    private mutating func literal(_ word: StaticString) throws(Malformed) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
              memcmp(bytes.baseAddress! + position, word.utf8Start, count) == 0
        else { throw Malformed(offset: position, expected: "\(word)") }
        position += count
    }
}
