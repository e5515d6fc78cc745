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
    /// Reserved GPUs bought on top of the commitments held: (reserved − held nodes) × GPUs per node.
    var boughtGPUs: Double
    /// USD per GPU-hour: reserved (amortised, for the bought ones), on demand, spot without the buffer.
    var reservedRate: Double
    /// The commitments held, per plan step of the horizon: GPUs and USD per hour (empty when
    /// the pool has none).
    var held: [PoolLevel]
    var heldStart: Int64
    var heldStep: Int64
    var onDemandRate: Double
    var spotRate: Double
    /// Share of batch overflow on spot, and the extra spot bought for interruptions (fraction).
    var spotShare: Double
    var spotBuffer: Double
    var members: [ModelPlan]

    init(split: CapacitySplit, members: [ModelPlan]) {
        region = split.region
        gpuType = split.gpuType
        boughtGPUs = Double((split.reservedNodes - (split.heldNodes ?? 0)) * split.gpusPerNode)
        reservedRate = split.reservedUSDPerGPUHour
        held = split.heldNodes == nil ? [] : split.horizonLevels
        heldStart = split.horizonLevels.first?.at ?? 0
        heldStep = split.horizonLevels.count > 1 ? split.horizonLevels[1].at - split.horizonLevels[0].at : 1
        onDemandRate = split.onDemandUSDPerGPUHour
        // The split stores spot with its buffer; the breakdown pays the bare price for buffered hours.
        spotRate = split.spotUSDPerGPUHour.map { $0 / (1 + split.spotBuffer) } ?? 0
        spotShare = split.spotShare
        spotBuffer = split.spotBuffer
        self.members = members
    }
}

extension IndexedPool {
    /// The reserved GPUs at `time` and their USD per GPU-hour: the commitments held at the
    /// plan step holding `time` (at their own price; the nearest step outside the horizon) plus
    /// those bought at the reserved rate.
    func reservation(at time: Int64) -> (gpus: Double, usdPerGPUHour: Double) {
        guard !held.isEmpty, heldStep > 0 else { return (boughtGPUs, reservedRate) }
        let index = min(max(0, Int((time - heldStart) / heldStep)), held.count - 1)
        let level = held[index]
        let gpus = boughtGPUs + level.heldGPUs
        guard gpus > 0 else { return (0, reservedRate) }
        return (gpus, (boughtGPUs * reservedRate + level.heldUSDPerHour) / gpus)
    }
}
