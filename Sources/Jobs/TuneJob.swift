import Foundation
public import Planning
public import Simulation
public import Store
import Traffic
public import Vocabulary

/// The tune job: for every interactive model and region of the fleet, replays its own last
/// `days` whole UTC days of stored requests (after up to 28 days of training before them)
/// through the simulator, and stores the cheapest plan settings whose hybrid replay serves the
/// model's `slo_served` (``Simulator/tuneSettings(_:sloServed:maxReplays:)``), with the replay's
/// evidence. ``PlanJob`` plans with them.
///
/// A model and region without enough stored requests (at least `days` + 7 whole days: a weekly
/// cycle of training) is skipped with its reason: nothing is stored for it and its plans keep
/// the configured settings. When nothing can be tuned, nothing at all is stored.
public struct TuneJob: Sendable {
    public var configuration: FleetConfiguration
    /// Whole UTC days replayed per model and region, at least 1.
    public var days: Int
    /// Replays at most per search (each floor quantile, and the reactive comparison).
    public var maxReplays: Int

    /// The days replayed unless told.
    public static let defaultDays = 14
    /// Whole days of training at least before the replayed days: one weekly cycle.
    public static let minimumTrainDays = 7

    public init(configuration: FleetConfiguration, days: Int = TuneJob.defaultDays, maxReplays: Int = 12) {
        self.configuration = configuration
        self.days = days
        self.maxReplays = maxReplays
    }

    /// Tunes every interactive model and region and stores the run.
    /// - Throws: ``TuneJobError`` for `days` below 1 or when no model and region could be
    ///   tuned (nothing stored), and storage errors.
    public func run(on database: AppDatabase) throws -> TuneOutcome {
        guard days >= 1 else { throw TuneJobError.invalidDays(days) }
        let stored = try database.storedSeries().filter { $0.key.metric == .requests }
        var tunings: [SettingsTuning] = []
        var skipped: [TuneOutcome.Skipped] = []
        for (name, profile) in configuration.models.sorted(by: { $0.key < $1.key }) where profile.workloadClass == .interactive {
            for region in profile.regions {
                let key = ModelRegion(model: name, region: region)
                do {
                    let series = stored.first { $0.key.model == name && $0.key.region == region }
                    let (input, trainDays) = try input(series, for: key, on: database)
                    let simulator = Simulator(configuration: configuration, settings: SimulationSettings(trainDays: trainDays))
                    tunings.append(try simulator.tuneSettings(input, sloServed: profile.sloServed, maxReplays: maxReplays))
                } catch let reason as TuneJob.Skip {
                    skipped.append(.init(key: key, reason: reason.reason))
                } catch let error as SimulationError {
                    skipped.append(.init(key: key, reason: "the replay failed: \(error)"))
                }
            }
        }
        guard !tunings.isEmpty else { throw TuneJobError.nothingToTune(skipped) }
        let run = try database.saveTuneRun(days: days, settings: tunings.map(Self.record))
        return TuneOutcome(run: run, tunings: tunings, skipped: skipped)
    }

    /// Why one model and region is not tuned.
    struct Skip: Error {
        var reason: String
    }

    /// The replay input of `series` (`requests` of `key`): its last `days` whole UTC days and up
    /// to 28 training days before them, summed onto the planning step.
    func input(_ series: StoredSeries?, for key: ModelRegion, on database: AppDatabase) throws -> (SimulationInput, Int) {
        guard let series, let first = series.first, let last = series.last else {
            throw Skip(reason: "no requests stored for it")
        }
        let planning = configuration.settings.step.seconds
        let stepSeconds = series.step.seconds
        guard planning % stepSeconds == 0 else {
            throw Skip(reason: "its requests are stored every \(stepSeconds) s, which does not divide the planning step (\(planning) s)")
        }
        let end = (last + stepSeconds) / 86_400 * 86_400
        let firstMidnight = (first + 86_399) / 86_400 * 86_400
        let wholeDays = max(0, Int((end - firstMidnight) / 86_400))
        let needed = days + Self.minimumTrainDays
        guard wholeDays >= needed else {
            throw Skip(reason: "\(wholeDays) whole days of requests stored; \(needed) needed (\(days) replayed after at least "
                + "\(Self.minimumTrainDays) of training)")
        }
        let trainDays = min(SimulationSettings().historyDays, wholeDays - days)
        let start = end - Int64(days + trainDays) * 86_400
        let count = Int((end - start) / stepSeconds)
        let raw = try database.values(of: [series], start: start, step: series.step, count: count)[0]
        let factor = Int(planning / stepSeconds)
        let values = stride(from: 0, to: raw.count, by: factor).map { index in
            let bucket = raw[index..<min(index + factor, raw.count)].filter(\.isFinite)
            return bucket.isEmpty ? Double.nan : bucket.reduce(0, +)
        }
        let replayed = values.suffix(days * 86_400 / Int(planning))
        guard replayed.contains(where: { $0.isFinite && $0 > 0 }) else {
            throw Skip(reason: "no requests in the last \(days) whole days stored (\(Timestamp.format(end - Int64(days) * 86_400)) "
                + "to \(Timestamp.format(end)))")
        }
        return (SimulationInput(step: configuration.settings.step, start: start, series: [TrafficSeries(model: key.model, region: key.region, values: values)]),
                trainDays)
    }

