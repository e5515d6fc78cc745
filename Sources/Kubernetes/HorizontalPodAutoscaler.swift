import Planning

/// A plain autoscaling/v2 `HorizontalPodAutoscaler` for clusters without KEDA: one External
/// metric, `headroom_scaling_replicas{model, region}` (the replicas the newest plan has launched
/// now, on Headroom's `/metrics`, served to the HPA by a metrics adapter such as
/// prometheus-adapter), at an average value of 1 per pod, so the HPA asks for exactly that many.
public struct HorizontalPodAutoscaler: Codable, Hashable, Sendable {
    var apiVersion = "autoscaling/v2"
    var kind = "HorizontalPodAutoscaler"
    var metadata: ObjectMeta
    var spec: Spec

    struct Spec: Codable, Hashable {
        var scaleTargetRef: ScaleTargetRef
        var minReplicas: Int
        var maxReplicas: Int
        var metrics: [Metric]
        var behavior: ScalingBehavior
    }

    struct Metric: Codable, Hashable {
        var type = "External"
        var external: External
    }

    struct External: Codable, Hashable {
        var metric: MetricIdentifier
        var target: MetricTarget
    }

    struct MetricIdentifier: Codable, Hashable {
        var name: String
        var selector: Selector
    }

    struct Selector: Codable, Hashable {
        var matchLabels: SortedMap
    }

    struct MetricTarget: Codable, Hashable {
        var type = "AverageValue"
        var averageValue = "1"
    }

    /// The metric's name on `/metrics`.
    static let metricName = "headroom_scaling_replicas"

    init(target: AutoscalerExport.Target, profile: ModelProfile) {
        metadata = ObjectMeta(name: AutoscalerExport.name(target), namespace: target.namespace,
                              labels: AutoscalerExport.labels(target))
        let floor = max(1, profile.minReplicas)  // an HPA's minReplicas is at least 1
        spec = Spec(
            scaleTargetRef: ScaleTargetRef(name: target.deployment), minReplicas: floor,
            maxReplicas: max(profile.maxReplicas, floor),
            metrics: [Metric(external: External(
                metric: MetricIdentifier(name: Self.metricName,
                                         selector: Selector(matchLabels: SortedMap(["model": target.model, "region": target.region]))),
                target: MetricTarget()))],
            behavior: AutoscalerExport.behavior(profile))
    }
}
