import Foundation
@testable import HeadroomCLI
import Store
import Testing

@Test func migrateCreatesTheSchema() async throws {
    let directory = FileManager.default.temporaryDirectory.appending(path: "headroom-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appending(path: "db.sqlite").path()
    let command = try #require(try Headroom.parseAsRoot(["migrate", "--db", path]) as? MigrateCommand)
    try command.run()
    #expect(try AppDatabase.open(path: path).appliedMigrations() == AppDatabase.knownMigrations)
}
