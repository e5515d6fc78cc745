/// One policy replayed at the cheapest setting of its headroom knob that serves a target share
/// of requests (``Simulator/tune(_:policy:targetServed:forecasts:hindsightFloor:maxReplays:)``), or, when no
/// setting does, at the setting that served the most.
///
/// Encoded as the ``SimulationReport``'s own fields plus `target_served`, `tuned` (knob name ->
/// value), `reached`, `replays`, `cost_vs_floor` (total cost / hindsight floor) and `trials`
/// (each replay's knob value, cost and served fraction, in the order run: the policy's cost
/// against served frontier).
public struct TunedReport: Sendable, Hashable, Encodable {
    public var report: SimulationReport
    public var targetServed: Double
    public var knob: HeadroomKnob
    /// The knob's value in `report`.
    public var value: Double
    /// Whether `report` serves at least `targetServed`.
    public var reached: Bool
    public var trials: [Trial]

    /// One replay of the search.
    public struct Trial: Sendable, Hashable, Codable {
        public var value: Double
        public var cost: Double
        public var served: Double

        enum CodingKeys: String, CodingKey {
            case value, cost
            case served = "served_fraction"
        }
    }

    /// Replays spent.
    public var replays: Int { trials.count }

    /// Total cost over the hindsight floor; nil without a floor.
    public var costVsFloor: Double? {
        guard let floor = report.hindsightFloorCost, floor > 0 else { return nil }
        return report.totalCost / floor
    }

    enum CodingKeys: String, CodingKey {
        case targetServed = "target_served", tuned, reached, replays, costVsFloor = "cost_vs_floor", trials
    }

    public func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(targetServed, forKey: .targetServed)
        try container.encode([knob.rawValue: value], forKey: .tuned)
        try container.encode(reached, forKey: .reached)
        try container.encode(replays, forKey: .replays)
        try container.encodeIfPresent(costVsFloor, forKey: .costVsFloor)
        try container.encode(trials, forKey: .trials)
    }
}

extension TunedReport {
    /// Tuned policies side by side: the comparison table with, first, what was tuned and
    /// whether the target was reached, and each policy's cost over the hindsight floor.
    public static func comparison(_ tuned: [TunedReport]) -> String {
        guard let first = tuned.first else { return "" }
        var extra: [(String, [String])] = [
            ("target served", tuned.map { SimulationReport.percent($0.targetServed) }),
            ("reached", tuned.map { $0.reached ? "yes" : "no" }),
            ("tuned knob", tuned.map(\.knob.rawValue)),
            ("tuned value", tuned.map { SimulationReport.number($0.value, 4) }),
            ("replays", tuned.map { "\($0.replays)" }),
        ]
        if first.report.hindsightFloorCost != nil {
            extra.append(("cost / floor", tuned.map { $0.costVsFloor.map { SimulationReport.number($0, 3) } ?? "-" }))
        }
        var text = SimulationReport.comparison(tuned.map(\.report), extraRows: extra)
        for report in tuned where !report.reached {
            text += "\n\(report.report.policy.rawValue): no \(report.knob.rawValue) in its range reaches "
                + "\(SimulationReport.percent(report.targetServed)); the best served "
                + "\(SimulationReport.percent(report.report.servedFraction)) (shown)"
        }
        return text
    }
}
