import Foundation
import Testing
import Vocabulary

/// The keys order and print the way the strings they replaced did.
@Suite struct KeyTests {
    @Test func modelRegionsOrderByModelThenRegion() {
        let keys = [("code-70b", "us-east-1"), ("chat-8b", "us-east-1"), ("chat", "z"), ("chat-8b", "eu-west-1")]
            .map { ModelRegion(model: $0.0, region: $0.1) }
        #expect(keys.sorted().map(\.description) == ["chat/z", "chat-8b/eu-west-1", "chat-8b/us-east-1", "code-70b/us-east-1"])
        // The order of the NUL-joined strings the planner used to key on.
        #expect(keys.sorted().map { "\($0.model)\u{0}\($0.region)" } == keys.map { "\($0.model)\u{0}\($0.region)" }.sorted())
    }

    @Test func poolKeysOrderByRegionThenGPUType() {
        let keys = [("us-east-1", "H100"), ("eu-west-1", "L4"), ("us-east-1", "A100"), ("eu", "H100")]
            .map { PoolKey(region: $0.0, gpuType: $0.1) }
        #expect(keys.sorted().map(\.description) == ["eu/H100", "eu-west-1/L4", "us-east-1/A100", "us-east-1/H100"])
        #expect(keys.sorted().map { "\($0.region)\u{0}\($0.gpuType)" } == keys.map { "\($0.region)\u{0}\($0.gpuType)" }.sorted())
        #expect(Set(keys + keys).count == 4)
    }

    @Test func keysEncodeTheirFieldsByName() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let pool = String(decoding: try encoder.encode(PoolKey(region: "us-east-1", gpuType: "H100")), as: UTF8.self)
        #expect(pool == #"{"gpuType":"H100","region":"us-east-1"}"#)
        let key = ModelRegion(model: "chat-8b", region: "us-east-1")
        #expect(try JSONDecoder().decode(ModelRegion.self, from: try encoder.encode(key)) == key)
    }

    @Test func wordsKeepTheirSpelling() throws {
        #expect(WorkloadClass.allCases.map(\.rawValue) == ["interactive", "batch"])
        #expect(String(decoding: try JSONEncoder().encode([CapacityType.onDemand]), as: UTF8.self) == #"["on-demand"]"#)
        #expect(ModelKind.allCases.map(\.description) == [
            "seasonal-naive", "seasonal-naive-long", "harmonic", "harmonic-log", "harmonic+ar", "harmonic-log+ar", "ar",
            "ensemble", "combination",
        ])
        #expect("\(ModelKind.harmonicLogAR)" == "harmonic-log+ar")
    }
}
