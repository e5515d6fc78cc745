import ArgumentParser
import Ingestion
import Jobs
import Store
import Traffic

/// `headroom demo`: the main job on the embedded default. Creates the database, loads the demo
/// traffic (once), and prints what is stored.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run Headroom's main job on built-in demo traffic (no other setup needed).",
        discussion: """
            Creates the database if needed, loads 8 weeks of demo traffic for 4 models in 2 regions             once, prints what is stored, then forecasts every series 7 days ahead and records the run.
            """
    )

    @OptionGroup var database: DatabaseOption
    @OptionGroup var demoOptions: DemoOptions

    func run() throws {
        let store = try database.open()
        print("database: \(database.path)")
        if try store.seriesSummaries().isEmpty {
            let demo = demoOptions.demo
            let started = ContinuousClock.now
            let summary = try TrafficIngestor(database: store).ingestDemo(demo)
            print("""
                loaded demo traffic (seed \(demo.seed), \(demo.weeks) weeks to \(Timestamp.format(demo.end))): \
                \(summary.rowsAccepted) rows in \(summary.seriesTouched) series in \
                \(String(format: "%.2f", (ContinuousClock.now - started).seconds)) s
                """)
        } else {
            print("the database already holds traffic; leaving it as it is")
        }
        print()
        print(try SummaryTable(store.seriesSummaries()).render())
        print()
        let run: ForecastRun
        do {
            run = try ForecastJob().run(on: store)
        } catch let error as ForecastJobError {
            throw CommandFailure(error.description)
        }
        print(ForecastRunTable(run).render())
    }
}
