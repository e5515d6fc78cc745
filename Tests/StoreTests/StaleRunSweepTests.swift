import Foundation
import Store
import Testing

/// A run whose process died shows as interrupted on the next read, not `running` until another
/// run of the job starts.
@Suite struct StaleRunSweepTests {
    @Test func aSweepMarksRunsWhoseLeaseExpired() throws {
        let database = try AppDatabase.inMemory()
        let now = Date(timeIntervalSince1970: 1_795_485_600)
        let crashed = try database.startJobRun("forecast", trigger: .api, scheduledFor: nil, holder: "dead",
                                               at: now, leaseSeconds: 60)
        let alive = try database.startJobRun("plan", trigger: .api, scheduledFor: nil, holder: "alive",
                                             at: now.addingTimeInterval(50), leaseSeconds: 60)
        database.sweepStaleJobRuns(at: now.addingTimeInterval(30))
        #expect(try database.jobRun(id: crashed.id)?.status == .running, "its lease holds")
        database.sweepStaleJobRuns(at: now.addingTimeInterval(61))
        let swept = try #require(try database.jobRun(id: crashed.id))
        #expect(swept.status == .interrupted)
        #expect(swept.error?.contains("stopped renewing the lease") == true)
        #expect(try database.jobRun(id: alive.id)?.status == .running)
    }
}
