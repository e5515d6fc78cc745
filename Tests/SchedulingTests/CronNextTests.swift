import Foundation
@testable import Scheduling
import Testing

@Suite struct CronNextTests {
    @Test func dailyAndStrictlyAfter() {
        #expect(times("0 2 * * *", after: "2026-11-24T01:59:59Z", count: 2) == ["2026-11-24T02:00:00Z", "2026-11-25T02:00:00Z"])
        #expect(times("0 2 * * *", after: "2026-11-24T02:00:00Z", count: 1) == ["2026-11-25T02:00:00Z"])
        #expect(times("*/15 * * * *", after: "2026-11-24T23:50:00Z", count: 2) == ["2026-11-25T00:00:00Z", "2026-11-25T00:15:00Z"])
    }

    @Test func monthEndsAndLeapDays() {
        #expect(times("0 0 31 * *", after: "2026-01-31T00:00:00Z", count: 3)
            == ["2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z"])
        #expect(times("0 0 29 2 *", after: "2026-01-01T00:00:00Z", count: 2) == ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"])
        #expect(cron("0 0 31 2 *").next(after: at("2026-01-01T00:00:00Z"), in: zone("UTC")) == nil)
        #expect(cron("0 0 30 2 *").next(after: at("2026-01-01T00:00:00Z"), in: zone("UTC")) == nil)
    }

    @Test func dayOfMonthOrDayOfWeekWhenBothAreRestricted() {
        // 2026-12-01 is a Tuesday: the 1st, then Mondays.
        #expect(times("0 2 1 * MON", after: "2026-11-30T03:00:00Z", count: 3)
            == ["2026-12-01T02:00:00Z", "2026-12-07T02:00:00Z", "2026-12-14T02:00:00Z"])
        // Day-of-month starting with '*': both must match (Mondays only).
        #expect(times("0 2 */1 * MON", after: "2026-11-30T03:00:00Z", count: 2) == ["2026-12-07T02:00:00Z", "2026-12-14T02:00:00Z"])
        // Day-of-week '*': the 13th of each month.
        #expect(times("0 2 13 * *", after: "2026-11-30T03:00:00Z", count: 2) == ["2026-12-13T02:00:00Z", "2027-01-13T02:00:00Z"])
    }

    @Test func timeZoneShiftsTheWallTime() {
        #expect(times("0 2 * * *", after: "2026-11-24T00:00:00Z", in: "Asia/Kolkata", count: 1) == ["2026-11-24T20:30:00Z"])
        #expect(times("0 2 * * *", after: "2026-11-24T00:00:00Z", in: "America/New_York", count: 1) == ["2026-11-24T07:00:00Z"])
    }

    /// New York springs forward on 2026-03-08 at 02:00 EST (07:00Z) to 03:00 EDT.
    @Test func newYorkSpringForward() {
        // A fixed-time job in the gap runs once, at the jump; the next day at 02:30 EDT.
        #expect(times("30 2 * * *", after: "2026-03-07T12:00:00Z", in: "America/New_York", count: 3)
            == ["2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z"])
        // Two fixed times in the gap and 03:00 itself collapse into one run at the jump.
        #expect(times("0,30 2-3 * * *", after: "2026-03-08T06:00:00Z", in: "America/New_York", count: 3)
            == ["2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z", "2026-03-09T06:00:00Z"])
        // Hourly: no run at the hour that does not exist.
        #expect(times("30 * * * *", after: "2026-03-08T05:00:00Z", in: "America/New_York", count: 3)
            == ["2026-03-08T05:30:00Z", "2026-03-08T06:30:00Z", "2026-03-08T07:30:00Z"])
    }

    /// New York falls back on 2026-11-01 at 02:00 EDT (06:00Z) to 01:00 EST: 01:xx happens twice.
    @Test func newYorkFallBack() {
        // A fixed-time job in the repeated hour runs once, the first time.
        #expect(times("30 1 * * *", after: "2026-10-31T12:00:00Z", in: "America/New_York", count: 2)
            == ["2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"])
        // Hourly runs at both 01:30s, one real hour apart.
        #expect(times("30 * * * *", after: "2026-11-01T04:00:00Z", in: "America/New_York", count: 4)
            == ["2026-11-01T04:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "2026-11-01T07:30:00Z"])
        #expect(times("0 2 * * *", after: "2026-10-31T12:00:00Z", in: "America/New_York", count: 2)
            == ["2026-11-01T07:00:00Z", "2026-11-02T07:00:00Z"])
    }

    /// Berlin springs forward on 2026-03-29 at 02:00 CET (01:00Z) and falls back on 2026-10-25
    /// at 03:00 CEST (01:00Z).
    @Test func berlinTransitions() {
        #expect(times("30 2 * * *", after: "2026-03-28T12:00:00Z", in: "Europe/Berlin", count: 2)
            == ["2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"])
        #expect(times("30 2 * * *", after: "2026-10-24T12:00:00Z", in: "Europe/Berlin", count: 2)
            == ["2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"])
        #expect(times("0 * * * *", after: "2026-10-24T23:30:00Z", in: "Europe/Berlin", count: 4)
            == ["2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z"])
    }

    @Test func resultsAreIncreasingAndMatchTheirWallTime() {
        let expression = cron("*/20 0-3 * * *")
        let berlin = zone("Europe/Berlin")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = berlin
        var date = at("2026-03-27T00:00:00Z")
        for _ in 0..<200 {
            guard let next = expression.next(after: date, in: berlin) else { Issue.record("ended"); return }
            #expect(next > date)
            let minute = calendar.component(.minute, from: next), hour = calendar.component(.hour, from: next)
            #expect(minute % 20 == 0 && hour <= 3 || (hour == 3 && minute == 0), "\(next)")
            date = next
        }
    }
}
