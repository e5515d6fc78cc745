import ArgumentParser
import Foundation
import Jobs
import Simulation
import Store
import Traffic

/// `headroom tune`: tunes every interactive model's plan settings on its own history and stores
/// them for the plans (docs/PLANNING.md, "Tuned settings").
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Replay each interactive model's recent traffic and store the cheapest plan settings that serve its slo_served.",
        discussion: """
        For every interactive model and region, replays its last --days whole UTC days of stored \
        requests (after up to 28 days of training) under the hybrid policy: the plan as a floor on \
        the forecast median and on q0.9, each with its utilisation searched for the cheapest setting \
        that serves the model's slo_served (default 0.999), and the reactive autoscaler tuned to the \
        same target for comparison. Stores the cheapest as the settings `plan run` uses. A model \
        and region with fewer than --days + 7 whole days of requests is skipped with its reason and \
        keeps its configured settings.
        """
    )

    @OptionGroup var database: DatabaseOption
    @OptionGroup var fleet: ConfigurationOption

    @Option(help: "Whole UTC days replayed per model and region (1 to 365).")
    var days: Int = TuneJob.defaultDays

    func validate() throws {
        guard (1...365).contains(days) else { throw ValidationError("--days \(days): must be between 1 and 365") }
    }

    func run() throws {
        let store = try database.open()
        let loaded = try fleet.load()
        let outcome: TuneOutcome
        do {
            outcome = try RecordedJob.run(.tune, on: store, detail: \.detail) {
                try TuneJob(configuration: loaded.configuration, days: days).run(on: store)
            }
        } catch let error as TuneJobError {
            throw CommandFailure(error.description)
        }
        print("tuned with \(loaded.source)")
        print(Self.render(outcome))
    }

    /// The run as a table, one row per model and region, then the skipped ones.
    static func render(_ outcome: TuneOutcome) -> String {
        var rows = [["model", "region", "status", "quantile", "utilisation", "served", "slo_served", "cost USD",
                     "vs reactive", "vs floor", "replays"]]
        for tuning in outcome.tunings {
            rows.append([
                tuning.model, tuning.region, tuning.status.rawValue, "q\(tuning.quantile)", String(format: "%.4f", tuning.utilization),
                TuneJob.percent(tuning.servedFraction), TuneJob.percent(tuning.sloServed), String(format: "%.0f", tuning.costUSD),
                tuning.costVsReactive.map { String(format: "%.3f", $0) } ?? "reactive did not reach",
                tuning.costVsFloor.map { String(format: "%.3f", $0) } ?? "-", "\(tuning.replays)",
            ])
        }
        var text = "tune run #\(outcome.run.id) (\(outcome.run.createdAt)): \(outcome.run.days) days replayed per model and region\n\n"
        text += TextTable(rows).render()
        if let first = outcome.tunings.first {
            text += "\n\nreplayed \(Timestamp.format(first.replayStart)) to \(Timestamp.format(first.replayEnd)) after "
                + "\(first.trainDays) training days; plans use the tuned rows, the unreached ones keep their configured settings"
        }
        for skipped in outcome.skipped {
            text += "\nskipped \(skipped): configured settings kept"
        }
        return text
    }
}
