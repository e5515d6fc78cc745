import GRDB
import Store
import Testing

@Test func migrationsApplyInOrder() throws {
    let database = try AppDatabase.inMemory()
    #expect(try database.appliedMigrations() == AppDatabase.knownMigrations)
    #expect(AppDatabase.knownMigrations == ["0001_traffic", "0002_forecasts", "0003_plans", "0004_pool_actions",
                                            "0005_access_tokens", "0006_job_runs", "0007_pool_tables"])
}

@Test func newerDatabaseIsRefused() throws {
    let queue = try DatabaseQueue()
    _ = try AppDatabase(queue)
    try queue.write { db in
        try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future')")
    }
    #expect(throws: StoreError.newerDatabase(path: nil, unknown: ["9999_from_the_future"])) {
        try AppDatabase(queue)
    }
}
