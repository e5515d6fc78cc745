import Allocation
import Testing
import Vocabulary

@Suite struct PoolMetricsTests {
    @Test func countsPackingFragmentationStatesAndTimeToReady() throws {
        func node(_ n: Int, _ capacity: CapacityType, _ state: NodeState, requested: Int64, ready: Int64?) -> Node {
            Node(id: NodeID(n), region: "r1", gpuType: "H100", gpus: 8, memoryPerGPUGiB: 80, capacity: capacity,
                 replicaClass: n == 1 ? .batch : .interactive, state: state, requestedAt: requested,
                 readyDueAt: requested + 100, readyAt: ready, terminatedAt: state == .terminated ? 500 : nil)
        }
        func replica(_ n: Int, gpus: Int, on node: Int, _ replicaClass: WorkloadClass = .interactive) -> Replica {
            Replica(id: ReplicaID(n), model: "m\(node)", region: "r1", gpuType: "H100", gpus: gpus, memoryGiB: gpus * 50,
                    replicaClass: replicaClass, coldStartSeconds: 0, state: .serving, node: NodeID(node), createdAt: 0)
        }
        let pool = try NodePool(
            nodes: [
                node(0, .reserved, .ready, requested: 0, ready: 60),
                node(1, .spot, .ready, requested: 0, ready: 120),
                node(2, .onDemand, .ready, requested: 0, ready: 90),
                node(3, .onDemand, .provisioning, requested: 1_000, ready: nil),
                node(4, .onDemand, .terminated, requested: 0, ready: 30),
            ],
            replicas: [replica(0, gpus: 8, on: 0), replica(1, gpus: 3, on: 1, .batch), replica(2, gpus: 1, on: 1, .batch)])
        let metrics = PoolMetrics(pool: pool)
        #expect(metrics.gpusInUse == 12)
        #expect(metrics.gpusOnReadyNodes == 24)
        #expect(metrics.packingEfficiency == 0.5)
        #expect(metrics.partlyUsedNodes == 1)
        #expect(metrics.strandedGPUs == 4)
        #expect(metrics.emptyReadyNodes == 1)
        #expect(metrics.nodesByCapacity == [.reserved: 1, .spot: 1, .onDemand: 2])
        #expect(metrics.nodesByState == [.ready: 3, .provisioning: 1, .terminated: 1])
        #expect(metrics.replicasByState == [.serving: 3])
        #expect(metrics.meanSecondsToReady == 75)
        #expect(metrics.groups.map(\.replicaClass) == [.batch, .interactive])
        #expect(metrics.groups.map(\.lowerBoundNodes) == [1, 1])
        #expect(metrics.groups.map(\.excessOverLowerBound) == [0, 0])
    }

    @Test func anEmptyPoolHasNoRatios() {
        let metrics = PoolMetrics(pool: NodePool())
        #expect(metrics.packingEfficiency == nil)
        #expect(metrics.meanSecondsToReady == nil)
        #expect(metrics.groups.isEmpty)
    }
}
