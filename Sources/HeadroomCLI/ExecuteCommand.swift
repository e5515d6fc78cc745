import Allocation
import ArgumentParser
import Jobs
import Store
import Traffic

/// `headroom execute`: one reconcile round of the allocation engine against the node pool.
struct ExecuteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute",
        abstract: "Drive the node pool towards the newest plan: one round of provision, place, drain, release actions.",
        discussion: """
            Finishes any round a crash left half applied, then reconciles the pool with the plan's \
            replicas at --at (default: now) and records and applies the round's actions, each exactly \
            once. Provider events not yet taken (an interruption notice, a lost node: `headroom pool \
            event`) go to the round. The configuration's `pool.provider` carries the actions out \
            (default: the embedded pool in the database; docs/ALLOCATION.md).
            """
    )

    @OptionGroup var database: DatabaseOption
    @OptionGroup var fleet: ConfigurationOption

    @Option(help: "The time to act at: RFC 3339 or Unix seconds (default: now).",
            transform: { text in
                guard let seconds = Timestamp.parse(text) else {
                    throw ValidationError("--at '\(text)' is not an RFC 3339 time with Z or an offset, nor Unix seconds")
                }
                return seconds
            })
    var at: Int64?

    @Flag(help: "Print the round's actions without recording or applying them.")
    var dryRun = false

    func run() async throws {
        let store = try database.open()
        let loaded = try fleet.loadAll()
        let now = at ?? Int64(Date.now.timeIntervalSince1970)
        let outcome: ExecuteJob.Outcome
        do {
            outcome = try await ExecuteJob(configuration: loaded.configuration.fleet)
                .run(on: store, provider: loaded.configuration.poolProvider.make(database: store), now: now, dryRun: dryRun)
        } catch let error as ExecuteJobError {
            throw CommandFailure(error.description)
        } catch let error as AllocationError {
            throw CommandFailure("allocation: \(error)")
        }
        if !outcome.resumed.isEmpty {
            print("finished an interrupted round: \(outcome.resumed.count) actions applied")
        }
        if !outcome.events.isEmpty {
            print("\(dryRun ? "would take" : "took") \(outcome.events.count) provider events")
        }
        let verb = dryRun ? "would apply" : "applied"
        print("plan #\(outcome.planRunID) at \(Timestamp.format(now)): \(verb) \(outcome.actions.count) actions")
        for action in outcome.actions {
            print("  \(action.id)  \(Timestamp.format(action.at))  \(action.kind)")
        }
        if !dryRun { print(PoolTable(outcome.pool).render()) }
    }
}

import Foundation
