/// The replicas and batch size that serve one rate of requests.
public struct Sizing: Sendable, Hashable {
    /// Replicas within floor and cap.
    public var replicas: Int
    /// Batch size each replica runs at.
    public var batchSize: Int
    /// Replicas the rate would need with no cap (floor still applied).
    public var uncappedReplicas: Int
    /// Replicas (within floor and cap) if every replica ran at the smallest usable batch size.
    public var replicasAtSmallestBatch: Int
}

extension ModelProfile {
    /// The throughput points whose p99 meets the SLO, by ascending batch size.
    public var servingPoints: [ThroughputPoint] {
        throughput.filter { $0.p99Milliseconds <= sloP99Milliseconds }
    }

    /// Replicas and batch size for `requestsPerSecond` of demand.
    ///
    /// With `r*` the throughput of the largest batch size whose p99 meets the SLO and `u` the
    /// target utilisation, `replicas = clamp(ceil(λ / (r* × u)), floor, cap)`. Batching first:
    /// the batch size is then the smallest usable one whose throughput still serves λ on that
    /// many replicas (`replicas × r_b × u ≥ λ`), so batches grow with demand up to the SLO before
    /// replicas are added, and at low demand the lower-latency small batches are used.
    /// Returns nil when no batch size meets the SLO.
    public func sizing(requestsPerSecond rate: Double) -> Sizing? {
        let points = servingPoints
        guard let best = points.last, let smallest = points.first else { return nil }
        let needed = replicasNeeded(rate, perReplica: best.requestsPerSecond)
        let replicas = min(max(needed, minReplicas), maxReplicas)
        let batch = points.first { Double(replicas) * $0.requestsPerSecond * targetUtilization >= rate * (1 - 1e-12) } ?? best
        let small = min(max(replicasNeeded(rate, perReplica: smallest.requestsPerSecond), minReplicas), maxReplicas)
        return Sizing(replicas: replicas, batchSize: batch.batchSize, uncappedReplicas: max(needed, minReplicas),
                      replicasAtSmallestBatch: small)
    }

    /// `ceil(rate / (perReplica × targetUtilization))`, ignoring rounding noise of 1e-9 and
    /// saturating at one billion.
    func replicasNeeded(_ rate: Double, perReplica: Double) -> Int {
        guard rate > 0 else { return 0 }
        let exact = rate / (perReplica * targetUtilization)
        guard exact < 1e9 else { return 1_000_000_000 }
        return Int((exact - 1e-9).rounded(.up))
    }

    /// Requests per second one replica serves at `batchSize` within the target utilisation.
    func usableRate(batchSize: Int) -> Double {
        let point = throughput.first { $0.batchSize == batchSize } ?? servingPoints.last
        return (point?.requestsPerSecond ?? 0) * targetUtilization
    }
}
