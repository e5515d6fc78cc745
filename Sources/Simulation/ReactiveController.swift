/// The Kubernetes HPA as a pure state machine driven by the caller's clock (seconds), following
/// the controller's algorithm for external `AverageValue` metrics (the one a KEDA ScaledObject
/// gives it; `HPAModel`, in Tests/KubernetesTests, is an independent writing of the same rules, and a
/// test holds the two to the same replica path).
///
/// `recommend(rate:floor:at:)` is one sync:
/// 1. each metric proposes replicas: the load `ceil(rate / (perReplica × targetUtilization))`,
///    and for the hybrid the plan's floor (its launched replicas, target 1 per replica); a
///    metric within `tolerance` of the current count proposes the current count; the largest wins;
/// 2. scale-downs go only to the highest proposal of the stabilisation window;
/// 3. scale-ups go at most to the count at the start of the last `scaleUpPeriodSeconds` plus
///    `scaleUpReplicas` (HPA `behavior.scaleUp` with one `Pods` policy); then floor … cap.
struct ReactiveController {
    let settings: ReactiveSettings
    let perReplica: Double
    let floor: Int
    let cap: Int
    let scaleUpReplicas: Int
    let scaleUpPeriodSeconds: Double
    /// The replicas the controller currently asks for.
    private(set) var current: Int
    private var recent: [(time: Double, replicas: Int)] = []
    private var changes: [(time: Double, replicas: Int)] = []

    init(settings: ReactiveSettings, perReplica: Double, floor: Int, cap: Int, scaleUpReplicas: Int,
         scaleUpPeriodSeconds: Double, initial: Int) {
        self.settings = settings
        self.perReplica = perReplica
        self.floor = floor
        self.cap = max(floor, cap)
        self.scaleUpReplicas = max(1, scaleUpReplicas)
        self.scaleUpPeriodSeconds = scaleUpPeriodSeconds
        current = min(max(initial, floor), self.cap)
    }

    /// Replicas for `rate` requests per second with no history: the raw recommendation.
    func desired(rate: Double) -> Int {
        guard rate > 0, perReplica > 0 else { return floor }
        let exact = rate / (perReplica * settings.targetUtilization)
        guard exact < 1e9 else { return cap }
        return min(max(Int((exact - 1e-9).rounded(.up)), floor), cap)
    }

    /// Starts from the raw recommendation for `rate`, as if it had run at that rate for long.
    mutating func settle(rate: Double) {
        current = desired(rate: rate)
        recent = []
        changes = []
    }

    /// What one metric of `value` against `target` per replica proposes (step 1).
    func proposal(value: Double, target: Double) -> Int {
        guard target > 0 else { return current }
        if current > 0, abs(value / (target * Double(current)) - 1) <= settings.tolerance { return current }
        let exact = value / target
        guard exact < 1e9 else { return cap }
        return Int((exact - 1e-9).rounded(.up))
    }

    /// One sync at `time` with the observed `rate` and, for the hybrid, the plan's `planned`
    /// replicas as a second metric; returns the replicas asked for.
    mutating func recommend(rate: Double, floor planned: Int? = nil, at time: Double) -> Int {
        var proposed = proposal(value: rate, target: perReplica * settings.targetUtilization)
        if let planned { proposed = max(proposed, proposal(value: Double(planned), target: 1)) }
        recent.append((time, proposed))
        recent.removeAll { $0.time <= time - Double(settings.scaleDownStabilizationSeconds) }
        let stabilized = recent.map(\.replicas).max() ?? proposed
        var next = current
        if next < proposed { next = proposed }
        if next > stabilized { next = stabilized }
        changes.removeAll { $0.time <= time - scaleUpPeriodSeconds }
        if next > current {
            let periodStart = current - changes.reduce(0) { $0 + $1.replicas }
            next = min(next, min(cap, max(periodStart + scaleUpReplicas, current)))
        }
        next = min(max(next, floor), cap)
        if next != current { changes.append((time, next - current)) }
        current = next
        return current
    }
}
