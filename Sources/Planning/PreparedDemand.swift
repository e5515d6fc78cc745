/// One demand checked and brought onto the planning grid, requests per planning step.
struct PreparedDemand {
    var start: Int64
    /// The series the plan is sized on (the chosen quantile, or the point forecast).
    var planned: [Double]
    /// The point forecast on the same grid.
    var point: [Double]
    var historyStart: Int64
    var history: [Double]
    var currentReplicas: Int?
    /// Token demand per second on the same grid (planned, point, history), when both the
    /// profile and the demand have tokens.
    var plannedTokens: [TokenRate]?
    var pointTokens: [TokenRate]?
    var historyTokens: [TokenRate]?

    /// Checks `demand`, picks the profile's quantile (interpolating between given levels),
    /// resamples to the planning step (interactive: the busiest sub-step's rate, since capacity
    /// must serve the peak within the step; batch: the sum, since work may queue), drops steps
    /// that ended by `now` and keeps the horizon.
    init(_ demand: PlanDemand, profile: ModelProfile, settings: PlanningSettings, now: Int64) throws(PlanningError) {
        let model = demand.model
        let region = demand.region
        let planStep = settings.step.seconds
        guard planStep % demand.step.seconds == 0 else {
            throw .stepMismatch(model: model, region: region, demandSeconds: demand.step.seconds, planningSeconds: planStep)
        }
        let factor = Int(planStep / demand.step.seconds)
        try Self.check(demand.point, "point", model, region)
        try Self.check(demand.history, "history", model, region)
        for (level, values) in demand.quantiles {
            guard values.count == demand.point.count else {
                throw .lengthMismatch(model: model, region: region, series: "quantile \(level)", count: values.count,
                                      expected: demand.point.count)
            }
            try Self.check(values, "quantile \(level)", model, region)
        }
        var chosen = demand.point
        if let level = profile.quantile {
            chosen = try Self.quantile(level, of: demand.quantiles, model: model, region: region)
        }
        let peak = profile.workloadClass == .interactive
        var planned = Self.resample(chosen, factor: factor, peak: peak)
        var point = Self.resample(demand.point, factor: factor, peak: peak)
        var start = demand.forecastStart
        var dropped = 0
        while dropped < planned.count, start + planStep <= now {
            start += planStep
            dropped += 1
        }
        let keep = Int(settings.horizonSeconds / planStep)
        planned = Array(planned.dropFirst(dropped).prefix(keep))
        point = Array(point.dropFirst(dropped).prefix(keep))
        self.start = start
        self.planned = planned
        self.point = point
        historyStart = demand.historyStart
        history = Self.resample(demand.history, factor: factor, peak: peak)
        currentReplicas = demand.currentReplicas
        guard profile.tokens != nil, let tokens = demand.tokens else { return }
        // Tokens on the planning grid, per second, as the requests: the chosen quantile, the
        // point and the history, each resampled the same way and cut to the same steps.
        func series(_ token: TokenSeries, _ name: String) throws(PlanningError) -> (planned: [Double], point: [Double], history: [Double]) {
            guard token.point.count == demand.point.count else {
                throw .lengthMismatch(model: model, region: region, series: "\(name) point", count: token.point.count,
                                      expected: demand.point.count)
            }
            guard token.history.count == demand.history.count else {
                throw .lengthMismatch(model: model, region: region, series: "\(name) history", count: token.history.count,
                                      expected: demand.history.count)
            }
            try Self.check(token.point, "\(name) point", model, region)
            try Self.check(token.history, "\(name) history", model, region)
            for (level, values) in token.quantiles {
                guard values.count == token.point.count else {
                    throw .lengthMismatch(model: model, region: region, series: "\(name) quantile \(level)",
                                          count: values.count, expected: token.point.count)
                }
                try Self.check(values, "\(name) quantile \(level)", model, region)
            }
            var chosen = token.point
            if let level = profile.quantile {
                chosen = try Self.quantile(level, of: token.quantiles, model: model, region: region)
            }
            let cut = { (values: [Double]) in
                Array(Self.resample(values, factor: factor, peak: peak).dropFirst(dropped).prefix(keep))
            }
            return (cut(chosen), cut(token.point), Self.resample(token.history, factor: factor, peak: peak))
        }
        let input = try series(tokens.input, "input_tokens"), output = try series(tokens.output, "output_tokens")
        let perSecond = 1 / Double(planStep)
        let rates = { (a: [Double], b: [Double]) in zip(a, b).map { TokenRate(input: $0 * perSecond, output: $1 * perSecond) } }
        plannedTokens = rates(input.planned, output.planned)
        pointTokens = rates(input.point, output.point)
        historyTokens = rates(input.history, output.history)
    }

    static func check(_ values: [Double], _ series: String, _ model: String, _ region: String) throws(PlanningError) {
        if let index = values.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw .invalidValue(model: model, region: region, series: series, index: index, value: values[index])
        }
    }

    /// The `level` quantile series: given exactly (within 1e-9), or interpolated linearly in the
    /// level between the nearest given levels below and above.
    static func quantile(_ level: Double, of quantiles: [Double: [Double]], model: String,
                         region: String) throws(PlanningError) -> [Double] {
        let levels = quantiles.keys.sorted()
        if let exact = levels.first(where: { abs($0 - level) < 1e-9 }), let values = quantiles[exact] {
            return values
        }
        guard let below = levels.last(where: { $0 < level }), let above = levels.first(where: { $0 > level }),
              let low = quantiles[below], let high = quantiles[above]
        else { throw .quantileUnavailable(model: model, region: region, level: level, available: levels) }
        let weight = (level - below) / (above - below)
        return zip(low, high).map { $0 + weight * ($1 - $0) }
    }

    /// Groups of `factor` steps into one: `peak` takes the largest count times `factor`,
    /// otherwise the sum. A last, incomplete group is dropped.
    static func resample(_ values: [Double], factor: Int, peak: Bool) -> [Double] {
        guard factor > 1 else { return values }
        return stride(from: 0, to: values.count - factor + 1, by: factor).map { index in
            let group = values[index..<(index + factor)]
            return peak ? (group.max() ?? 0) * Double(factor) : group.reduce(0, +)
        }
    }
}
