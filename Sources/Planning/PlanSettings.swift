/// The settings one model's plan in one region is sized with: the forecast quantile and the
/// share of a replica's SLO throughput it plans at, and where they come from.
///
/// `headroom tune` replays each interactive model's own recent traffic and stores the cheapest
/// settings that serve its `slo_served` (docs/PLANNING.md, "Tuned settings"); the plan job passes
/// them in ``PlanDemand/settings`` and the planner uses them in place of the profile's
/// `quantile` and `target_utilization`. Every ``ModelPlan`` says which it was planned with.
public struct PlanSettings: Sendable, Hashable, Codable {
    /// Where the settings come from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// The model's `quantile` and `target_utilization` in headroom.yaml.
        case configured
        /// The latest tune of this model and region.
        case tuned
    }

    public var source: Source
    /// Forecast quantile in (0, 1) planned on; nil for the point forecast (the mean).
    public var quantile: Double?
    /// Share in (0, 1] of a replica's SLO throughput planned at.
    public var targetUtilization: Double
    /// Tuned: the replay's evidence in one line; configured: why no tuned settings apply (nil
    /// when nothing was said).
    public var note: String?

    public init(source: Source, quantile: Double?, targetUtilization: Double, note: String? = nil) {
        self.source = source
        self.quantile = quantile
        self.targetUtilization = targetUtilization
        self.note = note
    }

    /// The configured settings of `profile`, with `note`.
    public static func configured(_ profile: ModelProfile, note: String? = nil) -> PlanSettings {
        PlanSettings(source: .configured, quantile: profile.quantile, targetUtilization: profile.targetUtilization, note: note)
    }

    /// `profile` planned with these settings. Batch models keep their profile (they are planned
    /// on the mean forecast and their deadline), and so do configured settings.
    public func applied(to profile: ModelProfile) -> ModelProfile {
        guard source == .tuned, profile.workloadClass == .interactive else { return profile }
        var sized = profile
        sized.quantile = quantile
        sized.targetUtilization = targetUtilization
        return sized
    }

    /// The settings `profile` is planned with when a demand brings `settings`.
    static func used(_ settings: PlanSettings?, profile: ModelProfile) -> PlanSettings {
        guard let settings else { return .configured(profile) }
        guard settings.source == .tuned, profile.workloadClass == .interactive else {
            return .configured(profile, note: settings.source == .tuned
                ? "batch models are planned on the mean forecast and their deadline" : settings.note)
        }
        return settings
    }
}
