/// The name of a kind of job (`forecast`, `plan`, `execute`, ...): what its runs are recorded,
/// leased, scheduled and asked for under.
///
/// This module knows names only: which kinds exist, in which order they run, their schedule
/// key and how each runs are registered once, in the `Jobs` module's `JobCatalog`.
public struct JobKind: RawRepresentable, Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    /// The kind named `rawValue`; nil unless it is 1 to 64 lowercase ASCII letters, digits,
    /// `-` or `_`, starting with a letter.
    public init?(rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// A kind named in the source (`"forecast"`); the name must be valid (see ``init(rawValue:)``).
    public init(stringLiteral name: String) {
        precondition(Self.isValid(name), "'\(name)' is not a job kind name")
        rawValue = name
    }

    public var description: String { rawValue }

    static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), bytes.count <= 64 else {
            return false
        }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }
}
