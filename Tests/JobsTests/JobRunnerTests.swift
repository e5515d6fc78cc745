import Config
import Foundation
import Ingestion
import Jobs
import Scheduling
import Store
import TestSupport
import Testing
import Traffic

@Suite(.serialized, .timeLimit(.minutes(2))) struct JobRunnerTests {
    let end = Timestamp.parse("2026-11-24T00:00:00Z")!

    func runner(_ database: AppDatabase, at now: Date) throws -> JobRunner {
        var forecast = ForecastJob()
        forecast.horizonSeconds = 2 * 86_400
        return JobRunner(database: database, configuration: try ConfigurationReader.example(),
                         configurationText: ConfigurationReader.exampleText, forecast: forecast,
                         clock: ManualClock(now: now), holder: "test")
    }

    @Test func runsTheRealJobsAndRecordsWhatTheyMade() async throws {
        let database = try AppDatabase.inMemory()
        var demo = DemoTraffic(seed: 3, end: end, weeks: 2)
        demo.profiles = demo.profiles.filter { $0.region == "us-east-1" && ["chat-8b", "batch-summarize"].contains($0.model) }
        _ = try TrafficIngestor(database: database).ingestDemo(demo)
        let runner = try runner(database, at: Date(timeIntervalSince1970: Double(end + 8 * 3_600)))
        let forecast = try await runner.runToEnd(.forecast, trigger: .cli)
        #expect(forecast.status == .succeeded && forecast.trigger == .cli && forecast.scheduledFor == nil)
        #expect(forecast.detail?.hasPrefix("forecast run 1: ") == true)
        #expect((forecast.durationSeconds ?? -1) > 0)
        let plan = try await runner.runToEnd(.plan, trigger: .api)
        #expect(plan.status == .succeeded && plan.trigger == .api)
        #expect(plan.detail?.hasPrefix("plan run 1 from forecast run 1: ") == true)
        let execution = try await runner.start(.execute, trigger: .api)
        #expect(execution.started.status == .running)
        let executed = try await execution.finished()
        #expect(executed.status == .succeeded, "\(executed.error ?? "")")
        #expect(executed.detail?.contains("actions applied towards plan run 1") == true)
        #expect(try database.jobRuns().map(\.kind) == [.execute, .plan, .forecast])
    }

    @Test func aFailingJobIsRecordedWithItsMessage() async throws {
        let database = try AppDatabase.inMemory()
        let runner = try runner(database, at: Date(timeIntervalSince1970: Double(end)))
        let forecast = try await runner.runToEnd(.forecast, trigger: .api)
        #expect(forecast.status == .failed)
        #expect(forecast.error == ForecastJobError.noSeries.description)
        let execute = try await runner.runToEnd(.execute, trigger: .cli)
        #expect(execute.error == "no plan is stored yet: run `headroom plan run` first")
        #expect(try database.acquireLease("execute", holder: "other", at: Date(timeIntervalSince1970: Double(end)), seconds: 1),
                "a failed run releases its lease")
    }

    @Test func aRunningJobRefusesASecondStart() async throws {
        let database = try AppDatabase.inMemory()
        let gate = Gate(open: false)
        let runner = JobRunner(database: database, clock: ManualClock(now: Date(timeIntervalSince1970: Double(end))),
                               holder: "test", work: gate.work())
        let execution = try await runner.start(.forecast, trigger: .api)
        await #expect(throws: JobRunRefused.self) { try await runner.start(.forecast, trigger: .api) }
        await #expect(throws: JobRunRefused.self) { try await runner.runToEnd(.forecast, trigger: .cli) }
        gate.open()
        #expect(try await execution.finished().status == .succeeded)
        #expect(try database.jobRuns().count == 1)
    }
}

@Suite struct JobRunnerRecordingTests {
    let now = Date(timeIntervalSince1970: 1_795_485_600)

    @Test func recordingReturnsTheJobsOwnResult() throws {
        let database = try AppDatabase.inMemory()
        let runner = JobRunner(database: database, clock: ManualClock(now: now), holder: "cli", work: Gate(open: true).work())
        let value = try runner.recording(.plan, trigger: .cli, detail: { "made \($0)" }) { 42 }
        #expect(value == 42)
        #expect(try database.jobRuns().first?.detail == "made 42")
        #expect(throws: PlanJobError.noForecast) {
            try runner.recording(.plan, trigger: .cli, detail: { (_: Int) in "" }) { throw PlanJobError.noForecast }
        }
        let failed = try #require(try database.jobRuns().first)
        #expect(failed.status == .failed && failed.trigger == .cli && failed.error == PlanJobError.noForecast.description)
    }
}
