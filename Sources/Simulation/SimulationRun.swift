public import Planning

/// A replay's report with the plans it followed.
public struct SimulationRun: Sendable {
    public var report: SimulationReport
    /// The plan made at the start of each replayed day (empty for the reactive and static
    /// policies, which do not plan).
    public var plans: [FleetPlan]
    /// Ready replicas averaged over each replayed step, per input series (for inspection and
    /// tests: the lag of a policy behind a change of load).
    public var readyReplicas: [[Double]]
}
