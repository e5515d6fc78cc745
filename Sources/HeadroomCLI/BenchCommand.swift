import Allocation
import ArgumentParser

/// `headroom bench`: benchmarks that print their figures (release builds for quoted figures).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks that print figures (build with -c release before quoting them).",
        subcommands: [AllocationBenchCommand.self, ReferenceServerCommand.self, KEDABenchCommand.self, KEDAReferenceCommand.self]
    )
}

/// `headroom bench allocation`: one reconcile of a large synthetic pool, timed.
struct AllocationBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocation",
        abstract: "Time one reconcile placing REPLICAS replicas onto NODES nodes, then a steady round with churn; report packing against the lower bound."
    )

    @Option(help: "Nodes of the synthetic pool.")
    var nodes = 5_000

    @Option(help: "Replicas to place.")
    var replicas = 20_000

    @Option(help: "Repetitions; the median is reported.")
    var repetitions = 5

    func validate() throws {
        guard nodes >= 4, nodes <= 1_000_000 else { throw ValidationError("--nodes must be between 4 and 1000000, not \(nodes)") }
        guard replicas >= 80, replicas <= 4_000_000 else {
            throw ValidationError("--replicas must be between 80 and 4000000 (40 models in 2 regions), not \(replicas)")
        }
        guard (1...100).contains(repetitions) else { throw ValidationError("--repetitions must be between 1 and 100, not \(repetitions)") }
    }

    func run() throws {
        let report: AllocationBenchmarkReport
        do {
            report = try AllocationBenchmark.run(nodes: nodes, replicas: replicas, repetitions: repetitions, clock: ContinuousClock())
        } catch {
            throw CommandFailure("allocation benchmark: \(error)")
        }
        for line in report.lines { print(line) }
    }
}
