public import Foundation

/// A run the scheduler should start now.
public struct DueRun: Sendable, Hashable, CustomStringConvertible {
    /// The job to run.
    public var kind: JobKind
    /// The scheduled time it stands for: the latest one that has passed (earlier missed ones
    /// collapse into it).
    public var scheduledFor: Date
    /// ``JobTrigger/schedule``, or ``JobTrigger/catchUp`` when the time passed before the
    /// scheduler started (downtime).
    public var trigger: JobTrigger

    public init(kind: JobKind, scheduledFor: Date, trigger: JobTrigger) {
        self.kind = kind
        self.scheduledFor = scheduledFor
        self.trigger = trigger
    }

    public var description: String {
        "\(kind) for \(scheduledFor.formatted(.iso8601)) (\(trigger))"
    }
}
