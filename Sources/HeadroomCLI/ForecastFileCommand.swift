import ArgumentParser
import Forecasting

/// `headroom forecast --input FILE.csv --horizon N`: forecasts every series of a long CSV.
struct ForecastFileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "file",
        abstract: "Forecast every series of a CSV file (series,timestamp,value) offline.",
        discussion: """
        Output CSV: series,timestamp,point,q<level>...,model, one row per series and future step. \
        The model is chosen per series by a rolling-origin backtest (MASE).
        """
    )

    @Option(help: "Input CSV with header series,timestamp,value (RFC 3339 or epoch seconds).")
    var input: String

    @Option(help: "Number of future steps to forecast.")
    var horizon: Int

    @Option(help: "Output CSV (standard output when absent).")
    var output: String?

    @Option(help: "Backtest origins used to choose the model and calibrate the quantiles.")
    var origins: Int = 5

    @OptionGroup var model: ForecastModelOptions

    func validate() throws {
        guard (1...100_000).contains(horizon) else { throw ValidationError("--horizon: must be between 1 and 100000 steps") }
    }

    func run() throws {
        let options = try model.engineOptions(origins: origins)
        let data = try ForecastInput.read(path: input)
        let grid = try ForecastGrid(data, stepSeconds: try model.stepSeconds(), file: input)
        let results = try grid.forecast(horizon: horizon, options: options)
        for (entry, result) in zip(grid.entries, results) {
            if case let .failure(error) = result { printError("series '\(entry.name)': no forecast: \(error)") }
        }
        let text = ForecastOutput.csv(grid: grid, forecasts: results, levels: options.levels.sortedUnique,
                                      epochTimestamps: data.epochTimestamps)
        guard ForecastFile.write(text, to: output) else {
            throw ValidationError("cannot write \(output ?? "standard output")")
        }
    }
}

extension [Double] {
    /// Ascending, without duplicates (the order the engine returns levels in).
    var sortedUnique: [Double] { Array(Set(self)).sorted() }
}

/// Writes one line to standard error.
func printError(_ line: String) {
    var stderr = StandardError()
    print(line, to: &stderr)
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var text = string
        text.withUTF8 { bytes in _ = ForecastFile.writeError(bytes) }
    }
}
