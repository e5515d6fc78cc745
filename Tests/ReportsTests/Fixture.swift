#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Planning
import Reports
import Traffic
import Vocabulary

/// A small fleet planned in code: one H100 pool per region shared by an interactive model (chat,
/// 1 GPU per replica, in r1 and r2) and a batch model (summarize, 2 GPUs, r1 only, may use spot).
/// The history is busier than the forecast, so the reservation sits partly idle over the horizon.
enum Fixture {
    /// 2023-11-15T00:00:00Z.
    static let now: Int64 = 1_700_006_400
    static let step = Step(seconds: 300)!

    static let curve = [
        ThroughputPoint(batchSize: 1, requestsPerSecond: 1, p99Milliseconds: 100),
        ThroughputPoint(batchSize: 4, requestsPerSecond: 3, p99Milliseconds: 200),
        ThroughputPoint(batchSize: 8, requestsPerSecond: 5, p99Milliseconds: 400),
    ]

    static func profile(_ name: String, gpus: Int, workload: WorkloadClass, regions: [String]) -> ModelProfile {
        ModelProfile(name: name, gpuType: "H100", gpusPerReplica: gpus, gpuMemoryGiB: 10, coldStartSeconds: 60,
                     workloadClass: workload, deadlineSeconds: workload == .batch ? 3_600 : nil, throughput: curve,
                     sloP99Milliseconds: 500, targetUtilization: 1, minReplicas: 1, maxReplicas: 200,
                     scaleUp: ScaleUpLimit(replicas: 100, periodSeconds: 60), scaleDownStabilizationSeconds: 600,
                     quantile: workload == .batch ? nil : 0.9, regions: regions)
    }

    static var configuration: FleetConfiguration {
        let spot = SpotOffer(usdPerGPUHour: 2, provisioningSeconds: 120, interruptionsPerHour: 0.05, reliableShare: 0.5)
        var offers: [String: [String: GPUOffer]] = [:]
        for region in ["r1", "r2"] {
            offers[region] = ["H100": GPUOffer(region: region, gpuType: "H100",
                                               reserved: CapacityOffer(usdPerGPUHour: 4, provisioningSeconds: 0),
                                               onDemand: CapacityOffer(usdPerGPUHour: 8, provisioningSeconds: 240),
                                               spot: spot)]
        }
        let models = [profile("chat", gpus: 1, workload: .interactive, regions: ["r1", "r2"]),
                      profile("summarize", gpus: 2, workload: .batch, regions: ["r1"])]
        return FleetConfiguration(
            settings: PlanningSettings(step: step, horizonSeconds: 86_400, reservationWindowSeconds: 7 * 86_400,
                                       maxActionsPerDay: 48),
            gpuTypes: ["H100": GPUType(name: "H100", gpusPerNode: 8, memoryGiB: 80)],
            offers: offers, models: Dictionary(uniqueKeysWithValues: models.map { ($0.name, $0) }))
    }

    /// A daily cycle of requests per 5-minute step: `base` req/s at night, `base + swing` at the peak.
    static func daily(steps: Int, base: Double, swing: Double) -> [Double] {
        (0..<steps).map { index in
            (base + swing * max(0, sin(Double(index % 288) / 288 * 2 * Double.pi))) * 300
        }
    }

    /// The fleet planned at `now` over one day, demand scaled by `scale`.
    static func plan(now: Int64 = now, scale: Double = 1, commitments: [Commitment] = []) throws -> FleetPlan {
        func demand(_ model: String, _ region: String, base: Double, swing: Double) -> PlanDemand {
            let point = daily(steps: 288, base: base * scale, swing: swing * scale)
            return PlanDemand(model: model, region: region, step: step, forecastStart: now, point: point,
                              quantiles: [0.9: point.map { $0 * 1.2 }], historyStart: now - 7 * 86_400,
                              history: Array(repeating: (base + swing) * 300, count: 7 * 288))
        }
        var configuration = configuration
        configuration.commitments = commitments
        return try Planner(configuration: configuration).plan(demand: [
            demand("chat", "r1", base: 8, swing: 30),
            demand("chat", "r2", base: 20, swing: 30),
            demand("summarize", "r1", base: 6, swing: 40),
        ], now: now)
    }

    static func run(id: Int64 = 1, createdAt: Int64 = now, plan: FleetPlan) -> PlanRunInForce {
        PlanRunInForce(id: id, createdAt: createdAt, plan: plan)
    }
}
