import Forecasting
import Planning
public import Traffic

/// One LLM's traffic in requests and tokens per step, for ``TokenReplay``.
public struct TokenTraffic: Sendable, Equatable {
    public var model: String
    public var region: String
    public var step: Step
    /// Unix seconds of the start of step 0 (a multiple of the step).
    public var start: Int64
    /// Requests, prompt tokens and generated tokens per step (NaN where missing).
    public var requests: [Double]
    public var inputTokens: [Double]
    public var outputTokens: [Double]

    public init(model: String, region: String, step: Step, start: Int64, requests: [Double], inputTokens: [Double],
                outputTokens: [Double]) {
        self.model = model
        self.region = region
        self.step = step
        self.start = start
        self.requests = requests
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }
}

/// How a token replay sizes its plans.
public enum TokenSizing: String, Sendable, Equatable, Codable {
    /// The most of the request, prefill and decode bounds (the model's token profile).
    case tokens
    /// Requests alone, at a per-replica rate measured on the training days' token mix.
    case requests
}

/// What one token replay served and cost.
public struct TokenReplayReport: Sendable, Equatable, Codable {
    public var sizing: TokenSizing
    /// Target utilisation the plans were made at.
    public var targetUtilization: Double
    /// Requests per second one replica serves at the training mix (the request bound's r*).
    public var requestsPerReplica: Double
    /// On-demand USD of the launched replicas over the replayed days.
    public var costUSD: Double
    /// Replayed steps, and those whose ready replicas kept TTFT (prefill), TPOT (decode) and
    /// both within target.
    public var steps: Int
    public var withinTTFT: Int
    public var withinTPOT: Int
    public var withinBoth: Int
    /// The same from `splitAt` on (0 when not given).
    public var stepsAfter: Int
    public var withinTTFTAfter: Int
    public var withinTPOTAfter: Int
    public var withinBothAfter: Int
    /// Unix seconds of the steps outside either target.
    public var missed: [Int64] = []
}

/// Replays an LLM's requests and tokens day by day through ``Forecaster`` and ``Planner``,
/// sizing on tokens or on requests alone, and counts the steps whose ready replicas keep TTFT
/// and TPOT within the model's targets.
///
/// The replica model is the token profile's: a replica at its best usable point (the highest
/// concurrency meeting both targets) processes `I*` prompt and `O*` generated tokens per second
/// within them, so a step with prompt rate `I` and generated rate `O` keeps TTFT within target
/// when `I ≤ ready × I*` and TPOT when `O ≤ ready × O*`. Each day is forecast from the history
/// before it (requests and both token series), planned with the configuration (one model in one
/// region; its `throughput` replaced by one point at `r* = min(I* / i, O* / o)` with `i` and `o`
/// the mean prompt and generated tokens of a request over the training days, as a load test at
/// that mix would give), and served by the plan's ready replicas of the day; the launched
/// replicas are billed on demand. Pure.
public struct TokenReplay: Sendable {
    public var simulator: Simulator

    public init(simulator: Simulator) {
        self.simulator = simulator
    }

    /// The three series as a simulation input (requests under the model's name, the token
    /// series beside it), for the shared window and forecasts.
    func input(_ traffic: TokenTraffic) -> SimulationInput {
        SimulationInput(step: traffic.step, start: traffic.start, series: [
            TrafficSeries(model: traffic.model, region: traffic.region, values: traffic.requests),
            TrafficSeries(model: traffic.model + " input_tokens", region: traffic.region, values: traffic.inputTokens),
            TrafficSeries(model: traffic.model + " output_tokens", region: traffic.region, values: traffic.outputTokens),
        ])
    }

    /// Every replayed day's forecasts of the three series (requests, prompt, generated tokens).
    public func forecasts(_ traffic: TokenTraffic) throws(SimulationError) -> [DayForecast] {
        try simulator.forecasts(input(traffic))
    }

