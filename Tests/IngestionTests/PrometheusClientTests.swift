import Foundation
import Hummingbird
import HummingbirdTesting
import Ingestion
import Pull
import Synchronization
import Testing
import Traffic

/// The Prometheus client against a fake Prometheus (Hummingbird, live on a loopback port):
/// answers decoded, 4xx quoted and not retried, 5xx retried, then given up with what happened.
@Suite struct PrometheusClientTests {
    static let matrix = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"model_name":"chat-8b"},"values":[[600,"7"]]}]}}"#

    @Test func answersRefusalsAndRetries() async throws {
        let calls = Mutex([String: Int]())
        let router = Router()
        router.post("/ok/api/v1/query_range") { request, _ -> Response in
            calls.withLock { $0["ok", default: 0] += 1 }
            let body = try await request.body.collect(upTo: 1 << 20)
            let form = String(buffer: body)
            guard form.contains("query=sum%28up%29"), form.contains("step=300s"), form.contains("start=600") else {
                return Response(status: .badRequest, body: .init(byteBuffer: ByteBuffer(string: "bad form: \(form)")))
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: Self.matrix)))
        }
        router.post("/bad/api/v1/query_range") { _, _ -> Response in
            calls.withLock { $0["bad", default: 0] += 1 }
            return Response(status: .badRequest, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(
                string: #"{"status":"error","errorType":"bad_data","error":"1:4: parse error: unclosed left parenthesis"}"#)))
        }
        router.post("/flaky/api/v1/query_range") { _, _ -> Response in
            let n = calls.withLock { calls in
                calls["flaky", default: 0] += 1
                return calls["flaky"] ?? 0
            }
            if n < 3 { return Response(status: .serviceUnavailable) }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: Self.matrix)))
        }
        router.post("/down/api/v1/query_range") { _, _ -> Response in
            calls.withLock { $0["down", default: 0] += 1 }
            return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "overloaded")))
        }
        router.post("/moved/api/v1/query_range") { _, _ -> Response in
            calls.withLock { $0["moved", default: 0] += 1 }
            return Response(status: .movedPermanently, headers: [.location: "https://prometheus.example/api/v1/query_range"])
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            func pull(_ path: String) -> PrometheusClient {
                PrometheusClient(source: PrometheusSource(url: "http://127.0.0.1:\(port)/\(path)", step: Step(seconds: 300)!,
                                                          backfillSeconds: 86_400, timeoutSeconds: 5, series: []),
                                 retries: 2, backoff: .milliseconds(10))
            }
            let answer = try await pull("ok").queryRange("sum(up)", range: 600...900)
            #expect(answer.series.first?.samples.first?.value == 7)
            await #expect(throws: PullError.refused(status: 400, message: "1:4: parse error: unclosed left parenthesis")) {
                try await pull("bad").queryRange("sum(up", range: 600...900)
            }
            await #expect(throws: PullError.refused(status: 301, message: "redirected to https://prometheus.example/api/v1/query_range: "
                                                        + "set sources.prometheus.url to where it points")) {
                try await pull("moved").queryRange("sum(up)", range: 600...900)
            }
            let flaky = try await pull("flaky").queryRange("sum(up)", range: 600...900)
            #expect(flaky.series.count == 1)
            await #expect {
                try await pull("down").queryRange("sum(up)", range: 600...900)
            } throws: { error in
                "\(error)" == "no answer after 3 attempts; last: HTTP 503: overloaded"
            }
        }
        #expect(calls.withLock { $0 } == ["ok": 1, "bad": 1, "moved": 1, "flaky": 3, "down": 3])
    }
}
