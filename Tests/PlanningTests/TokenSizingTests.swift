import Planning
import Testing
import Traffic

/// Sizing on tokens: a step needs the most replicas of the request, prefill and decode bounds,
/// each at the best load-test point meeting both the TTFT and TPOT targets.
@Suite struct TokenSizingTests {
    /// Concurrency 8 and 32 meet TTFT ≤ 1,000 ms and TPOT ≤ 50 ms; 64 misses TPOT.
    static let tokens = TokenProfile(points: [
        TokenPoint(concurrency: 8, inputTokensPerSecond: 9_000, outputTokensPerSecond: 1_400,
                   ttftP99Milliseconds: 350, tpotP99Milliseconds: 28),
        TokenPoint(concurrency: 32, inputTokensPerSecond: 21_000, outputTokensPerSecond: 3_900,
                   ttftP99Milliseconds: 900, tpotP99Milliseconds: 45),
        TokenPoint(concurrency: 64, inputTokensPerSecond: 30_000, outputTokensPerSecond: 6_000,
                   ttftP99Milliseconds: 1_400, tpotP99Milliseconds: 70),
    ], ttftP99Milliseconds: 1_000, tpotP99Milliseconds: 50)

    static func profile(floor: Int = 0, cap: Int = 100) -> ModelProfile {
        var profile = Fixture.profile(utilization: 0.5, floor: floor, cap: cap)
        profile.tokens = tokens
        return profile
    }

    @Test func theBestUsablePointSetsTheTokenRates() throws {
        let best = try #require(Self.tokens.best)
        #expect(best.concurrency == 32)
        #expect(Self.tokens.usablePoints.map(\.concurrency) == [8, 32])
    }

    @Test func theLargestBoundSetsTheReplicas() throws {
        let profile = Self.profile()
        // Requests: 2 rps at 2.5 per replica → 1. Prefill: 52,500 / (21,000 × 0.5) = 5.
        // Decode: 3,000 / (3,900 × 0.5) → 2.
        let prefill = try #require(profile.sizing(requestsPerSecond: 2, tokens: TokenRate(input: 52_500, output: 3_000)))
        #expect(prefill.replicas == 5)
        #expect(prefill.bound == .prefill)
        // Long answers: decode 19,500 / 1,950 = 10 beats prefill 1.
        let decode = try #require(profile.sizing(requestsPerSecond: 2, tokens: TokenRate(input: 10_000, output: 19_500)))
        #expect(decode.replicas == 10)
        #expect(decode.bound == .decode)
        // Short prompts and answers: the request bound holds (12 rps → 5 replicas).
        let requests = try #require(profile.sizing(requestsPerSecond: 12, tokens: TokenRate(input: 1_000, output: 100)))
        #expect(requests.replicas == 5)
        #expect(requests.bound == .requests)
        // The batch size still follows the requests: 5 replicas serve 2 rps at batch 1.
        #expect(prefill.batchSize == 1)
    }

    @Test func withoutTokenDemandTheRequestsSizeAlone() throws {
        let profile = Self.profile()
        #expect(profile.sizing(requestsPerSecond: 12) == Fixture.profile(utilization: 0.5, floor: 0).sizing(requestsPerSecond: 12))
    }

    @Test func floorAndCapStillHold() throws {
        let sizing = try #require(Self.profile(floor: 2, cap: 6).sizing(requestsPerSecond: 0, tokens: TokenRate(input: 1e6, output: 0)))
        #expect(sizing.replicas == 6)
        #expect(sizing.uncappedReplicas == 96)  // ceil(1e6 / 10,500)
        let idle = try #require(Self.profile(floor: 2, cap: 6).sizing(requestsPerSecond: 0, tokens: TokenRate(input: 0, output: 0)))
        #expect(idle.replicas == 2)
    }

    @Test func aTokenProfileWithoutUsablePointGivesNoSizing() {
        var profile = Self.profile()
        profile.tokens?.tpotP99Milliseconds = 10
        #expect(profile.sizing(requestsPerSecond: 1, tokens: TokenRate(input: 1, output: 1)) == nil)
    }

    /// The planner sizes each step on the token forecasts at the plan's quantile: a code mix
    /// with the same requests but prompts eight times as long needs more replicas, and the plan
    /// says prefill set them.
    @Test func thePlanFollowsTheTokenMix() throws {
        let step = Step(seconds: 300)!
        let now: Int64 = 1_700_006_400
        let requests = Fixture.daily(steps: 288, base: 2, swing: 6)  // requests per 5 minutes
        func demand(promptTokens: Double) -> PlanDemand {
            let input = requests.map { $0 * promptTokens }, output = requests.map { $0 * 300 }
            return PlanDemand(model: "chat", region: "r1", step: step, forecastStart: now, point: requests,
                              quantiles: [0.9: requests],
                              tokens: TokenDemand(input: TokenSeries(point: input, quantiles: [0.9: input]),
                                                  output: TokenSeries(point: output, quantiles: [0.9: output])))
        }
        let planner = Planner(configuration: Fixture.configuration(models: [Self.profile(floor: 1)]))
        let chat = try #require(try planner.plan(demand: [demand(promptTokens: 1_000)], now: now).models.first)
        let code = try #require(try planner.plan(demand: [demand(promptTokens: 8_000)], now: now).models.first)
        // Peak 8 rps: requests need ceil(8 / 2.5) = 4 replicas, the chat mix's prompts 8,000 tokens/s
        // one; the code mix's 64,000 tokens/s over 10,500 per replica need 7.
        #expect(chat.replicas.max() == 4)
        #expect(chat.limitedBy?.allSatisfy { $0 == .requests } == true)
        #expect(code.replicas.max() == 7)
        #expect(code.limitedBy?.contains(.prefill) == true)
        // Request-only planning of the same demand ignores the mix and says nothing of bounds.
        var requestOnly = demand(promptTokens: 8_000)
        requestOnly.tokens = nil
        let plain = try #require(try planner.plan(demand: [requestOnly], now: now))
        #expect(plain.models.first?.limitedBy == nil)
        #expect(plain.warnings.contains { $0.contains("has a token profile but its demand has no token forecast") })
    }

    @Test func tokenSeriesOfTheWrongLengthAreRefused() throws {
        let step = Step(seconds: 300)!
        let now: Int64 = 1_700_006_400
        let requests = [Double](repeating: 300, count: 288)
        let demand = PlanDemand(model: "chat", region: "r1", step: step, forecastStart: now, point: requests,
                                quantiles: [0.9: requests],
                                tokens: TokenDemand(input: TokenSeries(point: [1, 2], quantiles: [0.9: [1, 2]]),
                                                    output: TokenSeries(point: requests, quantiles: [0.9: requests])))
        let planner = Planner(configuration: Fixture.configuration(models: [Self.profile()]))
        #expect(throws: PlanningError.lengthMismatch(model: "chat", region: "r1", series: "input_tokens point", count: 2,
                                                      expected: 288)) {
            try planner.plan(demand: [demand], now: now)
        }
    }
}
