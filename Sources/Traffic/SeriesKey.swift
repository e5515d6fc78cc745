/// Names one series: a metric of one model in one region.
public struct SeriesKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public var model: String
    public var region: String
    public var metric: Metric

    public init(model: String, region: String, metric: Metric) {
        self.model = model
        self.region = region
        self.metric = metric
    }

    /// `model/region/metric`, as shown in messages and summaries.
    public var description: String { "\(model)/\(region)/\(metric.rawValue)" }
}
