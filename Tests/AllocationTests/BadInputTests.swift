import Allocation
import Testing
import Vocabulary

/// Every bad input is refused with an error that names it; reconcile is pure, so a refused
/// round leaves nothing behind (the caller's pool is a value and no action is returned).
@Suite struct BadInputTests {
    let pool = NodePool()
    let offers = [Fixture.offer()]

    func refusal(_ targets: [ReplicaTarget], offers: [NodeOffer]? = nil, settings: AllocationSettings = AllocationSettings()) -> String? {
        do {
            _ = try Allocator(settings: settings).reconcile(pool, targets: targets, offers: offers ?? self.offers, now: 0)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func targets() {
        #expect(refusal([Fixture.target("chat", -1)]) == "target chat in r1: replicas is -1; must be at least 0")
        #expect(refusal([Fixture.target("chat", 1, gpus: 0)]) == "target chat in r1: shape.gpus is 0; must be at least 1")
        #expect(refusal([Fixture.target("chat", 1, gpus: 9)])
            == "target chat in r1: shape.gpus is 9; must be at most the 8 GPUs of a H100 node")
        #expect(refusal([Fixture.target("chat", 1, gpus: 2, memory: 161)])
            == "target chat in r1: shape.memoryGiB is 161; must be at most 160 (2 GPUs of 80 GiB)")
        #expect(refusal([Fixture.target("chat", 1, memory: -1)]) == "target chat in r1: shape.memoryGiB is -1; must be at least 0")
        #expect(refusal([Fixture.target("chat", 1, coldStart: -5)])
            == "target chat in r1: shape.coldStartSeconds is -5; must be at least 0")
        #expect(refusal([Fixture.target("chat", 1, gpuType: "A100")])
            == "target chat in r1 needs GPU type A100, which r1 does not offer; add an offer or change the model's GPU type")
        #expect(refusal([Fixture.target("chat", 1), Fixture.target("chat", 2)])
            == "target chat in r1 is given twice; give one target per model and region")
    }

    @Test func offersAndSettings() {
        #expect(refusal([], offers: [Fixture.offer(gpus: 0)]) == "offer H100 in r1: gpusPerNode is 0; must be at least 1")
        #expect(refusal([], offers: [Fixture.offer(memory: 0)]) == "offer H100 in r1: memoryPerGPUGiB is 0; must be at least 1")
        #expect(refusal([], offers: [Fixture.offer(reserved: -2)]) == "offer H100 in r1: reservedNodes is -2; must be at least 0")
        #expect(refusal([], offers: [Fixture.offer(maxNodes: -1)])
            == "offer H100 in r1: maxNodes is -1; must be at least 0 (or absent for no quota)")
        #expect(refusal([], offers: [Fixture.offer(spot: -3)])
            == "offer H100 in r1: provisioningSeconds.spot is -3; must be at least 0")
        #expect(refusal([], offers: [Fixture.offer(), Fixture.offer()])
            == "offer H100 in r1 is given twice; give one offer per region and GPU type")
        #expect(refusal([], settings: AllocationSettings(drainSeconds: -1)) == "setting drainSeconds is -1; must be at least 0")
        #expect(refusal([], settings: AllocationSettings(interactiveWaitSeconds: -1))
            == "setting interactiveWaitSeconds is -1; must be at least 0")
    }

    @Test func aPoolReadBackWithBrokenInvariantsIsRefused() {
        let node = Node(id: NodeID(0), region: "r1", gpuType: "H100", gpus: 2, memoryPerGPUGiB: 80, capacity: .spot,
                        replicaClass: .batch, state: .ready, requestedAt: 0, readyDueAt: 0, readyAt: 0)
        func replica(_ n: Int, gpus: Int = 1, _ replicaClass: WorkloadClass = .batch, node: NodeID? = NodeID(0), state: ReplicaState = .serving) -> Replica {
            Replica(id: ReplicaID(n), model: "m", region: "r1", gpuType: "H100", gpus: gpus, memoryGiB: 10,
                    replicaClass: replicaClass, coldStartSeconds: 0, state: state, node: node, createdAt: 0)
        }
        func refusal(_ replicas: [Replica]) -> String? {
            do { _ = try NodePool(nodes: [node], replicas: replicas); return nil } catch { return error.description }
        }
        #expect(refusal([replica(0, gpus: 3)]) == "pool: replica-0 (3 GPUs, 10 GiB) does not fit on node-0 (2 GPUs, 160 GiB free)")
        #expect(refusal([replica(0, .interactive)]) == "pool: replica-0 is interactive; node-0 is spot")
        #expect(refusal([replica(0), replica(0)]) == "pool: replica-0 is given twice")
        #expect(refusal([replica(0, node: NodeID(7))]) == "pool: node-7 is not in the pool")
        #expect(refusal([replica(0, node: nil)]) == "pool: replica-0 is serving but has no node")
        #expect(refusal([replica(0, state: .pending)]) == "pool: replica-0 is pending but names node-0")
        #expect(refusal([replica(0), replica(1)]) == nil)
    }
}
