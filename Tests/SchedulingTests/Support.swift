import Foundation
@testable import Scheduling

/// `text` (RFC 3339 with an offset) as a date; crashes the test on a typo.
func at(_ text: String) -> Date {
    guard let date = ISO8601DateFormatter().date(from: text) else { fatalError("bad test date \(text)") }
    return date
}

func zone(_ identifier: String) -> TimeZone {
    guard let zone = TimeZone(identifier: identifier) else { fatalError("unknown zone \(identifier)") }
    return zone
}

func cron(_ text: String) -> CronExpression {
    do { return try CronExpression(parsing: text) } catch { fatalError("\(error)") }
}

/// The next `count` times of `expression` after `start`, as UTC RFC 3339 text.
func times(_ expression: String, after start: String, in zoneName: String = "UTC", count: Int = 4) -> [String] {
    let formatter = ISO8601DateFormatter()
    var result: [String] = []
    var date = at(start)
    for _ in 0..<count {
        guard let next = cron(expression).next(after: date, in: zone(zoneName)) else { break }
        result.append(formatter.string(from: next))
        date = next
    }
    return result
}

extension JobSchedule {
    /// Three jobs nightly at 02:00 UTC in the order forecast, plan, execute (the service's jobs).
    static var standard: JobSchedule { .nightly(["forecast", "plan", "execute"]) }

    /// The three jobs at their own times.
    static func three(_ forecast: String, _ plan: String, _ execute: String) -> JobSchedule {
        JobSchedule(timeZone: zone("UTC"), jobs: [("forecast", SchedulingTests.cron(forecast)), ("plan", SchedulingTests.cron(plan)),
                                                 ("execute", SchedulingTests.cron(execute))])
    }
}
