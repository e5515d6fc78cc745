import Config
import Foundation
import GRDB
import Ingestion
@testable import Jobs
import Planning
import Simulation
import Store
import Testing
import Traffic
import Vocabulary

/// `headroom tune`'s job: each interactive model tuned on its own stored history, the settings
/// stored with their evidence, and plans made with them.
@Suite struct TuneJobTests {
    let end = Timestamp.parse("2026-11-24T00:00:00Z")!

    /// 10 days of demo traffic of chat-8b in us-east-1 (enough for 2 replayed days after 7 of training).
    func database(weeks: Int = 2) throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        var demo = DemoTraffic(seed: 9, end: end, weeks: weeks)
        demo.profiles = demo.profiles.filter { $0.region == "us-east-1" && $0.model == "chat-8b" }
        _ = try TrafficIngestor(database: database).ingestDemo(demo)
        return database
    }

    @Test func tunesEachModelWithHistoryAndPlansWithTheTunedSettings() throws {
        let database = try database()
        let fleet = try ConfigurationReader.example()
        let outcome = try TuneJob(configuration: fleet, days: 2, maxReplays: 6).run(on: database)
        let tuning = try #require(outcome.tunings.first)
        #expect(outcome.tunings.count == 1 && tuning.model == "chat-8b" && tuning.region == "us-east-1")
        #expect(tuning.status == .tuned, "\(tuning)")
        #expect(tuning.servedFraction >= 0.999 && tuning.sloServed == 0.999)
        #expect(SettingsTuning.floorQuantiles.contains(tuning.quantile))
        #expect(tuning.utilization > 0 && tuning.utilization <= 1)
        #expect(tuning.replays <= 18 && tuning.costUSD > 0)
        #expect(tuning.replayEnd == end && tuning.replayStart == end - 2 * 86_400)
        #expect(tuning.trainDays == 12)
        if let floor = tuning.floorCostUSD { #expect(tuning.costUSD >= floor * 0.999) }
        // Interactive models without traffic are skipped with their reason; batch ones not tried.
        #expect(outcome.skipped.map(\.description).contains("chat-8b/eu-west-1: no requests stored for it"))
        #expect(!outcome.skipped.contains { $0.key.model == "batch-summarize" })
        #expect(outcome.detail.hasPrefix("tune run \(outcome.run.id): 1 of 1 model regions tuned to their slo_served; skipped "))
        // Stored, with its evidence.
        let latest = try database.latestTunedSettings()
        #expect(latest.count == 1 && latest[0].setting == TuneJob.record(tuning).with(run: outcome.run.id))

        // Plans use them, and say so; the others say why they are configured.
        var forecast = ForecastJob()
        forecast.horizonSeconds = 86_400
        _ = try forecast.run(on: database)
        let plan = try PlanJob(configuration: fleet, configurationText: "").run(on: database).plan
        let chat = try #require(plan.models.first { $0.model == "chat-8b" && $0.region == "us-east-1" })
        let settings = try #require(chat.settings)
        #expect(settings.source == .tuned)
        #expect(settings.quantile == tuning.quantile && chat.quantile == tuning.quantile)
        #expect(settings.targetUtilization == tuning.utilization)
        #expect(settings.note?.contains("served ") == true && settings.note?.contains("slo_served 99.900 %") == true)
        // The same forecast planned without tuning: configured settings, a different plan.
        try database.writer.write { try $0.execute(sql: "DELETE FROM tune_run") }
        let configured = try PlanJob(configuration: fleet, configurationText: "").run(on: database).plan
        let untuned = try #require(configured.models.first { $0.model == "chat-8b" && $0.region == "us-east-1" })
        #expect(untuned.settings == PlanSettings.configured(fleet.models["chat-8b"]!, note: untuned.settings?.note))
        #expect(untuned.settings?.note?.hasPrefix("not tuned yet") == true)
        #expect(untuned.quantile == 0.95 && untuned.plannedRequestsPerSecond != chat.plannedRequestsPerSecond)
    }

    /// The newest tune that reached no setting leaves the configured settings, with why.
    @Test func anUnreachedTuneKeepsTheConfiguredSettings() throws {
        let fleet = try ConfigurationReader.example()
        let record = TunedSettingRecord(
            model: "chat-8b", region: "us-east-1", status: "unreached", sloServed: 0.999, quantile: 0.9, utilization: 0.1,
            servedFraction: 0.9981, costUSD: 900, reactiveUtilization: 0.1, reactiveServedFraction: 0.997,
            reactiveReached: false, reactiveCostUSD: 1000, floorCostUSD: 500, replays: 6, replayStart: end - 86_400,
            replayEnd: end, trainDays: 7)
        let settings = TuneJob.planSettings([(record, "2026-11-24T02:00:00Z")], configuration: fleet)
        let chat = try #require(settings[.init(model: "chat-8b", region: "us-east-1")])
        #expect(chat.source == .configured && chat.quantile == 0.95 && chat.targetUtilization == 0.65)
        #expect(chat.note == "the tune of 2026-11-24T02:00:00Z reached no setting serving 99.900 % (best 99.810 % at q0.9, utilisation 0.100)")
        var tuned = record
        tuned.status = "tuned"
        let used = try #require(TuneJob.planSettings([(tuned, "2026-11-24T02:00:00Z")], configuration: fleet)[.init(model: "chat-8b", region: "us-east-1")])
        #expect(used.source == .tuned && used.quantile == 0.9 && used.targetUtilization == 0.1)
        // Tuned for another target than the profile's now: configured, with why.
        var looser = tuned
        looser.sloServed = 0.99
        let stale = try #require(TuneJob.planSettings([(looser, "2026-11-24T02:00:00Z")], configuration: fleet)[.init(model: "chat-8b", region: "us-east-1")])
        #expect(stale.source == .configured && stale.note?.contains("slo_served is now 99.900 %") == true)
        #expect(used.note == "tuned 2026-11-24T02:00:00Z on 1 days as the floor under a reactive correction at the same "
            + "utilisation: served 99.810 % (slo_served 99.900 %), 900 USD, 1.800x the hindsight floor")
    }

    /// Not enough history anywhere: the reasons, and nothing stored.
    @Test func withoutEnoughHistoryNothingIsStored() throws {
        let database = try database(weeks: 1)
        let fleet = try ConfigurationReader.example()
        #expect {
            try TuneJob(configuration: fleet, days: 14).run(on: database)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("nothing to tune, nothing stored: chat-8b/us-east-1: 7 whole days of requests stored; "
                + "21 needed (14 replayed after at least 7 of training); chat-8b/eu-west-1: no requests stored for it; ")
        }
        #expect(throws: TuneJobError.invalidDays(0)) { try TuneJob(configuration: fleet, days: 0).run(on: database) }
        #expect(try database.latestTunedSettings().isEmpty)
        #expect(try database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM tune_run") } == 0)
    }
}

extension TunedSettingRecord {
    func with(run id: Int64) -> TunedSettingRecord {
        var record = self
        record.tuneRunID = id
        return record
    }
}
