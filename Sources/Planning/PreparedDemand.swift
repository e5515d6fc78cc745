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
            chosen = try Self.quantile(level, of: demand)
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
    }

    static func check(_ values: [Double], _ series: String, _ model: String, _ region: String) throws(PlanningError) {
        if let index = values.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw .invalidValue(model: model, region: region, series: series, index: index, value: values[index])
        }
    }

    /// The `level` quantile series: given exactly (within 1e-9), or interpolated linearly in the
    /// level between the nearest given levels below and above.
    static func quantile(_ level: Double, of demand: PlanDemand) throws(PlanningError) -> [Double] {
        let levels = demand.quantiles.keys.sorted()
        if let exact = levels.first(where: { abs($0 - level) < 1e-9 }), let values = demand.quantiles[exact] {
            return values
        }
        guard let below = levels.last(where: { $0 < level }), let above = levels.first(where: { $0 > level }),
              let low = demand.quantiles[below], let high = demand.quantiles[above]
        else { throw .quantileUnavailable(model: demand.model, region: demand.region, level: level, available: levels) }
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
