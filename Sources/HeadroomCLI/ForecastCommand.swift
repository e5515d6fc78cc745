import ArgumentParser

/// `headroom forecast`: forecasting commands; without a subcommand, forecasts a CSV file.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast traffic series (point and calibrated quantiles per future step).",
        subcommands: [ForecastFileCommand.self, ForecastRunCommand.self, ForecastBenchCommand.self],
        defaultSubcommand: ForecastFileCommand.self
    )
}
