import ArgumentParser
import Forecasting

/// `headroom backtest`: accuracy of every model and of the automatic choice on held-out windows.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Score every model and the automatic choice on the last windows of each series.",
        discussion: """
        The last K windows of N steps of each series are held out in turn; the engine (with its own \
        internal backtests for selection and calibration) sees only the history before each window. \
        Prints MASE, sMAPE (M4, 0-200), coverage of the 95% interval and MSIS (alpha 0.05), \
        averaged over series and windows, and the automatic choice's coverage of its 80% and 95% \
        intervals by lead time (0-1 h, 1-6 h, beyond) and by history length.
        """
    )

    @Option(help: "Input CSV with header series,timestamp,value (RFC 3339 or epoch seconds).")
    var input: String

    @Option(help: "Steps per held-out window (the forecast horizon).")
    var horizon: Int

    @Option(help: "Held-out windows per series (rolling origins, the last K windows).")
    var origins: Int = 3

    @Option(name: .customLong("engine-origins"), help: "Internal backtest origins the engine uses to choose and calibrate.")
    var engineOrigins: Int = 5

    @OptionGroup var model: ForecastModelOptions

    func validate() throws {
        guard (1...100_000).contains(horizon) else { throw ValidationError("--horizon: must be between 1 and 100000 steps") }
        guard (1...100).contains(origins) else { throw ValidationError("--origins: must be between 1 and 100") }
    }

    func run() throws {
        var options = try model.engineOptions(origins: engineOrigins)
        options.levels = Array(Set(options.levels + [0.025, 0.1, 0.9, 0.975])).sorted()
        options.keepCandidateForecasts = true
        let data = try ForecastInput.read(path: input)
        let grid = try ForecastGrid(data, stepSeconds: try model.stepSeconds(), file: input)
        let report = try BacktestReport.run(grid: grid, horizon: horizon, windows: origins, options: options)
        print("Backtest of \(input): \(grid.entries.count) series, \(origins) held-out windows of \(horizon) steps, step \(grid.stepSeconds) s, engine origins \(engineOrigins)")
        print(report.table())
    }
}
