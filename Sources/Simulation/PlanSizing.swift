public import Planning

/// How a plan-based policy sizes its plans for interactive models: the forecast quantile and
/// the share of a replica's SLO throughput to plan at, each replacing the model's configured
/// value when set. Batch models keep their configured plan (the mean forecast and its
/// deadline-feasible backlog).
public struct PlanSizing: Sendable, Equatable {
    /// A forecast level in (0, 1); nil keeps each model's configured `quantile`.
    public var quantile: Double?
    /// In (0, 1]; nil keeps each model's configured `target_utilization`.
    public var utilization: Double?

    public init(quantile: Double? = nil, utilization: Double? = nil) {
        self.quantile = quantile
        self.utilization = utilization
    }

    /// `configuration` with every interactive model's quantile and target utilisation replaced
    /// where set.
    public func resized(_ configuration: FleetConfiguration) -> FleetConfiguration {
        var planning = configuration
        for (name, profile) in planning.models where profile.workloadClass == .interactive {
            var sized = profile
            if let quantile { sized.quantile = quantile }
            if let utilization { sized.targetUtilization = utilization }
            planning.models[name] = sized
        }
        return planning
    }
}
