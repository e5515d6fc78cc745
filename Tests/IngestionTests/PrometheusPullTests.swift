import Foundation
import Hummingbird
import HummingbirdTesting
import Ingestion
import Pull
import Store
import Synchronization
import Testing
import Traffic

/// A pull against a fake Prometheus that answers every step of the asked range: stored once, in
/// one ingest, on the step each sample ends; a second pull at the same time asks for nothing.
@Suite struct PrometheusPullTests {
    /// The fields of a form body (`query=...&start=...`), decoded.
    static func fields(_ form: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in form.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            fields[parts[0]] = parts.count > 1 ? parts[1].removingPercentEncoding : ""
        }
        return fields
    }

    /// The fake's value at evaluation time `t`.
    static func value(_ t: Int64) -> Double { Double((t / 300) % 7) }

    @Test func pullsWhatIsNewOnceAndResumes() async throws {
        let requests = Mutex<[String]>([])
        let router = Router()
        router.post("/api/v1/query_range") { request, _ -> Response in
            let form = String(buffer: try await request.body.collect(upTo: 1 << 20))
            requests.withLock { $0.append(form) }
            let fields = Self.fields(form)
            let start = Int64(fields["start"] ?? "") ?? 0, end = Int64(fields["end"] ?? "") ?? 0
            let values = stride(from: start, through: end, by: 300).map { "[\($0),\"\(Self.value($0))\"]" }.joined(separator: ",")
            let body = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"model_name":"chat","region":"us-east-1"},"values":["#
                + values + #"]},{"metric":{"model_name":"other","region":"us-east-1"},"values":[[\#(start),"1"]]}]}}"#
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let source = PrometheusSource(
                url: "http://127.0.0.1:\(port)", step: Step(seconds: 300)!, backfillSeconds: 2 * 86_400, timeoutSeconds: 5,
                series: [.init(metric: .requests, query: "sum by (model_name, region) (increase(vllm:request_success_total[5m]))",
                               model: .label("model_name"), region: .label("region"))],
                modelMap: ["chat": "chat-8b"])
            let pull = PrometheusPull(source: source, served: ["chat-8b": ["us-east-1"]])
            let database = try AppDatabase.inMemory()
            let now: Int64 = 1_764_547_200 + 1_234  // 2025-12-01T00:20:34Z
            let dry = try await pull.run(on: database, now: now, dryRun: true)
            let lower = (now - 2 * 86_400 + 300 + 299) / 300 * 300, upper = now / 300 * 300
            #expect(dry.planned.first?.range == lower...upper, "aligned to the step")
            let storedAfterDryRun = try database.storedSeries()
            #expect(requests.withLock { $0.isEmpty } && storedAfterDryRun.isEmpty, "a dry run asks and stores nothing")
            let steps = Int((upper - lower) / 300) + 1

            let first = try await pull.run(on: database, now: now)
            #expect(first.rows == steps && first.skipped == ["other in us-east-1: not served by the fleet": 1])
            let series = try #require(try database.storedSeries().first)
            #expect(series.key == SeriesKey(model: "chat-8b", region: "us-east-1", metric: .requests))
            let values = try database.values(of: [series], start: series.first!, step: series.step, count: steps)[0]
            #expect(values == (0..<steps).map { Self.value(series.first! + Int64($0) * 300 + 300) })
            #expect(series.last == now / 300 * 300 - 300, "the last whole step before now")

            // Again at the same time: up to date, nothing asked, nothing stored.
            let asked = requests.withLock { $0.count }
            let again = try await pull.run(on: database, now: now)
            #expect(again.summary == nil && again.planned.first?.range == nil && requests.withLock { $0.count } == asked)
            // An hour later: the twelve new steps only.
            let later = try await pull.run(on: database, now: now + 3_600)
            #expect(later.rows == 12 && later.planned.first?.chunks.count == 1)
        }
    }

    /// A served region Prometheus has nothing for does not send every pull back to the backfill
    /// (the query's watermark says what was asked); a failed pull is recorded, stores nothing and
    /// leaves the watermark, so the next pull catches up.
    @Test func watermarksAndFailedPulls() async throws {
        let failing = Mutex(false)
        let asked = Mutex<[String]>([])
        let router = Router()
        router.post("/api/v1/query_range") { request, _ -> Response in
            let form = String(buffer: try await request.body.collect(upTo: 1 << 20))
            asked.withLock { $0.append(form) }
            if failing.withLock({ $0 }) { return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "down"))) }
            let fields = Self.fields(form)
            let start = Int64(fields["start"] ?? "") ?? 0, end = Int64(fields["end"] ?? "") ?? 0
            let values = stride(from: start, through: end, by: 300).map { "[\($0),\"2\"]" }.joined(separator: ",")
            let body = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"model_name":"chat-8b"},"values":["#
                + values + "]}]}}"
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let source = PrometheusSource(
                url: "http://127.0.0.1:\(port)", step: Step(seconds: 300)!, backfillSeconds: 86_400, timeoutSeconds: 5,
                series: [.init(metric: .requests, query: "sum by (model_name) (increase(vllm:request_success_total[5m]))",
                               model: .label("model_name"), region: .fixed("us-east-1"))])
            let pull = PrometheusPull(source: source, served: ["chat-8b": ["us-east-1", "eu-west-1"]],
                                      client: PrometheusClient(source: source, retries: 1, backoff: .milliseconds(5)))
            let database = try AppDatabase.inMemory()
            let now: Int64 = 1_764_547_200
            let first = try await pull.run(on: database, now: now)
            #expect(first.rows == 288)
            #expect(try database.pullWatermarks(source: pull.sourceName) == [source.series[0].query: now])

            // eu-west-1 has nothing stored, yet the next pull starts after the watermark.
            let next = try pull.plan(on: database, now: now + 600)
            #expect(next.first?.range == (now + 300)...(now + 600))

            failing.withLock { $0 = true }
            await #expect(throws: SourcePullError.self) { try await pull.run(on: database, now: now + 3_600) }
            let points = try database.storedSeries().map(\.last)
            #expect(points == [now - 300], "nothing stored by the failed pull")
            #expect(try database.pullWatermarks(source: pull.sourceName) == [source.series[0].query: now])

            failing.withLock { $0 = false }
            let caughtUp = try await pull.run(on: database, now: now + 3_600)
            #expect(caughtUp.rows == 12 && caughtUp.planned.first?.range == (now + 300)...(now + 3_600))
            let summary = try #require(try database.pullSummaries().first)
            #expect(summary.source == pull.sourceName && summary.samplesStored == 300 && summary.failedPulls == 1
                && summary.lastSeriesSkipped == 0 && summary.lastSuccess != nil)
        }
    }
}
