import Config
import Pull
import Testing
import Traffic

/// `sources.prometheus` (issue 14): read whole or refused with the key path and line.
@Suite struct SourcesConfigurationTests {
    func withSources(_ lines: [String]) -> String {
        minimal + "\nsources:\n  prometheus:\n" + lines.map { "    " + $0 }.joined(separator: "\n") + "\n"
    }

    /// The line of the `n`-th line under `prometheus:` (1-based).
    func line(_ n: Int) -> Int { minimal.split(separator: "\n", omittingEmptySubsequences: false).count + 2 + n }

    let series = [
        "series:",
        "  - metric: requests",
        "    query: 'sum by (model_name, region) (increase(vllm:request_success_total[5m]))'",
        "    labels: { model: model_name, region: region }",
        "  - metric: input_tokens",
        "    query: 'sum by (model_name) (increase(vllm:prompt_tokens_total[5m]))'",
        "    labels: { model: model_name }",
        "    fixed: { region: us-east-1 }",
    ]

    @Test func readsASourceWithItsDefaults() throws {
        let configuration = try ConfigurationReader.parseConfiguration(withSources(
            ["url: http://127.0.0.1:9090/", "model_map: { \"meta-llama/Llama-3.1-8B-Instruct\": chat-8b }"] + series))
        let source = try #require(configuration.prometheus)
        #expect(source.url == "http://127.0.0.1:9090")
        #expect(source.step.seconds == 300 && source.backfillSeconds == 28 * 86_400 && source.timeoutSeconds == 30)
        #expect(source.authentication == .none)
        #expect(source.modelMap == ["meta-llama/Llama-3.1-8B-Instruct": "chat-8b"])
        #expect(source.series.map { $0.metric } == [Metric.requests, Metric.inputTokens])
        #expect(source.series[1].model == .label("model_name") && source.series[1].region == .fixed("us-east-1"))
        #expect(try ConfigurationReader.parseConfiguration(minimal).prometheus == nil)
    }

    func problem(_ lines: [String]) -> String {
        do {
            _ = try ConfigurationReader.parseConfiguration(withSources(lines))
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func badValuesAreNamedWithTheirPathAndLine() {
        #expect(problem(["url: 127.0.0.1:9090"] + series)
            == "sources.prometheus.url: must be an http:// or https:// URL such as http://127.0.0.1:9090, got '127.0.0.1:9090' (line \(line(1)))")
        #expect(problem(["url: http://p:9090", "timeout: 0s"] + series)
            == "sources.prometheus.timeout: must be between 1s and 10m, got 0.0 s (line \(line(2)))")
        #expect(problem(["url: http://p:9090", "step: 1m", "backfill: 30s"] + series)
            == "sources.prometheus.backfill: must be at least one step (1m) (line \(line(3)))")
        #expect(problem(["url: http://p:9090", "bearer_token_file: /t", "basic_auth: {username: u, password_file: /p}"] + series)
            .hasPrefix("sources.prometheus.basic_auth: give bearer_token_file or basic_auth, not both"))
        #expect(problem(["url: http://p:9090", "series:", "  - metric: latency", "    query: up", "    labels: {model: m, region: r}"])
            == "sources.prometheus.series[0].metric: must be one of requests, input_tokens, output_tokens, got 'latency' (line \(line(3)))")
        #expect(problem(["url: http://p:9090", "series:", "  - metric: requests", "    query: up", "    labels: {model: m}"])
            .hasPrefix("sources.prometheus.series[0]: says nowhere where the region comes from"))
        #expect(problem(["url: http://p:9090", "series:", "  - metric: requests", "    query: up", "    labels: {model: m, region: r}",
                         "    fixed: {region: us-east-1}"])
            .hasPrefix("sources.prometheus.series[0].fixed.region: 'region' comes from labels.region already"))
        #expect(problem(["url: http://p:9090", "series: []"]) .hasPrefix("sources.prometheus.series: must list at least one query"))
        #expect(problem(["url: http://p:9090", "querys: []"] + series).hasPrefix("sources.prometheus.querys: unknown key 'querys'"))
    }
}
