public import Vocabulary

/// What a region sells of one GPU type: the node shape, the capacity types available with
/// their provisioning delay, the reservation and the quota.
public struct NodeOffer: Sendable, Hashable, Codable {
    /// Region sold in.
    public var region: String
    /// GPU type sold (e.g. `H100`).
    public var gpuType: String
    /// GPUs per node, at least 1.
    public var gpusPerNode: Int
    /// Memory of one GPU, GiB, at least 1.
    public var memoryPerGPUGiB: Int
    /// Seconds from request to ready for each capacity type that can be bought (absent: not
    /// sold), each at least 0.
    public var provisioningSeconds: [CapacityType: Int64]
    /// Reserved nodes paid for: the most reserved nodes alive at once, at least 0.
    public var reservedNodes: Int
    /// Whether batch work may run on spot nodes here.
    public var allowsSpot: Bool
    /// The most nodes alive at once (any capacity type), nil for no quota.
    public var maxNodes: Int?

    public init(
        region: String, gpuType: String, gpusPerNode: Int, memoryPerGPUGiB: Int,
        provisioningSeconds: [CapacityType: Int64], reservedNodes: Int = 0, allowsSpot: Bool = false,
        maxNodes: Int? = nil
    ) {
        self.region = region
        self.gpuType = gpuType
        self.gpusPerNode = gpusPerNode
        self.memoryPerGPUGiB = memoryPerGPUGiB
        self.provisioningSeconds = provisioningSeconds
        self.reservedNodes = reservedNodes
        self.allowsSpot = allowsSpot
        self.maxNodes = maxNodes
    }

    /// The pool offered: region and GPU type.
    public var pool: PoolKey { PoolKey(region: region, gpuType: gpuType) }
}
