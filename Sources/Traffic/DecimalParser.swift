/// Reads a decimal number from ASCII bytes, exactly as `strtod` would round it.
///
/// Accepts `[+-]digits[.digits][(e|E)[+-]digits]` (and `.5`, `5.`); rejects `nan`, `inf`, hex
/// and anything else. The common case (at most 19 significant digits and a power of ten within
/// ±22) is computed directly and is correctly rounded (Clinger's fast path: both operands are
/// exact doubles, so one IEEE multiply or divide rounds once); the rest goes to the standard
/// library's parser.
public enum DecimalParser {
    @usableFromInline
    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The value of `bytes`, or nil when they are not a decimal number.
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let count = bytes.count
        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var digits = 0
        while index < count, bytes[index] &- UInt8(ascii: "0") < 10 {
            let digit = UInt64(bytes[index] &- UInt8(ascii: "0"))
            if significant < 19 {
                if mantissa != 0 || digit != 0 { significant += 1 }
                mantissa = mantissa * 10 + digit
            } else {
                exponent += 1
            }
            digits += 1
            index += 1
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, bytes[index] &- UInt8(ascii: "0") < 10 {
                let digit = UInt64(bytes[index] &- UInt8(ascii: "0"))
                if significant < 19 {
                    if mantissa != 0 || digit != 0 { significant += 1 }
                    mantissa = mantissa * 10 + digit
                    exponent -= 1
                }
                digits += 1
                index += 1
            }
        }
        guard digits > 0 else { return nil }
        var truncated = significant >= 19
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var exponentDigits = 0
            while index < count, bytes[index] &- UInt8(ascii: "0") < 10 {
                written = min(written * 10 + Int(bytes[index] &- UInt8(ascii: "0")), 100_000)
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -written : written
            truncated = true  // let the standard library handle anything unusual
        }
        guard index == count else { return nil }
        if !truncated, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let value = Double(mantissa)
            let scaled = exponent >= 0 ? value * powersOfTen[exponent] : value / powersOfTen[-exponent]
            return negative ? -scaled : scaled
        }
        return Double(String(decoding: bytes, as: UTF8.self))
    }
}
