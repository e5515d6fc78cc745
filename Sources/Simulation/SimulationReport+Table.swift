extension SimulationReport {
    /// The report as a table for people: one metric per row.
    public func table() -> String {
        Self.comparison([self])
    }

    /// Several policies' reports side by side (one column per policy), with each policy's cost
    /// relative to the first static and reactive columns when present.
    /// `extraRows` come right after the policy row.
    public static func comparison(_ reports: [SimulationReport], extraRows: [(String, [String])] = []) -> String {
        guard let first = reports.first else { return "" }
        let staticCost = reports.first { $0.policy == .static }?.totalCost
        let reactiveCost = reports.first { $0.policy == .reactive }?.totalCost
        var rows: [(String, [String])] = [
            ("policy", reports.map(\.policy.rawValue)),
        ] + extraRows + [
            ("total cost (USD)", reports.map { usd($0.totalCost) }),
            ("  reserved (USD)", reports.map { usd($0.costByCapacityType["reserved"] ?? 0) }),
            ("  on-demand (USD)", reports.map { usd($0.costByCapacityType["on-demand"] ?? 0) }),
            ("  spot (USD)", reports.map { usd($0.costByCapacityType["spot"] ?? 0) }),
            ("reserved GPU-h", reports.map { number($0.gpuHoursByCapacityType["reserved"] ?? 0, 0) }),
            ("on-demand GPU-h", reports.map { number($0.gpuHoursByCapacityType["on-demand"] ?? 0, 0) }),
            ("spot GPU-h", reports.map { number($0.gpuHoursByCapacityType["spot"] ?? 0, 0) }),
        ]
        if let staticCost, staticCost > 0 {
            rows.append(("cost / static", reports.map { number($0.totalCost / staticCost, 3) }))
        }
        if let reactiveCost, reactiveCost > 0 {
            rows.append(("cost / reactive", reports.map { number($0.totalCost / reactiveCost, 3) }))
        }
        rows += [
            ("served fraction", reports.map { percent($0.servedFraction) }),
            ("unserved requests", reports.map { number($0.unservedRequests, 0) }),
            ("SLO violation min", reports.map { number($0.sloViolationMinutes, 1) }),
            ("scale actions", reports.map { "\($0.scaleActions)" }),
            ("cold-start replica-min", reports.map { number($0.coldStartMinutes, 0) }),
            ("peak replicas", reports.map { "\($0.peakReplicas)" }),
            ("mean utilisation", reports.map { percent($0.meanUtilization) }),
        ]
        let labelWidth = rows.map(\.0.count).max() ?? 0
        let widths = reports.indices.map { column in rows.map { $0.1[column].count }.max() ?? 0 }
        var lines = ["replay \(first.replayStart) to \(first.replayEnd): \(first.days) days after \(first.trainDays) "
            + "training days, step \(first.stepSeconds) s, \(number(first.requests, 0)) requests"]
        for (label, values) in rows {
            var line = label + String(repeating: " ", count: labelWidth - label.count)
            for (value, width) in zip(values, widths) {
                line += "  " + String(repeating: " ", count: width - value.count) + value
            }
            lines.append(line)
        }
        for report in reports {
            lines.append("reservation (\(report.policy.rawValue)): \(report.reservationBasis)")
        }
        if let floor = first.hindsightFloorCost {
            var line = "hindsight floor (perfect foresight, no lead time, interactive series): \(usd(floor)) USD"
            if let staticCost, staticCost > 0 { line += ", \(number(floor / staticCost, 3)) x static" }
            if let reactiveCost, reactiveCost > 0 { line += ", \(number(floor / reactiveCost, 3)) x reactive" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func usd(_ value: Double) -> String { number(value, 0) }

    static func percent(_ value: Double) -> String { number(value * 100, 3) + " %" }

    /// `value` with `decimals` decimals (rounded half away from zero), without Foundation.
    static func number(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard decimals > 0 else { return sign + "\(whole)" }
        let digits = String(fraction)
        return sign + "\(whole)." + String(repeating: "0", count: decimals - digits.count) + digits
    }
}
