import Crypto
import Foundation
public import Planning
public import Store
import Traffic
import Vocabulary

/// The plan job: plans the fleet from the latest forecast run and records the plan as a new
/// version linked to that run.
///
/// Each configured (model, region) is planned on its `requests` forecast (point and quantiles),
/// and on its `input_tokens` and `output_tokens` forecasts when its profile sizes on tokens,
/// with the recent actual requests (and tokens) joining the reservation window, and with its tuned settings
/// (``TuneJob``) when its newest tune reached its `slo_served`. The plan starts where the
/// forecast starts (the end of the stored history), so a database whose data ends yesterday
/// still gets a plan for what comes after it.
public struct PlanJob: Sendable {
    public var configuration: FleetConfiguration
    /// The configuration's text, hashed into the plan run so a plan names what it was made with.
    public var configurationText: String

    public init(configuration: FleetConfiguration, configurationText: String) {
        self.configuration = configuration
        self.configurationText = configurationText
    }

    /// Runs the job against `database` and stores the plan.
    /// - Returns: the stored run and the plan.
    /// - Throws: ``PlanJobError`` when there is no forecast to plan from, or the planner refuses.
    public func run(on database: AppDatabase) throws -> (run: StoredPlanRun, plan: FleetPlan) {
        let (forecasts, demand, now) = try demands(on: database)
        let plan: FleetPlan
        do {
            plan = try Planner(configuration: configuration).plan(demand: demand, now: now)
        } catch {
            throw PlanJobError.planning(error.description)
        }
        let models = try plan.models.map { model in
            StoredModelPlan(model: model.model, region: model.region, peakReplicas: model.replicas.max() ?? 0,
                            plan: try PlanJSON.encode(model))
        }
        let record = StoredPlanRun(
            forecastRunID: forecasts.id,
            configSHA256: Hex.lowercase(SHA256.hash(data: Data(configurationText.utf8))),
            start: now, stepSeconds: plan.stepSeconds, steps: plan.models.map(\.replicas.count).max() ?? 0,
            monthlyCostUSD: plan.totals.monthly.totalUSD, onDemandCostUSD: plan.totals.allOnDemandMonthlyUSD,
            staticPeakCostUSD: plan.totals.staticPeakOnDemandMonthlyUSD, withinBudget: plan.budget?.withinBudget,
            plan: try PlanJSON.encode(plan))
        return (try database.savePlanRun(record, models: models), plan)
    }

    /// Every configured (model, region)'s demand from the latest forecast run, with the
    /// history of the configuration's reservation window, and the instant the plan starts.
    /// - Throws: ``PlanJobError`` when there is no forecast or nothing configured has one.
    func demands(on database: AppDatabase) throws -> (forecasts: ForecastRun, demand: [PlanDemand], now: Int64) {
        guard let forecasts = try database.latestForecastRun() else { throw PlanJobError.noForecast }
        var byKey: [Metric: [ModelRegion: SeriesForecast]] = [:]
        for forecast in forecasts.forecasts where forecast.model != nil {
            let key = forecast.series.key
            byKey[key.metric, default: [:]][ModelRegion(model: key.model, region: key.region)] = forecast
        }
        let tuned = TuneJob.planSettings(try database.latestTunedSettings(), configuration: configuration)
        var demand: [PlanDemand] = []
        for (name, profile) in configuration.models.sorted(by: { $0.key < $1.key }) {
            for region in profile.regions {
                let key = ModelRegion(model: name, region: region)
                guard let forecast = byKey[.requests]?[key] else { continue }
                var entry = try Self.demand(forecast, levels: forecasts.levels, on: database,
                                            window: configuration.settings.reservationWindowSeconds)
                if profile.sizesOnTokens, let input = byKey[.inputTokens]?[key], let output = byKey[.outputTokens]?[key] {
                    entry.tokens = try Self.tokens(input: input, output: output, like: entry, levels: forecasts.levels,
                                                   on: database)
                }
                if !profile.variants.isEmpty, let stored = try database.modelPlan(model: name, region: region),
                   let previous = PlanJSON.modelPlan(stored.plan.plan) {
                    entry.currentVariant = previous.variant?.name
                }
                entry.settings = tuned[key] ?? (profile.workloadClass == .interactive
                    ? .configured(profile, note: "not tuned yet: `headroom tune` (and the weekly tune job) replays its history to tune it")
                    : nil)
                demand.append(entry)
            }
        }
        guard let now = demand.map(\.forecastStart).max() else {
            throw PlanJobError.nothingToPlan(configured: configuration.models.keys.sorted())
        }
        return (forecasts, demand, now)
    }

