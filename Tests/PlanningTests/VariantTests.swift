import Planning
import Testing
import Traffic

/// Several ways to serve a model: the planner keeps the cheapest per region that fits the
/// quota, and moves only when the saving beats the cost of moving.
@Suite struct VariantTests {
    let step = Step(seconds: 300)!
    let now: Int64 = 1_700_006_400

    /// H100 with one GPU, A100 with two, L4 with four: requests per second of one replica at
    /// the SLO scaled by `speed` (H100, A100, L4).
    static func variants(speed: (Double, Double, Double) = (5, 2.6, 1.4)) -> [ModelVariant] {
        func curve(_ rps: Double) -> [ThroughputPoint] { [ThroughputPoint(batchSize: 8, requestsPerSecond: rps, p99Milliseconds: 400)] }
        return [
            ModelVariant(name: "h100-tp1", gpuType: "H100", gpusPerReplica: 1, gpuMemoryGiB: 40, coldStartSeconds: 60,
                         throughput: curve(speed.0)),
            ModelVariant(name: "a100-tp2", gpuType: "A100", gpusPerReplica: 2, gpuMemoryGiB: 60, coldStartSeconds: 90,
                         throughput: curve(speed.1)),
            ModelVariant(name: "l4-tp4", gpuType: "L4", gpusPerReplica: 4, gpuMemoryGiB: 80, coldStartSeconds: 120,
                         throughput: curve(speed.2)),
        ]
    }

    /// A fleet of one model with `variants` (or only `only` of them), priced per GPU-hour.
    static func configuration(variants: [ModelVariant], prices: [String: Double] = ["H100": 8, "A100": 3, "L4": 1.2],
                              quotas: [String: Int] = [:]) -> FleetConfiguration {
        var profile = Fixture.profile(utilization: 0.8, floor: 1, cap: 200)
        profile = profile.serving(variants[0])
        profile.variants = variants
        var configuration = Fixture.configuration(models: [profile])
        configuration.gpuTypes["L4"] = GPUType(name: "L4", gpusPerNode: 8, memoryGiB: 24)
        var offers: [String: GPUOffer] = [:]
        for (gpu, price) in prices {
            var offer = GPUOffer(region: "r1", gpuType: gpu, reserved: CapacityOffer(usdPerGPUHour: price * 0.6, provisioningSeconds: 0),
                                 onDemand: CapacityOffer(usdPerGPUHour: price, provisioningSeconds: 240), spot: nil)
            offer.maxGPUs = quotas[gpu]
            offers[gpu] = offer
        }
        configuration.offers = ["r1": offers]
        return configuration
    }

    func demand(_ point: [Double], current: String? = nil) -> PlanDemand {
        var demand = PlanDemand(model: "chat", region: "r1", step: step, forecastStart: now, point: point,
                                quantiles: [0.9: point.map { $0 * 1.1 }])
        demand.currentVariant = current
        return demand
    }

    /// On-demand USD of planning `point` on `variant` alone.
    func alone(_ variant: ModelVariant, _ point: [Double], prices: [String: Double]) throws -> Double {
        let plan = try Planner(configuration: Self.configuration(variants: [variant], prices: prices)).plan(demand: [demand(point)], now: now)
        return try #require(plan.models.first).gpuHours * (prices[variant.gpuType] ?? 0)
    }

    @Test func theCheapestVariantIsPlannedAndNamed() throws {
        let point = Fixture.daily(steps: 288, base: 4, swing: 30)
        let plan = try Planner(configuration: Self.configuration(variants: Self.variants())).plan(demand: [demand(point)], now: now)
        let model = try #require(plan.models.first)
        let choice = try #require(model.variant)
        // Per replica-hour: H100 8 USD for 5 rps, A100 6 USD for 2.6, L4 4.8 USD for 1.4: H100 is cheapest per request.
        #expect(choice.name == "h100-tp1")
        #expect(model.gpuType == "H100" && model.gpusPerReplica == 1)
        #expect(choice.horizonCostUSD.count == 3)
        #expect(plan.capacity.map(\.gpuType) == ["H100"])
        // Make the L4 twice as fast: it wins, and the plan runs on L4 with four GPUs a replica.
        let fast = try Planner(configuration: Self.configuration(variants: Self.variants(speed: (5, 2.6, 2.8))))
            .plan(demand: [demand(point)], now: now)
        #expect(fast.models.first?.variant?.name == "l4-tp4")
        #expect(fast.models.first?.gpuType == "L4" && fast.models.first?.gpusPerReplica == 4)
        #expect(fast.capacity.map(\.gpuType) == ["L4"])
    }

