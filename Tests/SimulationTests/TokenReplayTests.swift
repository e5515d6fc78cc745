#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Planning
import Simulation
import Testing
import Traffic

/// The token replay: a change of token mix at a steady request rate is served by sizing on
/// tokens and missed by sizing on requests at the training mix.
@Suite struct TokenReplayTests {
    static let step = Step(seconds: 1_800)!
    static let start: Int64 = 1_704_067_200  // 2024-01-01, a Monday

    /// 24 days of a daily request cycle; prompts of 1,000 tokens, then 2,500 from day 20 on.
    static func traffic(switchDay: Int = 20) -> TokenTraffic {
        let steps = 24 * 48
        let requests = (0..<steps).map { i -> Double in
            let phase = Double(i % 48) / 48
            return (20 + 60 * max(0, sin(2 * Double.pi * phase))) * 1_800
        }
        let prompt = (0..<steps).map { requests[$0] * ($0 >= switchDay * 48 ? 2_500 : 1_000) }
        let output = requests.map { $0 * 200 }
        return TokenTraffic(model: "llm", region: "r1", step: step, start: start, requests: requests, inputTokens: prompt,
                            outputTokens: output)
    }

    static func configuration() -> FleetConfiguration {
        var profile = ModelProfile(
            name: "llm", gpuType: "H100", gpusPerReplica: 1, gpuMemoryGiB: 40, coldStartSeconds: 90, workloadClass: .interactive,
            throughput: [ThroughputPoint(batchSize: 32, requestsPerSecond: 10, p99Milliseconds: 500)], sloP99Milliseconds: 1_000,
            targetUtilization: 0.65, minReplicas: 1, maxReplicas: 500, scaleUp: ScaleUpLimit(replicas: 100, periodSeconds: 60),
            scaleDownStabilizationSeconds: 1_800, quantile: 0.95, regions: ["r1"])
        profile.tokens = TokenProfile(points: [
            TokenPoint(concurrency: 32, inputTokensPerSecond: 20_000, outputTokensPerSecond: 4_000,
                       ttftP99Milliseconds: 900, tpotP99Milliseconds: 45),
        ], ttftP99Milliseconds: 1_000, tpotP99Milliseconds: 50)
        let offer = GPUOffer(region: "r1", gpuType: "H100", reserved: CapacityOffer(usdPerGPUHour: 4, provisioningSeconds: 0),
                             onDemand: CapacityOffer(usdPerGPUHour: 8, provisioningSeconds: 600), spot: nil)
        return FleetConfiguration(
            settings: PlanningSettings(step: step, horizonSeconds: 86_400, reservationWindowSeconds: 7 * 86_400, maxActionsPerDay: 48),
            gpuTypes: ["H100": GPUType(name: "H100", gpusPerNode: 8, memoryGiB: 80)],
            offers: ["r1": ["H100": offer]], models: ["llm": profile], monthlyBudgetUSD: nil)
    }

