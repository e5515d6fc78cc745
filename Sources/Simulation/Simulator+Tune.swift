import Forecasting

extension Simulator {
    /// Replays `input` under `policy` at the cheapest setting of its ``HeadroomKnob`` whose
    /// served fraction is at least `targetServed` (``KnobSearch``: at most `maxReplays` replays,
    /// the forecasts shared between them). Every other setting keeps this simulator's value.
    ///
    /// - Parameters:
    ///   - forecasts: the days' forecasts from ``forecasts(_:)``; computed once here when nil and
    ///     the policy plans.
    ///   - hindsightFloor: the replay's ``hindsightFloor(_:)`` when already known; computed once
    ///     here when nil.
    /// - Throws: ``SimulationError/invalidTarget(_:)`` for a target outside (0, 1), and what
    ///   ``run(_:policy:forecasts:)`` throws.
    public func tune(_ input: SimulationInput, policy: SimulationPolicy, targetServed: Double,
                     forecasts: [DayForecast]? = nil, hindsightFloor known: Double?? = nil,
                     maxReplays: Int = 12) throws(SimulationError) -> TunedReport {
        guard targetServed > 0, targetServed < 1 else { throw .invalidTarget(targetServed) }
        let knob = HeadroomKnob.of(policy)
        var shared = forecasts
        if policy.usesForecasts, shared == nil { shared = try self.forecasts(input) }
        let floor: Double?
        if let known { floor = known } else { floor = try hindsightFloor(input) }
        let outcome = try KnobSearch(target: targetServed, maxReplays: maxReplays).run {
            headroom throws(SimulationError) -> (cost: Double, served: Double, value: SimulationReport) in
            let tuned = Simulator(configuration: configuration, settings: knob.setting(knob.value(atHeadroom: headroom), in: settings))
            let report = try tuned.run(input, policy: policy, forecasts: shared, hindsightFloor: floor).report
            return (report.totalCost, report.servedFraction, report)
        }
        let shown = outcome.chosen ?? outcome.bestServed
        return TunedReport(
            report: shown.value, targetServed: targetServed, knob: knob, value: knob.value(atHeadroom: shown.headroom),
            reached: outcome.reached,
            trials: outcome.trials.map { TunedReport.Trial(value: knob.value(atHeadroom: $0.headroom), cost: $0.cost,
                                                           served: $0.served) })
    }
}
