import ArgumentParser
import Forecasting

/// `headroom forecast bench`: throughput of the batch forecaster on generated traffic.
struct ForecastBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the batch forecaster on generated traffic (default: 10,000 series of one week at 5 minutes, one day ahead).",
        discussion: """
        The series share one time grid (daily and weekly cycles, noise, bursts, a few gaps); \
        generation is not timed. --write-csv also writes them as a forecast input file, so that \
        `headroom forecast --input FILE --horizon 288` can be timed end to end.
        """
    )

    @Option(help: "Number of series.")
    var series: Int = 10_000

    @Option(help: "Points per series.")
    var points: Int = 2_016

    @Option(help: "Step in seconds.")
    var stepSeconds: Int64 = 300

    @Option(help: "Forecast horizon in steps.")
    var horizon: Int = 288

    @Option(help: "Backtest origins for the automatic choice.")
    var origins: Int = 5

    @Option(help: "Threads.")
    var threads: Int = 2

    @Option(name: .customLong("write-csv"), help: "Also write the generated series to this CSV file.")
    var writeCSV: String?

    func validate() throws {
        guard (1...1_000_000).contains(series), (1...1_000_000).contains(points) else {
            throw ValidationError("--series and --points: must be between 1 and 1000000")
        }
        guard (1...86_400).contains(stepSeconds) else { throw ValidationError("--step-seconds: must be between 1 and 86400") }
        guard (1...100_000).contains(horizon) else { throw ValidationError("--horizon: must be between 1 and 100000") }
    }

    func run() throws {
        let start: Int64 = 1_700_000_000 / 86_400 * 86_400
        let values = ForecastBenchTraffic.generate(series: series, points: points, stepSeconds: stepSeconds)
        if let writeCSV {
            var text = "series,timestamp,value\n"
            for (s, row) in values.enumerated() {
                for (i, v) in row.enumerated() {
                    text += "s\(s),\(start + Int64(i) * stepSeconds),\(v.isFinite ? "\(v)" : "")\n"
                }
            }
            guard ForecastFile.write(text, to: writeCSV) else { throw ValidationError("cannot write \(writeCSV)") }
        }
        let options = ForecastOptions(origins: origins, threads: threads)
        let clock = ContinuousClock()
        let cpuBefore = ForecastBenchTraffic.processCPUSeconds()
        let began = clock.now
        let results = try Forecaster.forecast(batch: values, stepSeconds: stepSeconds, start: start, horizon: horizon,
                                              options: options)
        let elapsed = clock.now - began
        let cpu = ForecastBenchTraffic.processCPUSeconds() - cpuBefore
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var chosen: [String: Int] = [:]
        var autoMASE = 0.0, naiveMASE = 0.0, scored = 0
        for case let .success(forecast) in results {
            chosen[forecast.model.rawValue, default: 0] += 1
            if let a = forecast.backtestMASE, let b = forecast.seasonalNaiveMASE {
                autoMASE += a
                naiveMASE += b
                scored += 1
            }
        }
        print("OpenBLAS: \(Forecaster.blasConfiguration)")
        print("forecast: \(series) series x \(points) points (step \(stepSeconds) s), horizon \(horizon), \(origins) backtest origins, \(threads) threads")
        print("elapsed: \(String(format3: seconds)) s (\(String(format3: Double(series) / max(seconds, 1e-9))) series/s), CPU \(String(format3: cpu)) s (user + system, all threads)")
        if scored > 0 {
            print("mean backtest MASE: chosen \(String(format3: autoMASE / Double(scored))), seasonal naive \(String(format3: naiveMASE / Double(scored)))")
        }
        print("chosen: " + chosen.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
}

extension String {
    /// A number with three decimals.
    init(format3 x: Double) {
        guard x.isFinite else { self = "\(x)"; return }
        let scaled = (abs(x) * 1_000).rounded()
        let whole = Int(scaled / 1_000), fraction = Int(scaled) % 1_000
        let digits = "\(fraction)"
        self = (x < 0 ? "-" : "") + "\(whole)." + String(repeating: "0", count: 3 - digits.count) + digits
    }
}
