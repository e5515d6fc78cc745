import Vocabulary
import Planning

/// How one pool (region and GPU type) buys the GPU-hours its replicas run, the way the planner
/// prices a plan: the reservation serves interactive work first, then batch; interactive work
/// above it is on demand; batch work above it goes to spot for the region's reliable share
/// (when spot, with its interruption buffer, is cheaper than on demand) and on demand for the
/// rest. Spot interruptions are not replayed: the buffer (extra spot GPU-hours, Little's law
/// over provisioning and cold start) is their cost.
struct PoolPrices {
    var offer: GPUOffer
    var gpusPerNode: Int
    var spotBuffer = 0.0
    var spotShare = 0.0

    init(members: [Member]) {
        let first = members[0]
        offer = first.offer
        gpusPerNode = first.gpusPerNode
        let batchColdStart = members.filter { $0.deadlineSeconds != nil }.map(\.profile.coldStartSeconds).max() ?? 0
        if let spot = offer.spot {
            spotBuffer = spot.buffer(coldStartSeconds: batchColdStart)
            if spot.usdPerGPUHour * (1 + spotBuffer) < offer.onDemand.usdPerGPUHour {
                spotShare = min(1, max(0, spot.reliableShare))
            }
        }
    }

    /// USD per GPU-hour of batch work above the reservation.
    var batchOverflowRate: Double {
        spotShare * (offer.spot?.usdPerGPUHour ?? 0) * (1 + spotBuffer) + (1 - spotShare) * offer.onDemand.usdPerGPUHour
    }

    /// GPU-hours and USD of one step: `interactive` and `batch` GPU-hours run, `reservedHours`
    /// reserved GPU-hours held.
    func cost(interactive: Double, batch: Double, reservedHours: Double) -> (hours: [CapacityType: Double], usd: [CapacityType: Double]) {
        let interactiveOverflow = max(0, interactive - reservedHours)
        let reservedLeft = max(0, reservedHours - interactive)
        let batchOverflow = max(0, batch - reservedLeft)
        let spotHours = batchOverflow * spotShare * (1 + spotBuffer)
        let onDemandHours = interactiveOverflow + batchOverflow * (1 - spotShare)
        return ([.reserved: reservedHours, .onDemand: onDemandHours, .spot: spotHours],
                [.reserved: reservedHours * offer.reserved.usdPerGPUHour,
                 .onDemand: onDemandHours * offer.onDemand.usdPerGPUHour,
                 .spot: spotHours * (offer.spot?.usdPerGPUHour ?? 0)])
    }
}
