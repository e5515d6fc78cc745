import ArgumentParser
import Store
import Traffic

/// `headroom series delete`: remove a series (one metric of one model in one region) with its
/// points and forecasts, e.g. one ingested at a step no forecast can use.
struct SeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Manage stored series (see `headroom summary` for what is stored).",
        subcommands: [Delete.self]
    )

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete one series with its traffic points and its forecasts, in one transaction.")

        @OptionGroup var database: DatabaseOption

        @Option(help: "The series' model.")
        var model: String

        @Option(help: "The series' region.")
        var region: String

        @Option(help: "The series' metric: requests, input_tokens or output_tokens.")
        var metric: Metric

        func run() throws {
            let key = SeriesKey(model: model, region: region, metric: metric)
            guard let deleted = try database.open().deleteSeries(key) else {
                throw CommandFailure("there is no series \(key); `headroom summary` lists the stored ones")
            }
            print("deleted series \(key) (step \(deleted.step)): \(deleted.pointsDeleted) points, "
                + "\(deleted.forecastsDeleted) forecasts")
        }
    }
}
