import Foundation
import Pull
import Testing
import Traffic

@Suite struct QueryRangeChunksTests {
    @Test func chunksRespectThePointLimitAndAlignToTheStep() {
        // 28 days at 5 minutes: 8,064 steps, one request; a year: 105,120 steps, 10 requests.
        let day: Int64 = 86_400
        let month = QueryRangeChunks.plan(from: 1_700_000_100, to: 1_700_000_100 + 28 * day, step: 300)
        #expect(month.count == 1 && month[0].lowerBound == 1_700_000_100 && month[0].upperBound == 1_700_000_100 + 28 * day)
        let year = QueryRangeChunks.plan(from: 0, to: 365 * day - 1, step: 300)
        #expect(year.count == 10)
        #expect(year.allSatisfy { ($0.upperBound - $0.lowerBound) / 300 + 1 <= 11_000 })
        #expect(zip(year, year.dropFirst()).allSatisfy { $1.lowerBound == $0.upperBound + 300 }, "no step twice, none missed")
        #expect(year.first?.lowerBound == 0 && year.last?.upperBound == 365 * day - 300)
        // Unaligned ends round inwards; nothing when no step lies in between.
        #expect(QueryRangeChunks.plan(from: 301, to: 1_199, step: 300) == [600...900])
        #expect(QueryRangeChunks.plan(from: 301, to: 599, step: 300).isEmpty)
        #expect(QueryRangeChunks.plan(from: 0, to: 900, step: 300, maxPoints: 2) == [0...300, 600...900])
    }
}

@Suite struct QueryRangeResponseTests {
    @Test func decodesAMatrixWithNaNs() throws {
        let body = Data("""
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"model_name":"chat","region":"us-east-1"},"values":[[1700000000,"12.5"],[1700000300,"NaN"],[1700000600.000,"3"]]},
              {"metric":{},"values":[]}]}}
            """.utf8)
        let response = try QueryRangeResponse.decode(body)
        #expect(response.series.count == 2)
        #expect(response.series[0].labels == ["model_name": "chat", "region": "us-east-1"])
        #expect(response.series[0].samples.map(\.time) == [1_700_000_000, 1_700_000_300, 1_700_000_600])
        #expect(response.series[0].samples[0].value == 12.5 && response.series[0].samples[1].value.isNaN)
    }

