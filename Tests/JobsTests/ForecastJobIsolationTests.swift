import Foundation
import Ingestion
import Jobs
import Store
import Testing
import Traffic

/// One series that cannot be forecast (a step too fine for the horizon, stored before ingest
/// refused such steps) fails alone, named, and the others are forecast.
@Suite struct ForecastJobIsolationTests {
    @Test func aSeriesTooFineForTheHorizonFailsAloneAndNamed() throws {
        let database = try AppDatabase.inMemory()
        let end = Timestamp.parse("2026-11-24T00:00:00Z")!
        var demo = DemoTraffic(seed: 5, end: end, weeks: 2)
        demo.profiles = demo.profiles.filter { $0.region == "us-east-1" && $0.model == "chat-8b" }
        _ = try TrafficIngestor(database: database).ingestDemo(demo)
        var rows = "timestamp,model,region,metric,value\n"
        for second in 0..<120 { rows += "\(end - 120 + Int64(second)),fine,us-east-1,requests,1\n" }
        _ = try TrafficIngestor(database: database).ingest(
            bytes: Array(rows.utf8), options: IngestOptions(step: Step(seconds: 1), source: "api"))

        let run = try ForecastJob().run(on: database)  // 7 days: 604,800 one-second steps
        let fine = try #require(run.forecasts.first { $0.series.key.model == "fine" })
        #expect(fine.model == nil)
        #expect(fine.error?.contains("its step 1s makes the 604800 s horizon 604800 steps") == true)
        #expect(fine.error?.contains("headroom series delete") == true)
        let others = run.forecasts.filter { $0.series.key.model != "fine" }
        #expect(!others.isEmpty)
        #expect(others.allSatisfy { $0.model != nil && !$0.point.isEmpty })
        let detail = JobRunner.detail(run)
        #expect(detail.contains("1 not forecast (fine/us-east-1/requests: its step 1s"))

        // Deleting it clears the way.
        let deleted = try #require(try database.deleteSeries(SeriesKey(model: "fine", region: "us-east-1", metric: .requests)))
        #expect(deleted.pointsDeleted == 120 && deleted.forecastsDeleted == 1)
        #expect(try database.deleteSeries(SeriesKey(model: "fine", region: "us-east-1", metric: .requests)) == nil)
        #expect(try ForecastJob().run(on: database).forecasts.allSatisfy { $0.error == nil })
    }

    @Test func theIngestStepLimitFollowsTheHorizon() {
        #expect(ForecastJob.finestStepSeconds(horizonSeconds: 7 * 86_400) == 7)
        #expect(ForecastJob.stepProblem(Step(seconds: 7)!) == nil)
        #expect(ForecastJob.stepProblem(Step(seconds: 6)!)?.contains("use a step of 7s or more") == true)
        #expect(ForecastJob.stepProblem(Step(seconds: 1)!, horizonSeconds: 3_600) == nil)
    }
}
