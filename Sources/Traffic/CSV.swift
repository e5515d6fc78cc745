/// RFC 4180 CSV, written and split in one place: every CSV the project writes (cost reports,
/// rejects files, forecasts) quotes its fields with ``field(_:)`` or ``quoted(_:)``, and every
/// reader that splits a line (the traffic reader, the forecast input) uses ``split(_:)``.
public enum CSV {
    /// One field of a line: the byte range of its content (inside the quotes when it was
    /// quoted) and, when a quoted field held doubled quotes, its unescaped bytes.
    public struct Field: Sendable {
        /// First byte of the content, an index into the line.
        public var start: Int
        /// One past the last byte of the content.
        public var end: Int
        /// The content with `""` turned into `"`, when it differs from the line's bytes.
        public var unescaped: [UInt8]?
    }

    /// Why a line could not be split into fields.
    public struct FieldError: Error, CustomStringConvertible, Sendable {
        public var description: String
        /// The line ended inside a quoted field.
        public var unclosedQuote = false
        init(_ description: String, unclosedQuote: Bool = false) {
            self.description = description
            self.unclosedQuote = unclosedQuote
        }
    }

    /// Splits a line (without its line break) into fields on commas, honouring RFC 4180 quotes
    /// within the line. A trailing comma makes one more, empty field. O(n) in the line's bytes;
    /// no allocation beyond the field list unless a quoted field holds doubled quotes.
    /// - Returns: the fields, or why the line is not valid CSV (a quote left open, or text
    ///   after a closing quote), naming the field by its 1-based position.
    public static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[Field], FieldError> {
        var fields: [Field] = []
        fields.reserveCapacity(5)
        var index = 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        while true {
            if index < bytes.count, bytes[index] == quote {
                var unescaped: [UInt8]?
                var cursor = index + 1
                let contentStart = cursor
                var closed = false
                while cursor < bytes.count {
                    if bytes[cursor] == quote {
                        if cursor + 1 < bytes.count, bytes[cursor + 1] == quote {
                            if unescaped == nil { unescaped = Array(bytes[contentStart..<cursor]) }
                            unescaped?.append(quote)
                            cursor += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    unescaped?.append(bytes[cursor])
                    cursor += 1
                }
                guard closed else {
                    return .failure(FieldError(
                        "field \(fields.count + 1) opens a quote that is not closed on this line", unclosedQuote: true))
                }
                fields.append(Field(start: contentStart, end: cursor, unescaped: unescaped))
                index = cursor + 1
                if index == bytes.count { return .success(fields) }
                guard bytes[index] == comma else {
                    return .failure(FieldError("field \(fields.count) has text after its closing quote"))
                }
                index += 1
            } else {
                var cursor = index
                while cursor < bytes.count, bytes[cursor] != comma { cursor += 1 }
                fields.append(Field(start: index, end: cursor, unescaped: nil))
                if cursor == bytes.count { return .success(fields) }
                index = cursor + 1
            }
            if index == bytes.count {  // a trailing comma: one more, empty field
                fields.append(Field(start: index, end: index, unescaped: nil))
                return .success(fields)
            }
        }
    }

    /// Runs `body` over the field's bytes (unescaped if it was quoted) in `line`.
    public static func withBytes<R>(
        _ field: Field, in line: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        if let unescaped = field.unescaped {
            return try unescaped.withUnsafeBufferPointer(body)
        }
        return try body(UnsafeBufferPointer(rebasing: line[field.start..<field.end]))
    }

    /// The field's text (invalid UTF-8 replaced).
    public static func string(_ field: Field, in line: UnsafeBufferPointer<UInt8>) -> String {
        withBytes(field, in: line) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether `text` must be quoted: it holds a comma, a double quote, CR or LF.
    public static func needsQuotes(_ text: String) -> Bool {
        text.utf8.contains(where: {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n")
        })
    }

    /// One field: as it is, or in double quotes with its quotes doubled when it holds a comma,
    /// a double quote, CR or LF.
    public static func field(_ text: String) -> String {
        needsQuotes(text) ? quoted(text) : text
    }

    /// `text` always in double quotes, its quotes doubled.
    public static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Fields joined by commas, each quoted where RFC 4180 requires it, then `terminator`
    /// (CRLF, as RFC 4180 says, unless a format documents LF).
    public static func line(_ fields: [String], terminator: String = "\r\n") -> String {
        fields.map(field).joined(separator: ",") + terminator
    }
}
