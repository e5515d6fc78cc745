import ArgumentParser
import Store

/// `--db PATH`: the SQLite file, shared by every command that touches stored data.
struct DatabaseOption: ParsableArguments {
    @Option(name: .customLong("db"), help: "SQLite database file (created if missing).")
    var path: String = "headroom.sqlite"

    /// Opens and migrates the database, turning store errors into a clean CLI failure.
    func open() throws -> AppDatabase {
        do {
            return try AppDatabase.open(path: path)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }
}
