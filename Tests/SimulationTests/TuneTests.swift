import Planning
import Simulation
import Testing

/// The equal-SLO search (``KnobSearch``), each policy's knob, and ``Simulator/tune``.
@Suite struct TuneTests {
    /// Served rises linearly with headroom and cost with it: the search brackets the target
    /// and bisects to within its resolution, never past its replay budget.
    @Test func bracketsAMonotoneServedFractionAndBisects() {
        let search = KnobSearch(target: 0.7)
        let outcome = search.run { (headroom: Double) -> (cost: Double, served: Double, value: Double) in
            (100 * headroom, headroom, headroom)
        }
        #expect(outcome.trials.prefix(2).map(\.headroom) == [0, 1])
        #expect(outcome.trials.count == 11, "2 brackets, then 9 halvings to 1/512")
        let chosen = try! #require(outcome.chosen)
        #expect(chosen.served >= 0.7)
        #expect(chosen.headroom - 0.7 < 1.0 / 512 * 2, "within the bracket's last width")
        #expect(outcome.trials.allSatisfy { $0.served < 0.7 || $0.cost >= chosen.cost })
    }

    @Test func aTargetReachedAtTheCheapestSettingStopsAtOnce() {
        let outcome = KnobSearch(target: 0.5).run { (headroom: Double) -> (cost: Double, served: Double, value: Int) in
            (1 + headroom, 0.9, 0)
        }
        #expect(outcome.trials.count == 1 && outcome.chosen?.headroom == 0)
    }

    @Test func anUnreachableTargetReportsTheBestServedAfterTwoReplays() {
        let outcome = KnobSearch(target: 0.99).run { (headroom: Double) -> (cost: Double, served: Double, value: Int) in
            (10 + headroom, 0.5 + 0.3 * headroom, 0)
        }
        #expect(!outcome.reached)
        #expect(outcome.trials.count == 2)
        #expect(outcome.bestServed.headroom == 1 && outcome.bestServed.served == 0.8)
    }

    /// Settings of equal cost that both reach: the higher served fraction wins, then the lower
    /// headroom; a cheaper reaching trial wins over the bracket's end when replays are not monotone.
    @Test func tiesAndNonMonotoneReplays() {
        let ties = KnobSearch(target: 0.5, maxReplays: 4).run { (headroom: Double) -> (cost: Double, served: Double, value: Int) in
            (headroom >= 0.5 ? 7 : 3, headroom >= 0.5 ? 0.9 : 0.1, 0)
        }
        // Trials at 0, 1, 0.5, 0.25: 1 and 0.5 reach at equal cost and served; the lower headroom wins.
        #expect(ties.trials.map(\.headroom) == [0, 1, 0.5, 0.25])
        #expect(ties.chosen?.headroom == 0.5)
        let bumpy = KnobSearch(target: 0.5, maxReplays: 4).run { (headroom: Double) -> (cost: Double, served: Double, value: Int) in
            // 0.5 reaches more cheaply than 0.25, which reaches too (a replay quirk).
            switch headroom {
            case 0: (1, 0.2, 0)
            case 0.5: (4, 0.6, 0)
            case 0.25: (6, 0.55, 0)
            default: (9, 0.95, 0)
            }
        }
        #expect(bumpy.chosen?.headroom == 0.5 && bumpy.chosen?.cost == 4)
    }

