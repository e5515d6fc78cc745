public import Traffic

/// The grid and windows a plan is made on.
public struct PlanningSettings: Sendable, Hashable {
    /// Planning step: one replica count per step.
    public var step: Step
    /// Seconds ahead the plan covers (whole steps are taken, the last partial one dropped).
    public var horizonSeconds: Int64
    /// Seconds of recent history, before `now`, that join the forecast horizon in the
    /// representative window the reservation is chosen on (e.g. four weeks).
    public var reservationWindowSeconds: Int64
    /// Most scale actions (up and down) of one model in one region in any 24 hours; scale-downs
    /// beyond it are skipped (scale-ups are bounded by their rate limit).
    public var maxActionsPerDay: Int

    public init(step: Step, horizonSeconds: Int64, reservationWindowSeconds: Int64, maxActionsPerDay: Int) {
        self.step = step
        self.horizonSeconds = horizonSeconds
        self.reservationWindowSeconds = reservationWindowSeconds
        self.maxActionsPerDay = maxActionsPerDay
    }
}
