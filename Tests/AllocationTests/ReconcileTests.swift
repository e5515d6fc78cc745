import Allocation
import Testing
import Vocabulary

@Suite struct ReconcileTests {
    let offers = [Fixture.offer(reserved: 1)]

    @Test func scalesUpFromAnEmptyPoolThroughProvisioningLoadingAndServing() throws {
        let targets = [Fixture.target("chat", 10, gpus: 1)]
        let first = try Fixture.step(NodePool(), targets, offers, at: Fixture.start)
        let provisioned = first.actions.compactMap { action -> Node? in
            if case .provision(let node) = action.kind { return node } else { return nil }
        }
        // 10 GPUs on 8-GPU nodes: two nodes, the reserved one first, then on demand.
        #expect(provisioned.map(\.capacity) == [.reserved, .onDemand])
        #expect(provisioned.map(\.readyDueAt) == [Fixture.start + 60, Fixture.start + 120])
        #expect(first.pool.replicas.isEmpty)

        let settled = try Fixture.settle(first.pool, targets, offers, from: Fixture.start + 30, rounds: 10)
        #expect(Fixture.serving(settled.pool) == ["chat": 10])
        let nodeReadyAt = settled.log.compactMap { action -> Int64? in
            if case .nodeReady = action.kind { return action.at } else { return nil }
        }
        #expect(nodeReadyAt == [Fixture.start + 60, Fixture.start + 120], "ready at the due time, not at the round")
        let metrics = PoolMetrics(pool: settled.pool)
        #expect(metrics.gpusInUse == 10)
        #expect(metrics.meanSecondsToReady == 90)
        // Stable: nothing more to do.
        let again = try Allocator().reconcile(settled.pool, targets: targets, offers: offers, now: settled.now)
        #expect(again.isEmpty)
    }

    @Test func buysReservedThenSpotForBatchAndNeverSpotForInteractive() throws {
        let offers = [Fixture.offer(reserved: 1)]
        let targets = [Fixture.target("embed", 24, gpus: 1, .batch), Fixture.target("chat", 16, gpus: 1, .interactive)]
        let first = try Fixture.step(NodePool(), targets, offers, at: Fixture.start)
        let provisioned = first.actions.compactMap { action -> Node? in
            if case .provision(let node) = action.kind { return node } else { return nil }
        }
        let interactive = provisioned.filter { $0.replicaClass == .interactive }.map(\.capacity)
        let batch = provisioned.filter { $0.replicaClass == .batch }.map(\.capacity)
        #expect(interactive == [.reserved, .onDemand])
        #expect(batch == [.spot, .spot, .spot])
        let settled = try Fixture.settle(first.pool, targets, offers, from: Fixture.start + 30, rounds: 10)
        #expect(Fixture.serving(settled.pool) == ["embed": 24, "chat": 16])
    }

    @Test func placesBestFitOnTheFullestNodeThatTakesTheReplica() throws {
        // Two ready nodes: node-0 with 5 GPUs used, node-1 with 2 used; a 3-GPU replica goes
        // where the fewest GPUs stay free (node-0), a 6-GPU one only fits node-1.
        let nodes = (0..<2).map { i in
            Node(id: NodeID(i), region: "r1", gpuType: "H100", gpus: 8, memoryPerGPUGiB: 80, capacity: .onDemand,
                 replicaClass: .interactive, state: .ready, requestedAt: 0, readyDueAt: 0, readyAt: 0)
        }
        func replica(_ number: Int, _ model: String, gpus: Int, on node: Int) -> Replica {
            Replica(id: ReplicaID(number), model: model, region: "r1", gpuType: "H100", gpus: gpus, memoryGiB: gpus * 60,
                    replicaClass: .interactive, coldStartSeconds: 0, state: .serving, node: NodeID(node), createdAt: 0,
                    placedAt: 0, servingAt: 0)
        }
        let pool = try NodePool(nodes: nodes, replicas: [replica(0, "a", gpus: 5, on: 0), replica(1, "b", gpus: 2, on: 1)])
        let targets = [Fixture.target("a", 1, gpus: 5), Fixture.target("b", 1, gpus: 2),
                       Fixture.target("c", 1, gpus: 3), Fixture.target("d", 1, gpus: 6)]
        let actions = try Allocator().reconcile(pool, targets: targets, offers: offers, now: Fixture.start)
        let placed = actions.compactMap { action -> (String, NodeID?)? in
            if case .place(let replica) = action.kind { return (replica.model, replica.node) } else { return nil }
        }
        #expect(placed.map(\.0) == ["d", "c"], "largest first")
        #expect(placed.map(\.1) == [NodeID(1), NodeID(0)])
    }

    @Test func drainsGracefullyThenRemovesAfterTheDrainPeriodAndReleasesEmptyNodes() throws {
        let offers = [Fixture.offer(reserved: 0)]
        let up = try Fixture.settle(NodePool(), [Fixture.target("chat", 16)], offers, from: Fixture.start, rounds: 10)
        #expect(Fixture.nodesInUse(up.pool) == 2)
        let down = try Fixture.step(up.pool, [Fixture.target("chat", 8)], offers, at: up.now)
        let drained = down.actions.filter { if case .drain = $0.kind { true } else { false } }
        #expect(drained.count == 8)
        #expect(down.actions.allSatisfy { if case .remove = $0.kind { false } else { true } }, "not before the drain period")
        #expect(PoolMetrics(pool: down.pool).nodesByState[.draining] == 1, "the node being emptied takes no new work")
        let later = try Fixture.step(down.pool, [Fixture.target("chat", 8)], offers, at: up.now + 60)
        let removed = later.actions.filter { if case .remove = $0.kind { true } else { false } }
        let released = later.actions.filter { if case .release = $0.kind { true } else { false } }
        #expect(removed.count == 8)
        #expect(removed.allSatisfy { $0.at == up.now + 60 })
        #expect(released.count == 1)
        #expect(Fixture.serving(later.pool) == ["chat": 8])
    }

    @Test func releasesSpotAndOnDemandBeforeReservedAndKeepsIdleReservedNodes() throws {
        let offers = [Fixture.offer(reserved: 2)]
        let targets = [Fixture.target("chat", 24), Fixture.target("embed", 16, .batch)]
        let up = try Fixture.settle(NodePool(), targets, offers, from: Fixture.start, rounds: 10)
        let capacities = PoolMetrics(pool: up.pool).nodesByCapacity
        #expect(capacities == [.reserved: 2, .onDemand: 1, .spot: 2])
        let empty = [Fixture.target("chat", 0), Fixture.target("embed", 0, .batch)]
        for keeps in [false, true] {
            let allocator = Allocator(settings: AllocationSettings(keepsIdleReservedNodes: keeps))
            let down = try Fixture.settle(up.pool, empty, offers, from: up.now, rounds: 5, allocator: allocator)
            let released = down.log.compactMap { action -> CapacityType? in
                guard case .release(let id) = action.kind else { return nil }
                return up.pool.nodes[id]?.capacity
            }
            if keeps {
                #expect(released.sorted { $0.rawValue < $1.rawValue } == [.onDemand, .spot, .spot])
                #expect(PoolMetrics(pool: down.pool).nodesByCapacity == [.reserved: 2])
            } else {
                #expect(released == [.spot, .spot, .onDemand, .reserved, .reserved], "reserved last")
                #expect(PoolMetrics(pool: down.pool).nodesByCapacity.isEmpty)
            }
        }
    }
}
