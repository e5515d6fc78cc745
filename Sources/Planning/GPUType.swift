/// A kind of GPU and the node shape it is sold in (e.g. H100, 8 per node, 80 GiB each).
public struct GPUType: Sendable, Hashable, Codable {
    /// The name used in the configuration and in plans (`H100`).
    public var name: String
    /// GPUs in one node (one instance): reserved capacity is bought in whole nodes.
    public var gpusPerNode: Int
    /// Memory of one GPU, in GiB.
    public var memoryGiB: Double

    public init(name: String, gpusPerNode: Int, memoryGiB: Double) {
        self.name = name
        self.gpusPerNode = gpusPerNode
        self.memoryGiB = memoryGiB
    }
}
