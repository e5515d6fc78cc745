public import Planning
import Traffic
import Vocabulary

/// Replays traffic day by day through forecast, plan and a simulated replica pool, and scores
/// one ``SimulationPolicy`` on cost and served demand. Pure: values in, values out.
///
/// Each replayed UTC day `d` starts at 00:00: the plan-based policies forecast from the
/// history before `d` only (at most ``SimulationSettings/historyDays``), plan with the
/// ``Planner`` (horizon from the configuration) and follow the first day of the plan; then the
/// day's actual traffic is served step by step by the replicas that are ready.
public struct Simulator: Sendable {
    /// The fleet replayed, each model on its first variant (the replica pool serves at one
    /// variant's speed, so the planner must not pick another).
    public var configuration: FleetConfiguration {
        didSet { configuration = Self.onFirstVariants(configuration) }
    }
    public var settings: SimulationSettings

    public init(configuration: FleetConfiguration, settings: SimulationSettings = SimulationSettings()) {
        self.configuration = Self.onFirstVariants(configuration)
        self.settings = settings
    }

    /// `configuration` with every model's variants dropped: each runs the first, whose
    /// facts are the model's own.
    static func onFirstVariants(_ configuration: FleetConfiguration) -> FleetConfiguration {
        guard configuration.models.values.contains(where: { !$0.variants.isEmpty }) else { return configuration }
        var pinned = configuration
        for name in pinned.models.keys { pinned.models[name]?.variants = [] }
        return pinned
    }

    /// The replayed days of `input`: whole UTC days after `trainDays` whole days of training.
    /// - Throws: ``SimulationError`` for no traffic, a bad `trainDays`, a grid step that does
    ///   not divide a day, or a training period that leaves no whole day.
    public func window(_ input: SimulationInput) throws(SimulationError) -> ReplayWindow {
        guard input.length > 0 else { throw .noTraffic }
        guard settings.trainDays >= 1 else { throw .invalidTrainDays(settings.trainDays) }
        let step = input.step.seconds
        guard 86_400 % step == 0 else { throw .stepNotDividingDay(step: input.step.description) }
        let firstMidnight = (input.start + 86_399) / 86_400 * 86_400
        let end = input.start + Int64(input.length) * step
        let wholeDays = max(0, Int((end - firstMidnight) / 86_400))
        guard wholeDays > settings.trainDays else {
            throw .trainDaysTooLarge(trainDays: settings.trainDays, wholeDays: wholeDays,
                                     firstDay: String(Timestamp.format(firstMidnight).prefix(10)),
                                     lastDay: String(Timestamp.format(firstMidnight + Int64(max(0, wholeDays - 1)) * 86_400).prefix(10)))
        }
        let start = firstMidnight + Int64(settings.trainDays) * 86_400
        return ReplayWindow(start: start, days: wholeDays - settings.trainDays,
                            firstIndex: Int((start - input.start) / step), stepsPerDay: Int(86_400 / step))
    }

    /// The configured profile and prices of every series, in input order.
    /// - Throws: ``SimulationError`` for an unknown model, a region it does not serve, or a
    ///   model without prices or an SLO-meeting batch size.
    func members(_ input: SimulationInput) throws(SimulationError) -> [Member] {
        var members: [Member] = []
        for series in input.series {
            guard let profile = configuration.models[series.model] else {
                throw .unknownModel(model: series.model, configured: configuration.models.keys.sorted())
            }
            guard profile.regions.contains(series.region) else {
                throw .regionNotServed(model: series.model, region: series.region, served: profile.regions)
            }
            guard let offer = configuration.offers[series.region]?[profile.gpuType],
                  let gpu = configuration.gpuTypes[profile.gpuType]
            else {
                throw .planning(day: "-", .invalidConfiguration("no prices for \(profile.gpuType) in \(series.region)"))
            }
            guard let best = profile.servingPoints.last else {
                throw .planning(day: "-", .invalidConfiguration("model \(profile.name): no batch size meets its SLO"))
            }
            members.append(Member(profile: profile, offer: offer, gpusPerNode: gpu.gpusPerNode,
                                  perReplica: best.requestsPerSecond,
                                  leadSeconds: offer.onDemand.provisioningSeconds + profile.coldStartSeconds,
                                  deadlineSeconds: profile.workloadClass == .batch
                                      ? max(Double(input.step.seconds), profile.deadlineSeconds ?? 0) : nil))
        }
        return members
    }
}

/// The days a replay covers.
public struct ReplayWindow: Sendable, Equatable {
    /// Unix seconds of 00:00 UTC of the first replayed day.
    public var start: Int64
    /// Whole days replayed.
    public var days: Int
    /// Grid index of `start`.
    public var firstIndex: Int
    /// Grid steps per day.
    public var stepsPerDay: Int
}

/// One replayed series with what its replicas need.
struct Member {
    var profile: ModelProfile
    var offer: GPUOffer
    var gpusPerNode: Int
    /// Requests per second of one ready replica at the largest batch size meeting the SLO.
    var perReplica: Double
    /// On-demand node provisioning plus cold start, seconds.
    var leadSeconds: Double
    /// Batch class: the deadline in seconds (at least one step); nil for interactive models.
    var deadlineSeconds: Double?

    /// The model and region replayed.
    var modelRegion: ModelRegion { ModelRegion(model: profile.name, region: offer.region) }
    /// The pool it runs in: region and GPU type.
    var pool: PoolKey { PoolKey(region: offer.region, gpuType: profile.gpuType) }
}
