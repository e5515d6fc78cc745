import Allocation
import ArgumentParser
import Foundation
import Jobs
import Traffic

/// `headroom pool event`: tells the pool's provider news about a node (what a cloud's
/// interruption notice or a node controller would send to `POST /v1/pool/events`); the next
/// execute run takes it.
struct PoolEventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Record provider news about a node (ready, lost, interruption notice) for the next execute run.",
        discussion: """
            --kind node-ready | node-lost | interruption-notice; --node node-17 (as `headroom pool show` \
            and GET /v1/pool name it); --at when it happened (default now); --reclaim-at, for an \
            interruption notice only, when the provider takes the node back. A running `headroom serve` \
            reconciles at once on events posted to it; events recorded here are taken by the next \
            execute run (`headroom execute` or the scheduled one).
            """
    )

    @OptionGroup var database: DatabaseOption
    @OptionGroup var fleet: ConfigurationOption

    @Option(help: "node-ready, node-lost or interruption-notice.")
    var kind: String

    @Option(help: "The node, e.g. node-17.")
    var node: String

    @Option(help: "When it happened: RFC 3339 or Unix seconds (default: now).")
    var at: String?

    @Option(name: .customLong("reclaim-at"), help: "Interruption notices: when the node is taken back (RFC 3339 or Unix seconds).")
    var reclaimAt: String?

    func run() async throws {
        let event: PoolEvent
        do {
            event = try PoolEventInput.event(kind: kind, node: node, at: at, reclaimAt: reclaimAt,
                                             now: Int64(Date.now.timeIntervalSince1970))
        } catch {
            throw CommandFailure("--\(error.field.replacingOccurrences(of: "_", with: "-")): \(error.reason)")
        }
        let store = try database.open()
        let provider = try fleet.loadAll().configuration.poolProvider.make(database: store)
        let received: ProviderEvent
        do {
            received = try await provider.receive(event)
        } catch let error as PoolEventError {
            throw CommandFailure(error.description)
        } catch let error as ExecuteJobError {
            throw CommandFailure(error.description)
        }
        print("pool event \(received.id) recorded: \(received.event.node) at \(Timestamp.format(received.event.at)); "
            + "the next execute run takes it")
    }
}
