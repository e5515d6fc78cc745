import ArgumentParser
import Server
import Store

/// `headroom token create|list|revoke`: bearer tokens for the service.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke the service's bearer tokens.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print it once; only its SHA-256 is stored.")

        @OptionGroup var database: DatabaseOption

        @Option(help: "What the token may do: read (GET), write (also POST), admin (also token management).")
        var scope: Scope

        @Option(help: "A name to recognise the token by (1 to 100 characters).")
        var name: String = "cli"

        func validate() throws {
            guard !name.isEmpty, name.count <= 100 else {
                throw ValidationError("--name must be 1 to 100 characters")
            }
        }

        func run() throws {
            let created = try AccessToken.create(scope: scope, name: name, in: database.open())
            print(created.token)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their text).")

        @OptionGroup var database: DatabaseOption

        func run() throws {
            let tokens = try database.open().accessTokens()
            guard !tokens.isEmpty else {
                print("no tokens; make one with `headroom token create --scope read`")
                return
            }
            let rows = [["id", "name", "scope", "created", "revoked"]]
                + tokens.map { ["\($0.id)", $0.name, $0.scope, $0.createdAt, $0.revokedAt ?? "-"] }
            print(TextTable(rows).render())
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id.")

        @OptionGroup var database: DatabaseOption

        @Argument(help: "The token's id (see `headroom token list`).")
        var id: Int64

        func run() throws {
            guard let token = try database.open().revokeAccessToken(id: id) else {
                throw CommandFailure("there is no token \(id); see `headroom token list`")
            }
            print("token \(token.id) (\(token.name), \(token.scope)) revoked at \(token.revokedAt ?? "-")")
        }
    }
}

