public import ArgumentParser

/// The `headroom` command: predictive capacity planning for GPU inference fleets.
public struct Headroom: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "headroom",
        abstract: "Predictive capacity planning for GPU inference fleets.",
        subcommands: [
            DemoCommand.self, IngestCommand.self, SummaryCommand.self, ForecastCommand.self, PlanCommand.self, ExecuteCommand.self,
            PoolCommand.self, ReportCommand.self, SeriesCommand.self, ServeCommand.self, TokenCommand.self, SimulateCommand.self, TuneCommand.self, PullCommand.self, ProfileCommand.self, ReplayTokensCommand.self, CommitmentsCommand.self,
            BacktestCommand.self, BenchCommand.self, DemoDataCommand.self, MigrateCommand.self, ExportCommand.self,
        ]
    )

    public init() {}
}

extension Headroom {
    /// Parses `CommandLine.arguments`, runs the chosen command (awaiting async ones) and exits
    /// with its status; errors print as `Error: ...` with a non-zero status.
    public static func start() async {
        let command: any AsyncParsableCommand.Type = Headroom.self
        await command.main()
    }
}
