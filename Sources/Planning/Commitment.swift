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
        /// USD per hour of the pool's usage committed to for a term at a discounted rate (an
        /// EC2 Instance Savings Plan: one region, one instance family): it covers
        /// `usdPerHour / usdPerGPUHour` GPUs of whatever nodes run, every hour.
        case savingsPlan = "savings-plan"
    }

    /// A name to report it by (the configuration's `name`, or its position).
    public var name: String
    public var kind: Kind
    public var region: String
    public var gpuType: String
    /// Whole nodes held (0 for a savings plan).
    public var nodes: Int
    public var start: Int64
    public var end: Int64
    /// Effective USD per GPU-hour paid for them (the term's price spread over its hours); a
    /// savings plan's rate for the pool's GPUs.
    public var usdPerGPUHour: Double
    /// A savings plan's commitment, USD per hour (nil for nodes).
    public var usdPerHour: Double?

    public init(name: String, kind: Kind, region: String, gpuType: String, nodes: Int, start: Int64, end: Int64,
                usdPerGPUHour: Double, usdPerHour: Double? = nil) {
        self.name = name
        self.kind = kind
        self.region = region
        self.gpuType = gpuType
        self.nodes = nodes
        self.start = start
        self.end = end
        self.usdPerGPUHour = usdPerGPUHour
        self.usdPerHour = usdPerHour
    }

    /// The pool it is held in.
    public var pool: PoolKey { PoolKey(region: region, gpuType: gpuType) }

    /// Whether it is held at `instant` (Unix s): `start ≤ instant < end`.
    public func holds(at instant: Int64) -> Bool { start <= instant && instant < end }

    /// GPUs it covers while held: `nodes × g`, or a savings plan's `usdPerHour / usdPerGPUHour`.
    public func gpus(gpusPerNode: Int) -> Double {
        if let usdPerHour { return usdPerGPUHour > 0 ? usdPerHour / usdPerGPUHour : 0 }
        return Double(nodes * gpusPerNode)
    }

    /// USD it costs per hour while held, used or not.
    public func hourlyUSD(gpusPerNode: Int) -> Double { usdPerHour ?? Double(nodes * gpusPerNode) * usdPerGPUHour }
}

extension [Commitment] {
    /// The GPUs held in `pool` at `instant` and what they cost per hour, USD.
    func held(in pool: PoolKey, at instant: Int64, gpusPerNode: Int) -> (gpus: Double, usdPerHour: Double) {
        var gpus = 0.0
        var usd = 0.0
        for commitment in self where commitment.pool == pool && commitment.holds(at: instant) {
            gpus += commitment.gpus(gpusPerNode: gpusPerNode)
            usd += commitment.hourlyUSD(gpusPerNode: gpusPerNode)
        }
        return (gpus, usd)
    }

    /// Whole nodes the GPUs held in `pool` at `instant` fill (a savings plan's share of a node
    /// rounded down).
    func heldNodes(in pool: PoolKey, at instant: Int64, gpusPerNode: Int) -> Int {
        Int((held(in: pool, at: instant, gpusPerNode: gpusPerNode).gpus / Double(gpusPerNode) + 1e-9).rounded(.down))
    }
}

/// How much of a held commitment the pool has used so far.
public struct CommitmentUse: Sendable, Hashable, Codable {
    public var commitment: Commitment
    /// GPU-hours held from its start (or the history's) to now, and of those the ones the
    /// pool's need filled.
    public var heldGPUHours: Double
    public var usedGPUHours: Double
    /// `used / held`; nil before it starts or without history over it.
    public var utilization: Double?

    /// Each of `commitments` held in a pool of `history` (GPUs per step, ``Planner/poolHistory(demand:now:)``):
    /// at each step, the pool's held GPUs `H` serve its need `L` first, and each commitment is
    /// credited its share of `min(L, H)`.
    public static func uses(of commitments: [Commitment], history: [PoolKey: [PoolLevel]], stepSeconds: Int64,
                            gpusPerNode: [String: Int]) -> [CommitmentUse] {
        let hours = Double(stepSeconds) / 3_600
        return commitments.map { commitment in
            let g = gpusPerNode[commitment.gpuType] ?? 1
            var held = 0.0
            var used = 0.0
            for level in history[commitment.pool] ?? [] where commitment.holds(at: level.at) {
                let pool = commitments.held(in: commitment.pool, at: level.at, gpusPerNode: g).gpus
                let mine = commitment.gpus(gpusPerNode: g)
                held += mine * hours
                if pool > 0 { used += min(level.totalGPUs, pool) * mine / pool * hours }
            }
            return CommitmentUse(commitment: commitment, heldGPUHours: held, usedGPUHours: used,
                                 utilization: held > 0 ? used / held : nil)
        }
    }
}

/// A known change of a pool's demand from a date on (a model launch, a migration), or for a
/// while (a launch event's peak), applied to the long-horizon forecast commitments are judged
/// on: the need from `from` (Unix s) until `until` (exclusive; nil for ever) is multiplied by
/// `multiplier` (changes of one pool compound).
public struct DemandChange: Sendable, Hashable, Codable {
    public var name: String
    public var region: String
    public var gpuType: String
    public var from: Int64
    public var until: Int64?
    public var multiplier: Double

    public init(name: String, region: String, gpuType: String, from: Int64, until: Int64? = nil, multiplier: Double) {
        self.name = name
        self.region = region
        self.gpuType = gpuType
        self.from = from
        self.until = until
        self.multiplier = multiplier
    }

    /// Whether it is in force at `instant` (Unix s).
    public func applies(at instant: Int64) -> Bool { from <= instant && instant < (until ?? .max) }

    public var pool: PoolKey { PoolKey(region: region, gpuType: gpuType) }
}

extension [DemandChange] {
    /// The product of the multipliers of `pool`'s changes in force at `instant`.
    func factor(in pool: PoolKey, at instant: Int64) -> Double {
        var factor = 1.0
        for change in self where change.pool == pool && change.applies(at: instant) { factor *= change.multiplier }
        return factor
    }
}