    /// The stored form of `tuning`.
    static func record(_ tuning: SettingsTuning) -> TunedSettingRecord {
        TunedSettingRecord(
            model: tuning.model, region: tuning.region, status: tuning.status.rawValue, sloServed: tuning.sloServed,
            quantile: tuning.quantile, utilization: tuning.utilization, servedFraction: tuning.servedFraction,
            costUSD: tuning.costUSD, reactiveUtilization: tuning.reactiveUtilization,
            reactiveServedFraction: tuning.reactiveServedFraction, reactiveReached: tuning.reactiveReached,
            reactiveCostUSD: tuning.reactiveCostUSD, floorCostUSD: tuning.floorCostUSD, replays: tuning.replays,
            replayStart: tuning.replayStart, replayEnd: tuning.replayEnd, trainDays: tuning.trainDays)
    }

    /// The settings plans use for each model and region from the newest tuned setting: tuned
    /// ones when it reached its target, else the configured ones with why.
    public static func planSettings(_ latest: [(setting: TunedSettingRecord, tunedAt: String)],
                                    configuration: FleetConfiguration) -> [ModelRegion: PlanSettings] {
        var settings: [ModelRegion: PlanSettings] = [:]
        for (setting, tunedAt) in latest {
            guard let profile = configuration.models[setting.model] else { continue }
            let key = ModelRegion(model: setting.model, region: setting.region)
            let served = Self.percent(setting.servedFraction)
            let target = Self.percent(setting.sloServed)
            guard profile.workloadClass == .interactive, abs(setting.sloServed - profile.sloServed) < 1e-12 else {
                settings[key] = .configured(profile, note: "tuned \(tunedAt) for slo_served \(target), but slo_served is now "
                    + "\(Self.percent(profile.sloServed)): run `headroom tune` again")
                continue
            }
            guard setting.status == SettingsTuning.Status.tuned.rawValue else {
                settings[key] = .configured(profile, note: "the tune of \(tunedAt) reached no setting serving \(target) "
                    + "(best \(served) at q\(setting.quantile), utilisation \(Self.number(setting.utilization)))")
                continue
            }
            var evidence = "tuned \(tunedAt) on \(Int((setting.replayEnd - setting.replayStart) / 86_400)) days as the floor "
                + "under a reactive correction at the same utilisation: served \(served) (slo_served \(target)), "
                + String(format: "%.0f USD", setting.costUSD)
            if setting.reactiveReached, setting.reactiveCostUSD > 0 {
                evidence += ", \(Self.number(setting.costUSD / setting.reactiveCostUSD))x reactive tuned to the same target"
            }
            if let floor = setting.floorCostUSD, floor > 0 {
                evidence += ", \(Self.number(setting.costUSD / floor))x the hindsight floor"
            }
            settings[key] = PlanSettings(source: .tuned, quantile: setting.quantile, targetUtilization: setting.utilization,
                                         note: evidence)
        }
        return settings
    }

    /// A share as a percentage with three decimals: `99.918 %`.
    public static func percent(_ share: Double) -> String {
        String(format: "%.3f %%", share * 100)
    }

    static func number(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}

/// What a tune run stored, and what it skipped and why.
public struct TuneOutcome: Sendable {
    /// One model and region not tuned.
    public struct Skipped: Sendable, Equatable, CustomStringConvertible {
        public var key: ModelRegion
        public var reason: String

        public var description: String { "\(key): \(reason)" }
    }

    public var run: StoredTuneRun
    public var tunings: [SettingsTuning]
    public var skipped: [Skipped]

    /// The job run's detail.
    public var detail: String {
        let reached = tunings.filter { $0.status == .tuned }.count
        var detail = "tune run \(run.id): \(reached) of \(tunings.count) model regions tuned to their slo_served"
        if reached < tunings.count { detail += ", \(tunings.count - reached) reached no setting (configured settings kept)" }
        if !skipped.isEmpty { detail += "; skipped " + skipped.map(\.description).joined(separator: "; ") }
        return detail
    }
}

/// Why the tune job stored nothing.
public enum TuneJobError: Error, Equatable, CustomStringConvertible {
    case invalidDays(Int)
    case nothingToTune([TuneOutcome.Skipped])

    public var description: String {
        switch self {
        case .invalidDays(let days):
            "days \(days): must be at least 1"
        case .nothingToTune(let skipped) where skipped.isEmpty:
            "nothing to tune: the fleet has no interactive model (batch models are planned on their deadline)"
        case .nothingToTune(let skipped):
            "nothing to tune, nothing stored: " + skipped.map(\.description).joined(separator: "; ")
        }
    }
}
