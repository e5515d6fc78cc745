public import Traffic

/// A Prometheus server Headroom pulls traffic from (`sources.prometheus` in headroom.yaml,
/// docs/SOURCES.md): where it is, how to authenticate, the step and backfill, and one PromQL
/// query per metric whose result series are mapped to a model and a region.
public struct PrometheusSource: Sendable, Hashable {
    /// Base URL (`http://host:9090`, optionally with a path prefix), without a trailing slash.
    public var url: String
    /// The series' step in Headroom; queries are evaluated on it.
    public var step: Step
    /// How far back the first pull goes, seconds.
    public var backfillSeconds: Int64
    /// One request's timeout, seconds.
    public var timeoutSeconds: Double
    public var authentication: Authentication
    public var series: [SeriesQuery]
    /// Prometheus model names to Headroom's (`meta-llama/Llama-3.1-8B-Instruct` -> `chat-8b`);
    /// names not in the map are taken as they are.
    public var modelMap: [String: String]

    public init(url: String, step: Step, backfillSeconds: Int64, timeoutSeconds: Double, authentication: Authentication = .none,
                series: [SeriesQuery], modelMap: [String: String] = [:]) {
        self.url = url
        self.step = step
        self.backfillSeconds = backfillSeconds
        self.timeoutSeconds = timeoutSeconds
        self.authentication = authentication
        self.series = series
        self.modelMap = modelMap
    }

    /// How requests authenticate; secrets are read from files when a pull starts.
    public enum Authentication: Sendable, Hashable {
        case none
        /// `Authorization: Bearer <the file's content, trimmed>`.
        case bearerTokenFile(String)
        /// HTTP basic authentication with the password in a file.
        case basic(username: String, passwordFile: String)
    }

    /// One query and how its result series become Headroom series.
    public struct SeriesQuery: Sendable, Hashable {
        /// The Headroom metric the query's values are (per step: an `increase` over the step).
        public var metric: Metric
        /// PromQL, evaluated by `query_range` at the source's step.
        public var query: String
        public var model: LabelMapping
        public var region: LabelMapping

        public init(metric: Metric, query: String, model: LabelMapping, region: LabelMapping) {
            self.metric = metric
            self.query = query
            self.model = model
            self.region = region
        }
    }

    /// Where a result series' model or region comes from.
    public enum LabelMapping: Sendable, Hashable {
        /// The value of this Prometheus label.
        case label(String)
        /// This value for every series of the query.
        case fixed(String)

        /// The value for a series with `labels`; nil when the label is missing.
        public func value(in labels: [String: String]) -> String? {
            switch self {
            case .label(let name): labels[name]
            case .fixed(let value): value
            }
        }
    }
}
