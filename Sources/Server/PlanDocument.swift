import Planning
import Store
import Traffic

/// A plan version as the service answers it: replicas per step, the pre-scale schedule, the
/// reserved / on-demand / spot split and the costs, with RFC 3339 UTC times.
struct PlanDocument: Encodable {
    var id: Int64
    var createdAt: String
    var forecastRunId: Int64
    var configSha256: String
    /// The first planned step and the end of the last one.
    var start: String
    var end: String
    var stepSeconds: Int64
    var costs: Costs
    var models: [Model]
    var capacity: [Pool]
    var warnings: [String]

    /// Monthly USD (30 days) at the planned split, and the two ways of running without a plan.
    struct Costs: Encodable {
        var monthlyUsd: Double
        var allOnDemandMonthlyUsd: Double
        var staticPeakMonthlyUsd: Double
        var savingsVersusOnDemandMonthlyUsd: Double
        var withinBudget: Bool?
    }

    struct Model: Encodable {
        var model: String
        var region: String
        var gpuType: String
        var gpusPerReplica: Int
        var workloadClass: String
        /// The forecast quantile planned for (nil: the point forecast).
        var quantile: Double?
        /// The settings planned with: `source` tuned or configured, `quantile`,
        /// `target_utilization`, and `note` (the tune's evidence, or why configured).
        var settings: PlanSettings?
        /// Models with variants: the one planned, each variant's on-demand USD over the
        /// horizon, those left out and why, and the reason for the choice.
        var variant: VariantChoice?
        var initialReplicas: Int
        var peakReplicas: Int
        /// Provisioning plus cold start: how far ahead the schedule scales up, seconds.
        var leadTimeSeconds: Double
        var gpuHours: Double
        var replicaHoursSavedByBatching: Double
        var uncoveredSteps: Int
        var steps: [Step]
        var schedule: [ScheduledAction]
    }

    /// One planned step: the demand planned for and the replicas that serve it.
    struct Step: Encodable {
        var start: String
        var plannedRequestsPerSecond: Double?
        /// Replicas needed at the step's demand, at `batch_size`.
        var replicas: Int
        var batchSize: Int
        /// Replicas running (ready or starting) and ready in the schedule.
        var launchedReplicas: Int
        var readyReplicas: Int
        /// Models planned on tokens: what set `replicas` (requests, prefill or decode).
        var limitedBy: String?
    }

    struct ScheduledAction: Encodable {
        var at: String
        var readyAt: String
        var kind: String
        var fromReplicas: Int
        var replicas: Int
        var reason: String
    }

    /// One (region, GPU type) pool: its reservation and cost by capacity type.
    struct Pool: Encodable {
        var region: String
        var gpuType: String
        var gpusPerNode: Int
        var models: [String]
        var reservedNodes: Int
        var spotShare: Double
        var breakEvenUtilization: Double
        var reservationUtilization: Double?
        var prices: Prices
        var monthly: Cost
    }

    /// USD per GPU-hour.
    struct Prices: Encodable {
        var reservedUsdPerGpuHour: Double
        var onDemandUsdPerGpuHour: Double
        var spotUsdPerGpuHour: Double?
    }

    struct Cost: Encodable {
        var reservedGpuHours: Double
        var reservedUsedGpuHours: Double
        var onDemandGpuHours: Double
        var spotGpuHours: Double
        var reservedUsd: Double
        var onDemandUsd: Double
        var spotUsd: Double
        var totalUsd: Double

        init(_ cost: CostBreakdown) {
            reservedGpuHours = cost.reservedGPUHours
            reservedUsedGpuHours = cost.reservedUsedGPUHours
            onDemandGpuHours = cost.onDemandGPUHours
            spotGpuHours = cost.spotGPUHours
            reservedUsd = cost.reservedUSD
            onDemandUsd = cost.onDemandUSD
            spotUsd = cost.spotUSD
            totalUsd = cost.totalUSD
        }
    }
}

