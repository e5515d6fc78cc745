/// What an autoscaler following a plan should run at one instant: the pre-scale schedule's
/// launched replicas (provisioning and cold start included, so replicas launched now are ready
/// when the plan needs them), and when that count next changes.
///
/// Read by `GET /v1/scaling` and KEDA's external scaler; the HPA asks for exactly `replicas`
/// (a metric of `replicas` against a target of 1).
public struct ScalingTarget: Sendable, Hashable {
    /// Replicas to run at `at`.
    public var replicas: Int
    /// The instant asked about, Unix seconds.
    public var at: Int64
    /// Start of the plan step `at` falls in, Unix seconds; nil before the plan's first step (the
    /// replicas are then the plan's initial ones).
    public var stepStart: Int64?
    /// Start of the next step whose count differs, and that count; nil when the count holds to
    /// the end of the horizon.
    public var nextChangeAt: Int64?
    public var nextReplicas: Int?
    /// End of the plan's last step, Unix seconds: after it the plan says nothing.
    public var horizonEnd: Int64
}

/// Why a plan cannot say what to run at an instant.
public enum ScalingTargetProblem: Error, Equatable, Sendable {
    /// The plan's horizon ended at `end` (Unix seconds) before the instant asked about.
    case horizonEnded(end: Int64)
    /// The plan has no steps.
    case empty
}

extension ModelPlan {
    /// The replicas this plan has launched at `at` (Unix seconds): the schedule's
    /// `launchedReplicas` of the step containing `at`, the plan's `initialReplicas` before its
    /// first step.
    /// - Throws: ``ScalingTargetProblem`` when `at` is at or after the end of the last step, or
    ///   the plan has no steps.
    public func scalingTarget(at: Int64) throws(ScalingTargetProblem) -> ScalingTarget {
        guard !launchedReplicas.isEmpty, stepSeconds > 0 else { throw .empty }
        let end = start + Int64(launchedReplicas.count) * stepSeconds
        guard at < end else { throw .horizonEnded(end: end) }
        let index: Int?
        let replicas: Int
        if at < start {
            index = nil
            replicas = initialReplicas
        } else {
            let step = Int((at - start) / stepSeconds)
            index = step
            replicas = launchedReplicas[step]
        }
        let from = index.map { $0 + 1 } ?? 0
        let next = launchedReplicas[from...].firstIndex { $0 != replicas }
        return ScalingTarget(
            replicas: replicas, at: at, stepStart: index.map { start + Int64($0) * stepSeconds },
            nextChangeAt: next.map { start + Int64($0) * stepSeconds }, nextReplicas: next.map { launchedReplicas[$0] },
            horizonEnd: end)
    }
}
