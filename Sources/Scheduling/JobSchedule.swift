public import Foundation

/// When the scheduler runs each job: a cron expression per job, read in one time zone.
public struct JobSchedule: Sendable, Hashable {
    /// One job the scheduler runs and when.
    public struct Entry: Sendable, Hashable {
        public var kind: JobKind
        public var cron: CronExpression

        public init(kind: JobKind, cron: CronExpression) {
            self.kind = kind
            self.cron = cron
        }
    }

    /// The zone the expressions are read in (an IANA zone; DST applies).
    public var timeZone: TimeZone
    /// The jobs in run order: due together, they run one after the other in this order (a plan
    /// is made from the latest forecast, and execution follows the newest plan).
    public var entries: [Entry]
    /// When false the scheduler starts no job (runs can still be started through the API or CLI).
    public var enabled: Bool

    /// A schedule of `jobs`, in run order, read in `timeZone`.
    public init(timeZone: TimeZone, jobs: [(JobKind, CronExpression)], enabled: Bool = true) {
        self.timeZone = timeZone
        self.entries = jobs.map { Entry(kind: $0.0, cron: $0.1) }
        self.enabled = enabled
    }

    /// Every one of `kinds` nightly at 02:00 UTC, run one after the other in their order (each
    /// starts when the one before it has finished).
    public static func nightly(_ kinds: [JobKind]) -> JobSchedule {
        JobSchedule(timeZone: .gmt, jobs: kinds.map { ($0, .nightly) })
    }

    /// The kinds scheduled, in run order.
    public var kinds: [JobKind] { entries.map(\.kind) }

    /// The expression of `kind`; nil when it is not scheduled.
    public func cron(for kind: JobKind) -> CronExpression? {
        entries.first { $0.kind == kind }?.cron
    }

    /// Sets the expression of `kind`, which must be scheduled already (its place in the order
    /// stays); does nothing otherwise.
    public mutating func setCron(_ cron: CronExpression, for kind: JobKind) {
        guard let index = entries.firstIndex(where: { $0.kind == kind }) else { return }
        entries[index].cron = cron
    }
}

extension CronExpression {
    /// `0 2 * * *`: every day at 02:00.
    public static var nightly: CronExpression { CronExpression(uncheckedMinute: 0, hour: 2) }

    /// `minute * * * *`: every hour at `minute` (0-59).
    public static func hourly(minute: Int) -> CronExpression { CronExpression(uncheckedMinute: minute, hour: nil) }

    /// `0 2 * * 0`: every Sunday at 02:00.
    public static var weekly: CronExpression { CronExpression(uncheckedMinute: 0, hour: 2, weekday: 0) }

    /// Every day (or every `weekday`, 0 Sunday to 6 Saturday) at `hour:minute` (0-59, 0-23),
    /// built without parsing; equal to the parsed `"minute hour * * *"` (or `"minute hour * * weekday"`).
    init(uncheckedMinute minute: Int, hour: Int?, weekday: Int? = nil) {
        text = "\(minute) \(hour.map(String.init) ?? "*") * * \(weekday.map(String.init) ?? "*")"
        minutes = 1 << UInt64(minute)
        hours = hour.map { 1 << UInt64($0) } ?? (1 << 24) - 1
        daysOfMonth = ((1 << 32) - 1) & ~1
        months = ((1 << 13) - 1) & ~1
        daysOfWeek = weekday.map { 1 << UInt64($0) } ?? (1 << 7) - 1
        dayOfMonthStar = true
        dayOfWeekStar = weekday == nil
        hourStar = hour == nil
    }
}
