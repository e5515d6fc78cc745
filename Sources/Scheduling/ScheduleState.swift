public import Foundation

/// The scheduler's decisions, without I/O or a clock: given each job's cron, the last scheduled
/// time recorded per job and `now`, which runs are due and when to wake next.
///
/// - A job whose scheduled times passed since its last recorded one is due once, for the latest
///   of them: missed times (downtime, or a long job before it) collapse into one run.
/// - A job never recorded counts from ``started``: a fresh service does not run the past.
/// - A due time before ``started`` passed while the scheduler was down: it is a catch-up.
/// - Due runs are in the schedule's run order (forecast, tune, plan, execute).
public struct ScheduleState: Sendable, Hashable {
    /// Each job's cron expression and the zone they are read in.
    public var schedule: JobSchedule
    /// When this scheduler started.
    public var started: Date
    /// The last scheduled time recorded per job (by any scheduler sharing the database).
    public var lastScheduled: [JobKind: Date]

    /// The state of a scheduler started at `started` that knows the recorded `lastScheduled` times.
    public init(schedule: JobSchedule, started: Date, lastScheduled: [JobKind: Date] = [:]) {
        self.schedule = schedule
        self.started = started
        self.lastScheduled = lastScheduled
    }

    /// The runs due at `now`, in run order; empty when the schedule is disabled.
    public func due(at now: Date) -> [DueRun] {
        guard schedule.enabled else { return [] }
        return schedule.entries.compactMap { entry in
            guard let latest = latestTime(of: entry, atOrBefore: now) else { return nil }
            return DueRun(kind: entry.kind, scheduledFor: latest, trigger: latest < started ? .catchUp : .schedule)
        }
    }

    /// When the next run comes due after `now` (the earliest next scheduled time of any job);
    /// nil when the schedule is disabled or no expression ever matches again.
    public func nextWake(after now: Date) -> Date? {
        guard schedule.enabled else { return nil }
        return schedule.entries.compactMap { entry in
            entry.cron.next(after: max(now, reference(of: entry.kind)), in: schedule.timeZone)
        }.min()
    }

    /// Notes that `run` was recorded (started here or refused because it is recorded elsewhere).
    public mutating func record(_ run: DueRun) {
        merge([run.kind: run.scheduledFor])
    }

    /// Takes the later of the known and the given last scheduled times, per job.
    public mutating func merge(_ recorded: [JobKind: Date]) {
        lastScheduled.merge(recorded) { max($0, $1) }
    }

    /// The time scheduled times are counted after: the last recorded one, else the start.
    func reference(of kind: JobKind) -> Date {
        lastScheduled[kind] ?? started
    }

    /// The latest scheduled time of `entry`'s job after its reference and not after `now`, if any.
    ///
    /// Looks back through growing windows (1 hour, 1 day, ...) so that a minutely job after a
    /// long downtime costs a few steps rather than one per missed minute.
    func latestTime(of entry: JobSchedule.Entry, atOrBefore now: Date) -> Date? {
        let cron = entry.cron, zone = schedule.timeZone
        let reference = reference(of: entry.kind)
        guard let first = cron.next(after: reference, in: zone), first <= now else { return nil }
        for window in Self.lookBackWindows {
            let from = max(reference, now.addingTimeInterval(-window))
            guard var latest = cron.next(after: from, in: zone), latest <= now else { continue }
            while let following = cron.next(after: latest, in: zone), following <= now {
                latest = following
            }
            return latest
        }
        return first
    }

    /// Look-back windows in seconds: an hour, a day, eight days, 32 days, a year, 29 years.
    static let lookBackWindows: [TimeInterval] = [3_600, 86_400, 8 * 86_400, 32 * 86_400, 367 * 86_400, 29 * 366 * 86_400]
}