    /// Replays `traffic` with `sizing` at `utilization` (nil: the configured one).
    /// - Throws: ``SimulationError`` for a model that is not configured, has no token profile
    ///   or no point meeting its targets, series of different lengths, or a plan refused.
    public func run(_ traffic: TokenTraffic, sizing: TokenSizing, utilization: Double? = nil,
                    forecasts given: [DayForecast]? = nil, splitAt: Int64? = nil) throws(SimulationError) -> TokenReplayReport {
        let window = try simulator.window(input(traffic))
        guard traffic.inputTokens.count == traffic.requests.count, traffic.outputTokens.count == traffic.requests.count else {
            throw .planning(day: "-", .lengthMismatch(model: traffic.model, region: traffic.region, series: "token series",
                                                      count: min(traffic.inputTokens.count, traffic.outputTokens.count),
                                                      expected: traffic.requests.count))
        }
        guard var profile = simulator.configuration.models[traffic.model] else {
            throw .unknownModel(model: traffic.model, configured: simulator.configuration.models.keys.sorted())
        }
        guard profile.regions.contains(traffic.region) else {
            throw .regionNotServed(model: traffic.model, region: traffic.region, served: profile.regions)
        }
        guard let tokens = profile.tokens, let best = tokens.best else {
            throw .planning(day: "-", .invalidConfiguration(
                "model \(traffic.model): a token replay needs a token profile with a point meeting its slo"))
        }
        guard let offer = simulator.configuration.offers[traffic.region]?[profile.gpuType] else {
            throw .planning(day: "-", .invalidConfiguration("no prices for \(profile.gpuType) in \(traffic.region)"))
        }
        // The request bound at the training mix.
        var requests = 0.0, prompt = 0.0, generated = 0.0
        for i in 0..<window.firstIndex
        where traffic.requests[i].isFinite && traffic.inputTokens[i].isFinite && traffic.outputTokens[i].isFinite {
            requests += traffic.requests[i]
            prompt += traffic.inputTokens[i]
            generated += traffic.outputTokens[i]
        }
        guard requests > 0, prompt > 0, generated > 0 else { throw .noTraffic }
        let perReplica = min(best.inputTokensPerSecond / (prompt / requests), best.outputTokensPerSecond / (generated / requests))
        profile.throughput = [ThroughputPoint(batchSize: best.concurrency, requestsPerSecond: perReplica,
                                              p99Milliseconds: tokens.ttftP99Milliseconds)]
        profile.sloP99Milliseconds = tokens.ttftP99Milliseconds
        if let utilization { profile.targetUtilization = utilization }
        if sizing == .requests { profile.tokens = nil }
        var configuration = simulator.configuration
        configuration.models = [profile.name: profile]
        let days: [DayForecast]
        if let given { days = given } else { days = try forecasts(traffic) }
        let step = traffic.step.seconds, seconds = Double(step)
        let gpuHourUSD = offer.onDemand.usdPerGPUHour * Double(profile.gpusPerReplica)
        var report = TokenReplayReport(sizing: sizing, targetUtilization: profile.targetUtilization, requestsPerReplica: perReplica,
                                       costUSD: 0, steps: 0, withinTTFT: 0, withinTPOT: 0, withinBoth: 0,
                                       stepsAfter: 0, withinTTFTAfter: 0, withinTPOTAfter: 0, withinBothAfter: 0)
        var current: Int?
        let historySteps = Int(configuration.settings.reservationWindowSeconds / step)
        for (day, forecast) in days.enumerated() where day < window.days {
            let dayIndex = window.firstIndex + day * window.stepsPerDay
            let begin = max(0, dayIndex - historySteps)
            func series(_ k: Int, _ values: [Double]) -> (point: [Double], quantiles: [Double: [Double]], history: [Double]) {
                let horizon = max(1, Int(configuration.settings.horizonSeconds / step))
                let zeros = [Double](repeating: 0, count: horizon)
                let f = forecast.forecasts[k]
                return (f?.point ?? zeros,
                        f.map { Dictionary(zip($0.levels, $0.quantiles), uniquingKeysWith: { a, _ in a }) }
                            ?? Dictionary(uniqueKeysWithValues: simulator.settings.forecast.levels.map { ($0, zeros) }),
                        values[begin..<dayIndex].map { $0.isFinite ? $0 : 0 })
            }
            let r = series(0, traffic.requests), i = series(1, traffic.inputTokens), o = series(2, traffic.outputTokens)
            var demand = PlanDemand(model: profile.name, region: traffic.region, step: traffic.step, forecastStart: forecast.start,
                                    point: r.point, quantiles: r.quantiles,
                                    historyStart: traffic.start + Int64(begin) * step, history: r.history,
                                    currentReplicas: current)
            if sizing == .tokens {
                demand.tokens = TokenDemand(input: TokenSeries(point: i.point, quantiles: i.quantiles, history: i.history),
                                            output: TokenSeries(point: o.point, quantiles: o.quantiles, history: o.history))
            }
            let plan: FleetPlan
            do {
                plan = try Planner(configuration: configuration).plan(demand: [demand], now: forecast.start)
            } catch {
                throw .planning(day: Simulator.dayName(forecast.start), error)
            }
            guard let model = plan.models.first else { continue }
            for k in 0..<min(window.stepsPerDay, model.readyReplicas.count) {
                let index = dayIndex + k
                let ready = Double(model.readyReplicas[k])
                let inputRate = traffic.inputTokens[index].isFinite ? traffic.inputTokens[index] / seconds : 0
                let outputRate = traffic.outputTokens[index].isFinite ? traffic.outputTokens[index] / seconds : 0
                let ttft = inputRate <= ready * best.inputTokensPerSecond
                let tpot = outputRate <= ready * best.outputTokensPerSecond
                report.steps += 1
                report.withinTTFT += ttft ? 1 : 0
                report.withinTPOT += tpot ? 1 : 0
                report.withinBoth += ttft && tpot ? 1 : 0
                if !(ttft && tpot) { report.missed.append(traffic.start + Int64(index) * step) }
                if let splitAt, traffic.start + Int64(index) * step >= splitAt {
                    report.stepsAfter += 1
                    report.withinTTFTAfter += ttft ? 1 : 0
                    report.withinTPOTAfter += tpot ? 1 : 0
                    report.withinBothAfter += ttft && tpot ? 1 : 0
                }
                report.costUSD += Double(model.launchedReplicas[k]) * gpuHourUSD * seconds / 3_600
            }
            current = model.launchedReplicas[min(window.stepsPerDay, model.launchedReplicas.count) - 1]
        }
        return report
    }

