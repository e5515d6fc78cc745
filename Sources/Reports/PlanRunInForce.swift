public import Planning

/// A stored plan run as the cost report reads it: its version, when it was made, and the plan.
public struct PlanRunInForce: Sendable {
    /// The plan version (the store's `plan_run.id`).
    public var id: Int64
    /// When the run was made, Unix seconds. Of two runs covering the same step, the one made
    /// later (then the higher id) is in force.
    public var createdAt: Int64
    public var plan: FleetPlan

    public init(id: Int64, createdAt: Int64, plan: FleetPlan) {
        self.id = id
        self.createdAt = createdAt
        self.plan = plan
    }
}
