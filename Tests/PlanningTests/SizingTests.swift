import Planning
import Testing

@Suite struct SizingTests {
    let profile = Fixture.profile(slo: 500, utilization: 0.5, floor: 0, cap: 10)

    @Test func replicasUseTheLargestBatchMeetingTheSLO() throws {
        // Batch 8 (5 rps, p99 400 ms) is the largest within 500 ms: 5 × 0.5 = 2.5 rps per replica.
        let sizing = try #require(profile.sizing(requestsPerSecond: 12))
        #expect(sizing.replicas == 5)  // ceil(12 / 2.5)
        #expect(sizing.uncappedReplicas == 5)
        #expect(sizing.replicasAtSmallestBatch == 10)  // ceil(12 / 0.5) = 24, capped at 10
    }

    @Test func batchesGrowBeforeReplicasAreAdded() throws {
        // One replica: batch 1 serves 0.5 rps, batch 4 serves 1.5, batch 8 serves 2.5.
        let sizes = try [0.3, 0.5, 1.0, 1.5, 2.0, 2.5].map { try #require(profile.sizing(requestsPerSecond: $0)) }
        #expect(sizes.map(\.replicas) == [1, 1, 1, 1, 1, 1])
        #expect(sizes.map(\.batchSize) == [1, 1, 4, 4, 8, 8])
        // Just above one replica's best: a second replica, and the smallest batch that serves
        // 2.6 rps on two replicas (batch 4: 2 × 1.5 = 3).
        let next = try #require(profile.sizing(requestsPerSecond: 2.6))
        #expect(next.replicas == 2)
        #expect(next.batchSize == 4)
    }

    @Test func batchSizesAboveTheSLOAreNeverUsed() throws {
        let sizing = try #require(profile.sizing(requestsPerSecond: 1_000))
        #expect(sizing.batchSize == 8)  // batch 16 has p99 900 ms > 500 ms
        #expect(sizing.replicas == 10)  // the cap
        #expect(sizing.uncappedReplicas == 400)
    }

    @Test func theFloorHoldsAtZeroDemand() throws {
        let floored = Fixture.profile(floor: 3)
        let sizing = try #require(floored.sizing(requestsPerSecond: 0))
        #expect(sizing.replicas == 3)
        #expect(sizing.batchSize == 1)
    }

    @Test func noBatchMeetingTheSLOGivesNoSizing() {
        #expect(Fixture.profile(slo: 50).sizing(requestsPerSecond: 1) == nil)
    }

    @Test func exactMultiplesDoNotRoundUpOnNoise() throws {
        // 0.1 × 3 × 50 is 15.000000000000002 rps: three replicas of 5 rps, not four.
        let exact = Fixture.profile(floor: 0)
        #expect(try #require(exact.sizing(requestsPerSecond: 0.1 * 3 * 50)).replicas == 3)
    }
}
