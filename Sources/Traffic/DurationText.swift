/// Reads lengths of time written as a whole number and a unit: `90` or `90s` (seconds), `15m`,
/// `48h`, `7d`, `2w`. Callers apply their own bounds and messages (a ``Step``, a CLI horizon, a
/// configuration key).
public enum DurationText {
    static let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

    /// The seconds `text` names, or nil when it is not an ASCII whole number (at least 0) with an
    /// optional unit s, m, h, d or w, or when the seconds overflow.
    public static func seconds(_ text: String) -> Int64? {
        var digits = Substring(text)
        var multiplier: Int64 = 1
        if let last = text.last, let unit = units[last] {
            multiplier = unit
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int64(digits),
              count <= Int64.max / multiplier
        else { return nil }
        return count * multiplier
    }
}
