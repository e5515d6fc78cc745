/// What `headroom tune` found for one interactive model in one region: the cheapest plan
/// settings whose hybrid replay served at least `sloServed` of the requests, with the replay's
/// evidence and the reactive autoscaler tuned to the same target on the same traffic.
///
/// The hybrid is what a tuned plan runs as in production: the plan as a floor (its pre-scale
/// schedule) under a reactive correction aimed at the same utilisation (the HPA or KEDA trigger
/// beside Headroom's floor). Two floor quantiles are tried, the median and q0.9 (the median is
/// cheaper on seasonal traffic, q0.9 on bursty traffic where the median floor leaves the
/// correction too much to catch), each with its utilisation searched by ``KnobSearch``.
public struct SettingsTuning: Sendable, Hashable, Codable {
    /// Whether a setting reached the target.
    public enum Status: String, Sendable, Hashable, Codable {
        /// `quantile` and `utilization` are the cheapest settings that served `sloServed`.
        case tuned
        /// No setting tried served `sloServed`; the figures are those of the setting that served
        /// the most, and plans keep the configured settings.
        case unreached
    }

    public var model: String
    public var region: String
    public var status: Status
    /// The target: share of requests served within the SLO, in (0, 1).
    public var sloServed: Double
    /// The plan floor's forecast quantile.
    public var quantile: Double
    /// Share of a replica's SLO throughput the plan is sized at and the correction aims at, (0, 1].
    public var utilization: Double
    /// Share of the replayed requests served within the SLO at these settings.
    public var servedFraction: Double
    /// USD of the replayed days at these settings.
    public var costUSD: Double
    /// The reactive autoscaler tuned to the same target: its target utilisation, served fraction,
    /// whether it reached the target, and its cost in USD.
    public var reactiveUtilization: Double
    public var reactiveServedFraction: Double
    public var reactiveReached: Bool
    public var reactiveCostUSD: Double
    /// USD of perfect foresight with no lead time (``Simulator/hindsightFloor(_:)``).
    public var floorCostUSD: Double?
    /// Replays spent, over every quantile and the reactive search.
    public var replays: Int
    /// The replayed days (Unix seconds, start inclusive, end exclusive) and the training days before them.
    public var replayStart: Int64
    public var replayEnd: Int64
    public var trainDays: Int

    public init(model: String, region: String, status: Status, sloServed: Double, quantile: Double, utilization: Double,
                servedFraction: Double, costUSD: Double, reactiveUtilization: Double, reactiveServedFraction: Double,
                reactiveReached: Bool, reactiveCostUSD: Double, floorCostUSD: Double?, replays: Int,
                replayStart: Int64, replayEnd: Int64, trainDays: Int) {
        self.model = model
        self.region = region
        self.status = status
        self.sloServed = sloServed
        self.quantile = quantile
        self.utilization = utilization
        self.servedFraction = servedFraction
        self.costUSD = costUSD
        self.reactiveUtilization = reactiveUtilization
        self.reactiveServedFraction = reactiveServedFraction
        self.reactiveReached = reactiveReached
        self.reactiveCostUSD = reactiveCostUSD
        self.floorCostUSD = floorCostUSD
        self.replays = replays
        self.replayStart = replayStart
        self.replayEnd = replayEnd
        self.trainDays = trainDays
    }

    /// The floor quantiles tried, in order.
    public static let floorQuantiles = [0.5, 0.9]

    /// Cost over the reactive autoscaler's at the same target; nil when it did not reach it.
    public var costVsReactive: Double? {
        reactiveReached && reactiveCostUSD > 0 ? costUSD / reactiveCostUSD : nil
    }

    /// Cost over the hindsight floor; nil without one.
    public var costVsFloor: Double? {
        guard let floorCostUSD, floorCostUSD > 0 else { return nil }
        return costUSD / floorCostUSD
    }
}

extension Simulator {
    /// Tunes the plan settings of the one series of `input` (an interactive model) to
    /// `sloServed`: the hybrid at each of ``SettingsTuning/floorQuantiles``, its utilisation
    /// searched (at most `maxReplays` each), and the reactive policy searched the same way for
    /// comparison; the days' forecasts and the hindsight floor are computed once.
    ///
    /// The cheapest hybrid setting reaching the target wins (ties: the higher served fraction);
    /// when none does, the one that served the most is reported as `unreached`.
    /// - Throws: ``SimulationError/invalidTarget(_:)`` for a target outside (0, 1), and what
    ///   ``run(_:policy:forecasts:hindsightFloor:)`` throws.
    public func tuneSettings(_ input: SimulationInput, sloServed: Double,
                             maxReplays: Int = 12) throws(SimulationError) -> SettingsTuning {
        guard sloServed > 0, sloServed < 1 else { throw .invalidTarget(sloServed) }
        let window = try window(input)
        let forecasts = try forecasts(input)
        let floor = try hindsightFloor(input)
        var hybrids: [(quantile: Double, tuned: TunedReport)] = []
        for quantile in SettingsTuning.floorQuantiles {
            var settings = settings
            settings.hybrid.planQuantile = quantile
            let tuned = try Simulator(configuration: configuration, settings: settings)
                .tune(input, policy: .hybrid, targetServed: sloServed, forecasts: forecasts, hindsightFloor: floor,
                      maxReplays: maxReplays)
            hybrids.append((quantile, tuned))
        }
        let reactive = try tune(input, policy: .reactive, targetServed: sloServed, forecasts: forecasts,
                                hindsightFloor: floor, maxReplays: maxReplays)
        let reached = hybrids.filter(\.tuned.reached)
        let best = reached.isEmpty
            ? hybrids.max { $0.tuned.report.servedFraction < $1.tuned.report.servedFraction }!
            : reached.min { a, b in
                a.tuned.report.totalCost != b.tuned.report.totalCost
                    ? a.tuned.report.totalCost < b.tuned.report.totalCost
                    : a.tuned.report.servedFraction > b.tuned.report.servedFraction
            }!
        let series = input.series.first
        return SettingsTuning(
            model: series?.model ?? "", region: series?.region ?? "", status: reached.isEmpty ? .unreached : .tuned,
            sloServed: sloServed, quantile: best.quantile, utilization: best.tuned.value,
            servedFraction: best.tuned.report.servedFraction, costUSD: best.tuned.report.totalCost,
            reactiveUtilization: reactive.value, reactiveServedFraction: reactive.report.servedFraction,
            reactiveReached: reactive.reached, reactiveCostUSD: reactive.report.totalCost, floorCostUSD: floor,
            replays: hybrids.reduce(reactive.replays) { $0 + $1.tuned.replays },
            replayStart: window.start, replayEnd: window.start + Int64(window.days) * 86_400, trainDays: settings.trainDays)
    }
}
