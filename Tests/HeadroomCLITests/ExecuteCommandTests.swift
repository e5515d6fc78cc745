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
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) {
        #expect {
            _ = try Headroom.parseAsRoot(arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
    }

    @Test func executeWithoutAPlanStoresNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "headroom-exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appending(path: "d.sqlite").path()
        var command = try Headroom.parseAsRoot(["execute", "--db", database, "--at", "2026-11-24T08:00:00Z"])
        #expect {
            try command.run()
        } throws: { error in
            "\(error)" == "no plan is stored yet: run `headroom plan run` first"
        }
        #expect(try AppDatabase.open(path: database).poolActions().isEmpty)
    }
}
