import ArgumentParser
import Foundation
import Planning
import Simulation
import Traffic

/// `headroom simulate`: replays a traffic file day by day through forecast, plan and a
/// simulated replica pool, and scores a scaling policy on cost and served demand.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay real traffic through forecast, plan and a simulated pool; score a scaling policy.",
        discussion: """
        The traffic file is in the ingestion format (timestamp,model,region,metric,value); its \
        `requests` rows are bucketed on the planning step. After --train-days whole UTC days, each \
        day is forecast from the history before it, planned, executed with provisioning delays and \
        cold starts, and served step by step. Policies: hybrid (the plan as a floor plus a reactive \
        correction), predictive (the plan alone), reactive (HPA-like: target utilisation 0.7, 15 s \
        sync, 300 s scale-down stabilisation), static (the training peak), or all (the four, side by \
        side). See docs/SIMULATION.md.
        """
    )

    @Option(help: "Traffic CSV in the ingestion format (timestamp,model,region,metric,value).")
    var traffic: String

    @OptionGroup var fleet: ConfigurationOption

    @Option(help: "hybrid | predictive | reactive | static | all.")
    var policy: String = "hybrid"

    @Option(name: .customLong("train-days"), help: "Whole UTC days of traffic before the first replayed day.")
    var trainDays: Int = 14

    @Option(name: .customLong("history-days"), help: "Days of history (at most) each daily forecast is fitted on.")
    var historyDays: Int = 28

    @Option(help: "Write the report as JSON to this file (an array of reports with --policy all).")
    var output: String?

    /// The policies `--policy` names (empty when unknown).
    var policies: [SimulationPolicy] { (try? SimulationPolicy.named(policy)) ?? [] }

    func validate() throws {
        do {
            _ = try SimulationPolicy.named(policy)
        } catch {
            throw ValidationError("--policy: \(error)")
        }
        guard trainDays >= 1 else { throw ValidationError("--train-days \(trainDays): must be at least 1") }
        guard historyDays >= 1 else { throw ValidationError("--history-days \(historyDays): must be at least 1") }
    }

    func run() throws {
        let loaded = try fleet.load()
        let reports = try Self.simulate(trafficPath: traffic, configuration: loaded.configuration,
                                        policies: policies, trainDays: trainDays, historyDays: historyDays)
        print("simulated with \(loaded.source)")
        print(SimulationReport.comparison(reports))
        if let output {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = reports.count == 1 ? try encoder.encode(reports[0]) : try encoder.encode(reports)
            guard FileManager.default.createFile(atPath: output, contents: data + Data("\n".utf8)) else {
                throw CommandFailure("\(output): cannot be written")
            }
        }
    }

    /// Reads the traffic file and replays it under each policy (forecasts shared between the
    /// plan-based ones).
    static func simulate(trafficPath: String, configuration: FleetConfiguration, policies: [SimulationPolicy],
                         trainDays: Int, historyDays: Int = 28) throws -> [SimulationReport] {
        let input = try readTraffic(trafficPath, step: configuration.settings.step)
        let simulator = Simulator(configuration: configuration, settings: SimulationSettings(trainDays: trainDays, historyDays: historyDays))
        do {
            _ = try simulator.window(input)
            var forecasts: [DayForecast]?
            return try policies.map { policy throws(SimulationError) in
                if policy == .hybrid || policy == .predictive, forecasts == nil {
                    forecasts = try simulator.forecasts(input)
                }
                return try simulator.run(input, policy: policy, forecasts: forecasts).report
            }
        } catch {
            throw CommandFailure("\(trafficPath): \(error)")
        }
    }

    /// The `requests` series of a traffic file on the planning grid.
    static func readTraffic(_ path: String, step: Step) throws -> SimulationInput {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("\(path): no such file, or it cannot be read")
        }
        do {
            return try SimulationInput.parse(csv: [UInt8](data), step: step)
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }
}
