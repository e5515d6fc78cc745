import ArgumentParser
import Store

/// `headroom migrate`: create or upgrade the database schema, then list the applied migrations.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or upgrade the database schema (also done by every command at start-up)."
    )

    @OptionGroup var database: DatabaseOption

    func run() throws {
        let store = try database.open()
        for name in try store.appliedMigrations() {
            print("applied \(name)")
        }
    }
}
