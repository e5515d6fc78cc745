import Config
import Planning
import Testing

/// `models.<name>.variants`: ways to serve a model; `regions.<region>.<gpu>.max_gpus`: quotas.
@Suite struct VariantConfigurationTests {
    /// `minimal` with chat-8b's GPU keys replaced by two variants (A100 priced too).
    static let variants = minimal
        .replacingOccurrences(of: "  H100: { gpus_per_node: 8, memory_gib: 80 }",
                              with: "  H100: { gpus_per_node: 8, memory_gib: 80 }\n  A100: { gpus_per_node: 8, memory_gib: 40 }")
        .replacingOccurrences(of: "      on-demand: { usd_per_gpu_hour: 6.88, provisioning_s: 600 }",
                              with: "      on-demand: { usd_per_gpu_hour: 6.88, provisioning_s: 600 }\n      max_gpus: 64\n"
                                + "    A100:\n      reserved: { usd_per_gpu_hour: 1.7 }\n      on-demand: { usd_per_gpu_hour: 2.745, provisioning_s: 480 }")
        .replacingOccurrences(of: """
                gpu_type: H100
                gpus_per_replica: 1
                gpu_memory_gib: 40
            """, with: "")
        .replacingOccurrences(of: """
                throughput:
                  - { batch_size: 1, rps: 1, p99_ms: 300 }
                  - { batch_size: 4, rps: 3, p99_ms: 600 }
                  - { batch_size: 8, rps: 5, p99_ms: 1200 }
            """, with: """
                variants:
                  - name: h100-tp1
                    gpu_type: H100
                    gpus_per_replica: 1
                    gpu_memory_gib: 40
                    throughput: [{ batch_size: 8, rps: 5, p99_ms: 900 }]
                  - name: a100-tp2
                    gpu_type: A100
                    gpus_per_replica: 2
                    gpu_memory_gib: 60
                    cold_start_s: 150
                    throughput: [{ batch_size: 8, rps: 3, p99_ms: 950 }]
            """)

    @Test func variantsAndQuotasAreRead() throws {
        let fleet = try ConfigurationReader.parse(Self.variants)
        let chat = try #require(fleet.models["chat-8b"])
        #expect(chat.variants.map(\.name) == ["h100-tp1", "a100-tp2"])
        #expect(chat.gpuType == "H100" && chat.gpusPerReplica == 1, "the first variant is the model's own")
        #expect(chat.variants[1].gpuType == "A100" && chat.variants[1].gpusPerReplica == 2)
        #expect(chat.variants[1].coldStartSeconds == 150 && chat.variants[0].coldStartSeconds == 90)
        #expect(fleet.offers["us-east-1"]?["H100"]?.maxGPUs == 64)
        #expect(fleet.offers["us-east-1"]?["A100"]?.maxGPUs == nil)
        #expect(try ConfigurationReader.parse(minimal).models["chat-8b"]?.variants.isEmpty == true)
    }

    @Test func badVariantsNameTheKeyAndLine() {
        func with(_ old: String, _ new: String) -> String {
            precondition(Self.variants.contains(old), "fixture lacks \(old)")
            return problem(Self.variants.replacingOccurrences(of: old, with: new))
        }
        #expect(with("name: a100-tp2", "name: h100-tp1").hasPrefix("models.chat-8b.variants[1].name: variant 'h100-tp1' is listed twice"))
        #expect(with("gpu_type: A100", "gpu_type: B300").hasPrefix("models.chat-8b.variants[1].gpu_type: unknown GPU type 'B300'"))
        #expect(with("gpus_per_replica: 2", "gpus_per_replica: 16")
            .hasPrefix("models.chat-8b.variants[1].gpus_per_replica: 16 GPUs do not fit on one A100 node of 8"))
        #expect(with("gpu_memory_gib: 60", "gpu_memory_gib: 90")
            .hasPrefix("models.chat-8b.variants[1].gpu_memory_gib: needs 90.0 GiB but 2 x A100 hold 80.0 GiB"))
        #expect(with("rps: 3, p99_ms: 950", "rps: 3, p99_ms: 1950")
            .hasPrefix("models.chat-8b.variants[1].throughput: no batch size meets it: the lowest p99 is 1950.0 ms"))
        #expect(with("    class: interactive", "    class: interactive\n    gpu_type: H100")
            .hasPrefix("models.chat-8b.gpu_type: is given per variant: this model lists 'variants'"))
        #expect(with("      max_gpus: 64", "      max_gpus: 0").hasPrefix("regions.us-east-1.H100.max_gpus: "))
        #expect(with("    variants:\n", "    variants: []\n    old:\n").contains("unknown key 'old'"))
        #expect(problem(replacing("    class: interactive", with: "    class: interactive\n    variants: []"))
            .hasPrefix("models.chat-8b.gpu_type: is given per variant"))
        // Regions must price at least one variant's GPU type.
        #expect(problem(Self.variants.replacingOccurrences(of: "gpu_type: H100", with: "gpu_type: A100")
            .replacingOccurrences(of: "gpu_memory_gib: 40\n", with: "gpu_memory_gib: 30\n")
            .replacingOccurrences(of: "\n    A100:\n      reserved: { usd_per_gpu_hour: 1.7 }\n      on-demand: { usd_per_gpu_hour: 2.745, provisioning_s: 480 }", with: ""))
            .hasPrefix("models.chat-8b.regions[0]: region 'us-east-1' has no prices for any variant's GPU type (A100)"))
    }
}
