import ArgumentParser
import Forecasting
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
        correction to the SLO capacity when load runs above it; its plan on the forecast q0.9 at \
        80 % utilisation unless --hybrid-* say otherwise), predictive (the plan alone), reactive (HPA-like: target utilisation 0.7, 15 s \
        sync, 300 s scale-down stabilisation), static (the training peak), or all (the four, side by \
        side). See docs/SIMULATION.md.
        """
    )

    @Option(help: "Traffic CSV in the ingestion format (timestamp,model,region,metric,value).")
    var traffic: String

    @OptionGroup var fleet: ConfigurationOption

    @Option(help: "\(SimulationPolicy.allCases.map(\.rawValue).joined(separator: " | ")) | all.")
    var policy: String = "hybrid"

    @Option(name: .customLong("train-days"), help: "Whole UTC days of traffic before the first replayed day.")
    var trainDays: Int = 14

    @Option(name: .customLong("history-days"), help: "Days of history (at most) each daily forecast is fitted on.")
    var historyDays: Int = 28

    @Option(name: .customLong("hybrid-quantile"),
            help: "Forecast quantile the hybrid's plan floor is sized on (interactive models): a forecast level, or 'configured'.")
    var hybridQuantile: String = "0.9"

    @Option(name: .customLong("hybrid-utilization"),
            help: "Share of the SLO throughput, in (0, 1], the hybrid's plan floor is sized at, or 'configured'.")
    var hybridUtilization: String = "0.8"

    @Option(name: .customLong("hybrid-correction-utilization"),
            help: "Share of the SLO throughput, in (0, 1], the hybrid's reactive correction aims at.")
    var hybridCorrectionUtilization: Double = 1

    @Option(name: .customLong("reactive-utilization"),
            help: "The reactive autoscaler's target utilisation (HPA target), in (0, 1].")
    var reactiveUtilization: Double = 0.7

    @Option(name: .customLong("static-margin"), help: "The static policy provisions the training peak x (1 + margin); margin in [0, 10].")
    var staticMargin: Double = 0

    @Option(name: .customLong("predictive-quantile"),
            help: "Forecast quantile the predictive policy's plans are sized on (interactive models): a forecast level, or 'configured'.")
    var predictiveQuantile: String = "configured"

    @Option(name: .customLong("predictive-utilization"),
            help: "Share of the SLO throughput, in (0, 1], the predictive policy's plans are sized at, or 'configured'.")
    var predictiveUtilization: String = "configured"

    @Option(name: .customLong("target-served"),
            help: "Tune each policy's headroom knob to the cheapest setting serving at least this share of requests, in (0, 1), e.g. 0.999.")
    var targetServed: Double?

    @Option(name: .customLong("commitment-policy"),
            help: "Buy the reservation once at the first replayed day and hold it through the replay: headroom | lookback30 | none (default: each policy's nightly reservation).")
    var commitmentPolicy: String?

    @Option(name: .customLong("commitment-confidence"),
            help: "With --commitment-policy headroom: how sure a node must be to pay for itself, in (0, 1).")
    var commitmentConfidence: Double = 0.5

    @Option(help: "Write the report as JSON to this file (an array of reports with --policy all).")
    var output: String?

    /// The replay's settings from the options.
    func simulationSettings() throws -> SimulationSettings {
        guard reactiveUtilization > 0, reactiveUtilization <= 1 else {
            throw ValidationError("--reactive-utilization \(reactiveUtilization): must be in (0, 1]")
        }
        guard staticMargin >= 0, staticMargin <= 10 else {
            throw ValidationError("--static-margin \(staticMargin): must be in [0, 10]")
        }
        let quantile = try Self.setting(predictiveQuantile, option: "--predictive-quantile", problem: Self.levelProblem)
        let utilization = try Self.setting(predictiveUtilization, option: "--predictive-utilization",
                                           problem: Self.utilizationProblem)
        var commitment: CommitmentPolicy?
        if let commitmentPolicy {
            guard let policy = CommitmentPolicy(rawValue: commitmentPolicy) else {
                throw ValidationError("--commitment-policy '\(commitmentPolicy)': must be one of "
                    + CommitmentPolicy.allCases.map(\.rawValue).joined(separator: ", "))
            }
            commitment = policy
        }
        guard commitmentConfidence > 0, commitmentConfidence < 1 else {
            throw ValidationError("--commitment-confidence \(commitmentConfidence): must be between 0 and 1 (exclusive)")
        }
        var settings = SimulationSettings(trainDays: trainDays, historyDays: historyDays,
                                          reactive: ReactiveSettings(targetUtilization: reactiveUtilization),
                                          hybrid: try hybridSettings(),
                                          predictive: PlanSizing(quantile: quantile, utilization: utilization),
                                          staticMargin: staticMargin, commitmentPolicy: commitment)
        settings.commitmentConfidence = commitmentConfidence
        return settings
    }

    /// Why a quantile is not one of the forecast's levels.
    static func levelProblem(_ value: Double) -> String? {
        ForecastOptions.defaultLevels.contains(value)
            ? nil : "must be one of the forecast's levels (\(ForecastOptions.defaultLevels.map { "\($0)" }.joined(separator: ", "))) or 'configured'"
    }

    /// Why a share of the SLO throughput is out of range.
    static func utilizationProblem(_ value: Double) -> String? {
        value > 0 && value <= 1 ? nil : "must be in (0, 1] or 'configured'"
    }

    /// The hybrid policy's settings from the `--hybrid-*` options.
    func hybridSettings() throws -> HybridSettings {
        let quantile = try Self.setting(hybridQuantile, option: "--hybrid-quantile", problem: Self.levelProblem)
        let utilization = try Self.setting(hybridUtilization, option: "--hybrid-utilization", problem: Self.utilizationProblem)
        guard hybridCorrectionUtilization > 0, hybridCorrectionUtilization <= 1 else {
            throw ValidationError("--hybrid-correction-utilization \(hybridCorrectionUtilization): must be in (0, 1]")
        }
        return HybridSettings(planQuantile: quantile, planUtilization: utilization,
                              correction: ReactiveSettings(targetUtilization: hybridCorrectionUtilization))
    }

    /// A number option that may also say `configured` (nil); `problem` describes a bad value.
    static func setting(_ text: String, option: String, problem: (Double) -> String?) throws -> Double? {
        if text == "configured" { return nil }
        guard let value = Double(text), value.isFinite else {
            throw ValidationError("\(option) '\(text)': not a number (or 'configured')")
        }
        if let problem = problem(value) { throw ValidationError("\(option) \(text): \(problem)") }
        return value
    }

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
        _ = try simulationSettings()
        if let targetServed, !(targetServed > 0 && targetServed < 1) {
            throw ValidationError("--target-served \(targetServed): must be a share of requests strictly between 0 and 1, such as 0.999")
        }
    }

    func run() throws {
        let loaded = try fleet.load()
        let settings = try simulationSettings()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        if let targetServed {
            let tuned = try Self.tune(trafficPath: traffic, configuration: loaded.configuration, policies: policies,
                                      settings: settings, targetServed: targetServed)
            print("simulated with \(loaded.source)")
            print(TunedReport.comparison(tuned))
            data = tuned.count == 1 ? try encoder.encode(tuned[0]) : try encoder.encode(tuned)
        } else {
            let reports = try Self.simulate(trafficPath: traffic, configuration: loaded.configuration,
                                            policies: policies, settings: settings)
            print("simulated with \(loaded.source)")
            print(SimulationReport.comparison(reports))
            for report in reports {
                guard let commitment = report.commitment else { continue }
                let nodes = commitment.nodes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                print("\(report.policy.rawValue): commitment by \(commitment.policy.rawValue): \(nodes.isEmpty ? "none" : nodes) nodes; "
                    + "used \(commitment.utilization.map { PlanSummary.percent($0) } ?? "-") of \(PlanSummary.number(commitment.reservedGPUHours, 0)) reserved GPU-hours")
            }
            data = reports.count == 1 ? try encoder.encode(reports[0]) : try encoder.encode(reports)
        }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: data + Data("\n".utf8)) else {
                throw CommandFailure("\(output): cannot be written")
            }
        }
    }

    /// Reads the traffic file and replays it under each policy with `settings`.
    static func simulate(trafficPath: String, configuration: FleetConfiguration, policies: [SimulationPolicy],
                         settings: SimulationSettings) throws -> [SimulationReport] {
        try replay(trafficPath: trafficPath, configuration: configuration, policies: policies, settings: settings) {
            simulator, input, policy, shared throws(SimulationError) in
            try simulator.run(input, policy: policy, forecasts: shared.forecasts, hindsightFloor: shared.floor).report
        }
    }

    /// Reads the traffic file and tunes each policy to `targetServed`.
    static func tune(trafficPath: String, configuration: FleetConfiguration, policies: [SimulationPolicy],
                     settings: SimulationSettings, targetServed: Double) throws -> [TunedReport] {
        try replay(trafficPath: trafficPath, configuration: configuration, policies: policies, settings: settings) {
            simulator, input, policy, shared throws(SimulationError) in
            try simulator.tune(input, policy: policy, targetServed: targetServed, forecasts: shared.forecasts,
                               hindsightFloor: shared.floor)
        }
    }

    /// What the policies of one replay share: the days' forecasts (made once, by the first
    /// policy that plans) and the hindsight floor (made once).
    struct Shared {
        var forecasts: [DayForecast]?
        var floor: Double?
    }

    /// Reads the traffic file and runs `body` for each policy, the forecasts and the hindsight
    /// floor computed once; a replay error is reported with the file's name.
    static func replay<Result>(
        trafficPath: String, configuration: FleetConfiguration, policies: [SimulationPolicy], settings: SimulationSettings,
        _ body: (Simulator, SimulationInput, SimulationPolicy, Shared) throws(SimulationError) -> Result
    ) throws -> [Result] {
        let input = try readTraffic(trafficPath, step: configuration.settings.step)
        let simulator = Simulator(configuration: configuration, settings: settings)
        do {
            var shared = Shared(floor: try simulator.hindsightFloor(input))
            return try policies.map { policy throws(SimulationError) in
                if policy.usesForecasts, shared.forecasts == nil {
                    shared.forecasts = try simulator.forecasts(input)
                }
                return try body(simulator, input, policy, shared)
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
