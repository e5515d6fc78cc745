import Planning
import Vocabulary

/// How a replay buys its commitment: once, at the first replayed day, for the whole replay
/// (the term shortened to the replay), then every day runs against that fixed reservation
/// instead of the policy's own nightly one.
public enum CommitmentPolicy: String, Sendable, CaseIterable, Codable {
    /// ``CommitmentAdvisor``'s rule on the training period's need, forecast over the replay.
    case headroom
    /// AWS Cost Explorer's: the average hourly need over the last 30 training days, in whole
    /// nodes (to the nearest).
    case lookback30
    /// No commitment: everything on demand (and spot for batch).
    case none
}

/// What a commitment policy bought and how it was used.
public struct CommitmentOutcome: Sendable, Hashable, Codable {
    public var policy: CommitmentPolicy
    /// Nodes bought per pool, `region/GPU` keys.
    public var nodes: [String: Int]
    /// Reserved GPU-hours paid over the replay and those the replicas used.
    public var reservedGPUHours: Double
    public var reservedUsedGPUHours: Double
    /// `used / paid` (nil with nothing bought).
    public var utilization: Double?

    enum CodingKeys: String, CodingKey {
        case policy, nodes, utilization
        case reservedGPUHours = "reserved_gpu_hours", reservedUsedGPUHours = "reserved_used_gpu_hours"
    }
}

extension Simulator {
    /// Nodes per pool that `policy` commits to at the replay's first day, from the training
    /// period's need: each step's actual requests sized at the utilisation the replayed
    /// scaling policy runs at (``utilization(of:profile:)``), summed per pool.
    func commitment(_ policy: CommitmentPolicy, replay: Replay, scaling: SimulationPolicy) throws(SimulationError) -> [PoolKey: Int] {
        let input = replay.input
        let step = input.step.seconds
        let members = replay.members
        let pools = Dictionary(grouping: members.indices, by: { members[$0].pool })
        var nodes: [PoolKey: Int] = [:]
        for (key, indices) in pools {
            guard let first = indices.first else { continue }
            let g = members[first].gpusPerNode
            let levels = (0..<replay.window.firstIndex).map { t in
                var interactive = 0.0
                var batch = 0.0
                for i in indices {
                    let value = input.series[i].values[t]
                    let rate = value.isNaN ? 0 : value / Double(step)
                    var profile = members[i].profile
                    profile.targetUtilization = utilization(of: scaling, profile: profile)
                    let replicas = profile.sizing(requestsPerSecond: rate)?.replicas ?? 0
                    let gpus = Double(replicas * members[i].profile.gpusPerReplica)
                    if members[i].deadlineSeconds == nil { interactive += gpus } else { batch += gpus }
                }
                return PoolLevel(at: input.start + Int64(t) * step, interactiveGPUs: interactive, batchGPUs: batch)
            }
            switch policy {
            case .none:
                nodes[key] = 0
            case .lookback30:
                nodes[key] = CommitmentAdvisor.lookback(history: levels, before: replay.window.start, days: 30, pool: key,
                                                        held: [], gpusPerNode: g).nodes
            case .headroom:
                let advisor = CommitmentAdvisor(termHours: replay.window.days * 24, confidence: settings.commitmentConfidence)
                do {
                    let batchColdStart = indices.filter { members[$0].deadlineSeconds != nil }
                        .map { members[$0].profile.coldStartSeconds }.max() ?? 0
                    nodes[key] = try advisor.advise(pool: key, history: levels, offer: members[first].offer, gpusPerNode: g,
                                                    commitments: [], batchColdStartSeconds: batchColdStart).advice.nodes
                } catch {
                    throw .planning(day: Self.dayName(replay.window.start), error)
                }
            }
        }
        return nodes
    }

    /// The share of a replica's SLO throughput `scaling` runs an interactive model at: the
    /// hybrid's plan utilisation, the predictive's, the reactive autoscaler's target, else the
    /// model's own (static, batch models).
    func utilization(of scaling: SimulationPolicy, profile: ModelProfile) -> Double {
        guard profile.workloadClass == .interactive else { return profile.targetUtilization }
        switch scaling {
        case .hybrid: return settings.hybrid.planUtilization ?? profile.targetUtilization
        case .predictive: return settings.predictive.utilization ?? profile.targetUtilization
        case .reactive: return settings.reactive.targetUtilization
        case .static: return profile.targetUtilization
        }
    }
}
