#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Config
import Planning
import Testing
import Traffic

/// The shipped example fleet, planned on the demo traffic: the last two days of five weeks of
/// demo traffic stand in for a forecast (point = the actual counts, quantiles = a ±10 % plus
/// Poisson band), the four weeks before them are the history.
@Suite struct ExampleFleetTests {
    static let examplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/headroom.yaml").path

    @Test func theExampleConfigurationLoads() throws {
        let fleet = try ConfigurationReader.load(path: Self.examplePath)
        #expect(fleet.models.keys.sorted() == ["batch-summarize", "chat-8b", "code-70b", "embed-small"])
        for profile in fleet.models.values { #expect(profile.regions == ["us-east-1", "eu-west-1"]) }
        #expect(fleet.models["batch-summarize"]?.workloadClass == .batch)
        #expect(fleet.models["code-70b"]?.gpusPerReplica == 4)
        #expect(fleet.offers["us-east-1"]?["H100"]?.onDemand.usdPerGPUHour == 6.88)
        #expect(fleet.settings.horizonSeconds == 48 * 3_600)
    }

    @Test func missingFilesAreAnswered() {
        #expect(throws: ConfigurationError.self) { try ConfigurationReader.load(path: "/nonexistent/headroom.yaml") }
    }

    /// Demand for every demo series: history before `now`, the next 48 hours as the forecast, for
    /// requests and for prompt and generated tokens.
    static func demoDemand(now: Int64) -> [PlanDemand] {
        let traffic = DemoTraffic(seed: 42, end: now + 2 * 86_400, weeks: 5)
        let step = DemoTraffic.step.seconds
        let steps = Int((traffic.end - traffic.start) / step)
        var series: [String: [Double?]] = [:]
        traffic.forEach { row in
            let key = "\(row.key.model)|\(row.key.region)|\(row.key.metric.rawValue)"
            if series[key] == nil { series[key] = [Double?](repeating: nil, count: steps) }
            series[key]?[Int((row.timestamp - traffic.start) / step)] = row.value
        }
        let split = Int((now - traffic.start) / step)
        /// History and forecast (point and quantiles) of one series.
        func parts(_ key: String) -> (history: [Double], point: [Double], quantiles: [Double: [Double]])? {
            guard let stored = series[key] else { return nil }
            var last = 0.0
            let values = stored.map { value -> Double in
                if let value { last = value }
                return last  // monitoring gaps hold the previous value
            }
            let point = Array(values[split...])
            func band(_ z: Double) -> [Double] { point.map { max(0, $0 + z * (0.1 * $0 + $0.squareRoot())) } }
            return (Array(values[..<split]), point, [0.5: point, 0.9: band(1.2816), 0.95: band(1.6449), 0.99: band(2.3263)])
        }
        let pairs = Set(series.keys.map { $0.split(separator: "|").prefix(2).joined(separator: "|") }).sorted()
        return pairs.map { pair in
            let names = pair.split(separator: "|").map(String.init)
            let requests = parts(pair + "|requests")!
            var tokens: TokenDemand?
            if let input = parts(pair + "|input_tokens"), let output = parts(pair + "|output_tokens") {
                tokens = TokenDemand(input: TokenSeries(point: input.point, quantiles: input.quantiles, history: input.history),
                                     output: TokenSeries(point: output.point, quantiles: output.quantiles, history: output.history))
            }
            return PlanDemand(model: names[0], region: names[1], step: DemoTraffic.step, forecastStart: now, point: requests.point,
                              quantiles: requests.quantiles, historyStart: traffic.start, history: requests.history,
                              tokens: tokens)
        }
    }

    @Test func theExampleFleetPlansTheDemoTraffic() throws {
        let fleet = try ConfigurationReader.load(path: Self.examplePath)
        let now: Int64 = 1_790_208_000  // 2026-09-24T00:00:00Z
        let demand = Self.demoDemand(now: now)
        let clock = ContinuousClock()
        var planned: FleetPlan?
        let elapsed = try clock.measure { planned = try Planner(configuration: fleet).plan(demand: demand, now: now) }
        let plan = try #require(planned)
        #expect(plan.models.count == 8)
        #expect(plan.warnings.isEmpty, "\(plan.warnings)")
        for model in plan.models {
            #expect(model.replicas.count == 576)
            #expect(model.uncoveredSteps == 0, "\(model.model)/\(model.region)")
            #expect(model.cappedSteps == 0, "\(model.model)/\(model.region)")
            #expect((model.lateRequests ?? 0) < 1e-6)
        }
        // chat-8b sizes on tokens too; at the demo's mix its requests set every step (the
        // example's comment says so).
        for model in plan.models where model.model == "chat-8b" {
            #expect(model.limitedBy?.count == 576)
            #expect(model.limitedBy?.allSatisfy { $0 == .requests } == true)
        }
        #expect(plan.capacity.count == 6)
        for split in plan.capacity {
            #expect(abs(split.historyHours - 28 * 24) < 1e-9)
            #expect(Double(split.reservedNodes * split.gpusPerNode) <= split.peakGPUs + Double(split.gpusPerNode))
        }
        #expect(plan.totals.savingsVersusOnDemandMonthlyUSD > 0)
        #expect(plan.totals.savingsVersusStaticPeakMonthlyUSD > 0)
        if getenv("HEADROOM_PRINT_PLAN") != nil { print(Self.summary(plan) + "\nplanned in \(elapsed)") }
    }

    /// Plans on requests alone are what they were: the example fleet without chat-8b's token
    /// profile and variants, given token forecasts or not, plans exactly alike; and with them,
    /// where requests set every step at the demo's mix and the H100 variant is the cheaper, only
    /// `limitedBy` and `variant` differ.
    @Test func requestProfilesPlanAsBefore() throws {
        let fleet = try ConfigurationReader.load(path: Self.examplePath)
        var requestOnly = fleet
        requestOnly.models["chat-8b"]?.tokens = nil
        requestOnly.models["chat-8b"]?.variants = []
        let now: Int64 = 1_790_208_000
        let demand = Self.demoDemand(now: now)
        let withoutTokens = demand.map { entry -> PlanDemand in
            var copy = entry
            copy.tokens = nil
            return copy
        }
        let before = try Planner(configuration: requestOnly).plan(demand: withoutTokens, now: now)
        #expect(try Planner(configuration: requestOnly).plan(demand: demand, now: now) == before)
        var sized = try Planner(configuration: fleet).plan(demand: demand, now: now)
        #expect(sized.models.contains { $0.limitedBy != nil })
        #expect(sized.models.filter { $0.model == "chat-8b" }.allSatisfy { $0.variant?.name == "h100-tp1" })
        for index in sized.models.indices {
            sized.models[index].limitedBy = nil
            sized.models[index].variant = nil
        }
        #expect(sized == before)
    }

    static func summary(_ plan: FleetPlan) -> String {
        func f(_ value: Double, _ digits: Int = 0) -> String {
            let scale = pow(10, Double(digits))
            return "\((value * scale).rounded() / scale)"
        }
        var lines: [String] = []
        for model in plan.models {
            let ups = model.actions.filter { $0.kind == .scaleUp }.count
            lines.append("\(model.model)/\(model.region): replicas \(model.replicas.min() ?? 0)-\(model.replicas.max() ?? 0), "
                + "batch \(model.batchSize.min() ?? 0)-\(model.batchSize.max() ?? 0), actions \(model.actions.count) (\(ups) up), "
                + "lead \(Int(model.leadTimeSeconds)) s, GPU-h \(f(model.gpuHours)), batching saved \(f(model.replicaHoursSavedByBatching)) replica-h"
                + (model.maxBacklogRequests.map { ", max backlog \(f($0)) req" } ?? ""))
        }
        for split in plan.capacity {
            lines.append("\(split.region) \(split.gpuType): reserve \(split.reservedNodes) nodes (\(split.reservedNodes * split.gpusPerNode) GPUs), "
                + "peak \(f(split.peakGPUs)) GPUs, utilisation \(f((split.reservationUtilization ?? 0) * 100, 1)) %, "
                + "coverage \(f(split.reservationCoverage * 100, 1)) %, break-even \(f(split.breakEvenUtilization * 100, 1)) %, "
                + "month $\(f(split.monthly.totalUSD)) (reserved \(f(split.monthly.reservedUSD)), on-demand \(f(split.monthly.onDemandUSD)), "
                + "spot \(f(split.monthly.spotUSD))), all on-demand $\(f(split.allOnDemandMonthlyUSD)), static peak $\(f(split.staticPeakOnDemandMonthlyUSD))")
        }
        let t = plan.totals
        lines.append("fleet: month $\(f(t.monthly.totalUSD)), all on-demand $\(f(t.allOnDemandMonthlyUSD)), "
            + "static peak on-demand $\(f(t.staticPeakOnDemandMonthlyUSD)), static peak reserved $\(f(t.staticPeakReservedMonthlyUSD)), "
            + "48 h $\(f(t.horizon.totalUSD)), batching saved \(f(t.replicaHoursSavedByBatching)) replica-h")
        if let budget = plan.budget { lines.append("budget: \(budget.message)") }
        return lines.joined(separator: "\n")
    }
}
