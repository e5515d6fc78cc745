/// A five-field cron expression (`minute hour day-of-month month day-of-week`), as in Vixie
/// cron and POSIX crontab: `*`, lists `1,15`, ranges `1-5`, steps `*/15`, `1-5/2` and `10/20`,
/// month names `JAN`-`DEC` and weekday names `SUN`-`SAT` (case-insensitive), 0 and 7 both Sunday.
///
/// When both day-of-month and day-of-week are restricted (neither starts with `*`), a day
/// matches if either matches (`0 2 1 * MON` runs on the 1st and on every Monday); otherwise
/// both must. ``next(after:in:)`` finds the next time in a time zone, DST included.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written (surrounding spaces removed).
    public let text: String
    let minutes: UInt64
    let hours: UInt64
    let daysOfMonth: UInt64
    let months: UInt64
    let daysOfWeek: UInt64
    let dayOfMonthStar: Bool
    let dayOfWeekStar: Bool
    /// The hour field starts with `*`: the job runs at intervals rather than at a fixed wall
    /// time, which decides how DST gaps and repeats are treated (see ``next(after:in:)``).
    let hourStar: Bool

    /// Parses `text`.
    /// - Throws: ``CronError`` naming the field and the value (`cron field 2 (hour): 24 is outside 0-23`).
    public init(parsing text: String) throws(CronError) {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 5 else {
            throw CronError(field: nil, reason: "cron expression '\(text)' has \(fields.count) fields; expected 5 "
                + "(minute hour day-of-month month day-of-week)")
        }
        var parsed: [(bits: UInt64, star: Bool)] = []
        for (index, field) in CronField.all.enumerated() {
            parsed.append(try field.parse(fields[index], number: index + 1))
        }
        self.text = fields.joined(separator: " ")
        (minutes, hours, daysOfMonth, months, daysOfWeek) = (parsed[0].bits, parsed[1].bits, parsed[2].bits, parsed[3].bits, parsed[4].bits)
        (hourStar, dayOfMonthStar, dayOfWeekStar) = (parsed[1].star, parsed[2].star, parsed[4].star)
    }

    public var description: String { text }

    /// Whether the calendar day matches the month, day-of-month and day-of-week fields.
    /// - Parameters: month 1-12, day 1-31, weekday 0 (Sunday) - 6.
    func matches(month: Int, day: Int, weekday: Int) -> Bool {
        guard months & (1 << UInt64(month)) != 0 else { return false }
        let dayOfMonth = daysOfMonth & (1 << UInt64(day)) != 0
        let dayOfWeek = daysOfWeek & (1 << UInt64(weekday)) != 0
        if !dayOfMonthStar, !dayOfWeekStar { return dayOfMonth || dayOfWeek }
        return dayOfMonth && dayOfWeek
    }

    /// The allowed values of a field's bits, ascending.
    static func values(_ bits: UInt64, in range: ClosedRange<Int>) -> [Int] {
        range.filter { bits & (1 << UInt64($0)) != 0 }
    }
}
