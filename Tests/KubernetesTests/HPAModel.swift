@testable import Kubernetes

/// What the Kubernetes HPA controller (autoscaling/v2, as KEDA drives it) does with external
/// `AverageValue` metrics, written from its algorithm (pkg/controller/podautoscaler:
/// `GetExternalPerPodMetricReplicas`, `stabilizeRecommendationWithBehaviors`,
/// `convertDesiredReplicasWithBehaviorRate`), so that a test can hold the simulator's hybrid to
/// what a cluster running the exported ScaledObject would do. Pure; times in seconds.
///
/// Each sync:
/// 1. every metric proposes `ceil(value / target)` replicas, or the current count when
///    `|value / (target × current) − 1| ≤ tolerance`; the HPA takes the largest proposal;
/// 2. stabilisation: the recommendation is the current count raised to the smallest proposal of
///    the scale-up window and lowered to the largest of the scale-down window (proposals are
///    remembered with their time);
/// 3. rate limits: a scale-up goes at most to the count at the start of each policy's period
///    plus its `value` pods (the largest such limit with `selectPolicy: Max`), a scale-down at most
///    to `(1 − value %)` of it; then `minReplicas … maxReplicas`.
struct HPAModel: Sendable {
    var minReplicas: Int
    var maxReplicas: Int
    var behavior: ScalingBehavior
    /// The controller's tolerance (`--horizontal-pod-autoscaler-tolerance`, 0.1).
    var tolerance: Double
    /// The replicas the HPA last set.
    private(set) var current: Int
    private var proposals: [(time: Double, replicas: Int)] = []
    private var scaleUps: [(time: Double, replicas: Int)] = []
    private var scaleDowns: [(time: Double, replicas: Int)] = []

    init(minReplicas: Int, maxReplicas: Int, behavior: ScalingBehavior, tolerance: Double = 0.1, current: Int) {
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.behavior = behavior
        self.tolerance = tolerance
        self.current = current
    }

    /// One external metric: its value (the whole workload's) and its per-pod target.
    struct Metric: Sendable {
        var value: Double
        var target: Double

        init(value: Double, target: Double) {
            self.value = value
            self.target = target
        }
    }

    /// One sync at `time` with `metrics`; returns the replicas the HPA sets.
    mutating func sync(at time: Double, metrics: [Metric]) -> Int {
        let proposed = metrics.map(proposal).max() ?? current
        let stabilized = stabilize(proposed, at: time)
        let limited = limit(stabilized, at: time)
        if limited > current { scaleUps.append((time, limited - current)) }
        if limited < current { scaleDowns.append((time, current - limited)) }
        current = limited
        return current
    }

    /// Step 1 for one metric.
    func proposal(_ metric: Metric) -> Int {
        guard metric.target > 0 else { return current }
        let exact = metric.value / metric.target
        if current > 0, abs(metric.value / (metric.target * Double(current)) - 1) <= tolerance { return current }
        return Int((exact - 1e-9).rounded(.up))
    }

    /// Step 2.
    mutating func stabilize(_ proposed: Int, at time: Double) -> Int {
        let upCutoff = time - Double(behavior.scaleUp.stabilizationWindowSeconds)
        let downCutoff = time - Double(behavior.scaleDown.stabilizationWindowSeconds)
        var up = proposed, down = proposed
        for (at, replicas) in proposals {
            if at > upCutoff { up = min(up, replicas) }
            if at > downCutoff { down = max(down, replicas) }
        }
        proposals.append((time, proposed))
        let longest = Double(max(behavior.scaleUp.stabilizationWindowSeconds, behavior.scaleDown.stabilizationWindowSeconds))
        proposals.removeAll { $0.time <= time - longest }
        var recommendation = current
        if recommendation < up { recommendation = up }
        if recommendation > down { recommendation = down }
        return recommendation
    }

    /// Step 3.
    func limit(_ desired: Int, at time: Double) -> Int {
        if desired > current {
            var limit = Int.min
            for policy in behavior.scaleUp.policies {
                let start = current - changed(scaleUps, within: policy.periodSeconds, at: time)
                    + changed(scaleDowns, within: policy.periodSeconds, at: time)
                let proposed = policy.type == "Pods" ? start + policy.value
                    : Int((Double(start) * (1 + Double(policy.value) / 100)).rounded(.up))
                limit = max(limit, proposed)
            }
            let allowed = min(maxReplicas, max(limit, current))
            return max(min(desired, allowed), minReplicas)
        }
        if desired < current {
            var limit = Int.max
            for policy in behavior.scaleDown.policies {
                let start = current + changed(scaleDowns, within: policy.periodSeconds, at: time)
                    - changed(scaleUps, within: policy.periodSeconds, at: time)
                let proposed = policy.type == "Pods" ? start - policy.value
                    : Int((Double(start) * (1 - Double(policy.value) / 100)).rounded(.down))
                limit = min(limit, proposed)
            }
            let allowed = max(minReplicas, min(limit, current))
            return min(max(desired, allowed), maxReplicas)
        }
        return min(max(desired, minReplicas), maxReplicas)
    }

    /// Replicas added (or removed) by `events` within the last `period` seconds before `time`.
    func changed(_ events: [(time: Double, replicas: Int)], within period: Int, at time: Double) -> Int {
        events.filter { $0.time > time - Double(period) }.reduce(0) { $0 + $1.replicas }
    }
}
