import Config
import Foundation
import GRDB
@testable import HeadroomCLI
import Store
import Testing

@Suite struct PlanCommandTests {
    @Test func badConfigurationIsNamedWithItsKeyPathAndStoresNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "headroom-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appending(path: "d.sqlite").path()
        let config = directory.appending(path: "bad.yaml").path()
        let example = ConfigurationReader.exampleText
        #expect(example.contains("horizon: 48h"))
        try example.replacingOccurrences(of: "horizon: 48h", with: "horizon: -2h")
            .write(toFile: config, atomically: true, encoding: .utf8)
        var command = try Headroom.parseAsRoot(["plan", "run", "--db", database, "--config", config])
        #expect {
            try command.run()
        } throws: { error in
            "\(error)".hasPrefix("\(config): ") && "\(error)".contains("planning.horizon")
        }
        #expect(try AppDatabase.open(path: database).planRun() == nil)
        var missing = try Headroom.parseAsRoot(["plan", "run", "--db", database, "--config", directory.appending(path: "none.yaml").path()])
        #expect(throws: (any Error).self) { try missing.run() }
    }

    @Test func showNeedsAStoredPlan() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "headroom-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var command = try Headroom.parseAsRoot(["plan", "show", "--db", directory.appending(path: "d.sqlite").path(),
                                                "--model", "chat-8b", "--region", "us-east-1"])
        #expect {
            try command.run()
        } throws: { error in
            "\(error)" == "no plan is stored yet: run `headroom plan run` first"
        }
    }

    @Test(arguments: [
        (["plan", "show", "--region", "us-east-1"], "Missing expected argument '--model <model>'"),
        (["plan", "show", "--model", "m", "--region", "r", "--format", "xml"], "The value 'xml' is invalid for '--format <format>'"),
        (["plan", "show", "--model", "m", "--region", "r", "--plan", "x"], "The value 'x' is invalid for '--plan <plan>'"),
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) {
        #expect {
            _ = try Headroom.parseAsRoot(arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
    }
}
