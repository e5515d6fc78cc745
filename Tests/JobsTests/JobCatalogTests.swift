import Foundation
import Jobs
import Scheduling
import Store
import Testing

/// Each job is registered once, in ``JobCatalog``; what the scheduler, the configuration, the
/// metrics and the REST routes know of jobs comes from there.
@Suite struct JobCatalogTests {
    @Test func theCatalogHoldsTheJobsInRunOrder() {
        #expect(JobCatalog.kinds == [.pull, .forecast, .tune, .plan, .execute])
        #expect(JobCatalog.jobs.map(\.scheduleKey) == ["pull", "forecast", "tune", "plan", "execute"])
        #expect(JobCatalog.jobs.map(\.metricsLabel) == ["pull", "forecast", "tune", "plan", "execute"])
        #expect(JobCatalog.jobs.allSatisfy { $0.startableOverREST })
        #expect(JobCatalog.defaultSchedule.kinds == JobCatalog.kinds)
        #expect(JobCatalog.defaultSchedule.entries.map(\.cron.text) == ["7 * * * *", "0 2 * * *", "0 2 * * 0", "0 2 * * *", "0 2 * * *"])
        #expect(JobCatalog.job(named: "plan")?.kind == .plan)
        #expect(JobCatalog.job(named: "train") == nil && JobCatalog.job(named: "Plan") == nil)
    }

    /// The `job_run` table takes any kind name: a kind nobody registered is refused here, before
    /// anything is recorded or leased.
    @Test func anUnregisteredKindIsRefusedBeforeItIsRecorded() async throws {
        let database = try AppDatabase.inMemory()
        let runner = JobRunner(database: database) { _, _ in "ran" }
        await #expect(throws: UnknownJobKind(kind: "train")) { try await runner.runToEnd("train", trigger: .cli) }
        await #expect(throws: UnknownJobKind(kind: "train")) { try await runner.start("train", trigger: .api) }
        #expect(try database.jobRuns().isEmpty)
        #expect(UnknownJobKind(kind: "train").description == "there is no job 'train': the jobs are pull, forecast, tune, plan, execute")
        #expect(try await runner.runToEnd(.plan, trigger: .cli).detail == "ran")
    }

    @Test func kindNamesAreChecked() {
        #expect(JobKind(rawValue: "pull-traffic_2")?.rawValue == "pull-traffic_2")
        for bad in ["", "Plan", "2plan", "plan job", "plan;", String(repeating: "a", count: 65)] {
            #expect(JobKind(rawValue: bad) == nil, "\(bad)")
        }
    }
}
