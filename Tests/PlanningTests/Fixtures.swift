#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Planning
import Traffic
import Vocabulary

/// Small fleets and profiles for the planning tests.
enum Fixture {
    static let curve = [
        ThroughputPoint(batchSize: 1, requestsPerSecond: 1, p99Milliseconds: 100),
        ThroughputPoint(batchSize: 4, requestsPerSecond: 3, p99Milliseconds: 200),
        ThroughputPoint(batchSize: 8, requestsPerSecond: 5, p99Milliseconds: 400),
        ThroughputPoint(batchSize: 16, requestsPerSecond: 7, p99Milliseconds: 900),
    ]

    static func profile(
        name: String = "chat", gpuType: String = "H100", gpus: Int = 1, workload: WorkloadClass = .interactive,
        deadline: Double? = nil, slo: Double = 500, utilization: Double = 1, floor: Int = 1, cap: Int = 100,
        scaleUp: ScaleUpLimit = ScaleUpLimit(replicas: 100, periodSeconds: 60), stabilization: Int64 = 600,
        quantile: Double? = 0.9, regions: [String] = ["r1"]
    ) -> ModelProfile {
        ModelProfile(name: name, gpuType: gpuType, gpusPerReplica: gpus, gpuMemoryGiB: 10, coldStartSeconds: 60,
                     workloadClass: workload, deadlineSeconds: deadline, throughput: curve, sloP99Milliseconds: slo,
                     targetUtilization: utilization, minReplicas: floor, maxReplicas: cap, scaleUp: scaleUp,
                     scaleDownStabilizationSeconds: stabilization, quantile: quantile, regions: regions)
    }

    static func offer(region: String = "r1", gpuType: String = "H100", spot: SpotOffer? = nil) -> GPUOffer {
        GPUOffer(region: region, gpuType: gpuType,
                 reserved: CapacityOffer(usdPerGPUHour: 4, provisioningSeconds: 0),
                 onDemand: CapacityOffer(usdPerGPUHour: 8, provisioningSeconds: 240),
                 spot: spot)
    }

    static func configuration(models: [ModelProfile], budget: Double? = nil, spot: SpotOffer? = nil) -> FleetConfiguration {
        let step = Step(seconds: 300)!
        var offers: [String: [String: GPUOffer]] = [:]
        for model in models {
            for region in model.regions {
                offers[region, default: [:]][model.gpuType] = offer(region: region, gpuType: model.gpuType, spot: spot)
            }
        }
        return FleetConfiguration(
            settings: PlanningSettings(step: step, horizonSeconds: 86_400, reservationWindowSeconds: 7 * 86_400,
                                       maxActionsPerDay: 48),
            gpuTypes: ["H100": GPUType(name: "H100", gpusPerNode: 8, memoryGiB: 80),
                       "A100": GPUType(name: "A100", gpusPerNode: 8, memoryGiB: 40)],
            offers: offers,
            models: Dictionary(uniqueKeysWithValues: models.map { ($0.name, $0) }),
            monthlyBudgetUSD: budget)
    }

    /// A daily cycle of requests per 5-minute step: `base` at night, `base + swing` at the peak.
    static func daily(steps: Int, base: Double, swing: Double, offset: Int = 0) -> [Double] {
        (0..<steps).map { index in
            let phase = Double((index + offset) % 288) / 288
            return (base + swing * max(0, sin(phase * 2 * Double.pi))) * 300
        }
    }
}
