/// One GPU type in one region: the pool that models sharing it draw on, the key of a capacity
/// split, a node offer and a node group.
///
/// Ordered by region, then GPU type. Written `region/GPU type` in messages (``description``).
public struct PoolKey: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The region's name, as configured (`us-east-1`).
    public var region: String
    /// The GPU type's name, as configured (`H100`).
    public var gpuType: String

    public init(region: String, gpuType: String) {
        self.region = region
        self.gpuType = gpuType
    }

    public static func < (lhs: PoolKey, rhs: PoolKey) -> Bool {
        (lhs.region, lhs.gpuType) < (rhs.region, rhs.gpuType)
    }

    /// `us-east-1/H100`.
    public var description: String { "\(region)/\(gpuType)" }
}
