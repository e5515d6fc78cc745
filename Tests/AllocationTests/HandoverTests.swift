import Allocation
import Testing

/// A plan that moves a model to another variant changes its target's shape: the new variant
/// scales up before the old one scales down.
@Suite struct HandoverTests {
    /// Four A100 tp2 replicas serving; the target becomes four H100 tp1 replicas. Every round
    /// until the H100 replicas all serve keeps the four A100 replicas serving; then they drain
    /// and their nodes go.
    @Test func oldVariantServesUntilTheNewOneDoes() throws {
        let offers = [Fixture.offer(gpuType: "A100", gpus: 8), Fixture.offer(gpuType: "H100", gpus: 8)]
        let old = Fixture.target("chat", 4, gpus: 2, gpuType: "A100", coldStart: 300)
        let settled = try Fixture.settle(NodePool(), [old], offers, from: Fixture.start, rounds: 20)
        #expect(Fixture.serving(settled.pool) == ["chat": 4])

        let new = Fixture.target("chat", 4, gpus: 1, gpuType: "H100", coldStart: 300)
        var pool = settled.pool
        var now = settled.now
        var servedThroughout = true
        var handedOverAt: Int64?
        for _ in 0..<40 {
            let round = try Fixture.step(pool, [new], offers, at: now)
            pool = round.pool
            Fixture.checkInvariants(pool)
            let serving = pool.replicas.values.filter { $0.state == .serving }
            let servingOld = serving.filter { $0.gpuType == "A100" }.count
            let servingNew = serving.filter { $0.gpuType == "H100" }.count
            if servingOld + servingNew < 4 { servedThroughout = false }
            if servingOld == 0, handedOverAt == nil { handedOverAt = now }
            now += 30
        }
        #expect(servedThroughout, "fewer than four replicas served during the move")
        let at = try #require(handedOverAt, "the A100 replicas never left")
        // Provisioning (120 s) and cold start (300 s) come first.
        #expect(at - settled.now >= 420)
        #expect(pool.replicas.values.allSatisfy { $0.gpuType == "H100" })
        #expect(pool.aliveNodes.allSatisfy { $0.gpuType == "H100" })
    }

    /// Pending and loading replicas of the old shape serve nothing and go at once.
    @Test func oldReplicasNotServingGoAtOnce() throws {
        let offers = [Fixture.offer(gpuType: "A100", gpus: 8), Fixture.offer(gpuType: "H100", gpus: 8)]
        let old = Fixture.target("chat", 2, gpus: 2, gpuType: "A100", coldStart: 300)
        // Two rounds: nodes asked for, then ready at 120 s and the replicas loading.
        let loading = try Fixture.settle(NodePool(), [old], offers, from: Fixture.start, rounds: 5)
        #expect(loading.pool.replicas.values.contains { $0.state == .loading })
        let new = Fixture.target("chat", 2, gpus: 1, gpuType: "H100", coldStart: 300)
        let round = try Fixture.step(loading.pool, [new], offers, at: loading.now)
        #expect(round.pool.replicas.values.filter { $0.gpuType == "A100" && $0.isLive }.isEmpty)
    }
}
