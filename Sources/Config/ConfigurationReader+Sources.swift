import Pull
import Traffic

extension ConfigurationReader {
    /// The keys of `sources`.
    enum SourcesKey: String, ConfigurationKey {
        case prometheus
    }

    /// The keys of `sources.prometheus`.
    enum PrometheusKey: String, ConfigurationKey {
        case url, step, backfill, timeout
        case bearerTokenFile = "bearer_token_file"
        case basicAuth = "basic_auth"
        case series
        case modelMap = "model_map"
    }

    /// The keys of `sources.prometheus.basic_auth`.
    enum BasicAuthKey: String, ConfigurationKey {
        case username
        case passwordFile = "password_file"
    }

    /// The keys of an item of `sources.prometheus.series`.
    enum SeriesQueryKey: String, ConfigurationKey {
        case metric, query, labels, fixed
    }

    /// The keys of `labels` and `fixed` in a series item.
    enum LabelKey: String, ConfigurationKey {
        case model, region
    }

    /// `sources`: optional; today one source, `prometheus` (docs/SOURCES.md).
    static func sources(_ value: YAMLValue?) throws(ConfigurationError) -> PrometheusSource? {
        guard let value else { return nil }
        let fields = try value.fields(SourcesKey.self)
        return try fields[.prometheus].map { (prometheus: YAMLValue) throws(ConfigurationError) in try prometheusSource(prometheus) }
    }

    /// `sources.prometheus`.
    static func prometheusSource(_ value: YAMLValue) throws(ConfigurationError) -> PrometheusSource {
        let f = try value.fields(PrometheusKey.self, required: [.url, .series])
        let urlValue = try f.required(.url)
        var url = try urlValue.string()
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), url.split(separator: "/").count >= 2 else {
            throw urlValue.error("must be an http:// or https:// URL such as http://127.0.0.1:9090, got '\(url)'")
        }
        while url.hasSuffix("/") { url.removeLast() }
        var step = Step(seconds: 300)!
        if let stepValue = f[.step] {
            do { step = try Step(parsing: try stepValue.string()) } catch let error as ConfigurationError { throw error }
            catch { throw stepValue.error("\(error)") }
        }
        let backfill = try f[.backfill]?.duration() ?? 28 * 86_400
        guard backfill >= step.seconds else {
            throw f[.backfill]?.error("must be at least one step (\(step))") ?? value.error("backfill shorter than a step")
        }
        let timeout = try f[.timeout]?.seconds() ?? 30
        guard timeout >= 1, timeout <= 600 else {
            throw f[.timeout]?.error("must be between 1s and 10m, got \(timeout) s") ?? value.error("bad timeout")
        }
        var authentication = PrometheusSource.Authentication.none
        switch (f[.bearerTokenFile], f[.basicAuth]) {
        case (let token?, nil):
            authentication = .bearerTokenFile(try token.string())
        case (nil, let basic?):
            let b = try basic.fields(BasicAuthKey.self, required: [.username, .passwordFile])
            authentication = .basic(username: try b.required(.username).string(), passwordFile: try b.required(.passwordFile).string())
        case (_?, let basic?):
            throw basic.error("give bearer_token_file or basic_auth, not both")
        case (nil, nil):
            break
        }
        var modelMap: [String: String] = [:]
        if let map = f[.modelMap] {
            for (name, item) in try map.entries() { modelMap[name] = try item.string() }
        }
        let seriesValue = try f.required(.series)
        var series: [PrometheusSource.SeriesQuery] = []
        for item in try seriesValue.items() {
            series.append(try seriesQuery(item))
        }
        guard !series.isEmpty else { throw seriesValue.error("must list at least one query") }
        return PrometheusSource(url: url, step: step, backfillSeconds: backfill, timeoutSeconds: timeout,
                                authentication: authentication, series: series, modelMap: modelMap)
    }

    /// One item of `sources.prometheus.series`: `metric`, `query`, and where the model and the
    /// region come from: `labels` names Prometheus labels, `fixed` gives values; each of model and
    /// region from exactly one of them.
    static func seriesQuery(_ item: YAMLValue) throws(ConfigurationError) -> PrometheusSource.SeriesQuery {
        let f = try item.fields(SeriesQueryKey.self, required: [.metric, .query])
        let metricValue = try f.required(.metric)
        let metricName = try metricValue.string()
        guard let metric = Metric(rawValue: metricName) else {
            throw metricValue.error("must be one of \(Metric.allCases.map(\.rawValue).joined(separator: ", ")), got '\(metricName)'")
        }
        let queryValue = try f.required(.query)
        let query = try queryValue.string()
        guard !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw queryValue.error("is empty") }
        let labels = try f[.labels]?.fields(LabelKey.self).values ?? [:]
        let fixed = try f[.fixed]?.fields(LabelKey.self).values ?? [:]
        var mappings: [LabelKey: PrometheusSource.LabelMapping] = [:]
        for key in LabelKey.allCases {
            switch (labels[key], fixed[key]) {
            case (let label?, nil): mappings[key] = .label(try label.string())
            case (nil, let value?): mappings[key] = .fixed(try value.string())
            case (_?, let value?): throw value.error("'\(key)' comes from labels.\(key) already: give it in labels or in fixed, not both")
            case (nil, nil):
                throw item.error("says nowhere where the \(key) comes from: add labels: { \(key): <a Prometheus label> } "
                    + "or fixed: { \(key): <a value> }")
            }
        }
        return PrometheusSource.SeriesQuery(metric: metric, query: query, model: mappings[.model] ?? .fixed(""),
                                            region: mappings[.region] ?? .fixed(""))
    }
}
