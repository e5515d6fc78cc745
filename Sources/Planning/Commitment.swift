public import Vocabulary

/// Capacity already bought for a pool for a fixed window: paid whether used or not, from
/// `start` (inclusive) to `end` (exclusive), Unix seconds.
public struct Commitment: Sendable, Hashable, Codable {
    /// How it was bought.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Reserved instances (nodes) for a term, typically one or three years.
        case reservedNodes = "reserved-nodes"
        /// Nodes for a fixed window booked ahead, typically days to weeks (e.g. EC2 capacity
        /// blocks for ML).
        case capacityBlock = "capacity-block"
    }

    /// A name to report it by (the configuration's `name`, or its position).
    public var name: String
    public var kind: Kind
    public var region: String
    public var gpuType: String
    /// Whole nodes held.
    public var nodes: Int
    public var start: Int64
    public var end: Int64
    /// Effective USD per GPU-hour paid for them (the term's price spread over its hours).
    public var usdPerGPUHour: Double

    public init(name: String, kind: Kind, region: String, gpuType: String, nodes: Int, start: Int64, end: Int64,
                usdPerGPUHour: Double) {
        self.name = name
        self.kind = kind
        self.region = region
        self.gpuType = gpuType
        self.nodes = nodes
        self.start = start
        self.end = end
        self.usdPerGPUHour = usdPerGPUHour
    }

    /// The pool it is held in.
    public var pool: PoolKey { PoolKey(region: region, gpuType: gpuType) }

    /// Whether it is held at `instant` (Unix s): `start ≤ instant < end`.
    public func holds(at instant: Int64) -> Bool { start <= instant && instant < end }
}

extension [Commitment] {
    /// The nodes held in `pool` at `instant` and what they cost per hour, USD.
    func held(in pool: PoolKey, at instant: Int64, gpusPerNode: Int) -> (nodes: Int, usdPerHour: Double) {
        var nodes = 0
        var usd = 0.0
        for commitment in self where commitment.pool == pool && commitment.holds(at: instant) {
            nodes += commitment.nodes
            usd += Double(commitment.nodes * gpusPerNode) * commitment.usdPerGPUHour
        }
        return (nodes, usd)
    }
}
