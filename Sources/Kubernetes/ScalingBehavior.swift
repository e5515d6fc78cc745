/// The HPA `behavior` section (autoscaling/v2 `HorizontalPodAutoscalerBehavior`) a model's
/// scaling rules become: scale-ups of at most `scale_up.replicas` pods per `scale_up.period_s`
/// with no stabilisation (the plan already launches ahead of need), scale-downs held for the
/// stabilisation window (the maximum recommendation over it: ``AutoscalerExport/scaleDownStabilizationSeconds``).
public struct ScalingBehavior: Sendable, Hashable, Codable {
    public struct Rules: Sendable, Hashable, Codable {
        public var stabilizationWindowSeconds: Int
        public var selectPolicy: String
        public var policies: [Policy]
    }

    public struct Policy: Sendable, Hashable, Codable {
        /// `Pods` or `Percent`.
        public var type: String
        public var value: Int
        public var periodSeconds: Int
    }

    public var scaleUp: Rules
    public var scaleDown: Rules

    /// Scale-ups: `upPods` pods per `upPeriodSeconds`; scale-downs: after `downStabilizationSeconds`,
    /// any amount (100 % per 15 s, the HPA default).
    public init(upPods: Int, upPeriodSeconds: Int, downStabilizationSeconds: Int) {
        scaleUp = Rules(stabilizationWindowSeconds: 0, selectPolicy: "Max",
                        policies: [Policy(type: "Pods", value: upPods, periodSeconds: upPeriodSeconds)])
        scaleDown = Rules(stabilizationWindowSeconds: downStabilizationSeconds, selectPolicy: "Max",
                          policies: [Policy(type: "Percent", value: 100, periodSeconds: 15)])
    }
}
