/// Reading and writing instants as Unix seconds (UTC).
public enum Timestamp {
    /// Latest accepted instant: 9999-12-31T23:59:59Z.
    public static let latest: Int64 = 253_402_300_799

    /// Parses an RFC 3339 date-time with `Z` or a numeric offset (`2024-05-01T13:05:00Z`,
    /// `2024-05-01T15:05:00.250+02:00`; `T` may be `t` or a space), or whole Unix seconds
    /// (`1714568700`). Fractions of a second are dropped (floored).
    /// - Returns: Unix seconds (UTC), or nil when the bytes are neither form or out of range.
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let first = bytes.first else { return nil }
        if bytes.count >= 20, bytes[4] == UInt8(ascii: "-") { return parseRFC3339(bytes) }
        guard first != UInt8(ascii: "+"), first != UInt8(ascii: "-") else { return nil }
        var seconds: Int64 = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            seconds = seconds * 10 + Int64(digit)
            guard seconds <= latest else { return nil }
        }
        return seconds
    }

    /// Parses a string; see ``parse(_:)-(UnsafeBufferPointer<UInt8>)``.
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    @usableFromInline
    static func parseRFC3339(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        @inline(__always) func number(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<(start + count) {
                let digit = b[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0, 4), b[4] == UInt8(ascii: "-"),
              let month = number(5, 2), b[7] == UInt8(ascii: "-"),
              let day = number(8, 2),
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
              let hour = number(11, 2), b[13] == UInt8(ascii: ":"),
              let minute = number(14, 2), b[16] == UInt8(ascii: ":"),
              let second = number(17, 2)
        else { return nil }
        guard (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var index = 19
        if index < b.count, b[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < b.count, b[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            guard index > fractionStart else { return nil }
        }
        guard index < b.count else { return nil }
        var offset = 0
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == b.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == b.count, let offsetHours = number(index + 1, 2),
                  b[index + 3] == UInt8(ascii: ":"), let offsetMinutes = number(index + 4, 2),
                  offsetHours <= 23, offsetMinutes <= 59
            else { return nil }
            offset = (offsetHours * 60 + offsetMinutes) * 60
            if b[index] == UInt8(ascii: "-") { offset = -offset }
        default:
            return nil
        }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3_600 + minute * 60 + second) - Int64(offset)
        guard seconds >= 0, seconds <= latest else { return nil }
        return seconds
    }

    /// Formats Unix seconds as RFC 3339 in UTC: `2024-05-01T13:05:00Z`.
    public static func format(_ seconds: Int64) -> String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = CivilDate.date(days: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3_600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }
}
