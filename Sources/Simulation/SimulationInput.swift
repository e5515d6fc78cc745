public import Traffic

/// Requests per step of one model in one region, on the replay grid.
public struct TrafficSeries: Sendable, Equatable {
    public var model: String
    public var region: String
    /// Requests per step; NaN where the traffic has no value (forecast as missing, served as no
    /// demand).
    public var values: [Double]

    public init(model: String, region: String, values: [Double]) {
        self.model = model
        self.region = region
        self.values = values
    }
}

/// The traffic to replay: one or more series on one grid (the planning step).
public struct SimulationInput: Sendable, Equatable {
    public var step: Step
    /// Unix seconds of the start of step 0 (a multiple of the step).
    public var start: Int64
    /// Series sorted by model then region, all of the same length.
    public var series: [TrafficSeries]

    public init(step: Step, start: Int64, series: [TrafficSeries]) {
        self.step = step
        self.start = start
        self.series = series.sorted { ($0.model, $0.region) < ($1.model, $1.region) }
    }

    /// Steps in the grid.
    public var length: Int { series.first?.values.count ?? 0 }

    /// Buckets the `requests` rows of a traffic file on `step`: each row's timestamp is floored
    /// to its step and the counts of one step are summed; steps without any row are NaN. Rows of
    /// other metrics are ignored. Returns nil when there is no `requests` row.
    public static func bucketing(_ rows: [TrafficRow], step: Step) -> SimulationInput? {
        let requests = rows.filter { $0.key.metric == .requests }
        guard let first = requests.map(\.timestamp).min(), let last = requests.map(\.timestamp).max() else { return nil }
        let start = step.floor(first)
        let length = Int((step.floor(last) - start) / step.seconds) + 1
        var byKey: [SeriesKey: [Double]] = [:]
        for row in requests {
            let index = Int((step.floor(row.timestamp) - start) / step.seconds)
            var values = byKey[row.key] ?? [Double](repeating: .nan, count: length)
            values[index] = values[index].isNaN ? row.value : values[index] + row.value
            byKey[row.key] = values
        }
        let series = byKey.map { TrafficSeries(model: $0.key.model, region: $0.key.region, values: $0.value) }
        return SimulationInput(step: step, start: start, series: series)
    }

    /// Share of the grid's steps that hold a value, over all series (1 when complete).
    public var coverage: Double {
        let total = series.reduce(0) { $0 + $1.values.count }
        guard total > 0 else { return 0 }
        return Double(series.reduce(0) { $0 + $1.values.filter { !$0.isNaN }.count }) / Double(total)
    }
}
