import Foundation
import Ingestion
import Jobs
import Store
import Testing
import Traffic

@Suite struct ForecastJobTests {
    let end = Timestamp.parse("2026-11-24T00:00:00Z")!

    func demoDatabase(weeks: Int = 2) throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        var demo = DemoTraffic(seed: 5, end: end, weeks: weeks)
        demo.profiles = demo.profiles.filter { $0.region == "us-east-1" }
        _ = try TrafficIngestor(database: database).ingestDemo(demo)
        return database
    }

    @Test func forecastsEveryStoredSeriesAndRecordsTheRun() throws {
        let database = try demoDatabase()
        var job = ForecastJob()
        job.horizonSeconds = 86_400
        job.historySeconds = 14 * 86_400
        let run = try job.run(on: database)
        #expect(run.forecasts.count == 11)
        #expect(run.levels == [0.025, 0.1, 0.5, 0.9, 0.95, 0.975, 0.99])
        for forecast in run.forecasts {
            #expect(forecast.model != nil, "\(forecast.series.key): \(forecast.error ?? "")")
            #expect(forecast.point.count == 288)
            #expect(forecast.start == end, "forecasts start where history ends")
            #expect(forecast.backtestMASE.map { $0.isFinite && $0 > 0 } == true)
            for (point, quantiles) in zip(forecast.point, forecast.quantiles) {
                #expect(point.isFinite && point >= 0)
                #expect(quantiles.count == 7)
                #expect(zip(quantiles, quantiles.dropFirst()).allSatisfy { $0 <= $1 + 1e-9 }, "no crossing")
                #expect(quantiles.allSatisfy { $0 >= 0 && $0.isFinite })
            }
        }
        #expect(try database.latestForecastRun() == run)
    }

    @Test func beatsSeasonalNaiveOnDemoTraffic() throws {
        let database = try demoDatabase(weeks: 3)
        var job = ForecastJob()
        job.horizonSeconds = 86_400
        let run = try job.run(on: database)
        let chosen = run.forecasts.compactMap(\.backtestMASE).reduce(0, +)
        let naive = run.forecasts.compactMap(\.seasonalNaiveMASE).reduce(0, +)
        #expect(chosen < 0.9 * naive)
    }

    @Test func refusesAnEmptyDatabase() throws {
        let database = try AppDatabase.inMemory()
        #expect(throws: ForecastJobError.noSeries) { try ForecastJob().run(on: database) }
        #expect(try database.latestForecastRun() == nil)
    }

    @Test func invalidOptionsStoreNothing() throws {
        let database = try demoDatabase(weeks: 1)
        var job = ForecastJob()
        job.options.levels = [1.5]
        #expect(throws: ForecastJobError.self) { try job.run(on: database) }
        #expect(try database.latestForecastRun() == nil)
    }
}

@Suite struct ForecastJobGridTests {
    @Test func seriesEndingAtDifferentTimesAreEachForecastFromTheirOwnEnd() throws {
        let database = try AppDatabase.inMemory()
        let end = Timestamp.parse("2026-11-24T00:00:00Z")!
        var early = DemoTraffic(seed: 1, end: end - 10 * 86_400, weeks: 2)
        early.profiles = early.profiles.filter { $0.model == "chat-8b" && $0.region == "us-east-1" }
        var late = DemoTraffic(seed: 2, end: end, weeks: 2)
        late.profiles = late.profiles.filter { $0.model == "embed-small" && $0.region == "us-east-1" }
        _ = try TrafficIngestor(database: database).ingestDemo(early)
        _ = try TrafficIngestor(database: database).ingestDemo(late)
        var job = ForecastJob()
        job.horizonSeconds = 3_600
        let run = try job.run(on: database)
        #expect(run.forecasts.allSatisfy { $0.model != nil })
        #expect(run.forecasts.filter { $0.series.key.model == "chat-8b" }.allSatisfy { $0.start == end - 10 * 86_400 })
        #expect(run.forecasts.filter { $0.series.key.model == "embed-small" }.allSatisfy { $0.start == end })
    }
}

@Suite struct ForecastJobShortHistoryTests {
    /// Two weeks stored, the default eight-week history window: the series is fitted on the two
    /// weeks it has, not on six weeks of padding, so its bands stay near the point forecast.
    @Test func aHistoryShorterThanTheWindowIsNotPadded() throws {
        let database = try AppDatabase.inMemory()
        var demo = DemoTraffic(seed: 4, end: Timestamp.parse("2026-11-24T00:00:00Z")!, weeks: 2)
        demo.profiles = demo.profiles.filter { $0.model == "code-70b" && $0.region == "eu-west-1" }
        _ = try TrafficIngestor(database: database).ingestDemo(demo)
        var job = ForecastJob()
        job.horizonSeconds = 86_400
        let run = try job.run(on: database)
        let requests = try #require(run.forecasts.first { $0.series.key.metric == .requests })
        let mase = try #require(requests.backtestMASE)
        let naive = try #require(requests.seasonalNaiveMASE)
        #expect(mase < naive)
        let q975 = try #require(run.levels.firstIndex(of: 0.975))
        for (point, quantiles) in zip(requests.point, requests.quantiles) where point > 20 {
            #expect(quantiles[q975] < 3 * point, "the 97.5% band stays within 3x the point forecast")
        }
    }
}
