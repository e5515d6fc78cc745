@testable import HeadroomCLI
import Testing

/// `headroom replay-tokens`: bad flags are refused by name before anything is read.
@Suite struct ReplayTokensCommandTests {
    @Test(arguments: [
        (["replay-tokens"], "Missing expected argument '--traffic <traffic>'"),
        (["replay-tokens", "--traffic", "t.csv", "--train-days", "0"], "--train-days 0: must be at least 1"),
        (["replay-tokens", "--traffic", "t.csv", "--history-days", "0"], "--history-days 0: must be at least 1"),
        (["replay-tokens", "--traffic", "t.csv", "--switch", "october"], "--switch 'october': not an RFC 3339 time"),
    ])
    func badFlagsAreNamed(arguments: [String], message: String) {
        #expect {
            _ = try Headroom.parseAsRoot(arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
    }

    @Test func aMissingFileIsNamed() throws {
        let command = try #require(try Headroom.parseAsRoot(["replay-tokens", "--traffic", "/nonexistent/t.csv"]) as? ReplayTokensCommand)
        #expect { try command.run() } throws: { error in "\(error)" == "/nonexistent/t.csv: no such file, or it cannot be read" }
    }
}
