extension TrafficCSVReader {
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
