public import Jobs
import Planning
import Traffic

/// The commitments held with their use so far: `GET /v1/commitments`.
struct CommitmentList: Encodable {
    var commitments: [Entry]

    struct Entry: Encodable {
        var name: String
        var kind: String
        var region: String
        var gpuType: String
        var nodes: Int
        /// A savings plan's commitment (absent for nodes).
        var usdPerHour: Double?
        var start: String
        var end: String
        var usdPerGpuHour: Double
        /// GPU-hours held from its start (or the history's) to the end of the stored history,
        /// and of those the ones the pool's need filled.
        var heldGpuHours: Double
        var usedGpuHours: Double
        /// `used / held`; absent before it starts or without history over it.
        var utilization: Double?
    }

    init(_ uses: [CommitmentUse]) {
        commitments = uses.map { use in
            let c = use.commitment
            return Entry(name: c.name, kind: c.kind.rawValue, region: c.region, gpuType: c.gpuType, nodes: c.nodes,
                         usdPerHour: c.usdPerHour, start: Timestamp.format(c.start), end: Timestamp.format(c.end), usdPerGpuHour: c.usdPerGPUHour,
                         heldGpuHours: use.heldGPUHours, usedGpuHours: use.usedGPUHours, utilization: finite(use.utilization))
        }
    }
}

/// Purchase advice per pool for a term: `GET /v1/commitments/advice`, and
/// `headroom commitments advise --json`.
public struct CommitmentAdviceDocument: Encodable {
    var term: String
    var confidence: Double
    var pools: [Pool]
    /// Capacity blocks per pool and peak window.
    var capacityBlocks: [Block]
    /// Pools with a commitment or a model but no advice, and why.
    var skipped: [Skipped]

    struct Block: Encodable {
        var region: String
        var gpuType: String
        var gpusPerNode: Int
        var window: String
        var start: String
        var end: String
        var hours: Int
        var usdPerGpuHour: Double
        var breakEvenUtilization: Double
        var heldNodes: Int
        /// The need over the window in the central scenario, GPUs: mean and largest hour.
        var heldGpus: Double
        var meanGpus: Double
        var peakGpus: Double
        var changes: [String]
        var advice: Purchase
        var units: [Unit]
    }

    struct Pool: Encodable {
        /// `reserved-nodes` or `savings-plan`.
        var kind: String
        var region: String
        var gpuType: String
        var gpusPerNode: Int
        /// GPUs of one unit: a node's, or 1 for a savings plan (one GPU's worth of commitment).
        var unitGpus: Int
        var usdPerGpuHour: Double
        var start: String
        var termHours: Int
        var breakEvenUtilization: Double
        var heldNodes: Int
        var heldGpus: Double
        var historyDays: Int
        var meanGpusNow: Double
        var growthPerYear: Double
        /// Mean GPUs of the week 12 and 36 months on: 10th, 50th and 90th percentiles.
        var meanGpusIn12Months: [Double]
        var meanGpusIn36Months: [Double]
        /// Known demand changes applied (`demand_changes`), by name.
        var changes: [String]
        var advice: Purchase
        var baseline: Purchase
        var units: [Unit]
        var renewals: [Renewal]
    }

    struct Purchase: Encodable {
        var nodes: Int
        var rule: String
        var expectedUtilization: Double?
        var expectedSavingsUsd: Double
        var downsideSavingsUsd: Double
        var commitmentUsd: Double
        var usdPerHour: Double
    }

    struct Unit: Encodable {
        var node: Int
        var expectedUtilization: Double
        var lowUtilization: Double
        var expectedWorth: Double
        var probabilityPaysOff: Double
    }

    struct Renewal: Encodable {
        var name: String
        var end: String
        var nodes: Int
        var usdPerHour: Double?
        var advisedNodes: Int
    }

    struct Skipped: Encodable {
        var region: String
        var gpuType: String
        var reason: String
    }

    /// The document as the service writes it (snake_case keys, sorted), pretty-printed.
    public func prettyJSON() throws -> String {
        let encoder = JSONCoding.encoder
        encoder.outputFormatting.insert(.prettyPrinted)
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public init(_ result: CommitmentAdviceJob.Result, term: String, confidence: Double) {
        self.term = term
        self.confidence = confidence
        func purchase(_ p: CommitmentPurchase) -> Purchase {
            Purchase(nodes: p.nodes, rule: p.rule, expectedUtilization: finite(p.expectedUtilization),
                     expectedSavingsUsd: p.expectedSavingsUSD, downsideSavingsUsd: p.downsideSavingsUSD, commitmentUsd: p.commitmentUSD,
                     usdPerHour: p.usdPerHour)
        }
        func unit(_ u: CommitmentUnit) -> Unit {
            Unit(node: u.node, expectedUtilization: u.expectedUtilization, lowUtilization: u.lowUtilization,
                 expectedWorth: u.expectedWorth, probabilityPaysOff: u.probabilityPaysOff)
        }
        pools = result.advice.map { a in
            Pool(kind: a.kind.rawValue, region: a.region, gpuType: a.gpuType, gpusPerNode: a.gpusPerNode, unitGpus: a.unitGPUs,
                 usdPerGpuHour: a.usdPerGPUHour, start: Timestamp.format(a.start),
                 termHours: a.termHours, breakEvenUtilization: a.breakEvenUtilization, heldNodes: a.heldNodes, heldGpus: a.heldGPUs,
                 historyDays: a.historyDays, meanGpusNow: finite(a.meanGPUsNow) ?? 0, growthPerYear: finite(a.growthPerYear) ?? 0,
                 meanGpusIn12Months: a.meanGPUsIn12Months.map { finite($0) ?? 0 },
                 meanGpusIn36Months: a.meanGPUsIn36Months.map { finite($0) ?? 0 }, changes: a.changes,
                 advice: purchase(a.advice), baseline: purchase(a.baseline),
                 units: a.units.map(unit),
                 renewals: a.renewals.map { Renewal(name: $0.name, end: Timestamp.format($0.end), nodes: $0.nodes, usdPerHour: $0.usdPerHour,
                                                    advisedNodes: $0.advisedNodes) })
        }
        capacityBlocks = result.blocks.map { b in
            Block(region: b.region, gpuType: b.gpuType, gpusPerNode: b.gpusPerNode, window: b.window.name,
                  start: Timestamp.format(b.window.start), end: Timestamp.format(b.window.end), hours: b.hours,
                  usdPerGpuHour: b.usdPerGPUHour, breakEvenUtilization: b.breakEvenUtilization, heldNodes: b.heldNodes,
                  heldGpus: b.heldGPUs,
                  meanGpus: finite(b.meanGPUs) ?? 0, peakGpus: finite(b.peakGPUs) ?? 0, changes: b.changes,
                  advice: purchase(b.advice), units: b.units.map(unit))
        }
        skipped = result.skipped.map { Skipped(region: $0.pool.region, gpuType: $0.pool.gpuType, reason: $0.reason) }
    }
}
