import Config
import Foundation
@testable import Kubernetes
import Planning
@testable import Simulation
import Testing
import Traffic
import Yams

/// The simulator's hybrid is what a cluster running the exported ScaledObject does: the HPA KEDA
/// drives, with the plan's floor and the load as its two metrics, its min and max and its
/// behavior read from the exported YAML (``HPAModel``, written from the Kubernetes controller's
/// algorithm), takes the same replica path as the simulator's controller
/// (``ReactiveController`` with the floor) on the same day of traffic and the same plan.
@Suite struct HybridEquivalenceTests {
    @Test func theExportedHPAAndTheSimulatedHybridTakeTheSameReplicaPath() throws {
        let fleet = try ConfigurationReader.example()
        let profile = try #require(fleet.models["chat-8b"])
        // A day of bursty traffic around a daily cycle, 5-minute steps (requests per second).
        let steps = 288
        let rates = (0..<steps).map { k -> Double in
            let hour = Double(k) / 12
            let base = 12 + 10 * sin(2 * Double.pi * (hour - 8) / 24)
            let burst = k % 37 == 0 ? 2.5 : k % 11 == 0 ? 0.6 : 1
            return base * burst
        }
        // The plan's floor: a real plan of the point forecast (the cycle without its bursts).
        let start: Int64 = 1_704_067_200
        let point = (0..<steps).map { k in (12 + 10 * sin(2 * Double.pi * (Double(k) / 12 - 8) / 24)) * 300 }
        var sized = fleet
        sized.models["chat-8b"]?.quantile = nil
        let plan = try Planner(configuration: sized).plan(
            demand: [PlanDemand(model: "chat-8b", region: "us-east-1", step: Step(seconds: 300)!, forecastStart: start, point: point)],
            now: start)
        let floor = try #require(plan.models.first).launchedReplicas
        #expect(Set(floor).count > 3, "the floor moves")

        // The HPA as the exported ScaledObject sets it up.
        let export = AutoscalerExport(scalerAddress: "headroom:9443", headroomURL: "-",
                                      reactive: .init(server: "http://prometheus:9090", query: "rate", threshold: 1))
        let target = AutoscalerExport.Target(model: "chat-8b", region: "us-east-1", namespace: "default",
                                             deployment: "chat-8b", fallbackReplicas: 10)
        let object = try #require(try Yams.load_all(yaml: try export.documents(for: target, profile: profile))
            .compactMap { $0 as? [String: Any] }.first)
        let spec = try #require(object["spec"] as? [String: Any])
        let behaviorYAML = try #require(((spec["advanced"] as? [String: Any])?["horizontalPodAutoscalerConfig"] as? [String: Any])?["behavior"])
        let behavior = try YAMLDecoder().decode(ScalingBehavior.self, from: try Yams.dump(object: behaviorYAML))
        let settings = HybridSettings().correction
        #expect(behavior.scaleDown.stabilizationWindowSeconds == Int(settings.scaleDownStabilizationSeconds))
        let perReplica = try #require(profile.servingPoints.last).requestsPerSecond
        let utilization = 0.8
        var hpa = HPAModel(minReplicas: try #require(spec["minReplicaCount"] as? Int),
                           maxReplicas: try #require(spec["maxReplicaCount"] as? Int), behavior: behavior,
                           tolerance: settings.tolerance, current: floor[0])
        var correction = ReactiveSettings(targetUtilization: utilization)
        correction.scaleDownStabilizationSeconds = settings.scaleDownStabilizationSeconds
        var simulated = ReactiveController(
            settings: correction, perReplica: perReplica, floor: profile.minReplicas, cap: profile.maxReplicas,
            scaleUpReplicas: profile.scaleUp.replicas, scaleUpPeriodSeconds: Double(profile.scaleUp.periodSeconds), initial: floor[0])

        // Every 15 s: KEDA's two metrics (the floor now against 1, the step's rate against r* x u),
        // one HPA sync; the floor at a step's end is the next step's, as GetMetrics answers then.
        var paths: (hpa: [Int], simulated: [Int]) = ([], [])
        for step in 0..<steps {
            for sync in 1...20 {
                let time = Double(start) + Double(step * 300 + sync * 15)
                let planned = sync == 20 ? floor[min(step + 1, steps - 1)] : floor[step]
                paths.hpa.append(hpa.sync(at: time, metrics: [
                    HPAModel.Metric(value: Double(planned), target: 1),
                    HPAModel.Metric(value: rates[step], target: perReplica * utilization),
                ]))
                paths.simulated.append(simulated.recommend(rate: rates[step], floor: planned, at: time))
            }
        }
        #expect(paths.hpa == paths.simulated)
        #expect(Set(paths.hpa).count > 5 && paths.hpa.max()! > floor.max()!, "bursts push the HPA above the floor")
        let firstDifference = zip(paths.hpa, paths.simulated).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(firstDifference == nil, "first difference at sync \(firstDifference?.offset ?? -1)")
    }
}
