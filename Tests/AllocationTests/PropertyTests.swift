import Allocation
import PropertyBased
import Testing
import Vocabulary

/// Invariants over random fleets, targets and node losses.
@Suite struct PropertyTests {
    static let shapes: [(model: String, gpus: Int, replicaClass: WorkloadClass)] = [
        ("chat", 1, .interactive), ("code", 3, .interactive), ("embed", 2, .batch), ("train", 4, .batch),
    ]

    /// Three phases of random targets, each starting with a random node loss; reconciled every
    /// 30 s. Every round keeps the pool invariants (GPUs and memory per node, one class per node,
    /// no interactive work on spot); each phase ends with serving replicas equal to the targets
    /// (no quota: capacity allows) and nothing left to do; replaying the whole log on an empty
    /// pool gives the same pool, and replaying it again changes nothing.
    @Test func theFleetConvergesToItsTargetsAndTheLogReplays() async {
        await propertyCheck(
            count: 60, input: Gen.int(in: 0...14).array(of: 12), Gen.int(in: 0...60).array(of: 3), Gen.int(in: 0...3),
            Gen.int(in: 0...1)
        ) { counts, losses, reserved, keepsIdle in
            let offers = [Fixture.offer(reserved: reserved)]
            let allocator = Allocator(settings: AllocationSettings(keepsIdleReservedNodes: keepsIdle == 1))
            var pool = NodePool()
            var log: [Action] = []
            var now = Fixture.start
            do {
                for phase in 0..<3 {
                    let targets = Self.shapes.enumerated().map { i, shape in
                        Fixture.target(shape.model, counts[phase * 4 + i], gpus: shape.gpus, shape.replicaClass)
                    }
                    var events: [PoolEvent] = []
                    let alive = pool.aliveNodes
                    if !alive.isEmpty, losses[phase] < 40 { events = [.nodeLost(alive[losses[phase] % alive.count].id, at: now)] }
                    let lost = try Fixture.step(pool, targets, offers, events: events, at: now, allocator: allocator)
                    let settled = try Fixture.settle(lost.pool, targets, offers, from: now + 30, rounds: 20, allocator: allocator)
                    pool = settled.pool
                    log += lost.actions + settled.log
                    now = settled.now
                    let wanted = Dictionary(uniqueKeysWithValues: targets.filter { $0.replicas > 0 }.map { ($0.model, $0.replicas) })
                    #expect(Fixture.serving(pool) == wanted, "phase \(phase)")
                    #expect(pool.replicas.count == wanted.values.reduce(0, +), "nothing pending or draining")
                    #expect(try allocator.reconcile(pool, targets: targets, offers: offers, now: now).isEmpty, "a fixpoint")
                }
                // Within a round and a region / GPU type, reserved nodes are released last.
                var ranks: [String: [Int]] = [:]
                var nodes: [NodeID: Node] = [:]
                for action in log {
                    if case .provision(let node) = action.kind { nodes[node.id] = node }
                    if case .release(let id) = action.kind, let node = nodes[id] {
                        let order = node.capacity == .reserved ? 1 : 0
                        ranks["\(action.id.round) \(node.region) \(node.gpuType)", default: []].append(order)
                    }
                }
                #expect(ranks.values.allSatisfy { $0 == $0.sorted() })
                let replayed = try NodePool().applying(log)
                #expect(replayed == pool)
                #expect(try replayed.applying(log) == pool)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// With replica sizes that divide the node (1, 2, 4, 8 of 8 GPUs), one round of best-fit
    /// decreasing placement onto empty ready nodes uses exactly ceil(GPUs / 8) nodes per class.
    @Test func packingOfDivisibleSizesMeetsTheLowerBound() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...30).array(of: 8)) { counts in
            let sizes = [1, 2, 4, 8]
            let targets = counts.enumerated().map { i, count in
                Fixture.target("m\(i)", count, gpus: sizes[i % 4], i < 4 ? .interactive : .batch)
            }
            let gpus = targets.reduce(0) { $0 + $1.replicas * $1.shape.gpus }
            let nodes = (0..<(gpus / 8 + 4)).map { i in
                Node(id: NodeID(i), region: "r1", gpuType: "H100", gpus: 8, memoryPerGPUGiB: 80, capacity: .onDemand,
                     replicaClass: .interactive, state: .ready, requestedAt: 0, readyDueAt: 0, readyAt: 0)
            }
            do {
                let pool = try NodePool(nodes: nodes, replicas: [])
                let after = try Fixture.step(pool, targets, [Fixture.offer()], at: Fixture.start).pool
                Fixture.checkInvariants(after)
                #expect(after.replicas.count == counts.reduce(0, +))
                for group in PoolMetrics(pool: after).groups {
                    #expect(group.nodesInUse == group.lowerBoundNodes, "\(group)")
                }
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// From a fragmented pool, scaling down with the engine's choice (least-loaded nodes first)
    /// leaves no more nodes in use and no more partly used nodes than draining the newest
    /// replicas (the naive choice).
    @Test func consolidationLeavesNoMorePartlyUsedNodesThanNaiveRemoval() async {
        await propertyCheck(
            count: 60, input: Gen.int(in: 16...48), Gen.int(in: 0...1_000).array(of: 0...20), Gen.int(in: 1...16)
        ) { total, holes, cut in
            let offers = [Fixture.offer(reserved: 0)]
            do {
                let full = try Fixture.settle(NodePool(), [Fixture.target("a", total)], offers, from: Fixture.start, rounds: 10)
                let ids = full.pool.replicas.keys.sorted()
                let punched = Set(holes.map { ids[$0 % ids.count] })
                var fragmented = full.pool
                for (i, id) in punched.sorted().enumerated() {
                    try fragmented.apply(Action(id: ActionID(round: fragmented.nextRound, index: i), at: full.now, kind: .drain(id)))
                }
                let live = total - punched.count
                let base = try Fixture.settle(fragmented, [Fixture.target("a", live)], offers, from: full.now, rounds: 4)
                let goal = max(0, live - cut)
                let engine = try Fixture.settle(base.pool, [Fixture.target("a", goal)], offers, from: base.now, rounds: 4)

                var naive = base.pool
                let newest = naive.replicas.keys.sorted(by: >).prefix(live - goal)
                for (i, id) in newest.enumerated() {
                    try naive.apply(Action(id: ActionID(round: naive.nextRound, index: i), at: base.now, kind: .drain(id)))
                }
                let naiveSettled = try Fixture.settle(naive, [Fixture.target("a", goal)], offers, from: base.now, rounds: 4)
                let e = PoolMetrics(pool: engine.pool)
                let n = PoolMetrics(pool: naiveSettled.pool)
                #expect(Fixture.serving(engine.pool)["a", default: 0] == goal)
                #expect(Fixture.nodesInUse(engine.pool) <= Fixture.nodesInUse(naiveSettled.pool))
                #expect(e.partlyUsedNodes <= n.partlyUsedNodes)
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
