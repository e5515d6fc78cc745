import Foundation
import Store
import Traffic

/// The newest forecast run's forecasts, cut to a range: `GET /v1/forecasts`.
struct ForecastDocument: Encodable {
    var runId: Int64
    var createdAt: String
    /// The quantile levels, ascending; each point's `quantiles` is keyed by them.
    var levels: [Double]
    var series: [Series]

    struct Series: Encodable {
        var model: String
        var region: String
        var metric: String
        var stepSeconds: Int64
        /// The forecasting model chosen by the backtest; nil when the series could not be forecast.
        var forecaster: String?
        var error: String?
        var backtestMase: Double?
        var seasonalNaiveMase: Double?
        /// Share of backtest actuals inside the 95% interval.
        var coverage95: Double?
        var points: [Point]
    }

    /// One step: its start, the point forecast (count per step) and the quantiles.
    struct Point: Encodable {
        var time: String
        var point: Double?
        var quantiles: [String: Double]
    }

    init(run: ForecastRunHeader, slices: [ForecastSlice]) {
        runId = run.id
        createdAt = run.createdAt
        levels = run.levels
        let labels = run.levels.map(Self.label)
        series = slices.map { slice in
            Series(model: slice.key.model, region: slice.key.region, metric: slice.key.metric.rawValue,
                   stepSeconds: slice.step.seconds, forecaster: slice.model, error: slice.error,
                   backtestMase: finite(slice.backtestMASE), seasonalNaiveMase: finite(slice.seasonalNaiveMASE),
                   coverage95: finite(slice.coverage95),
                   points: slice.timestamps.indices.map { index in
                       var quantiles: [String: Double] = [:]
                       for (k, label) in labels.enumerated() {
                           if let value = finite(slice.quantiles[index][safe: k]) { quantiles[label] = value }
                       }
                       return Point(time: Timestamp.format(slice.timestamps[index]),
                                    point: finite(slice.point[index]), quantiles: quantiles)
                   })
        }
    }

    /// A level as a key: `0.5`, `0.95`.
    static func label(_ level: Double) -> String {
        var text = String(format: "%.4f", level)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
