/// The engine's policy knobs.
public struct AllocationSettings: Sendable, Hashable, Codable {
    /// Seconds a draining replica finishes in-flight work before it is removed, at least 0.
    public var drainSeconds: Int64
    /// The longest an interactive replica may wait for a node being provisioned, seconds, at
    /// least 0. When no node can be ready within it, batch replicas are preempted instead.
    public var interactiveWaitSeconds: Int64
    /// Keep empty reserved nodes (up to the reserved count) ready instead of releasing them:
    /// they are paid either way and save a provisioning delay at the next scale-up.
    public var keepsIdleReservedNodes: Bool
    /// Whether nodes are ready when their provisioning delay has passed or when the provider
    /// says so (a ``PoolEvent/nodeReady(_:at:)``).
    public var nodeReadiness: NodeReadiness

    public init(drainSeconds: Int64 = 60, interactiveWaitSeconds: Int64 = 120, keepsIdleReservedNodes: Bool = true,
                nodeReadiness: NodeReadiness = .scheduled) {
        self.drainSeconds = drainSeconds
        self.interactiveWaitSeconds = interactiveWaitSeconds
        self.keepsIdleReservedNodes = keepsIdleReservedNodes
        self.nodeReadiness = nodeReadiness
    }
}
