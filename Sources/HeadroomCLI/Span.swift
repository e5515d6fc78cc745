import ArgumentParser
import Traffic

/// A length of time written `90m`, `48h`, `7d` or `8w`, in whole seconds.
struct Span: Sendable, Equatable, CustomStringConvertible {
    var seconds: Int64

    init(seconds: Int64) { self.seconds = seconds }

    /// Parses a whole number followed by s, m, h, d or w (1 second to 5 years).
    init(parsing text: String) throws {
        guard text.last?.isLetter == true, let seconds = DurationText.seconds(text), seconds > 0,
              seconds <= 5 * 366 * 86_400
        else {
            throw ValidationError("'\(text)' is not a length of time: use a whole number with s, m, h, d or w (e.g. 48h, 7d, 8w)")
        }
        self.seconds = seconds
    }

    var description: String {
        for (unit, size) in [("w", Int64(604_800)), ("d", 86_400), ("h", 3_600), ("m", 60)] where seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }
}
