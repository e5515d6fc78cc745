public import Foundation

/// When the scheduler runs each job: a cron expression per job, read in one time zone.
public struct JobSchedule: Sendable, Hashable {
    /// The zone the expressions are read in (an IANA zone; DST applies).
    public var timeZone: TimeZone
    /// When the forecast job runs.
    public var forecast: CronExpression
    /// When the plan job runs.
    public var plan: CronExpression
    /// When the execute job runs.
    public var execute: CronExpression
    /// When false the scheduler starts no job (runs can still be started through the API or CLI).
    public var enabled: Bool

    /// A schedule of the three expressions in `timeZone`.
    public init(timeZone: TimeZone, forecast: CronExpression, plan: CronExpression, execute: CronExpression,
                enabled: Bool = true) {
        self.timeZone = timeZone
        self.forecast = forecast
        self.plan = plan
        self.execute = execute
        self.enabled = enabled
    }

    /// The default: every job nightly at 02:00 UTC, run one after the other in the order
    /// forecast, plan, execute (each starts when the one before it has finished).
    public static var nightly: JobSchedule {
        JobSchedule(timeZone: .gmt, forecast: .nightly, plan: .nightly, execute: .nightly)
    }

    /// The expression of `kind`.
    public func cron(for kind: JobKind) -> CronExpression {
        switch kind {
        case .forecast: forecast
        case .plan: plan
        case .execute: execute
        }
    }
}

extension CronExpression {
    /// `0 2 * * *`: every day at 02:00.
    public static var nightly: CronExpression { CronExpression(uncheckedMinute: 0, hour: 2) }

    /// Every day at `hour:minute` (0-59, 0-23), built without parsing; equal to the parsed
    /// `"minute hour * * *"`.
    init(uncheckedMinute minute: Int, hour: Int) {
        text = "\(minute) \(hour) * * *"
        minutes = 1 << UInt64(minute)
        hours = 1 << UInt64(hour)
        daysOfMonth = ((1 << 32) - 1) & ~1
        months = ((1 << 13) - 1) & ~1
        daysOfWeek = (1 << 7) - 1
        dayOfMonthStar = true
        dayOfWeekStar = true
        hourStar = false
    }
}