    /// Brute force over small fleets: the chosen plan costs no more than any variant planned
    /// alone, for random demand, speeds and prices.
    @Test func theChoiceCostsNoMoreThanAnySingleVariant() throws {
        var noise = UInt64(42)
        func next() -> Double {
            noise = noise &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(noise >> 11) / Double(1 << 53)
        }
        for _ in 0..<12 {
            let point = Fixture.daily(steps: 288, base: 1 + 10 * next(), swing: 40 * next(), offset: Int(288 * next()))
            let variants = Self.variants(speed: (2 + 6 * next(), 1 + 4 * next(), 0.5 + 3 * next()))
            let prices = ["H100": 5 + 5 * next(), "A100": 1.5 + 3 * next(), "L4": 0.6 + 1.5 * next()]
            let plan = try Planner(configuration: Self.configuration(variants: variants, prices: prices)).plan(demand: [demand(point)], now: now)
            let model = try #require(plan.models.first)
            let chosen = model.gpuHours * (prices[model.gpuType] ?? 0)
            for variant in variants {
                #expect(chosen <= (try alone(variant, point, prices: prices)) + 1e-6, "\(variant.name) alone is cheaper")
            }
        }
    }

    @Test func aQuotaLeavesAVariantOut() throws {
        let point = Fixture.daily(steps: 288, base: 4, swing: 30)
        let plan = try Planner(configuration: Self.configuration(variants: Self.variants(), quotas: ["H100": 4]))
            .plan(demand: [demand(point)], now: now)
        let choice = try #require(plan.models.first?.variant)
        #expect(choice.name != "h100-tp1")
        #expect(choice.excluded["h100-tp1"]?.hasPrefix("needs ") == true)
        #expect(choice.excluded["h100-tp1"]?.hasSuffix("the quota in r1 is 4") == true)
        // No variant fits: the cheapest is planned, and the plan says so.
        let none = try Planner(configuration: Self.configuration(variants: Self.variants(), quotas: ["H100": 1, "A100": 1, "L4": 1]))
            .plan(demand: [demand(point)], now: now)
        #expect(none.models.first?.variant?.name == "h100-tp1")
        #expect(none.warnings.contains { $0.contains("no variant fits the region's GPU quota") })
    }