    /// The one-pass reader takes members in any order, escapes and surrogate pairs in labels,
    /// whitespace, members it does not know (warnings, native histograms), and every float text
    /// Prometheus writes; it refuses truncated or trailing input and samples of another shape.
    @Test func decodesWhatPrometheusMayWrite() throws {
        let body = Data(#"""
             { "data" : { "result" : [ { "values" : [ [ 1.7e9 , "+Inf" ] , [1700000300, "-Inf"], [1700000600, "1e3"] ],
                 "histograms": [[1700000000, {"count": "1", "buckets": [[0, "1", "2", "3"]]}]],
                 "metric" : { "model_name" : "meta-llama/Llama-3.1-8B-Instruct", "q" : "a\"b\\c\u00e9\ud83d\ude80\n" } } ],
               "resultType" : "matrix" }, "warnings": ["PromQL info: x", null, true, false, -1.5e-3],
               "status" : "success" }

            """#.utf8)
        let response = try QueryRangeResponse.decode(body)
        let series = try #require(response.series.first)
        #expect(series.labels == ["model_name": "meta-llama/Llama-3.1-8B-Instruct", "q": "a\"b\\c\u{e9}\u{1F680}\n"])
        #expect(series.samples.map(\.time) == [1_700_000_000, 1_700_000_300, 1_700_000_600])
        #expect(series.samples.map(\.value) == [.infinity, -.infinity, 1_000])
        for bad in [#"{"status":"success","data":{"resultType":"matrix","result":[]}"#,            // truncated
                    #"{"status":"success","data":{"resultType":"matrix","result":[]}} x"#,        // trailing
                    #"{"status":"success","data":{"resultType":"matrix","result":[{"values":[[1,2]]}]}}"#,  // value not a string
                    #"{"status":"success","data":{"resultType":"matrix","result":[{"values":[[1,"2",3]]}]}}"#,
                    #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"\x"}}]}}"#] {
            #expect(throws: QueryRangeResponse.Problem.self, "\(bad)") { try QueryRangeResponse.decode(Data(bad.utf8)) }
        }
        let text = Data(#"{"status":"success","data":{"resultType":"matrix","result":[{"values":[[1,"n/a"]]}]}}"#.utf8)
        #expect(try QueryRangeResponse.decode(text).series[0].samples[0].value.isNaN, "a value that is no float is a gap")
    }

    @Test func prometheusErrorsAreQuoted() {
        let bad = Data(#"{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected end of input"}"#.utf8)
        #expect(throws: QueryRangeResponse.Problem(errorType: "bad_data", message: "1:5: parse error: unexpected end of input")) {
            try QueryRangeResponse.decode(bad)
        }
        #expect("\(QueryRangeResponse.Problem(errorType: "bad_data", message: "x"))" == "Prometheus answered bad_data: x")
        #expect(throws: QueryRangeResponse.Problem.self) { try QueryRangeResponse.decode(Data("<html>".utf8)) }
        let vector = Data(#"{"status":"success","data":{"resultType":"vector","result":[]}}"#.utf8)
        #expect {
            try QueryRangeResponse.decode(vector)
        } throws: { error in
            "\(error)".contains("not a matrix")
        }
    }

    @Test func labelMappings() {
        let labels = ["model_name": "m", "zone": "z"]
        #expect(PrometheusSource.LabelMapping.label("model_name").value(in: labels) == "m")
        #expect(PrometheusSource.LabelMapping.label("region").value(in: labels) == nil)
        #expect(PrometheusSource.LabelMapping.fixed("us-east-1").value(in: labels) == "us-east-1")
    }
}

@Suite struct PulledRowsTests {
    let source = PrometheusSource(
        url: "http://p:9090", step: Step(seconds: 300)!, backfillSeconds: 86_400, timeoutSeconds: 30,
        series: [], modelMap: ["meta-llama/Llama-3.1-8B-Instruct": "chat-8b"])

    @Test func samplesBecomeRowsOnTheStepTheyEnd() {
        let query = PrometheusSource.SeriesQuery(metric: .requests, query: "q", model: .label("model_name"), region: .label("region"))
        let response = QueryRangeResponse(series: [
            .init(labels: ["model_name": "meta-llama/Llama-3.1-8B-Instruct", "region": "us-east-1"],
                  samples: [(1_700_000_100, 120), (1_700_000_400, .nan), (1_700_000_700, 90), (1_700_001_000, -1)]),
            .init(labels: ["model_name": "other", "region": "us-east-1"], samples: [(1_700_000_100, 5)]),
            .init(labels: ["region": "us-east-1"], samples: [(1_700_000_100, 5)]),
        ])
        let pulled = PulledRows.rows(of: response, query: query, source: source, firstLine: 10) { model, region in
            model == "chat-8b" && region == "us-east-1"
        }
        let key = SeriesKey(model: "chat-8b", region: "us-east-1", metric: .requests)
        #expect(pulled.rows == [TrafficRow(key: key, timestamp: 1_699_999_800, value: 120, line: 10),
                                TrafficRow(key: key, timestamp: 1_700_000_400, value: 90, line: 11)])
        #expect(pulled.gaps == 2)
        #expect(pulled.skipped == ["other in us-east-1: not served by the fleet": 1, "no model label in {region=\"us-east-1\"}": 1])
    }

    @Test func aFixedRegion() {
        let query = PrometheusSource.SeriesQuery(metric: .inputTokens, query: "q", model: .label("model_name"), region: .fixed("eu-west-1"))
        let response = QueryRangeResponse(series: [.init(labels: ["model_name": "chat-8b"], samples: [(600, 7)])])
        let pulled = PulledRows.rows(of: response, query: query, source: source) { _, region in region == "eu-west-1" }
        #expect(pulled.rows.map(\.key) == [SeriesKey(model: "chat-8b", region: "eu-west-1", metric: .inputTokens)])
        #expect(pulled.rows.map(\.timestamp) == [300])
    }
}
