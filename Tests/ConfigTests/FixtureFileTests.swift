#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Config
import Testing

/// Invalid configuration files in Fixtures/, read through `load(path:)`.
@Suite struct FixtureFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func problem(_ name: String) -> String {
        do {
            _ = try ConfigurationReader.load(path: Self.fixtures.appendingPathComponent(name).path)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func aMisspeltKeyIsNamed() {
        #expect(problem("unknown-model-key.yaml").hasPrefix("models.embed-small.slo_ms: unknown key 'slo_ms' (expected one of: "))
        #expect(problem("unknown-model-key.yaml").hasSuffix("(line 16)"))
    }

    @Test func aCapBelowTheFloorIsNamed() {
        #expect(problem("cap-below-floor.yaml") == "models.embed-small.max_replicas: 2 is below min_replicas (4) (line 20)")
    }

    @Test func anUnreadableFileIsNamed() {
        #expect(problem("missing.yaml").hasPrefix("cannot read "))
    }
}