    /// Request-only sizing at the cost of `target` (within 0.5 %, or the closest reached): the
    /// target utilisation found by bisection in [0.05, 1] (cost falls as it rises).
    public func requestsAtCost(_ traffic: TokenTraffic, of target: TokenReplayReport, forecasts: [DayForecast],
                               splitAt: Int64? = nil) throws(SimulationError) -> TokenReplayReport {
        var low = 0.05, high = 1.0
        var best = try run(traffic, sizing: .requests, utilization: high, forecasts: forecasts, splitAt: splitAt)
        for _ in 0..<30 {
            let middle = (low + high) / 2
            let report = try run(traffic, sizing: .requests, utilization: middle, forecasts: forecasts, splitAt: splitAt)
            if abs(report.costUSD - target.costUSD) < abs(best.costUSD - target.costUSD) { best = report }
            if abs(report.costUSD - target.costUSD) <= 0.005 * target.costUSD { break }
            if report.costUSD > target.costUSD { low = middle } else { high = middle }
        }
        return best
    }
}

extension TokenTraffic {
    /// Reads a traffic file in the ingestion format holding one model in one region with its
    /// `requests`, `input_tokens` and `output_tokens` rows, each bucketed on `step` (summed per
    /// step; NaN where a step has no row).
    /// - Throws: ``SimulationError`` for a bad line, another series beside the first, or a
    ///   missing metric.
    public static func parse(csv bytes: [UInt8], step: Step) throws(SimulationError) -> TokenTraffic {
        let rows = try SimulationInput.rows(csv: bytes)
        guard let first = rows.first else { throw .noTraffic }
        if let other = rows.first(where: { $0.key.model != first.key.model || $0.key.region != first.key.region }) {
            throw .tokenTraffic("line \(other.line): \(other.key.model) in \(other.key.region) beside \(first.key.model) in "
                + "\(first.key.region): a token replay takes one model in one region")
        }
        guard let earliest = rows.map(\.timestamp).min(), let latest = rows.map(\.timestamp).max() else { throw .noTraffic }
        let start = step.floor(earliest)
        let length = Int((step.floor(latest) - start) / step.seconds) + 1
        var series: [Metric: [Double]] = [:]
        for row in rows {
            let index = Int((step.floor(row.timestamp) - start) / step.seconds)
            var values = series[row.key.metric] ?? [Double](repeating: .nan, count: length)
            values[index] = values[index].isNaN ? row.value : values[index] + row.value
            series[row.key.metric] = values
        }
        for metric in Metric.allCases where series[metric] == nil {
            throw .tokenTraffic("no `\(metric.rawValue)` rows: a token replay needs requests, input_tokens and output_tokens")
        }
        return TokenTraffic(model: first.key.model, region: first.key.region, step: step, start: start,
                            requests: series[.requests] ?? [], inputTokens: series[.inputTokens] ?? [],
                            outputTokens: series[.outputTokens] ?? [])
    }
}
