/// A synthetic fleet to time `reconcile` at scale and to check how tight it packs.
///
/// The fleet: `nodes` ready, empty 8-GPU nodes (80 GiB per GPU) spread evenly over 2 regions ×
/// 2 GPU types, 30% reserved, 50% on demand, 20% spot; 40 models (one in three batch) of 1, 2,
/// 3, 4 GPUs in the mix 1,1,2,2,1,1,3,4,1,1 (A100 models 1.6 GPUs on average, H100 1.8, so
/// 20,000 replicas on 5,000 nodes fill 80% and 90% of the GPUs), with `replicas` replicas in
/// all, spread evenly over models and regions. Two rounds are timed:
/// - placement: every replica placed onto the empty nodes in one reconcile;
/// - steady: 60 s later, every replica's cold start ends, a quarter of the models scale up 10%
///   and a quarter down 10%, and 1% of the nodes are lost (spot interruptions, failures).
/// Each round is run `repetitions` times on the same input and the median time reported (the
/// first run pays for cold caches). Pure apart from `clock`, which the caller passes (e.g.
/// `ContinuousClock()`).
public enum AllocationBenchmark {
    /// Runs both rounds on a fleet of `nodes` nodes and `replicas` replicas.
    ///
    /// - Throws: `AllocationError` when the sizes make no fleet (fewer than 4 nodes or replicas
    ///   than 80, fewer than 1 repetition), naming them.
    public static func run<C: Clock>(
        nodes: Int, replicas: Int, repetitions: Int = 5, clock: C
    ) throws(AllocationError) -> AllocationBenchmarkReport where C.Duration == Duration {
        guard nodes >= 4 else { throw .invalidSetting(field: "nodes", value: "\(nodes)", rule: "must be at least 4") }
        guard repetitions >= 1 else {
            throw .invalidSetting(field: "repetitions", value: "\(repetitions)", rule: "must be at least 1")
        }
        guard replicas >= 80 else {
            throw .invalidSetting(field: "replicas", value: "\(replicas)", rule: "must be at least 80 (40 models in 2 regions)")
        }
        let fleet = BenchmarkFleet(nodes: nodes, replicas: replicas)
        let allocator = Allocator()
        let start: Int64 = 1_700_000_000

        let (placement, placementTime) = try timed(clock, repetitions) { () throws(AllocationError) in
            try allocator.reconcile(fleet.pool, targets: fleet.targets, offers: fleet.offers, now: start)
        }
        let placed = try fleet.pool.applying(placement)
        let metrics = PoolMetrics(pool: placed)

        let changed = fleet.changedTargets()
        let alive = placed.aliveNodes.filter { !placed.replicas(on: $0.id).isEmpty }
        let lost = stride(from: 0, to: alive.count, by: 100).map { PoolEvent.nodeLost(alive[$0].id, at: start + 30) }
        let (steady, steadyTime) = try timed(clock, repetitions) { () throws(AllocationError) in
            try allocator.reconcile(placed, targets: changed, offers: fleet.offers, events: lost, now: start + 60)
        }
        // Let the churn settle (drains end, lost work is placed again on new nodes), untimed.
        var churned = try placed.applying(steady)
        for seconds in [Int64(180), 300, 420, 540] {
            churned = try churned.applying(
                allocator.reconcile(churned, targets: changed, offers: fleet.offers, now: start + seconds))
        }
        let churnedMetrics = PoolMetrics(pool: churned)
        return AllocationBenchmarkReport(
            nodes: nodes, replicas: replicas,
            placementMilliseconds: placementTime, placementActions: placement.count,
            steadyMilliseconds: steadyTime, steadyActions: steady.count, nodesLost: lost.count,
            replicasPlaced: placed.replicas.count, packingEfficiency: metrics.packingEfficiency ?? 0,
            groups: metrics.groups, churnedPackingEfficiency: churnedMetrics.packingEfficiency ?? 0,
            churnedGroups: churnedMetrics.groups)
    }

