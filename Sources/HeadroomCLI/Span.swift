import ArgumentParser

/// A length of time written `90m`, `48h`, `7d` or `8w`, in whole seconds.
struct Span: Sendable, Equatable, CustomStringConvertible {
    var seconds: Int64

    init(seconds: Int64) { self.seconds = seconds }

    /// Parses a whole number followed by s, m, h, d or w (1 second to 5 years).
    init(parsing text: String) throws {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        guard let last = text.last, let unit = units[last], let count = Int64(text.dropLast()),
              text.dropLast().allSatisfy(\.isASCII), count > 0, count * unit <= 5 * 366 * 86_400
        else {
            throw ValidationError("'\(text)' is not a length of time: use a whole number with s, m, h, d or w (e.g. 48h, 7d, 8w)")
        }
        seconds = count * unit
    }

    var description: String {
        for (unit, size) in [("w", Int64(604_800)), ("d", 86_400), ("h", 3_600), ("m", 60)] where seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }
}
