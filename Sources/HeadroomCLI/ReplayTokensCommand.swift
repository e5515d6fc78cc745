import ArgumentParser
import Foundation
import Planning
import Simulation
import Traffic

/// `headroom replay-tokens`: an LLM's requests and tokens replayed day by day, sized on tokens
/// and on requests alone at the same cost; steps within the TTFT and TPOT targets.
struct ReplayTokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay-tokens",
        abstract: "Replay an LLM's requests and tokens: token-aware sizing against request-only sizing at the same cost.",
        discussion: """
            The traffic file is in the ingestion format with one model in one region and its requests, \
            input_tokens and output_tokens rows; the model needs a token profile and slo in the \
            configuration. After --train-days whole UTC days, each day is forecast from the history before \
            it, planned (sized on tokens; then on requests alone, at a per-replica rate measured on the \
            training days' token mix, with its target utilisation searched to cost the same) and served by \
            the plan's ready replicas: a step keeps TTFT within target when its prompt tokens per second stay \
            within the ready replicas' prefill rate at the best point meeting the slo, and TPOT likewise for \
            generated tokens. --switch counts the steps from that time on apart (e.g. when the token mix \
            changes). See docs/SIMULATION.md.
            """
    )

    @Option(help: "Traffic CSV in the ingestion format: requests, input_tokens and output_tokens of one model in one region.")
    var traffic: String

    @OptionGroup var fleet: ConfigurationOption

    @Option(name: .customLong("train-days"), help: "Whole UTC days of traffic before the first replayed day.")
    var trainDays: Int = 14

    @Option(name: .customLong("history-days"), help: "Days of history (at most) each daily forecast is fitted on.")
    var historyDays: Int = 28

    @Option(name: .customLong("switch"), help: "RFC 3339 time from which steps are also counted apart (e.g. a change of token mix).")
    var switchTime: String?

    @Option(help: "Write the three reports as JSON to this file.")
    var output: String?

    func validate() throws {
        guard trainDays >= 1 else { throw ValidationError("--train-days \(trainDays): must be at least 1") }
        guard historyDays >= 1 else { throw ValidationError("--history-days \(historyDays): must be at least 1") }
        if let switchTime, Timestamp.parse(switchTime) == nil {
            throw ValidationError("--switch '\(switchTime)': not an RFC 3339 time (2014-10-01T00:00:00Z)")
        }
    }

    func run() throws {
        let loaded = try fleet.load()
        guard let data = FileManager.default.contents(atPath: traffic) else {
            throw CommandFailure("\(traffic): no such file, or it cannot be read")
        }
        let splitAt = switchTime.flatMap(Timestamp.parse)
        let replay = TokenReplay(simulator: Simulator(configuration: loaded.configuration,
                                                      settings: SimulationSettings(trainDays: trainDays, historyDays: historyDays)))
        let tokens: TokenReplayReport, requests: TokenReplayReport, configured: TokenReplayReport, input: TokenTraffic
        do {
            input = try TokenTraffic.parse(csv: [UInt8](data), step: loaded.configuration.settings.step)
            let forecasts = try replay.forecasts(input)
            tokens = try replay.run(input, sizing: .tokens, forecasts: forecasts, splitAt: splitAt)
            requests = try replay.requestsAtCost(input, of: tokens, forecasts: forecasts, splitAt: splitAt)
            configured = try replay.run(input, sizing: .requests, forecasts: forecasts, splitAt: splitAt)
        } catch {
            throw CommandFailure("\(traffic): \(error)")
        }
        print("replayed \(input.model) in \(input.region) with \(loaded.source): \(tokens.steps) steps of "
            + "\(input.step); request-only sizing at \(String(format: "%.2f", tokens.requestsPerReplica)) requests/s per replica "
            + "(the training days' token mix)\n")
        print(Self.table([tokens, requests, configured], split: splitAt != nil))
        print("\nrows: sized on tokens at the configured utilisation; on requests alone at the same cost (utilisation "
            + "searched); on requests alone at the configured utilisation")
        if let output {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            guard FileManager.default.createFile(atPath: output, contents: try encoder.encode([tokens, requests, configured])) else {
                throw CommandFailure("\(output): cannot write the file")
            }
        }
    }

    static func table(_ reports: [TokenReplayReport], split: Bool) -> String {
        func share(_ count: Int, _ total: Int) -> String {
            total > 0 ? String(format: "%.2f %%", 100 * Double(count) / Double(total)) : "-"
        }
        var rows = [["sizing", "utilisation", "cost USD", "TTFT within", "TPOT within", "both"]]
        if split { rows[0] += ["after switch: TTFT", "TPOT", "both"] }
        for r in reports {
            var row = [r.sizing.rawValue, String(format: "%.3f", r.targetUtilization), String(format: "%.0f", r.costUSD),
                       share(r.withinTTFT, r.steps), share(r.withinTPOT, r.steps), share(r.withinBoth, r.steps)]
            if split {
                row += [share(r.withinTTFTAfter, r.stepsAfter), share(r.withinTPOTAfter, r.stepsAfter),
                        share(r.withinBothAfter, r.stepsAfter)]
            }
            rows.append(row)
        }
        return TextTable(rows).render()
    }
}
