import Allocation
import Testing

/// The provider's news reaching the engine: interruption notices, reported readiness, and
/// events about nodes the pool never held.
@Suite struct ProviderEventTests {
    /// A spot node with batch work gets a two-minute notice: its replicas drain (serving their
    /// in-flight work) while replacements start elsewhere at once, nothing new lands on it, and
    /// it is interrupted at the reclaim time if still alive.
    @Test func anInterruptionNoticeDrainsTheNodeAndReplacesItsReplicasBeforeTheReclaim() throws {
        let offers = [Fixture.offer(reserved: 0)]
        let targets = [Fixture.target("embed", 20, .batch)]
        let up = try Fixture.settle(NodePool(), targets, offers, from: Fixture.start, rounds: 10)
        let spot = try #require(up.pool.aliveNodes.first { $0.capacity == .spot && !up.pool.replicas(on: $0.id).isEmpty })
        let victims = up.pool.replicas(on: spot.id).map(\.id).sorted()
        let reclaimAt = up.now + 120
        let notice = try Fixture.step(up.pool, targets, offers,
                                      events: [.interruptionNotice(spot.id, at: up.now - 5, reclaimAt: reclaimAt)], at: up.now)
        #expect(notice.actions.first?.kind == .reclaimNotice(spot.id, reclaimAt: reclaimAt))
        #expect(notice.actions.first?.at == up.now - 5)
        let drained = notice.actions.compactMap { action -> ReplicaID? in
            if case .drain(let id) = action.kind { id } else { nil }
        }
        #expect(drained.sorted() == victims, "every replica on the node drains")
        #expect(notice.pool.nodes[spot.id]?.reclaimAt == reclaimAt)
        #expect(notice.pool.nodes[spot.id]?.state == .draining)
        let placedOnIt = notice.actions.contains { action in
            if case .place(let replica) = action.kind { replica.node == spot.id } else { false }
        }
        #expect(!placedOnIt)
        Fixture.checkInvariants(notice.pool)

        // Each round until the reclaim: nothing is placed on the node; at the reclaim it is gone.
        var pool = notice.pool
        var now = up.now + 30
        while now < reclaimAt + 60 {
            let round = try Fixture.step(pool, targets, offers, at: now)
            for action in round.actions {
                if case .place(let replica) = action.kind { #expect(replica.node != spot.id, "placed on a reclaimed node") }
            }
            pool = round.pool
            Fixture.checkInvariants(pool)
            now += 30
        }
        #expect(pool.nodes[spot.id]?.isAlive == false, "released or interrupted by the reclaim time")
        #expect((pool.nodes[spot.id]?.terminatedAt ?? .max) <= reclaimAt)
        let settled = try Fixture.settle(pool, targets, offers, from: now, rounds: 10)
        #expect(Fixture.serving(settled.pool) == ["embed": 20])
    }

    /// A node whose drains outlast the reclaim time is interrupted at that time, not later.
    @Test func aNodeStillAliveAtItsReclaimTimeIsInterruptedThen() throws {
        let offers = [Fixture.offer(reserved: 0)]
        let targets = [Fixture.target("embed", 8, .batch)]
        let allocator = Allocator(settings: AllocationSettings(drainSeconds: 600))
        let up = try Fixture.settle(NodePool(), targets, offers, from: Fixture.start, rounds: 10, allocator: allocator)
        let node = try #require(up.pool.aliveNodes.first { !up.pool.replicas(on: $0.id).isEmpty })
        let notice = try Fixture.step(up.pool, targets, offers,
                                      events: [.interruptionNotice(node.id, at: up.now, reclaimAt: up.now + 120)],
                                      at: up.now, allocator: allocator)
        let later = try Fixture.step(notice.pool, targets, offers, at: up.now + 150, allocator: allocator)
        #expect(later.actions.first { $0.kind == .interrupt(node.id) }?.at == up.now + 120)
        #expect(later.pool.nodes[node.id]?.terminatedAt == up.now + 120)
        Fixture.checkInvariants(later.pool)
    }

    /// A notice for a node still provisioning: it never served, so it is given up at once.
    @Test func aNoticeForAProvisioningNodeInterruptsIt() throws {
        let offers = [Fixture.offer(reserved: 0)]
        let targets = [Fixture.target("embed", 8, .batch)]
        let first = try Fixture.step(NodePool(), targets, offers, at: Fixture.start)
        let node = try #require(first.pool.aliveNodes.first { $0.state == .provisioning })
        let notice = try Fixture.step(first.pool, targets, offers,
                                      events: [.interruptionNotice(node.id, at: Fixture.start + 10, reclaimAt: Fixture.start + 130)],
                                      at: Fixture.start + 10)
        #expect(notice.actions.first == Action(id: ActionID(round: first.pool.nextRound, index: 0), at: Fixture.start + 10,
                                               kind: .interrupt(node.id)))
        #expect(notice.pool.nodes[node.id]?.isAlive == false)
    }

    /// With reported readiness, a node is ready when the provider says so: not at its due time
    /// without a report, and at the reported time even before it.
    @Test func reportedReadinessWaitsForTheProvider() throws {
        let offers = [Fixture.offer(reserved: 0, spot: nil, onDemand: 120)]
        let targets = [Fixture.target("chat", 2)]
        let allocator = Allocator(settings: AllocationSettings(nodeReadiness: .reported))
        let first = try Fixture.step(NodePool(), targets, offers, at: Fixture.start, allocator: allocator)
        let node = try #require(first.pool.aliveNodes.first)
        let late = try Fixture.step(first.pool, targets, offers, at: Fixture.start + 600, allocator: allocator)
        #expect(late.pool.nodes[node.id]?.state == .provisioning, "due long ago, but not reported")
        let reported = try Fixture.step(late.pool, targets, offers, events: [.nodeReady(node.id, at: Fixture.start + 610)],
                                        at: Fixture.start + 615, allocator: allocator)
        #expect(reported.actions.first?.kind == .nodeReady(node.id))
        #expect(reported.pool.nodes[node.id]?.readyAt == Fixture.start + 610)
        #expect(reported.actions.contains { if case .place = $0.kind { true } else { false } })

        // Scheduled readiness takes an early report too.
        let early = try Fixture.step(first.pool, targets, offers, events: [.nodeReady(node.id, at: Fixture.start + 40)],
                                     at: Fixture.start + 45)
        #expect(early.pool.nodes[node.id]?.readyAt == Fixture.start + 40)
    }

    @Test func anEventAboutANodeThePoolNeverHeldIsNamed() throws {
        #expect {
            _ = try Allocator().reconcile(NodePool(), targets: [], offers: [Fixture.offer()],
                                          events: [.interruptionNotice(NodeID(9), at: 0, reclaimAt: 120)], now: 0)
        } throws: { error in
            "\(error)".contains("node-9")
        }
    }
}
