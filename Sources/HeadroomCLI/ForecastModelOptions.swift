import ArgumentParser
import Forecasting
import Traffic

/// Options shared by `forecast` and `backtest`: grid, seasonalities, quantiles, backtest origins.
struct ForecastModelOptions: ParsableArguments {
    @Option(help: "Step of the series (e.g. 5m, 1h, 1d); inferred from the data when absent.")
    var step: String?

    @Option(help: "Seasonal periods in steps, e.g. 24,168, or 'auto' (daily and weekly).")
    var seasonality: String = "auto"

    @Option(help: "Quantile levels, comma separated, each strictly between 0 and 1.")
    var quantiles: String = ForecastOptions.defaultLevels.map { "\($0)" }.joined(separator: ",")

    @Option(help: "Event calendar CSV: name,start,end (RFC 3339 or epoch seconds, end exclusive).")
    var events: String?

    @Option(help: "Threads for batch fitting.")
    var threads: Int = 2

    /// The step in seconds, or nil to infer it.
    func stepSeconds() throws -> Int64? {
        guard let step else { return nil }
        do {
            return try Step(parsing: step).seconds
        } catch {
            throw ValidationError("--step: \(error.description)")
        }
    }

    /// The levels of a `--quantiles` list (`0.025,0.5,0.975`): each strictly between 0 and 1,
    /// an empty entry being an error too. Shared by every command that takes the option.
    static func levels(_ text: String) throws -> [Double] {
        guard !text.trimmed.isEmpty else { throw ValidationError("--quantiles: give at least one level") }
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { entry in
            guard let level = Double(entry.trimmingSpaces), level > 0, level < 1 else {
                throw ValidationError("--quantiles: '\(entry)' is not a level strictly between 0 and 1")
            }
            return level
        }
    }

    /// The options for the forecasting engine.
    func engineOptions(origins: Int) throws -> ForecastOptions {
        let levels = try Self.levels(quantiles)
        var periods: [Double]?
        if seasonality.lowercased() != "auto" {
            periods = []
            for text in seasonality.split(separator: ",") {
                guard let period = Double(text.trimmingSpaces), period.isFinite, period >= 2 else {
                    throw ValidationError("--seasonality: '\(text)' is not a period of at least 2 steps (or use 'auto')")
                }
                periods?.append(period)
            }
        }
        guard threads >= 1, threads <= 256 else { throw ValidationError("--threads: must be between 1 and 256") }
        guard origins >= 1, origins <= 100 else { throw ValidationError("--origins: must be between 1 and 100") }
        let calendar = try events.map { path throws(ForecastInputError) in try ForecastEvents.read(path: path) } ?? []
        return ForecastOptions(levels: levels, seasonalities: periods, origins: origins, events: calendar, threads: threads)
    }
}

extension Substring {
    var trimmingSpaces: String { String(self).trimmed }
}
