import Config
import Testing

@Test func errorsNameTheirKeyPath() {
    #expect(ConfigurationError(path: "models.chat-8b.slo_ms", reason: "must be positive").description
        == "models.chat-8b.slo_ms: must be positive")
}
