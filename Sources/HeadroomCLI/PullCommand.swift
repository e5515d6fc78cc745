import ArgumentParser
import Foundation
import Ingestion
import Jobs
import Pull
import Store
import Traffic

/// `headroom pull`: new traffic from the configured Prometheus (docs/SOURCES.md).
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Pull new traffic from the Prometheus of sources.prometheus into the database, in one transaction.",
        discussion: """
        For every configured query: from the step after the last one a pull stored (or, for a query \
        never pulled, after the newest stored point of the series it feeds, or the source's backfill \
        before now when nothing is stored) to the last whole step before now, \
        query_range in chunks within Prometheus's 11,000 points per series; the answers are stored \
        in one ingest (replace on duplicates). --from and --to take an RFC 3339 time or an offset \
        before now such as -28d.
        """
    )

    @OptionGroup var database: DatabaseOption
    @OptionGroup var fleet: ConfigurationOption

    // `.unconditional`: `--from -28d` is a value, not an unknown flag.
    @Option(parsing: .unconditional, help: "Pull from this time (RFC 3339, or an offset before now such as -28d) instead of each query's resume point.")
    var from: String?

    @Option(parsing: .unconditional, help: "Pull up to this time (RFC 3339, or an offset before now) instead of now.")
    var to: String?

    @Option(help: "What a pulled value for a series and timestamp already stored does: replace, sum or reject.")
    var onDuplicate: DuplicatePolicy = .replace

    @Flag(name: .customLong("dry-run"), help: "Print what would be fetched; fetch and store nothing.")
    var dryRun = false

    func validate() throws {
        let now = Int64(Date().timeIntervalSince1970)
        let start = try from.map { try Self.time($0, option: "--from", now: now) }
        let end = try to.map { try Self.time($0, option: "--to", now: now) }
        if let start, let end, start >= end { throw ValidationError("--from must be before --to") }
    }

    /// An RFC 3339 time, or `-<duration>` before `now`.
    static func time(_ text: String, option: String, now: Int64) throws -> Int64 {
        if text.hasPrefix("-"), let seconds = DurationText.seconds(String(text.dropFirst())) { return now - seconds }
        guard let seconds = Timestamp.parse(text) else {
            throw ValidationError("\(option) '\(text)': not an RFC 3339 time (2026-11-01T00:00:00Z) or an offset before now (-28d)")
        }
        return seconds
    }

    func run() async throws {
        let loaded = try fleet.loadAll()
        guard let source = loaded.configuration.prometheus else {
            throw CommandFailure("\(loaded.source) has no sources.prometheus: nothing to pull from (docs/SOURCES.md)")
        }
        let store = try database.open()
        let now = Int64(Date().timeIntervalSince1970)
        let pull = PrometheusPull(source: source, served: loaded.configuration.fleet.servedRegions)
        let outcome: PrometheusPull.Outcome
        do {
            outcome = try await pull.run(on: store, now: now, from: try from.map { try Self.time($0, option: "--from", now: now) },
                                         to: try to.map { try Self.time($0, option: "--to", now: now) },
                                         onDuplicate: onDuplicate, dryRun: dryRun)
        } catch let error as SourcePullError {
            throw CommandFailure("\(error)")
        }
        for part in outcome.planned {
            let range = part.range.map { "\(Timestamp.format($0.lowerBound)) to \(Timestamp.format($0.upperBound)) in \(part.chunks.count) requests" }
                ?? "up to date"
            print("\(part.query.metric.rawValue): \(range)  \(part.query.query)")
        }
        print(dryRun ? "dry run: nothing fetched or stored" : PrometheusPull.detail(outcome))
    }
}
