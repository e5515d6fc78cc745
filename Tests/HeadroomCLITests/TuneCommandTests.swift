import Foundation
import GRDB
@testable import HeadroomCLI
import Store
import Testing

@Suite struct TuneCommandTests {
    @Test(arguments: [
        (["tune", "--days", "0"], "--days 0: must be between 1 and 365"),
        (["tune", "--days", "400"], "--days 400: must be between 1 and 365"),
        (["tune", "--days", "two"], "The value 'two' is invalid for '--days <days>'"),
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) {
        #expect {
            _ = try Headroom.parseAsRoot(arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
    }

    /// A database without traffic: every model named with its reason, the run recorded as
    /// failed, and no tuned settings stored.
    @Test func withoutHistoryItFailsAndStoresNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "headroom-tune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appending(path: "d.sqlite").path()
        var command = try Headroom.parseAsRoot(["tune", "--db", path])
        #expect {
            try command.run()
        } throws: { error in
            "\(error)".hasPrefix("nothing to tune, nothing stored: chat-8b/us-east-1: no requests stored for it; ")
                && "\(error)".contains("embed-small/us-east-1: no requests stored for it")
        }
        let database = try AppDatabase.open(path: path)
        #expect(try database.latestTunedSettings().isEmpty)
        #expect(try database.jobRuns(kind: "tune").map(\.status) == [.failed])
    }
}
