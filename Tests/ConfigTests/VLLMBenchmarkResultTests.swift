#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Config
import Planning
import Testing

/// `headroom profile import`: points from `vllm bench serve --save-result` files.
@Suite struct VLLMBenchmarkResultTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/vllm")

    func point(_ json: String) -> Result<TokenPoint, ConfigurationError> {
        Result { () throws(ConfigurationError) in try VLLMBenchmarkResult.point(Data(json.utf8), file: "run.json") }
    }

    func problem(_ json: String) -> String {
        switch point(json) {
        case .success: "no error"
        case .failure(let error): error.description
        }
    }

    @Test func theFixturesGiveTheProfileOfTheIssue() throws {
        var points: [(file: String, point: TokenPoint)] = []
        for concurrency in [64, 8, 32] {
            let file = Self.folder.appendingPathComponent("vllm-concurrency\(concurrency).json").path
            let data = try #require(FileManager.default.contents(atPath: file))
            points.append((file, try VLLMBenchmarkResult.point(data, file: file)))
        }
        let profile = try VLLMBenchmarkResult.profile(points)
        #expect(profile.map(\.concurrency) == [8, 32, 64])
        #expect(profile[0].inputTokensPerSecond == 9_000 && profile[0].outputTokensPerSecond == 1_400)
        #expect(profile[1].ttftP99Milliseconds == 901.7 && profile[1].tpotP99Milliseconds == 44.9)
        #expect(VLLMBenchmarkResult.yaml(profile).hasPrefix("""
            profile:
              - { concurrency: 8, input_tps: 9000, output_tps: 1400, ttft_p99_ms: 350.2, tpot_p99_ms: 28.1 }
            """))
        // The printed block reads back through the configuration, with an slo beside it.
        let block = VLLMBenchmarkResult.yaml(profile, indent: "    ") + "    slo: { ttft_p99_ms: 1000, tpot_p99_ms: 50 }"
        let fleet = try ConfigurationReader.parse(replacing("    max_replicas: 10", with: "    max_replicas: 10\n" + block))
        #expect(fleet.models["chat-8b"]?.tokens?.best?.concurrency == 32)
    }

    @Test func wrongOrMissingKeysAreNamed() {
        let good = #"{"max_concurrency": 8, "duration": 100, "completed": 10, "failed": 0, "total_input_tokens": 1000, "total_output_tokens": 200, "p99_ttft_ms": 300, "p99_tpot_ms": 20}"#
        #expect(problem(good) == "no error")
        #expect(problem(good.replacingOccurrences(of: #""max_concurrency": 8"#, with: #""max_concurrency": null"#))
            == "run.json: 'max_concurrency' is null (run vllm bench serve with --max-concurrency N: one file per concurrency level)")
        #expect(problem(good.replacingOccurrences(of: #""p99_tpot_ms": 20"#, with: #""mean_tpot_ms": 20"#))
            == "run.json: missing key 'p99_tpot_ms' (run vllm bench serve with --percentile-metrics ttft,tpot and --metric-percentiles 99)")
        #expect(problem(good.replacingOccurrences(of: #""duration": 100"#, with: #""duration": "100""#))
            == #"run.json: 'duration' must be a number, got the string "100""#)
        #expect(problem(good.replacingOccurrences(of: #""duration": 100"#, with: #""duration": 0"#))
            == "run.json: 'duration' must be greater than 0, got 0.0")
        #expect(problem(good.replacingOccurrences(of: #""total_input_tokens": 1000"#, with: #""total_input_tokens": -5"#))
            == "run.json: 'total_input_tokens' must be greater than 0, got -5.0")
        #expect(problem(good.replacingOccurrences(of: #""max_concurrency": 8"#, with: #""max_concurrency": 2.5"#))
            == "run.json: 'max_concurrency' must be a whole number of at least 1, got 2.5")
        #expect(problem(good.replacingOccurrences(of: #""failed": 0"#, with: #""failed": 3"#)).hasPrefix("run.json: 3 requests failed"))
        #expect(problem(good.replacingOccurrences(of: #""failed": 0"#, with: #""failed": "none""#))
            == #"run.json: 'failed' must be a number, got the string "none""#)
        #expect(problem("[1, 2]").hasPrefix("run.json: is not a JSON object"))
        #expect(problem("{").hasPrefix("run.json: is not JSON"))
    }

    @Test func twoFilesOfOneConcurrencyAreRefused() throws {
        let a = TokenPoint(concurrency: 8, inputTokensPerSecond: 1, outputTokensPerSecond: 1, ttftP99Milliseconds: 1, tpotP99Milliseconds: 1)
        #expect(throws: ConfigurationError(path: "b.json", reason: "measures concurrency 8 like a.json: give one file per concurrency level")) {
            try VLLMBenchmarkResult.profile([("a.json", a), ("b.json", a)])
        }
    }
}
