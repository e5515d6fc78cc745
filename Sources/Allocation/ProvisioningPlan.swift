import Vocabulary

/// Where the replicas that found no ready node will go: room that drains free on ready nodes,
/// nodes already provisioning, then new nodes, packed best-fit decreasing as if all were there.
struct ProvisioningPlan {
    /// Room for the class at `due`: on a ready node once its drains end, on a node being
    /// provisioned, or on a new node (node nil).
    struct Bin {
        var node: NodeID?
        var capacity: CapacityType
        var due: Int64
    }

    var bins: [Bin] = []
    /// For each item, in order, the index of its bin; nil when no node can be had (quota,
    /// nothing sold, no offer).
    var binOfItem: [Int?] = []
    /// Indices of the bins that received at least one item.
    var used: Set<Int> = []

    /// New nodes to provision, in order.
    var newBins: [Bin] { bins.filter { $0.node == nil } }

    /// Packs `items` (largest first) into `freeing` room and `existing` provisioning nodes (best
    /// fit; ties: earliest due), then into new nodes of `offer` bought in the order reserved
    /// (while fewer than the reserved count are alive), spot (batch, when allowed), on demand,
    /// within the quota.
    ///
    /// - Parameters:
    ///   - freeing: room on ready nodes of the class that their draining replicas free, only
    ///     when it comes no later than a new node would: waiting for it saves a node.
    ///   - alive: nodes alive in the offer's region and GPU type, and how many are reserved,
    ///     counting new nodes already planned this round.
    init(
        items: [Replica], freeing: [FreeingRoom] = [], existing: [Node], offer: NodeOffer?, replicaClass: WorkloadClass,
        alive: (all: Int, reserved: Int), now: Int64
    ) {
        var buckets = FreeGPUBuckets()
        var memory: [Int] = []
        let fastest = offer.flatMap { Self.fastestDelay($0, replicaClass) }
        for room in freeing where fastest.map({ room.due <= now + $0 }) ?? true {
            buckets.set(key: bins.count, free: room.gpus, rank: room.due)
            memory.append(room.memoryGiB)
            bins.append(Bin(node: room.node, capacity: room.capacity, due: room.due))
        }
        for node in existing {
            buckets.set(key: bins.count, free: node.gpus, rank: node.readyDueAt)
            memory.append(node.memoryGiB)
            bins.append(Bin(node: node.id, capacity: node.capacity, due: node.readyDueAt))
        }
        var all = alive.all
        var reserved = alive.reserved
        for item in items {
            var chosen = buckets.bestFit(gpus: item.gpus) { memory[$0] >= item.memoryGiB }
            if chosen == nil, let offer, item.gpus <= offer.gpusPerNode,
               item.memoryGiB <= offer.gpusPerNode * offer.memoryPerGPUGiB,
               let (capacity, delay) = Self.nextCapacity(offer, replicaClass, all: all, reserved: reserved)
            {
                all += 1
                if capacity == .reserved { reserved += 1 }
                chosen = bins.count
                buckets.set(key: bins.count, free: offer.gpusPerNode, rank: now + delay)
                memory.append(offer.gpusPerNode * offer.memoryPerGPUGiB)
                bins.append(Bin(node: nil, capacity: capacity, due: now + delay))
            }
            if let chosen {
                buckets.take(item.gpus, from: chosen)
                memory[chosen] -= item.memoryGiB
                used.insert(chosen)
            }
            binOfItem.append(chosen)
        }
    }

    /// The shortest provisioning delay of a capacity type the class may buy, or nil.
    static func fastestDelay(_ offer: NodeOffer, _ replicaClass: WorkloadClass) -> Int64? {
        offer.provisioningSeconds
            .filter { capacity, _ in capacity != .spot || (replicaClass == .batch && offer.allowsSpot) }
            .map(\.value).min()
    }

    /// The capacity type and provisioning delay of the next node to buy, or nil.
    /// Reserved nodes use the reserved delay, or the on-demand one when the offer gives none.
    static func nextCapacity(
        _ offer: NodeOffer, _ replicaClass: WorkloadClass, all: Int, reserved: Int
    ) -> (CapacityType, Int64)? {
        if let maxNodes = offer.maxNodes, all >= maxNodes { return nil }
        let delays = offer.provisioningSeconds
        if reserved < offer.reservedNodes, let delay = delays[.reserved] ?? delays[.onDemand] {
            return (.reserved, delay)
        }
        if replicaClass == .batch, offer.allowsSpot, let delay = delays[.spot] { return (.spot, delay) }
        if let delay = delays[.onDemand] { return (.onDemand, delay) }
        return nil
    }
}

/// GPUs and memory that the draining replicas of a ready node give back at `due`, with what
/// stays free there now.
struct FreeingRoom {
    var node: NodeID
    var capacity: CapacityType
    /// Free GPUs once the drains end (free now + draining).
    var gpus: Int
    var memoryGiB: Int
    /// When the last drain on the node ends, Unix seconds.
    var due: Int64
}
