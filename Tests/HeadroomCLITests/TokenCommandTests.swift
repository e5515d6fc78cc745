import ArgumentParser
import Foundation
@testable import HeadroomCLI
import Store
import Testing

@Suite struct TokenCommandTests {
    let database = FileManager.default.temporaryDirectory.appending(path: "headroom-token-\(UUID().uuidString).sqlite").path()

    func run(_ arguments: [String]) throws {
        var command = try Headroom.parseAsRoot(arguments)
        try command.run()
    }

    @Test func createdTokensAreStoredAsHashesAndRevocable() throws {
        try run(["token", "create", "--db", database, "--scope", "write", "--name", "ci"])
        let tokens = try AppDatabase.open(path: database).accessTokens()
        #expect(tokens.count == 1)
        #expect(tokens[0].scope == "write" && tokens[0].name == "ci")
        #expect(tokens[0].sha256.count == 64)
        try run(["token", "revoke", "--db", database, "\(tokens[0].id)"])
        #expect(try AppDatabase.open(path: database).validAccessTokens().isEmpty)
        #expect {
            try run(["token", "revoke", "--db", database, "42"])
        } throws: { "\($0)".contains("there is no token 42") }
    }
}
