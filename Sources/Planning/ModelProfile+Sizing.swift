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
    /// What set the replica count before floor and cap: the request rate unless a token
    /// bound asked for more.
    public var bound: SizingBound = .requests
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
    ///
    /// With a token profile and `tokens` (prompt tokens/s `I`, generated tokens/s `O`), the
    /// replicas needed are the largest of the request bound and the prefill and decode bounds
    /// `ceil(I / (I* × u))` and `ceil(O / (O* × u))`, `I*` and `O*` the token rates of the best
    /// point meeting both the TTFT and TPOT targets; `bound` names the one that set the count.
    /// Returns nil when no batch size meets the SLO, or a token profile has no usable point.
    public func sizing(requestsPerSecond rate: Double, tokens: TokenRate? = nil) -> Sizing? {
        SizingTable(self).sizing(requestsPerSecond: rate, tokens: tokens)
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

/// A profile's usable points, found once for sizing many steps (``ModelProfile/sizing(requestsPerSecond:tokens:)``).
struct SizingTable {
    let profile: ModelProfile
    /// The throughput points meeting the SLO, by ascending batch size.
    let points: [ThroughputPoint]
    /// The best token point meeting both targets; nil inside when the token profile has none.
    let tokenPoint: TokenPoint??

    init(_ profile: ModelProfile) {
        self.profile = profile
        points = profile.servingPoints
        tokenPoint = profile.tokens.map { $0.best }
    }

    func sizing(requestsPerSecond rate: Double, tokens: TokenRate? = nil) -> Sizing? {
        guard let best = points.last, let smallest = points.first else { return nil }
        var needed = profile.replicasNeeded(rate, perReplica: best.requestsPerSecond)
        var bound = SizingBound.requests
        var tokenNeed = 0
        if let tokenPoint {
            guard let point = tokenPoint else { return nil }
            if let tokens {
                let prefill = profile.replicasNeeded(tokens.input, perReplica: point.inputTokensPerSecond)
                let decode = profile.replicasNeeded(tokens.output, perReplica: point.outputTokensPerSecond)
                tokenNeed = max(prefill, decode)
                if tokenNeed > needed {
                    needed = tokenNeed
                    bound = decode >= prefill ? .decode : .prefill
                }
            }
        }
        let replicas = min(max(needed, profile.minReplicas), profile.maxReplicas)
        let utilization = profile.targetUtilization
        let batch = points.first { Double(replicas) * $0.requestsPerSecond * utilization >= rate * (1 - 1e-12) } ?? best
        let smallNeed = max(profile.replicasNeeded(rate, perReplica: smallest.requestsPerSecond), tokenNeed)
        let small = min(max(smallNeed, profile.minReplicas), profile.maxReplicas)
        return Sizing(replicas: replicas, batchSize: batch.batchSize, uncappedReplicas: max(needed, profile.minReplicas),
                      replicasAtSmallestBatch: small, bound: bound)
    }
}
