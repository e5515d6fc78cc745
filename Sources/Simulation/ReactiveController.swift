/// The HPA-like autoscaler as a pure state machine driven by the caller's clock (seconds).
///
/// `recommend(rate:at:)` is one sync: the raw recommendation is
/// `clamp(ceil(rate / (perReplica × targetUtilization)), floor, cap)`, kept at the current
/// count when within the tolerance; the count rises to it within the scale-up rate limit
/// (`scaleUpReplicas` per `scaleUpPeriodSeconds`) and falls only to the highest recommendation
/// of the stabilisation window.
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
    private var lastScaleUp: Double?

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
        lastScaleUp = nil
    }

    /// One sync at `time` with the observed `rate`; returns the replicas asked for.
    mutating func recommend(rate: Double, at time: Double) -> Int {
        var raw = desired(rate: rate)
        if current > 0 {
            let ratio = rate / (Double(current) * perReplica * settings.targetUtilization)
            if abs(ratio - 1) <= settings.tolerance { raw = current }
        }
        recent.append((time, raw))
        let window = Double(settings.scaleDownStabilizationSeconds)
        recent.removeAll { $0.time <= time - window }
        if raw > current {
            if lastScaleUp.map({ time - $0 >= scaleUpPeriodSeconds }) ?? true {
                current = min(raw, current + scaleUpReplicas)
                lastScaleUp = time
            }
        } else {
            let stabilized = recent.map(\.replicas).max() ?? raw
            if stabilized < current { current = stabilized }
        }
        return current
    }
}
