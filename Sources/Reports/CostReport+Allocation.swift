import Planning
import Vocabulary

extension CostReport {
    /// Buys one step of one pool the way the planner's cost breakdown does, and charges each
    /// model its share of every capacity type.
    ///
    /// With `I` interactive and `B` batch GPUs launched in the pool (launched replicas × GPUs per
    /// replica), `R` reserved GPUs, spot share `s` and buffer `β`:
    /// reserved used by interactive `min(I, R)`, on demand `I − min(I, R)`; reserved used by batch
    /// `min(B, max(0, R − I))`; the batch overflow `O` goes to spot for `s O` (bought as
    /// `s O (1 + β)` GPUs) and on demand for `(1 − s) O`; reserved idle `R − min(I + B, R)`.
    /// A model gets each class amount in proportion to its GPUs within its class, and its served
    /// requests in the same proportions. GPU-hours are GPUs × `seconds / 3 600`.
    func allocate(_ pool: IndexedPool, at time: Int64, seconds: Int64, into sums: inout [RowKey: RowSums]) {
        let hours = Double(seconds) / 3_600
        var members: [(model: String, variant: String?, gpus: Double, batch: Bool, requests: Double)] = []
        var interactive = 0.0, batch = 0.0
        for plan in pool.members {
            guard time >= plan.start else { continue }
            let index = Int((time - plan.start) / plan.stepSeconds)
            guard index < plan.launchedReplicas.count else { continue }
            let gpus = Double(plan.launchedReplicas[index]) * Double(plan.gpusPerReplica)
            let isBatch = plan.workloadClass == .batch
            if isBatch { batch += gpus } else { interactive += gpus }
            members.append((plan.model, plan.variant?.name, gpus, isBatch,
                            Self.servedRequestsPerSecond(plan, at: index) * Double(seconds)))
        }
        let (reserved, reservedRate) = pool.reservation(at: time)
        let reservedInteractive = Swift.min(interactive, reserved)
        let reservedBatch = Swift.min(batch, Swift.max(0, reserved - interactive))
        let overflow = batch - reservedBatch
        let spotNeeded = overflow * pool.spotShare
        let region = groupBy.contains(.region) ? pool.region : nil
        for member in members where member.gpus > 0 {
            let model = groupBy.contains(.model) ? member.model : nil
            func key(_ type: CapacityType) -> RowKey {
                RowKey(model: model, region: region, gpuType: pool.gpuType, capacityType: type,
                       status: type == .reserved ? .used : nil, variant: model == nil ? nil : member.variant)
            }
            let total = member.batch ? batch : interactive
            let reservedShare = (member.batch ? reservedBatch : reservedInteractive) / total
            let spotShare = member.batch ? spotNeeded / total : 0
            let onDemandShare = Swift.max(0, 1 - reservedShare - spotShare)
            let needed = [(CapacityType.reserved, reservedShare), (.onDemand, onDemandShare), (.spot, spotShare)]
            for (type, share) in needed where share > 1e-12 {
                let neededHours = member.gpus * share * hours
                let boughtHours = type == .spot ? neededHours * (1 + pool.spotBuffer) : neededHours
                let rate = switch type {
                case .reserved: reservedRate
                case .onDemand: pool.onDemandRate
                case .spot: pool.spotRate
                }
                sums[key(type), default: RowSums()].add(
                    gpuHours: boughtHours, listUSD: neededHours * pool.onDemandRate,
                    effectiveUSD: boughtHours * rate, requests: member.requests * share)
            }
        }
        let idle = reserved - reservedInteractive - reservedBatch
        if idle > 1e-9 {
            let key = RowKey(model: nil, region: region, gpuType: pool.gpuType, capacityType: .reserved, status: .unused)
            sums[key, default: RowSums()].add(gpuHours: idle * hours, listUSD: 0,
                                              effectiveUSD: idle * hours * reservedRate, requests: 0)
        }
    }

    /// Requests per second of the planned demand served at step `index`: the planned rate, scaled
    /// by `ready / needed` replicas where the schedule leaves the need uncovered.
    static func servedRequestsPerSecond(_ plan: ModelPlan, at index: Int) -> Double {
        guard index < plan.plannedRequestsPerSecond.count else { return 0 }
        let planned = plan.plannedRequestsPerSecond[index]
        guard index < plan.replicas.count, index < plan.readyReplicas.count, plan.replicas[index] > 0 else {
            return planned
        }
        return planned * Swift.min(1, Double(plan.readyReplicas[index]) / Double(plan.replicas[index]))
    }
}

/// What one row is kept apart by.
struct RowKey: Hashable, Comparable {
    var model: String?
    var region: String?
    var gpuType: String
    var capacityType: CapacityType
    var status: CommitmentDiscountStatus?
    /// The model's planned variant (with the model only).
    var variant: String? = nil

    /// Region, GPU type, models before the idle reservation, model, capacity type.
    static func < (lhs: RowKey, rhs: RowKey) -> Bool {
        func order(_ key: RowKey) -> (String, String, Int, String, Int) {
            let type = CapacityType.allCases.firstIndex(of: key.capacityType) ?? 0
            return (key.region ?? "", key.gpuType, key.status == .unused ? 1 : 0, key.model ?? "", type)
        }
        return order(lhs) < order(rhs)
    }
}

/// The running sums of one row: GPU-hours, USD at list and effective rates, requests.
struct RowSums {
    var gpuHours = 0.0
    var listUSD = 0.0
    var effectiveUSD = 0.0
    var requests = 0.0

    mutating func add(gpuHours: Double, listUSD: Double, effectiveUSD: Double, requests: Double) {
        self.gpuHours += gpuHours
        self.listUSD += listUSD
        self.effectiveUSD += effectiveUSD
        self.requests += requests
    }
}
