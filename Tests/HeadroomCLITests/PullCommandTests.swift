@testable import HeadroomCLI
import Testing

/// `headroom pull`'s times: an offset before now (`-28d`, a value although it starts with a
/// dash) or RFC 3339; bad ones are refused by name.
@Suite struct PullCommandTests {
    @Test func offsetsBeforeNowAreValues() throws {
        let command = try #require(try Headroom.parseAsRoot(["pull", "--from", "-28d", "--to", "-1h"]) as? PullCommand)
        #expect(command.from == "-28d" && command.to == "-1h")
        #expect(try PullCommand.time("-28d", option: "--from", now: 10_000_000) == 10_000_000 - 28 * 86_400)
        #expect(try PullCommand.time("2026-11-01T00:00:00Z", option: "--from", now: 0) == 1_793_491_200)
    }

    @Test(arguments: [
        (["pull", "--from", "yesterday"], "--from 'yesterday': not an RFC 3339 time (2026-11-01T00:00:00Z) or an offset before now (-28d)"),
        (["pull", "--to", "-3x"], "--to '-3x': not an RFC 3339 time"),
        (["pull", "--from", "-1h", "--to", "-2h"], "--from must be before --to"),
        (["pull", "--on-duplicate", "keep"], "The value 'keep' is invalid for '--on-duplicate"),
    ])
    func badTimesAreNamed(arguments: [String], message: String) {
        #expect {
            _ = try Headroom.parseAsRoot(arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
    }
}
