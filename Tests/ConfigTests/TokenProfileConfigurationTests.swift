import Config
import Planning
import Testing

/// `models.<name>.profile` and `models.<name>.slo`: capacity on tokens against TTFT and TPOT.
@Suite struct TokenProfileConfigurationTests {
    static let profile = """
            profile:
              - { concurrency: 8,  input_tps: 9000,  output_tps: 1400, ttft_p99_ms: 350, tpot_p99_ms: 28 }
              - { concurrency: 32, input_tps: 21000, output_tps: 3900, ttft_p99_ms: 900, tpot_p99_ms: 45 }
            slo: { ttft_p99_ms: 1000, tpot_p99_ms: 50 }
        """

    static func with(_ block: String) -> String {
        replacing("    max_replicas: 10", with: "    max_replicas: 10\n" + block)
    }

    @Test func aTokenProfileIsRead() throws {
        let fleet = try ConfigurationReader.parse(Self.with(Self.profile))
        let tokens = try #require(fleet.models["chat-8b"]?.tokens)
        #expect(tokens.points.map(\.concurrency) == [8, 32])
        #expect(tokens.points[1].inputTokensPerSecond == 21_000)
        #expect(tokens.points[1].outputTokensPerSecond == 3_900)
        #expect(tokens.ttftP99Milliseconds == 1_000 && tokens.tpotP99Milliseconds == 50)
        #expect(tokens.best?.concurrency == 32)
        #expect(try ConfigurationReader.parse(minimal).models["chat-8b"]?.tokens == nil)
    }

    @Test func badProfilesNameTheKeyAndLine() {
        #expect(problem(Self.with(Self.profile.replacingOccurrences(of: "slo: { ttft_p99_ms: 1000, tpot_p99_ms: 50 }",
                                                                      with: "slo: { ttft_p99_ms: 200, tpot_p99_ms: 50 }")))
            == "models.chat-8b.slo: no point of 'profile' meets both ttft_p99_ms 200.0 and tpot_p99_ms 50.0: "
            + "the lowest measured are TTFT 350.0 ms and TPOT 28.0 ms (line 27)")
        #expect(problem(Self.with(Self.profile.replacingOccurrences(of: "output_tps: 3900", with: "output_tps: -3900")))
            == "models.chat-8b.profile[1].output_tps: must be greater than 0, got -3900.0 (line 26)")
        #expect(problem(Self.with(Self.profile.replacingOccurrences(of: "concurrency: 32", with: "concurrency: 4")))
            == "models.chat-8b.profile[1].concurrency: must be greater than the previous point's concurrency (8): "
            + "list the points by increasing concurrency (line 26)")
        #expect(problem(Self.with(Self.profile.replacingOccurrences(of: "ttft_p99_ms: 900,", with: "")))
            == "models.chat-8b.profile[1]: missing required key 'ttft_p99_ms' (line 26)")
        #expect(problem(Self.with(Self.profile.replacingOccurrences(of: "input_tps: 9000", with: "input_tps: many")))
            == "models.chat-8b.profile[0].input_tps: must be a number, got 'many' (line 25)")
        #expect(problem(Self.with("    slo: { ttft_p99_ms: 1000, tpot_p99_ms: 50 }"))
            == "models.chat-8b.slo: needs 'profile' beside it: the measured token points the targets select from (line 24)")
        #expect(problem(Self.with("    profile: []\n    slo: { ttft_p99_ms: 1000, tpot_p99_ms: 50 }"))
            == "models.chat-8b.profile: must list at least one measured point (line 24)")
        #expect(problem(Self.with(Self.profile.replacingOccurrences(of: "slo: { ttft_p99_ms: 1000, tpot_p99_ms: 50 }", with: "")))
            .hasPrefix("models.chat-8b.profile: needs 'slo' beside it"))
        #expect(problem(Self.with(Self.profile).replacingOccurrences(of: "class: interactive", with: "class: batch\n    deadline_s: 4h"))
            .hasPrefix("models.chat-8b.profile: applies to interactive models only"))
        #expect(problem(Self.with(Self.profile.replacingOccurrences(of: "tpot_p99_ms: 50 }", with: "tpot_p99_ms: 50, itl_ms: 3 }")))
            .contains("itl_ms"))
    }
}
