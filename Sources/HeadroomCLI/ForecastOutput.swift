import Forecasting
import Traffic

/// The forecast CSV: `series,timestamp,point,q<level>...,model`, one row per series and step.
enum ForecastOutput {
    /// The column label of a quantile level, e.g. `q0.025`.
    static func label(_ level: Double) -> String { "q\(level)" }

    /// The CSV text for `forecasts` of the grid's entries (skipping failed ones).
    static func csv(grid: ForecastGrid, forecasts: [Result<Forecast, ForecastError>], levels: [Double],
                    epochTimestamps: Bool) -> String {
        var text = "series,timestamp,point," + levels.map(label).joined(separator: ",") + ",model\n"
        for (entry, result) in zip(grid.entries, forecasts) {
            guard case let .success(forecast) = result else { continue }
            let last = entry.series.start + Int64(entry.series.values.count - 1) * grid.stepSeconds
            for h in 0..<forecast.point.count {
                let time = last + Int64(h + 1) * grid.stepSeconds
                text += CSV.field(entry.name) + ","
                text += epochTimestamps ? "\(time)" : ForecastTimestamp.format(time)
                text += ",\(forecast.point[h])"
                for k in forecast.levels.indices { text += ",\(forecast.quantiles[k][h])" }
                text += ",\(forecast.model)\n"
            }
        }
        return text
    }
}
