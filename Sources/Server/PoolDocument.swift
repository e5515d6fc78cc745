import Allocation
import Store
import Traffic

/// The node pool as the allocation engine left it, with its metrics: `GET /v1/pool`.
struct PoolDocument: Encodable {
    var nodes: [NodeEntry]
    var replicas: [ReplicaEntry]
    var metrics: Metrics

    struct NodeEntry: Encodable {
        var id: String
        var region: String
        var gpuType: String
        var gpus: Int
        var memoryPerGpuGib: Int
        var capacityType: String
        var workloadClass: String
        var state: String
        var gpusInUse: Int
        var requestedAt: String
        var readyAt: String?
        var terminatedAt: String?
        /// When the provider takes the node back (an interruption notice was received).
        var reclaimAt: String?
    }

    struct ReplicaEntry: Encodable {
        var id: String
        var model: String
        var region: String
        var node: String?
        var gpus: Int
        var state: String
        var createdAt: String
        var servingAt: String?
    }

    /// Packing efficiency is GPUs in use over GPUs on ready nodes; stranded GPUs are free GPUs
    /// on partly used nodes (fragmentation).
    struct Metrics: Encodable {
        var gpusInUse: Int
        var gpusOnReadyNodes: Int
        var packingEfficiency: Double?
        var strandedGpus: Int
        var partlyUsedNodes: Int
        var emptyReadyNodes: Int
        var nodesByCapacityType: [String: Int]
        var nodesByState: [String: Int]
        var replicasByState: [String: Int]
        var meanSecondsToReady: Double?
    }

    /// The live nodes (not terminated) and every replica of `pool`.
    init(_ pool: NodePool) {
        nodes = pool.aliveNodes.map { node in
            NodeEntry(id: node.id.description, region: node.region, gpuType: node.gpuType, gpus: node.gpus,
                      memoryPerGpuGib: node.memoryPerGPUGiB, capacityType: node.capacity.rawValue,
                      workloadClass: node.replicaClass.rawValue, state: node.state.rawValue,
                      gpusInUse: pool.usedGPUs(on: node.id), requestedAt: Timestamp.format(node.requestedAt),
                      readyAt: node.readyAt.map(Timestamp.format), terminatedAt: node.terminatedAt.map(Timestamp.format),
                      reclaimAt: node.reclaimAt.map(Timestamp.format))
        }
        replicas = pool.replicas.values.sorted { $0.id < $1.id }.map { replica in
            ReplicaEntry(id: replica.id.description, model: replica.model, region: replica.region,
                         node: replica.node?.description, gpus: replica.gpus, state: replica.state.rawValue,
                         createdAt: Timestamp.format(replica.createdAt), servingAt: replica.servingAt.map(Timestamp.format))
        }
        let metrics = PoolMetrics(pool: pool)
        self.metrics = Metrics(
            gpusInUse: metrics.gpusInUse, gpusOnReadyNodes: metrics.gpusOnReadyNodes,
            packingEfficiency: finite(metrics.packingEfficiency), strandedGpus: metrics.strandedGPUs,
            partlyUsedNodes: metrics.partlyUsedNodes, emptyReadyNodes: metrics.emptyReadyNodes,
            nodesByCapacityType: Dictionary(uniqueKeysWithValues: metrics.nodesByCapacity.map { ($0.key.rawValue, $0.value) }),
            nodesByState: Dictionary(uniqueKeysWithValues: metrics.nodesByState.map { ($0.key.rawValue, $0.value) }),
            replicasByState: Dictionary(uniqueKeysWithValues: metrics.replicasByState.map { ($0.key.rawValue, $0.value) }),
            meanSecondsToReady: finite(metrics.meanSecondsToReady))
    }
}

/// One execution (reconcile round) of the engine: `GET /v1/executions`.
struct ExecutionDocument: Encodable {
    var round: Int
    var planId: Int64?
    var firstActionAt: String
    var lastActionAt: String
    var actions: Int
    var appliedActions: Int
    var actionsByKind: [String: Int]
    var recordedAt: String
    var completedAt: String?

    init(_ round: PoolRoundSummary) {
        self.round = round.round
        planId = round.planRunID
        firstActionAt = Timestamp.format(round.firstAt)
        lastActionAt = Timestamp.format(round.lastAt)
        actions = round.actions
        appliedActions = round.appliedActions
        actionsByKind = round.kinds
        recordedAt = round.recordedAt
        completedAt = round.completedAt
    }
}

/// A page of executions, newest first; `next_before` continues the listing.
struct ExecutionPage: Encodable {
    var executions: [ExecutionDocument]
    var nextBefore: Int?
}
