/// The allocation engine: reconciles a node pool towards replica targets as a list of actions.
///
/// Pure: time is the `now` parameter, provider news come in as `events`, and the result is the
/// actions to apply in order (`NodePool.applying(_:)`). The actions are also what a provider
/// executes (docs/ALLOCATION.md).
public struct Allocator: Sendable {
    /// Drain period, interactive wait, idle reserved nodes.
    public var settings: AllocationSettings

    public init(settings: AllocationSettings = AllocationSettings()) {
        self.settings = settings
    }

    /// One reconcile round at `now` (Unix seconds), in this order:
    /// 1. events: each lost node is interrupted; its replicas go back to pending;
    /// 2. time: nodes whose provisioning delay has passed are ready, replicas whose cold start has
    ///    passed serve, drains older than `drainSeconds` end (the replica is removed);
    /// 3. scale-down: surplus pending replicas are removed, then surplus replicas drained, taken
    ///    from spot and on-demand nodes before reserved ones and from the least-loaded nodes
    ///    first, so that whole nodes empty (consolidation); replicas of a shape the target no
    ///    longer has (a variant move) keep serving until the new shape's replicas all serve;
    /// 4. interactive, then batch: pending and missing replicas are placed best-fit (largest
    ///    first) on ready nodes of their class, then on empty ready nodes (reserved, spot for
    ///    batch, on demand); interactive work that no node can take within
    ///    `interactiveWaitSeconds` preempts the batch node with the least batch work; what is
    ///    still missing waits for room that drains free (when sooner than a new node) or nodes
    ///    already provisioning, else is provisioned (reserved up to the count, spot for batch,
    ///    on demand), and provisioning nodes no longer needed are released;
    /// 5. release: empty ready nodes are released, spot and on-demand before reserved (idle
    ///    reserved nodes are kept up to the reserved count when `keepsIdleReservedNodes`).
    ///
    /// Action ids are `(pool.nextRound, index)`. Near-linear: O((n + m) log n + m·G + K·n) for
    /// n nodes, m replicas, G GPUs per node and K (region, GPU type) pairs.
    ///
    /// - Throws: `AllocationError` for a bad target, offer, setting or event, naming it.
    public func reconcile(
        _ pool: NodePool, targets: [ReplicaTarget], offers: [NodeOffer], events: [PoolEvent] = [], now: Int64
    ) throws(AllocationError) -> [Action] {
        try validate(settings)
        let offerIndex = try index(offers)
        let targetIndex = try index(targets, offers: offerIndex)
        var round = ReconcileRound(
            pool: pool, now: now, settings: settings, offers: offerIndex, targets: targetIndex)
        try round.applyEvents(events)
        try round.advanceTime()
        try round.scaleDown()
        let interactive = try round.place(.interactive)
        let batch = try round.place(.batch)
        try round.provision(interactive: interactive, batch: batch)
        try round.releaseEmptyNodes()
        return round.actions
    }
}