    /// Moving from the running variant pays only when the saving over the horizon beats its
    /// new replicas' cost while they start; planning again from the chosen one never flips.
    @Test func theChoiceIsStable() throws {
        let point = Fixture.daily(steps: 288, base: 4, swing: 30)
        // The A100 is cheaper per request; sweep its cold start (its replicas are billed while
        // they start and the H100's still serve): the running H100 is kept exactly while the
        // saving over the horizon does not beat that cost of moving.
        var kept = 0, moved = 0
        for minutes in stride(from: 1, through: 600, by: 20) {
            var variants = Self.variants(speed: (5, 4.5, 1.4))
            variants[1].coldStartSeconds = Double(minutes * 60)
            let configuration = Self.configuration(variants: variants)
            let choice = try #require(try Planner(configuration: configuration)
                .plan(demand: [demand(point, current: "h100-tp1")], now: now).models.first?.variant)
            let costs = choice.horizonCostUSD
            let best = try #require(costs.min { ($0.value, $0.key) < ($1.value, $1.key) }?.key)
            #expect(best == "a100-tp2")
            let saving = (costs["h100-tp1"] ?? 0) - (costs[best] ?? 0)
            let moving = try #require(choice.movingCostUSD)
            if choice.name == "h100-tp1" {
                kept += 1
                #expect(saving <= moving)
                #expect(choice.reason.hasPrefix("kept: moving to \(best) would save"))
            } else {
                moved += 1
                #expect(choice.name == best && saving > moving)
            }
        }
        #expect(kept > 0 && moved > 0, "kept \(kept), moved \(moved)")
        // A large saving moves it.
        let far = Self.configuration(variants: Self.variants(speed: (5, 2.6, 6)))
        let leaving = try #require(try Planner(configuration: far).plan(demand: [demand(point, current: "h100-tp1")], now: now).models.first?.variant)
        #expect(leaving.name == "l4-tp4")
        #expect(leaving.previous == "h100-tp1")
        // Idempotent: planning from the variant just chosen keeps it, for every configuration.
        let close = Self.configuration(variants: Self.variants(speed: (5, 3.9, 1.4)))
        for configuration in [close, far, Self.configuration(variants: Self.variants())] {
            let first = try #require(try Planner(configuration: configuration).plan(demand: [demand(point)], now: now).models.first?.variant)
            let again = try #require(try Planner(configuration: configuration).plan(demand: [demand(point, current: first.name)], now: now).models.first?.variant)
            #expect(again.name == first.name)
        }
    }

    /// A pool's quota is shared by the models it serves: when two models' cheapest variants
    /// together need more GPUs than the pool may have, the one whose next variant costs the
    /// least extra moves; a pool no move can bring within its quota is reported.
    @Test func aQuotaIsSharedByThePoolsModels() throws {
        var configuration = Self.configuration(variants: Self.variants(speed: (5, 3, 1.4)))
        var code = try #require(configuration.models["chat"])
        code.name = "code"
        configuration.models["code"] = code
        let chatPoint = Fixture.daily(steps: 288, base: 4, swing: 30)
        let codePoint = Fixture.daily(steps: 288, base: 2, swing: 12)
        var codeDemand = demand(codePoint)
        codeDemand.model = "code"
        // Each alone fits 16 H100 GPUs; together they do not.
        let alone = try Planner(configuration: configuration).plan(demand: [demand(chatPoint), codeDemand], now: now)
        let peaks = alone.models.map { ($0.launchedReplicas.max() ?? 0) * $0.gpusPerReplica }
        #expect(alone.models.allSatisfy { $0.gpuType == "H100" })
        let quota = max(peaks[0], peaks[1]) + 1
        #expect(quota < peaks[0] + peaks[1])
        configuration.offers["r1"]?["H100"]?.maxGPUs = quota
        let shared = try Planner(configuration: configuration).plan(demand: [demand(chatPoint), codeDemand], now: now)
        #expect(shared.warnings.isEmpty, "\(shared.warnings)")
        let moved = shared.models.filter { $0.gpuType != "H100" }
        #expect(moved.count == 1)
        #expect(moved.first?.variant?.reason.hasPrefix("moved from h100-tp1: the r1/H100 quota") == true)
        // The smaller model moves: its next variant costs less extra.
        #expect(moved.first?.model == "code")
        let h100 = shared.models.filter { $0.gpuType == "H100" }.map { ($0.launchedReplicas.max() ?? 0) * $0.gpusPerReplica }
        #expect((h100.first ?? 0) <= quota)
        // Without another variant to move to, the plan says the pool is over its quota.
        var single = Fixture.configuration(models: [Fixture.profile(name: "chat", utilization: 0.8, floor: 1, cap: 200)])
        single.offers["r1"]?["H100"]?.maxGPUs = 2
        let over = try Planner(configuration: single).plan(demand: [demand(chatPoint)], now: now)
        #expect(over.warnings.contains { $0.hasPrefix("r1/H100: the plan needs ") && $0.hasSuffix("(chat), above the quota of 2") })
    }

    /// The token warning follows the variant planned: a chosen variant without a token profile
    /// plans on requests without a warning, though the first variant has one.
    @Test func theTokenWarningFollowsTheChosenVariant() throws {
        var variants = Self.variants(speed: (5, 2.6, 6))
        variants[0].tokens = TokenSizingTests.tokens
        let plan = try Planner(configuration: Self.configuration(variants: variants))
            .plan(demand: [demand(Fixture.daily(steps: 288, base: 4, swing: 30))], now: now)
        #expect(plan.models.first?.variant?.name == "l4-tp4")
        #expect(!plan.warnings.contains { $0.contains("token") }, "\(plan.warnings)")
        let first = try Planner(configuration: Self.configuration(variants: Array(variants.prefix(1))))
            .plan(demand: [demand(Fixture.daily(steps: 288, base: 4, swing: 30))], now: now)
        #expect(first.warnings.contains { $0.contains("has a token profile but its demand has no token forecast") })
    }

    /// Brute force over small fleets sharing quotas: 40 fleets of two or three models, three variants each,
    /// random demand, speeds, prices and quotas. Every assignment of a variant to each model is
    /// planned alone and checked against the quotas step by step; the planner's plan costs no
    /// more than the cheapest assignment within them, and warns exactly when there is none.
    @Test func sharedQuotasAreMetAtTheLeastCostOfAnyAssignment() throws {
        var noise = UInt64(7)
        func next() -> Double {
            noise = noise &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(noise >> 11) / Double(1 << 53)
        }
        var feasibleFleets = 0
        var movedFleets = 0
        for _ in 0..<40 {
            let count = next() < 0.25 ? 2 : 3
            let variants = Self.variants(speed: (2 + 6 * next(), 1 + 4 * next(), 0.5 + 3 * next()))
            let prices = ["H100": 5 + 5 * next(), "A100": 1.5 + 3 * next(), "L4": 0.6 + 1.5 * next()]
            let points = (0..<count).map { _ in
                Fixture.daily(steps: 288, base: 1 + 6 * next(), swing: 25 * next(), offset: Int(288 * next()))
            }
            // Each model planned alone on each variant: launched GPUs per step and on-demand USD.
            var alone: [[(gpuType: String, gpus: [Int], cost: Double)]] = []
            for point in points {
                alone.append(try variants.map { variant in
                    let plan = try Planner(configuration: Self.configuration(variants: [variant], prices: prices))
                        .plan(demand: [demand(point)], now: now)
                    let model = try #require(plan.models.first)
                    return (variant.gpuType, model.launchedReplicas.map { $0 * model.gpusPerReplica },
                            model.gpuHours * (prices[variant.gpuType] ?? 0))
                })
            }
            // Quotas around the summed peaks of each model's cheapest variant, so that sharing binds.
            var peaks: [String: Int] = [:]
            for options in alone {
                guard let cheapest = options.min(by: { $0.cost < $1.cost }) else { continue }
                peaks[cheapest.gpuType, default: 0] += cheapest.gpus.max() ?? 0
            }
            let quotas = peaks.mapValues { Int(Double($0) * (0.4 + 0.7 * next())) }
            var bestCost: Double?
            for code in 0..<(count == 2 ? 9 : 27) {
                var pick: [Int] = []
                var rest = code
                for _ in 0..<count { pick.append(rest % 3); rest /= 3 }
                var used: [String: [Int]] = [:]
                for (model, k) in pick.enumerated() {
                    let option = alone[model][k]
                    var levels = used[option.gpuType] ?? [Int](repeating: 0, count: option.gpus.count)
                    for (index, gpus) in option.gpus.enumerated() { levels[index] += gpus }
                    used[option.gpuType] = levels
                }
                guard used.allSatisfy({ gpu, levels in (levels.max() ?? 0) <= quotas[gpu] ?? Int.max }) else { continue }
                let cost = pick.enumerated().map { alone[$0.offset][$0.element].cost }.reduce(0, +)
                bestCost = min(bestCost ?? cost, cost)
            }

            var configuration = Self.configuration(variants: variants, prices: prices, quotas: quotas)
            let template = try #require(configuration.models["chat"])
            configuration.models = [:]
            var demands: [PlanDemand] = []
            for (index, point) in points.enumerated() {
                var profile = template
                profile.name = "m\(index)"
                configuration.models[profile.name] = profile
                var entry = demand(point)
                entry.model = profile.name
                demands.append(entry)
            }
            let plan = try Planner(configuration: configuration).plan(demand: demands, now: now)
            let planned = plan.models.map { $0.gpuHours * (prices[$0.gpuType] ?? 0) }.reduce(0, +)
            let overQuota = plan.warnings.filter { $0.contains("above the quota of") }
            if let bestCost {
                feasibleFleets += 1
                #expect(overQuota.isEmpty, "\(overQuota)")
                #expect(planned <= bestCost * (1 + 1e-9) + 1e-6, "planned \(planned) USD, the best assignment \(bestCost)")
                if plan.models.contains(where: { $0.variant?.reason.hasPrefix("moved from") == true }) { movedFleets += 1 }
            } else {
                #expect(!overQuota.isEmpty, "no assignment fits the quotas, yet the plan does not say so")
            }
        }
        // The draw has fleets the quotas force to move (the greedy move of the least extra cost,
        // one model at a time, paid more than this minimum on some of them).
        #expect(feasibleFleets >= 20)
        #expect(movedFleets >= 10)
    }
}
