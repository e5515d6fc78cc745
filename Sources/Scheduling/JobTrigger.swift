/// What started a job run; stored with the run as its raw value.
public enum JobTrigger: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The scheduler, at (or shortly after) the scheduled time.
    case schedule
    /// The scheduler, for a time that passed while it was not running (one run for all missed).
    case catchUp = "catch-up"
    /// A REST request (`POST /v1/jobs/{kind}`).
    case api
    /// The command line.
    case cli

    public var description: String { rawValue }
}
