import Allocation
import Testing
import Vocabulary

/// Small builders and drivers shared by the allocation tests.
enum Fixture {
    static let start: Int64 = 1_700_000_000

    static func offer(
        region: String = "r1", gpuType: String = "H100", gpus: Int = 8, memory: Int = 80,
        reserved: Int = 0, reservedDelay: Int64? = 60, spot: Int64? = 90, onDemand: Int64? = 120,
        maxNodes: Int? = nil
    ) -> NodeOffer {
        var delays: [CapacityType: Int64] = [:]
        if let reservedDelay { delays[.reserved] = reservedDelay }
        if let spot { delays[.spot] = spot }
        if let onDemand { delays[.onDemand] = onDemand }
        return NodeOffer(
            region: region, gpuType: gpuType, gpusPerNode: gpus, memoryPerGPUGiB: memory,
            provisioningSeconds: delays, reservedNodes: reserved, allowsSpot: spot != nil, maxNodes: maxNodes)
    }

    static func target(
        _ model: String, _ replicas: Int, gpus: Int = 1, memory: Int? = nil, _ replicaClass: WorkloadClass = .interactive,
        region: String = "r1", gpuType: String = "H100", coldStart: Int64 = 30
    ) -> ReplicaTarget {
        ReplicaTarget(
            model: model, region: region, replicas: replicas,
            shape: ReplicaShape(
                gpuType: gpuType, gpus: gpus, memoryGiB: memory ?? gpus * 60, replicaClass: replicaClass,
                coldStartSeconds: coldStart))
    }

    /// One reconcile at `now`, applied.
    static func step(
        _ pool: NodePool, _ targets: [ReplicaTarget], _ offers: [NodeOffer], events: [PoolEvent] = [],
        at now: Int64, allocator: Allocator = Allocator()
    ) throws -> (pool: NodePool, actions: [Action]) {
        let actions = try allocator.reconcile(pool, targets: targets, offers: offers, events: events, now: now)
        return (try pool.applying(actions), actions)
    }

    /// Reconciles every `every` seconds from `from` for `rounds` rounds, checking the pool
    /// invariants after each; returns the pool, the log and the time reached.
    static func settle(
        _ pool: NodePool, _ targets: [ReplicaTarget], _ offers: [NodeOffer], from: Int64, rounds: Int = 30,
        every: Int64 = 30, allocator: Allocator = Allocator()
    ) throws -> (pool: NodePool, log: [Action], now: Int64) {
        var pool = pool
        var log: [Action] = []
        var now = from
        for _ in 0..<rounds {
            let result = try step(pool, targets, offers, at: now, allocator: allocator)
            pool = result.pool
            log += result.actions
            checkInvariants(pool)
            now += every
        }
        return (pool, log, now)
    }

    /// Records an issue for every broken pool invariant.
    static func checkInvariants(_ pool: NodePool, sourceLocation: SourceLocation = #_sourceLocation) {
        for node in pool.nodes.values {
            let replicas = pool.replicas(on: node.id)
            guard node.isAlive else {
                #expect(replicas.isEmpty, "terminated \(node.id) holds replicas", sourceLocation: sourceLocation)
                continue
            }
            let gpus = replicas.reduce(0) { $0 + $1.gpus }
            let memory = replicas.reduce(0) { $0 + $1.memoryGiB }
            #expect(gpus <= node.gpus, "\(node.id): \(gpus) GPUs > \(node.gpus)", sourceLocation: sourceLocation)
            #expect(memory <= node.memoryGiB, "\(node.id): \(memory) GiB > \(node.memoryGiB)", sourceLocation: sourceLocation)
            #expect(replicas.allSatisfy { $0.replicaClass == node.replicaClass }, "\(node.id) mixes classes", sourceLocation: sourceLocation)
            #expect(Set(replicas.map(\.replicaClass)).count <= 1, sourceLocation: sourceLocation)
            if node.capacity == .spot {
                #expect(replicas.allSatisfy { $0.replicaClass == .batch }, "interactive on spot \(node.id)", sourceLocation: sourceLocation)
            }
            if node.state == .provisioning { #expect(replicas.isEmpty, sourceLocation: sourceLocation) }
        }
        for replica in pool.replicas.values {
            if replica.state == .pending {
                #expect(replica.node == nil, sourceLocation: sourceLocation)
            } else {
                let node = replica.node.flatMap { pool.nodes[$0] }
                #expect(node?.isAlive == true, "\(replica.id) on a dead or missing node", sourceLocation: sourceLocation)
                #expect(node?.region == replica.region && node?.gpuType == replica.gpuType, sourceLocation: sourceLocation)
            }
        }
    }

    /// Serving replicas per model.
    static func serving(_ pool: NodePool) -> [String: Int] {
        var counts: [String: Int] = [:]
        for replica in pool.replicas.values where replica.state == .serving { counts[replica.model, default: 0] += 1 }
        return counts
    }

    /// Alive nodes that hold replicas.
    static func nodesInUse(_ pool: NodePool) -> Int {
        pool.aliveNodes.filter { !pool.replicas(on: $0.id).isEmpty }.count
    }
}
