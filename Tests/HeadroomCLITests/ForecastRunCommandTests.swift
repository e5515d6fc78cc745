import Config
import Foundation
import GRDB
@testable import HeadroomCLI
import Store
import Testing

@Suite struct ForecastRunCommandTests {
    @Test(arguments: [
        (["forecast", "run", "--horizon", "7x"], "'7x' is not a length of time: use a whole number with s, m, h, d or w (e.g. 48h, 7d, 8w)"),
        (["forecast", "run", "--horizon", "0d"], "'0d' is not a length of time"),
        (["forecast", "run", "--quantiles", "0.5,1.2"], "--quantiles: '1.2' is not a level strictly between 0 and 1"),
        (["forecast", "run", "--quantiles", "0.5,,0.9"], "--quantiles: '' is not a level strictly between 0 and 1"),
        (["forecast", "run", "--quantiles", " "], "--quantiles: give at least one level"),
        (["forecast", "run", "--origins", "0"], "--origins must be between 1 and 20, not 0"),
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) {
        #expect {
            _ = try Headroom.parseAsRoot(arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
    }

    @Test func emptyDatabaseIsExplained() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "headroom-fr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var command = try Headroom.parseAsRoot(["forecast", "run", "--db", directory.appending(path: "d.sqlite").path()])
        #expect {
            try command.run()
        } throws: { error in
            "\(error)".hasPrefix("no traffic is stored yet")
        }
    }
}
