/// Effective prices of one pool and how one step of it is bought.
struct PoolPricing {
    var offer: GPUOffer
    var spotBuffer: Double
    var spotShare: Double
    /// Spot USD per needed GPU-hour, buffer included; nil without spot.
    var spotRate: Double?

    init(offer: GPUOffer, batchColdStartSeconds: Double) {
        self.offer = offer
        if let spot = offer.spot {
            spotBuffer = spot.buffer(coldStartSeconds: batchColdStartSeconds)
            let rate = spot.usdPerGPUHour * (1 + spotBuffer)
            spotRate = rate
            // Spot is used only where it is cheaper than on demand.
            spotShare = rate < offer.onDemand.usdPerGPUHour ? min(1, max(0, spot.reliableShare)) : 0
        } else {
            spotBuffer = 0
            spotShare = 0
            spotRate = nil
        }
    }

    /// USD per GPU-hour of batch work above the reservation.
    var batchOverflowRate: Double {
        spotShare * (spotRate ?? 0) + (1 - spotShare) * offer.onDemand.usdPerGPUHour
    }

    /// One step: the reservation (the commitments held, then `boughtGPUs` at the offer's
    /// reserved price) serves interactive GPUs first, then batch; interactive overflow goes on
    /// demand; batch overflow goes to spot (its reliable share, with the buffer) and the rest on
    /// demand.
    func cost(_ level: PoolLevel, boughtGPUs: Double, hours: Double) -> CostBreakdown {
        let reservedGPUs = level.heldGPUs + boughtGPUs
        let interactiveOverflow = max(0, level.interactiveGPUs - reservedGPUs)
        let reservedLeft = max(0, reservedGPUs - level.interactiveGPUs)
        let batchOverflow = max(0, level.batchGPUs - reservedLeft)
        let spotNeeded = batchOverflow * spotShare
        var cost = CostBreakdown()
        cost.reservedGPUHours = reservedGPUs * hours
        cost.reservedUsedGPUHours = min(level.totalGPUs, reservedGPUs) * hours
        cost.onDemandGPUHours = (interactiveOverflow + batchOverflow - spotNeeded) * hours
        cost.spotGPUHours = spotNeeded * (1 + spotBuffer) * hours
        cost.reservedUSD = (boughtGPUs * offer.reserved.usdPerGPUHour + level.heldUSDPerHour) * hours
        cost.onDemandUSD = cost.onDemandGPUHours * offer.onDemand.usdPerGPUHour
        cost.spotUSD = cost.spotGPUHours * (offer.spot?.usdPerGPUHour ?? 0)
        return cost
    }
}