    /// One (model, region)'s demand: its requests forecast and recent history.
    static func demand(_ forecast: SeriesForecast, levels: [Double], on database: AppDatabase,
                       window: Int64) throws -> PlanDemand {
        let step = forecast.series.step
        var quantiles: [Double: [Double]] = [:]
        for (k, level) in levels.enumerated() {
            quantiles[level] = forecast.quantiles.map { k < $0.count ? $0[k] : .nan }
        }
        let count = Int(window / step.seconds)
        let windowStart = forecast.start - Int64(count) * step.seconds
        let stored = try database.values(of: [forecast.series], start: windowStart, step: step, count: count)[0]
        let (offset, history) = Self.observedSpan(stored)
        let historyStart = windowStart + Int64(offset) * step.seconds
        return PlanDemand(model: forecast.series.key.model, region: forecast.series.key.region, step: step,
                          forecastStart: forecast.start, point: forecast.point, quantiles: quantiles,
                          historyStart: historyStart, history: history)
    }
}

extension PlanJob {
    /// The stretch of `values` from the first to the last observed (finite) value, with the
    /// missing values inside it filled by linear interpolation between their neighbours.
    /// - Returns: the index the stretch starts at, and the filled values (empty when none is observed).
    static func observedSpan(_ values: [Double]) -> (offset: Int, values: [Double]) {
        guard let first = values.firstIndex(where: \.isFinite), let last = values.lastIndex(where: \.isFinite) else {
            return (0, [])
        }
        var span = Array(values[first...last])
        var previous = 0
        for index in span.indices.dropFirst() where span[index].isFinite {
            if index - previous > 1 {
                let from = span[previous], to = span[index]
                for gap in (previous + 1)..<index {
                    span[gap] = from + (to - from) * Double(gap - previous) / Double(index - previous)
                }
            }
            previous = index
        }
        return (first, span)
    }
}

extension PlanJob {
    /// The token demand on `requests`' grid: each token forecast where the requests' starts
    /// (shorter or later forecasts are cut or padded with their last value), and the stored
    /// token history over the requests' history span (gaps filled as ``observedSpan`` does).
    static func tokens(input: SeriesForecast, output: SeriesForecast, like requests: PlanDemand, levels: [Double],
                       on database: AppDatabase) throws -> TokenDemand {
        let step = requests.step
        let series = try database.values(of: [input.series, output.series], start: requests.historyStart, step: step,
                                          count: requests.history.count)
        func aligned(_ forecast: SeriesForecast, history: [Double]) -> TokenSeries {
            let shift = Int((requests.forecastStart - forecast.start) / step.seconds)
            func fit(_ values: [Double]) -> [Double] {
                (0..<requests.point.count).map { i in
                    let j = i + shift
                    guard !values.isEmpty else { return 0 }
                    return values[min(max(j, 0), values.count - 1)]
                }
            }
            var quantiles: [Double: [Double]] = [:]
            for (k, level) in levels.enumerated() {
                quantiles[level] = fit(forecast.quantiles.map { k < $0.count ? $0[k] : .nan })
            }
            return TokenSeries(point: fit(forecast.point), quantiles: quantiles, history: filled(history))
        }
        return TokenDemand(input: aligned(input, history: series[0]), output: aligned(output, history: series[1]))
    }

    /// `values` with every missing value filled: linearly between observed neighbours, with the
    /// nearest observed value at either end, 0 when none is observed.
    static func filled(_ values: [Double]) -> [Double] {
        let (offset, span) = observedSpan(values)
        guard !span.isEmpty else { return [Double](repeating: 0, count: values.count) }
        return [Double](repeating: span[0], count: offset) + span
            + [Double](repeating: span[span.count - 1], count: values.count - offset - span.count)
    }
}

/// Why the plan job stored nothing.
public enum PlanJobError: Error, Equatable, CustomStringConvertible {
    case noForecast
    case nothingToPlan(configured: [String])
    case planning(String)

    public var description: String {
        switch self {
        case .noForecast:
            "no forecast run is stored yet: run `headroom forecast run` first"
        case .nothingToPlan(let configured):
            "the latest forecast run has no requests forecast for any configured model ("
                + configured.joined(separator: ", ") + ") in the regions it serves"
        case .planning(let reason):
            "cannot plan: \(reason)"
        }
    }
}
