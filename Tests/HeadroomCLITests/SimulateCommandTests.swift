import Config
import Foundation
import GRDB
@testable import HeadroomCLI
import Store
import Testing

@Suite struct SimulateCommandTests {
    @Test(arguments: [
        (["simulate", "--policy", "hybrid"], "Missing expected argument '--traffic <traffic>'"),
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) {
        #expect {
            _ = try Headroom.parseAsRoot(arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
    }

    @Test func badTrafficAndPolicyAreExplained() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "headroom-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let traffic = directory.appending(path: "t.csv").path()
        try "timestamp,model,region,metric,value\n0,chat-8b,us-east-1,requests,oops\n"
            .write(toFile: traffic, atomically: true, encoding: .utf8)
        var command = try Headroom.parseAsRoot(["simulate", "--traffic", traffic, "--policy", "hybrid"])
        #expect {
            try command.run()
        } throws: { error in
            "\(error)".contains("line 2") && "\(error)".contains("'oops' is not a number")
        }
        #expect {
            var bad = try Headroom.parseAsRoot(["simulate", "--traffic", traffic, "--policy", "sometimes"])
            try bad.run()
        } throws: { error in
            let message = Headroom.message(for: error)
            return message.contains("sometimes") && message.contains("hybrid")
        }
    }
}