    @Test func eachPolicyHasItsKnob() {
        #expect(SimulationPolicy.allCases.map { HeadroomKnob.of($0).rawValue }
            == ["hybrid_utilization", "predictive_utilization", "reactive_utilization", "static_margin"])
        #expect(HeadroomKnob.reactiveUtilization.value(atHeadroom: 0) == 1)
        #expect(abs(HeadroomKnob.reactiveUtilization.value(atHeadroom: 1) - 0.1) < 1e-12)
        #expect(HeadroomKnob.staticMargin.value(atHeadroom: 1) == 2)
        let base = SimulationSettings()
        #expect(HeadroomKnob.reactiveUtilization.setting(0.5, in: base).reactive.targetUtilization == 0.5)
        #expect(HeadroomKnob.staticMargin.setting(0.3, in: base).staticMargin == 0.3)
        #expect(HeadroomKnob.predictiveUtilization.setting(0.6, in: base).predictive.utilization == 0.6)
        let hybrid = HeadroomKnob.hybridUtilization.setting(0.6, in: base)
        #expect(hybrid.hybrid.planUtilization == 0.6 && hybrid.hybrid.correction.targetUtilization == 0.6)
        #expect(hybrid.hybrid.planQuantile == base.hybrid.planQuantile, "the floor's quantile keeps its value")
    }

    /// The defaults replay as before: the static margin is 0, the predictive plan as configured.
    @Test func defaultsKeepTodaysSettings() {
        let settings = SimulationSettings()
        #expect(settings.staticMargin == 0)
        #expect(settings.predictive == PlanSizing())
        #expect(settings.reactive.targetUtilization == 0.7)
    }

    /// A static margin provisions more; tuned, the reactive policy serves the target at the
    /// cheapest utilisation found, spending at most 12 replays, and reports what it tuned.
    @Test func tuningReachesTheTargetOnAReplay() throws {
        let fleet = try SyntheticTraffic.fleet()
        let input = SyntheticTraffic.daily(days: 4, scale: SyntheticTraffic.noise(low: 0.7, high: 1.4))
        let simulator = Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 3))
        let tuned = try simulator.tune(input, policy: .reactive, targetServed: 0.99)
        #expect(tuned.reached && tuned.report.servedFraction >= 0.99)
        #expect(tuned.replays <= 12 && tuned.knob == .reactiveUtilization)
        #expect(tuned.trials.filter { $0.served >= 0.99 }.allSatisfy { $0.cost >= tuned.report.totalCost })
        #expect(tuned.costVsFloor.map { $0 >= 1 } == true)

        var margin = SimulationSettings(trainDays: 3)
        margin.staticMargin = 0.5
        let plain = try Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 3)).run(input, policy: .static).report
        let padded = try Simulator(configuration: fleet, settings: margin).run(input, policy: .static).report
        #expect(padded.totalCost > plain.totalCost && padded.peakReplicas > plain.peakReplicas)

        #expect(throws: SimulationError.invalidTarget(1)) {
            _ = try simulator.tune(input, policy: .reactive, targetServed: 1)
        }
    }

    /// The plan settings `headroom tune` stores: the cheaper hybrid floor quantile reaching the
    /// target, with the reactive policy tuned to the same target as evidence.
    @Test func settingsTuningPicksTheCheapestFloorReachingTheTarget() throws {
        let fleet = try SyntheticTraffic.fleet()
        let input = SyntheticTraffic.daily(days: 4, scale: SyntheticTraffic.noise(low: 0.8, high: 1.2))
        let simulator = Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 3))
        let tuning = try simulator.tuneSettings(input, sloServed: 0.99, maxReplays: 6)
        #expect(tuning.status == .tuned && tuning.servedFraction >= 0.99)
        #expect(tuning.model == "chat-8b" && tuning.region == "us-east-1")
        #expect(SettingsTuning.floorQuantiles.contains(tuning.quantile))
        #expect(tuning.replays <= 18 && tuning.trainDays == 3)
        #expect(tuning.replayStart == SyntheticTraffic.start + 3 * 86_400 && tuning.replayEnd == tuning.replayStart + 86_400)
        // No hybrid setting at either quantile is cheaper and reaches too.
        for quantile in SettingsTuning.floorQuantiles {
            var settings = SimulationSettings(trainDays: 3)
            settings.hybrid.planQuantile = quantile
            let tuned = try Simulator(configuration: fleet, settings: settings)
                .tune(input, policy: .hybrid, targetServed: 0.99, maxReplays: 6)
            #expect(!tuned.reached || tuned.report.totalCost >= tuning.costUSD - 1e-9)
        }
        let reactive = try simulator.tune(input, policy: .reactive, targetServed: 0.99, maxReplays: 6)
        #expect(tuning.reactiveCostUSD == reactive.report.totalCost && tuning.reactiveUtilization == reactive.value)
        #expect(tuning.reactiveReached == reactive.reached)
        #expect(throws: SimulationError.invalidTarget(0)) { _ = try simulator.tuneSettings(input, sloServed: 0) }
    }
}
