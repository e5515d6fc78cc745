import ArgumentParser
import Foundation
import Forecasting
import Jobs
import Store

/// `headroom forecast run`: forecast every stored series and record the run.
struct ForecastRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Forecast every stored series and record the run (model, backtest scores, quantile paths)."
    )

    @OptionGroup var database: DatabaseOption

    @Option(help: "How far ahead (e.g. 48h, 7d).", transform: { try Span(parsing: $0) })
    var horizon = Span(seconds: 7 * 86_400)

    @Option(help: "History each series is fitted on (e.g. 4w, 8w).", transform: { try Span(parsing: $0) })
    var history = Span(seconds: 8 * 604_800)

    @Option(help: "Quantile levels, comma separated, each strictly between 0 and 1.")
    var quantiles: String = ForecastOptions.defaultLevels.map { "\($0)" }.joined(separator: ",")

    @Option(help: "Rolling-origin backtest origins per series (1 to 20).")
    var origins = ForecastOptions().origins

    func validate() throws {
        guard (1...20).contains(origins) else { throw ValidationError("--origins must be between 1 and 20, not \(origins)") }
        _ = try levels()
    }

    func levels() throws -> [Double] { try ForecastModelOptions.levels(quantiles) }

    func run() throws {
        let store = try database.open()
        var job = ForecastJob()
        job.horizonSeconds = horizon.seconds
        job.historySeconds = history.seconds
        job.options.levels = try levels()
        job.options.origins = origins
        let run: ForecastRun
        do {
            run = try RecordedJob.run(.forecast, on: store, detail: JobRunner.detail) {
                try job.run(on: store)
            }
        } catch let error as ForecastJobError {
            throw CommandFailure(error.description)
        }
        print(ForecastRunTable(run).render())
    }
}

/// A forecast run as a text table: one line per series, then the fleet's averages.
struct ForecastRunTable {
    var run: ForecastRun
    init(_ run: ForecastRun) { self.run = run }

    func render() -> String {
        func score(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }
        var rows = [["model", "region", "metric", "forecast model", "MASE", "seasonal naive", "95% coverage"]]
        for forecast in run.forecasts {
            rows.append([forecast.series.key.model, forecast.series.key.region, forecast.series.key.metric.rawValue,
                         forecast.model ?? "failed: \(forecast.error ?? "")", score(forecast.backtestMASE),
                         score(forecast.seasonalNaiveMASE),
                         forecast.coverage95.map { String(format: "%.1f%%", $0 * 100) } ?? "-"])
        }
        let scored = run.forecasts.filter { $0.backtestMASE != nil && $0.seasonalNaiveMASE != nil }
        let mean = { (values: [Double]) in values.isEmpty ? Double.nan : values.reduce(0, +) / Double(values.count) }
        let chosen = mean(scored.compactMap(\.backtestMASE))
        let naive = mean(scored.compactMap(\.seasonalNaiveMASE))
        let steps = run.forecasts.first.map { $0.point.count } ?? 0
        return """
            forecast run #\(run.id): \(run.forecasts.count) series, \(steps) steps ahead, \
            \(String(format: "%.2f", run.durationSeconds)) s
            \(TextTable(rows).render())
            mean backtest MASE \(String(format: "%.3f", chosen)) against seasonal naive \(String(format: "%.3f", naive)) \
            (ratio \(String(format: "%.2f", chosen / naive)))
            """
    }
}