    @Test func sizingOnTokensFollowsTheMixAndRequestsDoNot() throws {
        let replay = TokenReplay(simulator: Simulator(configuration: Self.configuration(),
                                                      settings: SimulationSettings(trainDays: 14, historyDays: 14)))
        let traffic = Self.traffic()
        let forecasts = try replay.forecasts(traffic)
        let switchAt = Self.start + 20 * 86_400
        let tokens = try replay.run(traffic, sizing: .tokens, forecasts: forecasts, splitAt: switchAt)
        let requests = try replay.run(traffic, sizing: .requests, forecasts: forecasts, splitAt: switchAt)
        #expect(tokens.steps == 10 * 48 && tokens.stepsAfter == 4 * 48)
        // r* at the training mix: min(20,000 / 1,000, 4,000 / 200) = 20 requests/s.
        #expect(abs(tokens.requestsPerReplica - 20) < 1e-9)
        // Before the switch both keep every step. The switch day was planned on the old mix, so
        // sizing on tokens loses it (and the next day's first step, which scale-ups planned at
        // midnight cannot reach in time); from then on its forecasts of the token series follow
        // the new mix. Requests alone at the same utilisation lose every busy step after it.
        #expect(tokens.withinBoth - tokens.withinBothAfter == 6 * 48)
        #expect(requests.withinBoth - requests.withinBothAfter == 6 * 48)
        #expect(tokens.missed.map { Int(($0 - Self.start) / 1_800) } == Array(960...1_008))
        #expect(requests.withinTTFTAfter < tokens.withinTTFTAfter - 10, "\(requests.withinTTFTAfter) against \(tokens.withinTTFTAfter)")
        #expect(requests.withinTPOT == requests.steps)
        #expect(requests.costUSD < tokens.costUSD)
        // At the same cost (integer replicas make the cost a step function of the utilisation:
        // the closest reached), requests alone buy headroom for every day, before the switch too.
        let atCost = try replay.requestsAtCost(traffic, of: tokens, forecasts: forecasts, splitAt: switchAt)
        #expect(abs(atCost.costUSD - tokens.costUSD) <= 0.03 * tokens.costUSD, "\(atCost.costUSD) against \(tokens.costUSD)")
        #expect(atCost.targetUtilization < requests.targetUtilization)
    }

    @Test func badTrafficIsNamed() {
        func problem(_ csv: String) -> String {
            do {
                _ = try TokenTraffic.parse(csv: Array(csv.utf8), step: Self.step)
                return "no error"
            } catch { return error.description }
        }
        let header = "timestamp,model,region,metric,value\n"
        #expect(problem(header + "2024-01-01T00:00:00Z,llm,r1,requests,10\n2024-01-01T00:00:00Z,llm,r1,input_tokens,1000\n")
            == "no `output_tokens` rows: a token replay needs requests, input_tokens and output_tokens")
        #expect(problem(header + "2024-01-01T00:00:00Z,llm,r1,requests,10\n2024-01-01T00:00:00Z,chat,r1,requests,10\n")
            == "line 3: chat in r1 beside llm in r1: a token replay takes one model in one region")
        #expect(problem(header) == "the file has a header but no data rows")
        #expect(problem(header + "2024-01-01T00:00:00Z,llm,r1,requests,-1\n").contains("line 2"))
    }

    @Test func aModelWithoutTokenProfileIsRefused() throws {
        var configuration = Self.configuration()
        configuration.models["llm"]?.tokens = nil
        let replay = TokenReplay(simulator: Simulator(configuration: configuration, settings: SimulationSettings(trainDays: 14)))
        #expect(throws: SimulationError.self) { try replay.run(Self.traffic(), sizing: .tokens) }
    }

    /// The simulator's replica pool serves at one variant's speed, so it plans every model on
    /// its first variant whatever the configuration lists.
    @Test func theSimulatorPlansOnTheFirstVariant() throws {
        var configuration = Self.configuration()
        let first = try #require(configuration.models["llm"])
        var other = ModelVariant(name: "cheap", gpuType: "H100", gpusPerReplica: 1, gpuMemoryGiB: 40, coldStartSeconds: 90,
                                 throughput: [ThroughputPoint(batchSize: 32, requestsPerSecond: 100, p99Milliseconds: 500)])
        other.tokens = first.tokens
        configuration.models["llm"]?.variants = [
            ModelVariant(name: "first", gpuType: "H100", gpusPerReplica: 1, gpuMemoryGiB: 40, coldStartSeconds: 90,
                         throughput: first.throughput, tokens: first.tokens),
            other,
        ]
        var simulator = Simulator(configuration: configuration)
        #expect(simulator.configuration.models["llm"]?.variants.isEmpty == true)
        simulator.configuration = configuration
        #expect(simulator.configuration.models["llm"]?.variants.isEmpty == true)
        #expect(simulator.configuration.models["llm"]?.throughput == first.throughput)
    }
}
