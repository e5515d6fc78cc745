/// One of the five fields of a cron expression: its name, its range and the names it accepts.
struct CronField: Sendable {
    var name: String
    var range: ClosedRange<Int>
    /// Three-letter names for values (`JAN` is 1, `SUN` is 0), matched case-insensitively.
    var names: [String: Int] = [:]

    static let minute = CronField(name: "minute", range: 0...59)
    static let hour = CronField(name: "hour", range: 0...23)
    static let dayOfMonth = CronField(name: "day-of-month", range: 1...31)
    static let month = CronField(name: "month", range: 1...12, names: Dictionary(uniqueKeysWithValues:
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"].enumerated().map { ($1, $0 + 1) }))
    /// 0-7, both 0 and 7 being Sunday (7 is folded onto 0 when the field is read).
    static let dayOfWeek = CronField(name: "day-of-week", range: 0...7, names: Dictionary(uniqueKeysWithValues:
        ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"].enumerated().map { ($1, $0) }))

    /// The fields in expression order.
    static let all = [minute, hour, dayOfMonth, month, dayOfWeek]

    /// Reads one field: a comma-separated list of `*`, `N`, `N-M`, each optionally followed by
    /// `/STEP`, or `N/STEP` (from N to the end of the range).
    /// - Parameter number: the 1-based field number, for errors.
    /// - Returns: the allowed values as bits (bit `v` set when `v` is allowed) and whether the
    ///   field starts with `*` (which the day-of-month / day-of-week rule and DST handling read).
    func parse(_ text: Substring, number: Int) throws(CronError) -> (bits: UInt64, star: Bool) {
        var bits: UInt64 = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw CronError(field: number, reason: "empty list item in '\(text)'") }
            let parts = item.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let base = parts[0]
            var step = 1
            if parts.count == 2 {
                guard let value = Int(parts[1]), value >= 1 else {
                    throw CronError(field: number, reason: "step '\(parts[1])' in '\(item)' must be a whole number of at least 1")
                }
                guard value <= range.upperBound else {
                    throw CronError(field: number, reason: "step \(value) in '\(item)' is larger than the range \(range.lowerBound)-\(range.upperBound)")
                }
                step = value
            }
            let low: Int, high: Int
            if base == "*" {
                (low, high) = (range.lowerBound, range.upperBound)
            } else if let dash = base.firstIndex(of: "-"), dash != base.startIndex {
                low = try value(base[..<dash], number: number)
                high = try value(base[base.index(after: dash)...], number: number)
                guard low <= high else {
                    throw CronError(field: number, reason: "range '\(base)' runs backwards (\(low) is after \(high))")
                }
            } else {
                low = try value(base, number: number)
                high = parts.count == 2 ? range.upperBound : low
            }
            for value in stride(from: low, through: high, by: step) {
                bits |= 1 << UInt64(value)
            }
        }
        if range.upperBound == 7, bits & (1 << 7) != 0 {
            bits = (bits & ~(1 << 7)) | 1   // 7 is Sunday, like 0
        }
        return (bits, text.hasPrefix("*"))
    }

    /// One value: a number in the range, or one of the field's names.
    private func value(_ text: Substring, number: Int) throws(CronError) -> Int {
        if let named = names[text.uppercased()] { return named }
        guard let value = Int(text) else {
            let known = names.isEmpty ? "" : " or a name (\(names.sorted { $0.value < $1.value }.map(\.key).joined(separator: " ")))"
            throw CronError(field: number, reason: "'\(text)' is not a number\(known)")
        }
        guard range.contains(value) else {
            throw CronError(field: number, reason: "\(value) is outside \(range.lowerBound)-\(range.upperBound)")
        }
        return value
    }
}