    /// The result of `work` and its median wall time over `repetitions` runs, milliseconds.
    private static func timed<C: Clock>(
        _ clock: C, _ repetitions: Int, _ work: () throws(AllocationError) -> [Action]
    ) throws(AllocationError) -> ([Action], Double) where C.Duration == Duration {
        var result: Result<[Action], AllocationError> = .success([])
        var times: [Double] = []
        for _ in 0..<repetitions {
            let elapsed = clock.measure {
                do throws(AllocationError) { result = .success(try work()) } catch { result = .failure(error) }
            }
            let (seconds, attoseconds) = elapsed.components
            times.append(Double(seconds) * 1_000 + Double(attoseconds) / 1e15)
        }
        return (try result.get(), times.sorted()[times.count / 2])
    }
}

/// What one benchmark run measured.
public struct AllocationBenchmarkReport: Sendable, Hashable, Codable {
    /// Nodes in the fleet.
    public var nodes: Int
    /// Replicas targeted in all.
    public var replicas: Int
    /// Median wall time of the placement round, milliseconds, and the actions it emitted.
    public var placementMilliseconds: Double
    /// Actions the placement round emitted.
    public var placementActions: Int
    /// Median wall time of the steady round (cold starts ending, ±10% targets, 1% nodes lost).
    public var steadyMilliseconds: Double
    /// Actions the steady round emitted.
    public var steadyActions: Int
    /// Nodes lost in the steady round.
    public var nodesLost: Int
    /// Replicas on nodes after the placement round (all of them when the fleet has room).
    public var replicasPlaced: Int
    /// GPUs in use / GPUs on ready nodes after the placement round (idle reserved nodes kept).
    public var packingEfficiency: Double
    /// Packing per (region, GPU type, class) after the placement round.
    public var groups: [GroupPacking]

    /// After the steady round and 8 minutes more of reconciles every 2 minutes (drains ended,
    /// lost work placed again): packing efficiency and packing per group.
    public var churnedPackingEfficiency: Double
    /// Packing per group after the churn.
    public var churnedGroups: [GroupPacking]

    /// The largest `excessOverLowerBound` over the groups: 0.02 is 2% more nodes than the bound.
    public var worstExcessOverLowerBound: Double { groups.map(\.excessOverLowerBound).max() ?? 0 }
    /// The same after the churn.
    public var churnedWorstExcessOverLowerBound: Double { churnedGroups.map(\.excessOverLowerBound).max() ?? 0 }

    /// A few lines for people.
    public var lines: [String] {
        func ms(_ value: Double) -> String { String(Int((value * 10).rounded())).paddedTenths() }
        func percent(_ value: Double) -> String { String(Int((value * 1_000).rounded())).paddedTenths() + "%" }
        var lines = [
            "allocation benchmark: \(nodes) nodes, \(replicas) replicas",
            "placement round: \(ms(placementMilliseconds)) ms, \(placementActions) actions, \(replicasPlaced) replicas placed",
            "steady round:    \(ms(steadyMilliseconds)) ms, \(steadyActions) actions, \(nodesLost) nodes lost",
            "packing after placement: \(percent(packingEfficiency)) of ready GPUs in use; worst group \(percent(worstExcessOverLowerBound)) over the lower bound",
            "packing after churn:     \(percent(churnedPackingEfficiency)) of ready GPUs in use; worst group \(percent(churnedWorstExcessOverLowerBound)) over the lower bound",
        ]
        let churned = Dictionary(churnedGroups.map { ("\($0.region) \($0.gpuType) \($0.replicaClass.rawValue)", $0) }) { a, _ in a }
        for group in groups {
            let name = "\(group.region) \(group.gpuType) \(group.replicaClass.rawValue)"
            let after = churned[name].map { "; after churn \($0.nodesInUse), bound \($0.lowerBoundNodes)" } ?? ""
            lines.append("  \(name): \(group.nodesInUse) nodes, lower bound \(group.lowerBoundNodes)\(after)")
        }
        return lines
    }
}

extension String {
    /// "1234" (tenths) → "123.4".
    fileprivate func paddedTenths() -> String {
        let digits = count < 2 ? String(repeating: "0", count: 2 - count) + self : self
        return "\(digits.dropLast()).\(digits.suffix(1))"
    }
}
