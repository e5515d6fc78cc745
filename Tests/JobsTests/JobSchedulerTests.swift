import Foundation
import Jobs
import Scheduling
import Store
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(2))) struct JobSchedulerTests {
    /// The default schedule without the hourly pull (these tests follow the nightly chain).
    static var withoutPull: JobSchedule {
        JobSchedule(timeZone: .gmt, jobs: JobCatalog.defaultSchedule.entries.filter { $0.kind != .pull }.map { ($0.kind, $0.cron) })
    }

    func scheduler(_ database: AppDatabase, clock: ManualClock, gate: Gate, holder: String = "a", events: Events = Events(),
                   schedule: JobSchedule = Self.withoutPull, failing: Set<JobKind> = []) -> JobScheduler {
        let runner = JobRunner(database: database, clock: clock, holder: holder, work: gate.work(failing: failing))
        return JobScheduler(schedule: schedule, runner: runner, shutdownGraceSeconds: 30, onEvent: events.record)
    }

    @Test func runsTheJobsAtTwoInOrder() async throws {
        let database = try AppDatabase.inMemory()
        let clock = ManualClock(now: date("2026-11-24T01:00:00Z"))
        let gate = Gate(open: true)
        let task = Task { await scheduler(database, clock: clock, gate: gate, failing: [.plan]).run() }
        #expect(await clock.sleepers() == [date("2026-11-24T02:00:00Z")])
        #expect(try database.jobRuns().isEmpty)
        clock.advance(to: date("2026-11-24T02:00:00Z"))
        #expect(await clock.sleepers() == [date("2026-11-25T02:00:00Z")])
        let runs = try database.jobRuns().reversed()
        #expect(runs.map(\.kind) == [.forecast, .plan, .execute])
        #expect(runs.map(\.status) == [.succeeded, .failed, .succeeded])
        #expect(runs.allSatisfy { $0.trigger == .schedule && $0.scheduledFor == date("2026-11-24T02:00:00Z") })
        #expect(runs.map(\.error) == [nil, ForecastJobError.noSeries.description, nil])
        #expect(runs.first?.detail == "forecast done")
        #expect(gate.ran == [.forecast, .plan, .execute])
        task.cancel()
        await task.value
    }

    /// A pull that fails (Prometheus down) is recorded as failed, and the forecast due with it
    /// still runs on what is stored.
    @Test func aFailedPullLeavesTheChainRunning() async throws {
        let database = try AppDatabase.inMemory()
        let clock = ManualClock(now: date("2026-11-24T01:00:00Z"))
        let gate = Gate(open: true)
        let nightly = try CronExpression(parsing: "0 2 * * *")
        let schedule = JobSchedule(timeZone: .gmt, jobs: [(.pull, nightly), (.forecast, nightly)])
        let task = Task { await scheduler(database, clock: clock, gate: gate, schedule: schedule, failing: [.pull]).run() }
        #expect(await clock.sleepers() == [date("2026-11-24T02:00:00Z")])
        clock.advance(to: date("2026-11-24T02:00:00Z"))
        #expect(await clock.sleepers() == [date("2026-11-25T02:00:00Z")])
        let runs = try database.jobRuns().reversed()
        #expect(runs.map(\.kind) == [.pull, .forecast] && runs.map(\.status) == [.failed, .succeeded])
        task.cancel()
        await task.value
    }

    /// On Sundays the weekly tune runs too, after the forecast and before the plan.
    @Test func onSundaysTheTuneRunsBetweenForecastAndPlan() async throws {
        let database = try AppDatabase.inMemory()
        let clock = ManualClock(now: date("2026-11-29T01:00:00Z"))
        let gate = Gate(open: true)
        let task = Task { await scheduler(database, clock: clock, gate: gate).run() }
        #expect(await clock.sleepers() == [date("2026-11-29T02:00:00Z")])
        clock.advance(to: date("2026-11-29T02:00:00Z"))
        #expect(await clock.sleepers() == [date("2026-11-30T02:00:00Z")])
        #expect(gate.ran == [.forecast, .tune, .plan, .execute])
        clock.advance(to: date("2026-11-30T02:00:00Z"))
        #expect(await clock.sleepers() == [date("2026-12-01T02:00:00Z")])
        #expect(gate.ran == [.forecast, .tune, .plan, .execute, .forecast, .plan, .execute], "Monday: no tune")
        task.cancel()
        await task.value
    }

    /// A store failure when a run starts is retried, and the jobs after it wait (a plan never
    /// starts without its forecast).
    @Test func aStoreFailureIsRetriedAndTheNextJobWaits() async throws {
        let database = try AppDatabase.inMemory()
        let clock = ManualClock(now: date("2026-11-24T01:00:00Z"))
        let gate = Gate(open: true)
        let events = Events()
        let task = Task { await scheduler(database, clock: clock, gate: gate, events: events).run() }
        #expect(await clock.sleepers() == [date("2026-11-24T02:00:00Z")])
        try await database.writer.write { try $0.execute(sql: "ALTER TABLE job_run RENAME TO job_run_away") }
        clock.advance(to: date("2026-11-24T02:00:00Z"))
        #expect(await clock.sleepers() == [date("2026-11-24T02:00:10Z")])
        #expect(gate.ran.isEmpty)
        #expect(events.all.contains { if case .storeFailed = $0 { true } else { false } })
        try await database.writer.write { try $0.execute(sql: "ALTER TABLE job_run_away RENAME TO job_run") }
        clock.advance(to: date("2026-11-24T02:00:10Z"))
        #expect(await clock.sleepers() == [date("2026-11-25T02:00:00Z")])
        #expect(gate.ran == [.forecast, .plan, .execute])
        task.cancel()
        await task.value
    }

    @Test func threeDaysDownAreCaughtUpOnce() async throws {
        let database = try AppDatabase.inMemory()
        let before = date("2026-11-21T02:00:00Z")
        for kind in JobCatalog.kinds where kind != .tune && kind != .pull {  // tune never ran: it counts from the start
            let run = try database.startJobRun(kind, trigger: .schedule, scheduledFor: before, holder: "old", at: before, leaseSeconds: 60)
            try database.finishJobRun(id: run.id, error: nil, detail: nil, durationSeconds: 1, at: before)
        }
        let clock = ManualClock(now: date("2026-11-24T09:00:00Z"))
        let gate = Gate(open: true)
        let task = Task { await scheduler(database, clock: clock, gate: gate).run() }
        #expect(await clock.sleepers() == [date("2026-11-25T02:00:00Z")])
        let caughtUp = try database.jobRuns(limit: 3).reversed()
        #expect(caughtUp.map(\.kind) == [.forecast, .plan, .execute])
        #expect(caughtUp.allSatisfy { $0.trigger == .catchUp && $0.scheduledFor == date("2026-11-24T02:00:00Z") })
        #expect(gate.ran == [.forecast, .plan, .execute], "one run each for the three missed nights")
        clock.advance(to: date("2026-11-25T02:00:00Z"))
        #expect(await clock.sleepers() == [date("2026-11-26T02:00:00Z")])
        #expect(try database.jobRuns(limit: 3).allSatisfy { $0.trigger == .schedule })
        task.cancel()
        await task.value
    }

    /// Two schedulers (two processes) on one database file: each job runs once, and the second
    /// scheduler waits for the forecast running on the first instead of planning before it ends.
    @Test func twoSchedulersOnOneDatabaseDoNotRunAJobTwice() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        let clock = ManualClock(now: date("2026-11-24T01:00:00Z"))
        let gate = Gate(open: false)
        let events = Events()
        let first = scheduler(try file.open(), clock: clock, gate: gate, holder: "a", events: events)
        let second = scheduler(try file.open(), clock: clock, gate: gate, holder: "b", events: events)
        let tasks = [Task { await first.run() }, Task { await second.run() }]
        #expect(await clock.sleepers(atLeast: 2).count == 2)
        clock.advance(to: date("2026-11-24T02:00:00Z"))
        // One holds the forecast (waiting at the gate); the other is refused and retries in 10 s.
        #expect(await clock.sleepers() == [date("2026-11-24T02:00:10Z")])
        #expect(events.all.contains { if case .refused(let due, .running) = $0 { due.kind == .forecast } else { false } })
        #expect(gate.ran.isEmpty)
        gate.open()
        #expect(await clock.sleepers(atLeast: 2) == [date("2026-11-24T02:00:10Z"), date("2026-11-25T02:00:00Z")])
        clock.advance(to: date("2026-11-24T02:00:10Z"))
        #expect(await clock.sleepers(atLeast: 2) == [date("2026-11-25T02:00:00Z"), date("2026-11-25T02:00:00Z")])
        let runs = try file.open().jobRuns().reversed()
        #expect(runs.map(\.kind) == [.forecast, .plan, .execute])
        #expect(runs.allSatisfy { $0.status == .succeeded })
        #expect(gate.ran == [.forecast, .plan, .execute])
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    @Test func shutdownLetsTheRunningJobFinishWithinTheGrace() async throws {
        let database = try AppDatabase.inMemory()
        let clock = ManualClock(now: date("2026-11-24T01:59:00Z"))
        let gate = Gate(open: false)
        let events = Events()
        let task = Task { await scheduler(database, clock: clock, gate: gate, events: events).run() }
        _ = await clock.sleepers()
        clock.advance(to: date("2026-11-24T02:00:00Z"))
        await events.wait(for: 1)
        task.cancel()
        #expect(await clock.sleepers() == [date("2026-11-24T02:00:30Z")], "the grace period")
        gate.open()
        await task.value
        let runs = try database.jobRuns()
        #expect(runs.map(\.kind) == [.forecast], "no job starts after shutdown began")
        #expect(runs.first?.status == .succeeded)
    }

    @Test func shutdownInterruptsAJobThatOutlastsTheGrace() async throws {
        let database = try AppDatabase.inMemory()
        let clock = ManualClock(now: date("2026-11-24T01:59:00Z"))
        let gate = Gate(open: false)
        let events = Events()
        let task = Task { await scheduler(database, clock: clock, gate: gate, events: events).run() }
        _ = await clock.sleepers()
        clock.advance(to: date("2026-11-24T02:00:00Z"))
        await events.wait(for: 1)
        task.cancel()
        _ = await clock.sleepers()
        clock.advance(by: 30)
        await task.value
        let run = try #require(try database.jobRuns().first)
        #expect(run.status == .interrupted && run.kind == .forecast)
        #expect(run.error == "shutdown: the job did not finish within the 30 s grace period")
        #expect(run.durationSeconds == 30)
        #expect(events.all.last == .interrupted(run))
        #expect(try database.acquireLease("forecast", holder: "next", at: clock.now(), seconds: 60), "the lease is released")
        gate.open()
    }

    @Test func aDisabledScheduleRunsNothingAndStopsWhenCancelled() async throws {
        let database = try AppDatabase.inMemory()
        let clock = ManualClock(now: date("2026-11-24T01:00:00Z"))
        var schedule = JobCatalog.defaultSchedule
        schedule.enabled = false
        let task = Task { await scheduler(database, clock: clock, gate: Gate(open: true), schedule: schedule).run() }
        #expect(await clock.sleepers() == [.distantFuture])
        clock.advance(to: date("2026-11-30T00:00:00Z"))
        task.cancel()
        await task.value
        #expect(try database.jobRuns().isEmpty)
    }
}
