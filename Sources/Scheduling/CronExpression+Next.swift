public import Foundation
import Traffic

extension CronExpression {
    /// The first time strictly after `date` that the expression names, read as wall-clock time in
    /// `zone`; nil when no day ever matches (`0 0 31 2 *`).
    ///
    /// Daylight saving time, as Vixie cron treats it:
    /// - A wall time the zone skips (02:30 on a spring-forward night in New York) runs once, at
    ///   the instant the clock jumps (03:00 EDT), for fixed-time jobs; jobs whose hour field
    ///   starts with `*` simply have no run at a time that does not exist.
    /// - A wall time the zone repeats (01:30 on a fall-back night) runs once, at its first
    ///   occurrence, for fixed-time jobs; jobs whose hour field starts with `*` run at both.
    ///
    /// Results are whole minutes. Cost: a scan of at most 29 years of days, a few time-zone
    /// lookups per matching day.
    public func next(after date: Date, in zone: TimeZone) -> Date? {
        let after = date.timeIntervalSince1970
        let floorAfter = Int64(after.rounded(.down))
        let localAfter = floorAfter + Int64(zone.secondsFromGMT(for: date))
        let firstDay = Int(Self.floorDivide(localAfter, 86_400)) - 1
        let hourValues = Self.values(hours, in: 0...23)
        let minuteValues = Self.values(minutes, in: 0...59)
        var best: Int64?
        dayLoop: for day in firstDay...(firstDay + Self.longestSearchDays) {
            let dayStart = Int64(day) * 86_400
            if let best, dayStart - Self.largestOffset > best { break }
            let civil = CivilDate.date(days: day)
            guard matches(month: civil.month, day: civil.day, weekday: CivilDate.weekday(days: day)) else { continue }
            let offsets = Offsets(zone: zone, dayStart: dayStart)
            for hour in hourValues {
                for minute in minuteValues {
                    let wall = dayStart + Int64(hour * 3_600 + minute * 60)
                    if wall + Self.largestOffset < floorAfter { continue }
                    if let best, wall - Self.largestOffset > best { break dayLoop }
                    if let instant = instants(wall: wall, offsets: offsets, zone: zone).first(where: { Double($0) > after }) {
                        best = min(best ?? instant, instant)
                    }
                }
            }
        }
        return best.map { Date(timeIntervalSince1970: Double($0)) }
    }

    /// The instants (Unix seconds, ascending) at which the local wall time `wall` (seconds since
    /// 1970-01-01 00:00 local) runs: one normally, none or the jump instant in a DST gap, one or
    /// two in a repeated hour.
    func instants(wall: Int64, offsets: Offsets, zone: TimeZone) -> [Int64] {
        guard offsets.before != offsets.after else { return [wall - offsets.before] }
        let valid = Set([offsets.before, offsets.after])
            .filter { Offsets.offset(zone, at: wall - $0) == $0 }
            .map { wall - $0 }
            .sorted()
        if !valid.isEmpty { return hourStar ? valid : [valid[0]] }
        if hourStar { return [] }
        // In the gap: the first instant whose offset is the later one, by bisection between the
        // instant the wall time would be under either offset.
        var low = wall - max(offsets.before, offsets.after)
        var high = wall - min(offsets.before, offsets.after)
        let lowOffset = Offsets.offset(zone, at: low)
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if Offsets.offset(zone, at: middle) == lowOffset { low = middle } else { high = middle }
        }
        return [high]
    }

    /// A zone's UTC offsets, in seconds, two days before and three days after a local day: equal
    /// unless the offset changes near that day.
    struct Offsets {
        var before: Int64
        var after: Int64

        init(zone: TimeZone, dayStart: Int64) {
            before = Self.offset(zone, at: dayStart - 2 * 86_400)
            after = Self.offset(zone, at: dayStart + 3 * 86_400)
        }

        static func offset(_ zone: TimeZone, at instant: Int64) -> Int64 {
            Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant))))
        }
    }

    /// The largest UTC offset magnitude in use (UTC+14:00), with margin: 15 hours, in seconds.
    static let largestOffset: Int64 = 15 * 3_600
    /// How far ahead ``next(after:in:)`` looks: 29 years of days covers every combination of
    /// February 29th with a weekday.
    static let longestSearchDays = 29 * 366

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
