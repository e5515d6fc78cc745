/// One way to serve a model: a GPU type, the GPUs of a replica (tensor-parallel size) and what a
/// replica then does. A model with several variants is planned on the cheapest per region.
public struct ModelVariant: Sendable, Hashable, Codable {
    /// Name in the configuration (`h100-tp1`), as plans name it.
    public var name: String
    public var gpuType: String
    public var gpusPerReplica: Int
    /// GPU memory one replica needs, GiB.
    public var gpuMemoryGiB: Double
    /// Seconds to load the model on a ready node before it serves.
    public var coldStartSeconds: Double
    /// Request throughput by batch size on this variant.
    public var throughput: [ThroughputPoint]
    /// Token profile on this variant (the model's `slo` targets), if it sizes on tokens.
    public var tokens: TokenProfile?

    public init(name: String, gpuType: String, gpusPerReplica: Int, gpuMemoryGiB: Double, coldStartSeconds: Double,
                throughput: [ThroughputPoint], tokens: TokenProfile? = nil) {
        self.name = name
        self.gpuType = gpuType
        self.gpusPerReplica = gpusPerReplica
        self.gpuMemoryGiB = gpuMemoryGiB
        self.coldStartSeconds = coldStartSeconds
        self.throughput = throughput
        self.tokens = tokens
    }
}

extension ModelProfile {
    /// The profile served on `variant`: its GPU type, GPUs, memory, cold start, throughput and
    /// token profile in place of the model's.
    public func serving(_ variant: ModelVariant) -> ModelProfile {
        var profile = self
        profile.gpuType = variant.gpuType
        profile.gpusPerReplica = variant.gpusPerReplica
        profile.gpuMemoryGiB = variant.gpuMemoryGiB
        profile.coldStartSeconds = variant.coldStartSeconds
        profile.throughput = variant.throughput
        profile.tokens = variant.tokens
        return profile
    }

    /// Whether the model, or any of its variants, sizes on tokens (and so wants token forecasts).
    public var sizesOnTokens: Bool { tokens != nil || variants.contains { $0.tokens != nil } }

    /// The variant named `name`, if the model has it.
    public func variant(named name: String) -> ModelVariant? { variants.first { $0.name == name } }
}
