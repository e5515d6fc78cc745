import Planning

/// A plan run prepared for the report: its planned span and its pools with their members.
struct IndexedRun: Sendable {
    var id: Int64
    var createdAt: Int64
    /// Unix seconds: the run plans the steps of `[start, end)`, `step` seconds each.
    var start: Int64
    var end: Int64
    var step: Int64
    var pools: [IndexedPool]

    /// Nil for a run that plans no step.
    init?(_ run: PlanRunInForce) {
        let plan = run.plan
        let planned = plan.models.filter { !$0.launchedReplicas.isEmpty && $0.stepSeconds > 0 }
        guard plan.stepSeconds > 0, let start = planned.map(\.start).min(),
              let end = planned.map({ $0.start + Int64($0.launchedReplicas.count) * $0.stepSeconds }).max()
        else { return nil }
        id = run.id
        createdAt = run.createdAt
        self.start = start
        self.end = end
        step = plan.stepSeconds
        pools = plan.capacity.map { split in
            IndexedPool(split: split, members: planned.filter { $0.pool == split.pool })
        }
    }
}

/// One (region, GPU type) pool of a run: its reservation, its prices and its models' plans.
struct IndexedPool: Sendable {
    var region: String
    var gpuType: String
    /// Reserved GPUs: reserved nodes × GPUs per node.
    var reservedGPUs: Double
    /// USD per GPU-hour: reserved (amortised), on demand, spot without the buffer.
    var reservedRate: Double
    var onDemandRate: Double
    var spotRate: Double
    /// Share of batch overflow on spot, and the extra spot bought for interruptions (fraction).
    var spotShare: Double
    var spotBuffer: Double
    var members: [ModelPlan]

    init(split: CapacitySplit, members: [ModelPlan]) {
        region = split.region
        gpuType = split.gpuType
        reservedGPUs = Double(split.reservedNodes * split.gpusPerNode)
        reservedRate = split.reservedUSDPerGPUHour
        onDemandRate = split.onDemandUSDPerGPUHour
        // The split stores spot with its buffer; the breakdown pays the bare price for buffered hours.
        spotRate = split.spotUSDPerGPUHour.map { $0 / (1 + split.spotBuffer) } ?? 0
        spotShare = split.spotShare
        spotBuffer = split.spotBuffer
        self.members = members
    }
}
