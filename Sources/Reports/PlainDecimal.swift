/// Numbers as CSV fields: plain decimal (`1234.5`, `-0.25`, `0`), never an exponent, rounded to
/// a fixed number of fraction digits with trailing zeros dropped.
enum PlainDecimal {
    /// `value` rounded half away from zero to `fractionDigits` (0 to 9) digits; the empty string
    /// for NaN or an infinity.
    static func format(_ value: Double, fractionDigits: Int = 6) -> String {
        guard value.isFinite else { return "" }
        let digits = min(max(fractionDigits, 0), 9)
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value.magnitude * Double(scale)).rounded()
        guard scaled != 0 else { return "0" }
        let sign = value < 0 ? "-" : ""
        guard scaled < 9.2e18 else { return sign + integerDigits(value.magnitude.rounded()) }
        let whole = Int64(scaled)
        var text = sign + String(whole / scale)
        var fraction = whole % scale
        guard fraction != 0 else { return text }
        var width = digits
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        let fractionText = String(fraction)
        text += "." + String(repeating: "0", count: width - fractionText.count) + fractionText
        return text
    }

    /// The digits of a whole, non-negative `value` too large for `Int64`.
    static func integerDigits(_ value: Double) -> String {
        var rest = value
        var digits: [Character] = []
        while rest >= 1 {
            let digit = rest.truncatingRemainder(dividingBy: 10)
            digits.append(Character(String(Int(digit))))
            rest = ((rest - digit) / 10).rounded()
        }
        return digits.isEmpty ? "0" : String(digits.reversed())
    }
}
