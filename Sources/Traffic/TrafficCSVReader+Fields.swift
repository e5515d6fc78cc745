extension TrafficCSVReader {
    /// Splits a line into fields on commas, honouring RFC 4180 quotes within the line.
    /// - Returns: the fields, or why the line is not valid CSV.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[Field], FieldError> {
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

    /// Why a line could not be split into fields.
    struct FieldError: Error, CustomStringConvertible {
        var description: String
        /// The line ended inside a quoted field.
        var unclosedQuote = false
        init(_ description: String, unclosedQuote: Bool = false) {
            self.description = description
            self.unclosedQuote = unclosedQuote
        }
    }

    /// Runs `body` over the field's bytes (unescaped if it was quoted).
    static func withBytes<R>(
        _ field: Field, in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        if let unescaped = field.unescaped {
            return try unescaped.withUnsafeBufferPointer(body)
        }
        return try body(UnsafeBufferPointer(rebasing: bytes[field.start..<field.end]))
    }

    static func string(_ field: Field, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        withBytes(field, in: bytes) { String(decoding: $0, as: UTF8.self) }
    }

    /// The whole line as text (invalid UTF-8 replaced), for rejects files.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// A value as quoted in a message: invalid UTF-8 replaced, at most 40 characters.
    static func shown(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        shown(String(decoding: bytes, as: UTF8.self))
    }

    /// `text` as a message may quote it: at most 40 characters, and control characters, bytes
    /// that were not UTF-8 (U+FFFD) and other invisible ones escaped as `\u{…}`, so binary
    /// input never reaches a terminal or a log as it is.
    static func shown(_ text: String) -> String {
        var shown = ""
        for (count, character) in text.enumerated() {
            guard count < 40 else { return shown + "..." }
            for scalar in character.unicodeScalars {
                switch scalar.properties.generalCategory {
                case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
                    shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                default:
                    shown += scalar == "\u{FFFD}" ? "\\u{FFFD}" : String(scalar)
                }
            }
        }
        return shown
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