extension PlanDocument {
    /// The document of `run`, keeping only the models matching `model` and `region` (nil keeps
    /// all) and the pools they run in, with the steps and scheduled actions in `[from, to)`
    /// (Unix seconds; nil leaves that side open).
    init(run: StoredPlanRun, plan: FleetPlan, model: String?, region: String?, from: Int64? = nil, to: Int64? = nil) {
        let models = plan.models.filter { (model == nil || $0.model == model) && (region == nil || $0.region == region) }
        let pools = Set(models.map(\.pool))
        self.init(
            id: run.id, createdAt: run.createdAt, forecastRunId: run.forecastRunID, configSha256: run.configSHA256,
            start: Timestamp.format(run.start), end: Timestamp.format(run.start + Int64(run.steps) * run.stepSeconds),
            stepSeconds: run.stepSeconds,
            costs: Costs(monthlyUsd: run.monthlyCostUSD, allOnDemandMonthlyUsd: run.onDemandCostUSD,
                         staticPeakMonthlyUsd: run.staticPeakCostUSD,
                         savingsVersusOnDemandMonthlyUsd: plan.totals.savingsVersusOnDemandMonthlyUSD,
                         withinBudget: run.withinBudget),
            models: models.map { Model($0, from: from ?? .min, to: to ?? .max) },
            capacity: plan.capacity.filter { pools.contains($0.pool) }.map(Pool.init),
            warnings: plan.warnings)
    }
}

extension PlanDocument.Model {
    init(_ plan: ModelPlan, from: Int64, to: Int64) {
        let inRange = plan.replicas.indices.filter {
            let start = plan.start + Int64($0) * plan.stepSeconds
            return start >= from && start < to
        }
        let steps = inRange.map { index in
            PlanDocument.Step(
                start: Timestamp.format(plan.start + Int64(index) * plan.stepSeconds),
                plannedRequestsPerSecond: finite(plan.plannedRequestsPerSecond[safe: index]),
                replicas: plan.replicas[index], batchSize: plan.batchSize[safe: index] ?? 0,
                launchedReplicas: plan.launchedReplicas[safe: index] ?? 0, readyReplicas: plan.readyReplicas[safe: index] ?? 0,
                limitedBy: plan.limitedBy?[safe: index]?.rawValue)
        }
        self.init(
            model: plan.model, region: plan.region, gpuType: plan.gpuType, gpusPerReplica: plan.gpusPerReplica,
            workloadClass: plan.workloadClass.rawValue, quantile: plan.quantile, settings: plan.settings,
            variant: plan.variant, initialReplicas: plan.initialReplicas,
            peakReplicas: plan.replicas.max() ?? 0, leadTimeSeconds: plan.leadTimeSeconds, gpuHours: plan.gpuHours,
            replicaHoursSavedByBatching: plan.replicaHoursSavedByBatching, uncoveredSteps: plan.uncoveredSteps,
            steps: steps,
            schedule: plan.actions.filter { $0.at >= from && $0.at < to }.map {
                PlanDocument.ScheduledAction(at: Timestamp.format($0.at), readyAt: Timestamp.format($0.readyAt),
                                             kind: $0.kind.rawValue, fromReplicas: $0.fromReplicas,
                                             replicas: $0.replicas, reason: $0.reason)
            })
    }
}

extension PlanDocument.Pool {
    init(_ split: CapacitySplit) {
        self.init(
            region: split.region, gpuType: split.gpuType, gpusPerNode: split.gpusPerNode, models: split.models,
            reservedNodes: split.reservedNodes, spotShare: split.spotShare, breakEvenUtilization: split.breakEvenUtilization,
            reservationUtilization: finite(split.reservationUtilization),
            prices: PlanDocument.Prices(reservedUsdPerGpuHour: split.reservedUSDPerGPUHour,
                                        onDemandUsdPerGpuHour: split.onDemandUSDPerGPUHour,
                                        spotUsdPerGpuHour: split.spotUSDPerGPUHour),
            monthly: PlanDocument.Cost(split.monthly))
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
