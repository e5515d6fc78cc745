import GRDB
@testable import Store
import Testing

@Test func migrationsApplyInOrder() throws {
    let database = try AppDatabase.inMemory()
    #expect(try database.appliedMigrations() == AppDatabase.knownMigrations)
    #expect(AppDatabase.knownMigrations == ["0001_traffic", "0002_forecasts", "0003_plans", "0004_pool_actions",
                                            "0005_access_tokens", "0006_job_runs", "0007_pool_tables",
                                            "0008_job_kinds_in_swift", "0009_pool_events", "0010_tuned_settings", "0011_pulls"])
}

/// 0008 rebuilds job_run without 0006's CHECK on kind (kinds are registered in Swift): the
/// runs stored before stay, with their ids, and the unique scheduled time per kind still holds.
@Test func jobRunsSurviveTheKindCheckGoing() throws {
    let queue = try DatabaseQueue()
    try AppDatabase.migrator.migrate(queue, upTo: "0007_pool_tables")
    let insert = """
        INSERT INTO job_run (id, kind, triggered_by, scheduled_for, status, started_at, finished_at, duration_seconds,
                             detail, holder)
        VALUES (?, ?, 'schedule', 1795500000, 'succeeded', '2026-11-24T02:00:00Z', '2026-11-24T02:01:00Z', 60, 'done', 'h')
        """
    try queue.write { db in
        try db.execute(sql: insert, arguments: [7, "plan"])
        #expect(throws: DatabaseError.self) { try db.execute(sql: insert, arguments: [8, "pull"]) }
    }
    let database = try AppDatabase(queue)
    let runs = try database.jobRuns()
    #expect(runs.map(\.id) == [7])
    #expect(runs.first?.kind.rawValue == "plan" && runs.first?.detail == "done" && runs.first?.durationSeconds == 60)
    try queue.write { db in
        try db.execute(sql: insert, arguments: [8, "pull"])
        #expect(throws: DatabaseError.self) { try db.execute(sql: insert, arguments: [9, "pull"]) }
        #expect(throws: DatabaseError.self) { try db.execute(sql: insert, arguments: [10, ""]) }
        let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'job_run' ORDER BY name")
        #expect(indexes == ["job_run_by_kind", "job_run_scheduled"])
    }
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
