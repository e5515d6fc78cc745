import Config
import Foundation
import GRDB
@testable import HeadroomCLI
import Store
import Testing

@Suite struct ExecuteCommandTests {
    @Test(arguments: [
        (["execute", "--at", "tomorrow"], "--at 'tomorrow' is not an RFC 3339 time with Z or an offset, nor Unix seconds"),
        (["bench", "allocation", "--nodes", "2"], "--nodes must be between 4 and 1000000, not 2"),
        (["bench", "allocation", "--replicas", "10"], "--replicas must be between 80 and 4000000 (40 models in 2 regions), not 10"),
        (["bench", "allocation", "--repetitions", "0"], "--repetitions must be between 1 and 100, not 0"),
        (["pool", "event", "--node", "node-1"], "Missing expected argument '--kind <kind>'"),
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) {
        #expect {
            _ = try Headroom.parseAsRoot(arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
    }

    /// `headroom pool event` names the bad field as its option and stores nothing.
    @Test func badPoolEventsAreNamedAndStoreNothing() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "headroom-event-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appending(path: "d.sqlite").path()
        let cases: [([String], String)] = [
            (["--kind", "node-gone", "--node", "node-1"], "--kind: 'node-gone' is not one of node-ready, node-lost, interruption-notice"),
            (["--kind", "node-lost", "--node", "gpu-1"], "--node: 'gpu-1' is not a node name such as node-17"),
            (["--kind", "interruption-notice", "--node", "node-1"],
             "--reclaim-at: an interruption-notice needs the time the node is reclaimed"),
            (["--kind", "node-lost", "--node", "node-1", "--at", "soon"],
             "--at: 'soon' is not an RFC 3339 time with Z or an offset, nor Unix seconds"),
            (["--kind", "node-lost", "--node", "node-1"], "the pool has no node-1: `headroom pool show` lists its nodes"),
        ]
        for (arguments, message) in cases {
            let command = try Headroom.parseAsRoot(["pool", "event", "--db", database] + arguments)
            var event = try #require(command as? PoolEventCommand)
            await #expect {
                try await event.run()
            } throws: { error in
                "\(error)" == message
            }
        }
        #expect(try AppDatabase.open(path: database).poolEvents().isEmpty)
    }

    @Test func executeWithoutAPlanStoresNothing() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "headroom-exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appending(path: "d.sqlite").path()
        var command = try #require(try Headroom.parseAsRoot(["execute", "--db", database, "--at", "2026-11-24T08:00:00Z"])
            as? ExecuteCommand)
        await #expect {
            try await command.run()
        } throws: { error in
            "\(error)" == "no plan is stored yet: run `headroom plan run` first"
        }
        #expect(try AppDatabase.open(path: database).poolActions().isEmpty)
    }
}
