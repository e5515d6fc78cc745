import Vocabulary

/// The working state of one reconcile round: a copy of the pool that every emitted action is
/// applied to at once, so each phase sees the effect of the ones before.
struct ReconcileRound {
    var pool: NodePool
    private(set) var actions: [Action] = []
    let round: Int
    let now: Int64
    let settings: AllocationSettings
    let offers: [PoolKey: NodeOffer]
    let targets: [ModelRegion: ReplicaTarget]
    /// Provisioning nodes no longer needed, released with the empty ready nodes at the end of
    /// the round so that the release order (spot, on demand, reserved) holds across both.
    var unneeded: [PoolKey: [Node]] = [:]

    init(pool: NodePool, now: Int64, settings: AllocationSettings, offers: [PoolKey: NodeOffer], targets: [ModelRegion: ReplicaTarget]) {
        self.pool = pool
        self.round = pool.nextRound
        self.now = now
        self.settings = settings
        self.offers = offers
        self.targets = targets
    }

    /// Appends an action with the next id and applies it to the working pool.
    mutating func emit(_ kind: ActionKind, at: Int64) throws(AllocationError) {
        let action = Action(id: ActionID(round: round, index: actions.count), at: at, kind: kind)
        try pool.apply(action)
        actions.append(action)
    }

    /// Alive nodes of one region and GPU type, and how many of them are reserved.
    func aliveCounts(_ key: PoolKey) -> (all: Int, reserved: Int) {
        var all = 0
        var reserved = 0
        for node in pool.nodes.values where node.isAlive && node.pool == key {
            all += 1
            if node.capacity == .reserved { reserved += 1 }
        }
        return (all, reserved)
    }
}
