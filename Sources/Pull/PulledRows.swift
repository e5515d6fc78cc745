public import Traffic

/// One query's answer turned into traffic rows: each result series mapped to a Headroom model
/// (through the source's `model_map`) and region, each sample at evaluation time `t` (the
/// query's `increase` over `(t − step, t]`) stored on the step that starts at `t − step`.
///
/// Series whose model or region the fleet does not serve are skipped and counted, not errors;
/// NaN, infinite and negative samples are gaps (nothing stored for that step), counted too.
public struct PulledRows: Sendable, Equatable {
    public var rows: [TrafficRow]
    /// Result series skipped, by reason (e.g. `model 'x' not in the fleet`), with how many.
    public var skipped: [String: Int]
    /// Samples stored as gaps.
    public var gaps: Int

    public init(rows: [TrafficRow] = [], skipped: [String: Int] = [:], gaps: Int = 0) {
        self.rows = rows
        self.skipped = skipped
        self.gaps = gaps
    }

    /// The rows of `response`, the answer to `query` of `source`; `serves(model, region)` says
    /// whether the fleet serves a model in a region. Rows are numbered from `firstLine` (the
    /// ingest log and problems name them by line).
    public static func rows(of response: QueryRangeResponse, query: PrometheusSource.SeriesQuery, source: PrometheusSource,
                            firstLine: Int = 1, serves: (String, String) -> Bool) -> PulledRows {
        var pulled = PulledRows()
        var line = firstLine
        let step = source.step.seconds
        for series in response.series {
            guard let raw = query.model.value(in: series.labels) else {
                pulled.skipped["no model label in \(Self.describe(series.labels))", default: 0] += 1
                continue
            }
            guard let region = query.region.value(in: series.labels) else {
                pulled.skipped["no region label in \(Self.describe(series.labels))", default: 0] += 1
                continue
            }
            let model = source.modelMap[raw] ?? raw
            guard serves(model, region) else {
                pulled.skipped["\(model) in \(region): not served by the fleet", default: 0] += 1
                continue
            }
            let key = SeriesKey(model: model, region: region, metric: query.metric)
            for sample in series.samples {
                guard sample.value.isFinite, sample.value >= 0 else {
                    pulled.gaps += 1
                    continue
                }
                pulled.rows.append(TrafficRow(key: key, timestamp: sample.time - step, value: sample.value, line: line))
                line += 1
            }
        }
        return pulled
    }

    /// Labels as PromQL writes them: `{a="1", b="2"}`.
    static func describe(_ labels: [String: String]) -> String {
        "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ", ") + "}"
    }
}
