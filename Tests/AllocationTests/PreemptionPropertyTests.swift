import Allocation
import PropertyBased
import Testing

@Suite struct PreemptionPropertyTests {
    /// A quota of 2 to 6 nodes, no spot, random interactive (1 and 2 GPUs) and batch targets over
    /// three phases. Every preemption hits a batch replica; invariants hold every round; when
    /// the interactive work fits in one node less than the quota, all of it serves at the end of
    /// the phase, whatever the batch work (interactive work comes first); the log replays.
    @Test func interactiveWorkWinsWithinTheQuotaAndOnlyBatchIsPreempted() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...20).array(of: 12), Gen.int(in: 2...6)) { counts, quota in
            let offers = [Fixture.offer(reserved: 0, spot: nil, maxNodes: quota)]
            var pool = NodePool()
            var log: [Action] = []
            var now = Fixture.start
            do {
                for phase in 0..<3 {
                    let c = Array(counts[(phase * 4)..<(phase * 4 + 4)])
                    let targets = [
                        Fixture.target("chat", c[0], gpus: 1), Fixture.target("code", c[1], gpus: 2),
                        Fixture.target("embed", c[2], gpus: 1, .batch), Fixture.target("train", c[3], gpus: 4, .batch),
                    ]
                    let settled = try Fixture.settle(pool, targets, offers, from: now, rounds: 20)
                    for action in settled.log {
                        if case .preempt(let id) = action.kind {
                            let before = try NodePool().applying(log + settled.log.prefix { $0.id < action.id })
                            #expect(before.replicas[id]?.replicaClass == .batch)
                        }
                    }
                    pool = settled.pool
                    log += settled.log
                    now = settled.now
                    #expect(pool.aliveNodes.count <= quota)
                    let serving = Fixture.serving(pool)
                    if c[0] + 2 * c[1] <= (quota - 1) * 8 {
                        #expect(serving["chat", default: 0] == c[0], "phase \(phase)")
                        #expect(serving["code", default: 0] == c[1], "phase \(phase)")
                    }
                    #expect(serving["embed", default: 0] <= c[2])
                    #expect(serving["train", default: 0] <= c[3])
                }
                #expect(try NodePool().applying(log) == pool)
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
