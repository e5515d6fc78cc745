public import Vocabulary
import Traffic

extension CommitmentAdvisor {
    /// Longest capacity block judged: 182 days (the longest EC2 capacity blocks for ML sell).
    public static let longestBlockHours = 182 * 24

    /// Capacity-block advice for `pool` over `window`: node `k` booked for the window's `T`
    /// hours is worth `v_k` of them on demand (the same `v_k` as for a term, over the window's
    /// hours only, known demand changes applied, batch hours at their spot-blended price) and
    /// pays for itself when `v_k ≥ β = p_c / p_o` (block over on-demand price); nodes are
    /// advised by the same rule as for a term (``UnitOutlook/advised(breakEven:confidence:)``),
    /// on top of the commitments held then. The window is judged from the forecast's start on,
    /// in whole hours (from the hour it starts in to the hour it ends in).
    /// - Throws: ``PlanningError`` when the pool has no capacity-block price, with fewer than 7
    ///   days of history, or when the window ends before the forecast starts or starts more
    ///   than three years after it.
    public func adviseBlock(pool: PoolKey, history: [PoolLevel], offer: GPUOffer, gpusPerNode: Int, commitments: [Commitment],
                            changes: [DemandChange] = [], window: PeakWindow,
                            batchColdStartSeconds: Double = 0) throws(PlanningError) -> CapacityBlockAdvice {
        guard let price = offer.capacityBlockUSDPerGPUHour else {
            throw .invalidConfiguration("\(pool.region) sells no capacity blocks of \(pool.gpuType) "
                + "(regions.\(pool.region).\(pool.gpuType).capacity_block)")
        }
        let forecast = try PoolBaselineForecast(levels: history)
        guard window.end > forecast.start else {
            throw .invalidConfiguration("window '\(window.name)' ends (\(Timestamp.format(window.end))) before the forecast starts "
                + "(\(Timestamp.format(forecast.start)), the hour after the stored history)")
        }
        // Whole hours from the one the window starts in (or the forecast's first) to the one it ends in.
        let offset = Int((max(window.start, forecast.start) - forecast.start) / 3_600)
        let hours = Int((window.end - (forecast.start + Int64(offset) * 3_600) + 3_599) / 3_600)
        guard offset <= 26_298 else {
            throw .invalidConfiguration("window '\(window.name)' starts more than three years after the stored history")
        }
        guard hours <= Self.longestBlockHours else {
            throw .invalidConfiguration("window '\(window.name)' lasts \(hours) hours; a capacity block lasts at most 182 days")
        }
        let changes = changes.filter { $0.pool == pool }
        let held = commitments.filter { $0.pool == pool }
        let breakEven = price / offer.onDemand.usdPerGPUHour
        let outlook = unitOutlook(pool: pool, forecast: forecast, offsetHours: offset, hours: hours, held: held, changes: changes,
                                  gpusPerNode: gpusPerNode, breakEven: breakEven,
                                  batchDiscount: Self.batchDiscount(offer: offer, batchColdStartSeconds: batchColdStartSeconds))
        let advised = outlook.advised(breakEven: breakEven, confidence: confidence)
        let judged = PeakWindow(name: window.name, start: forecast.start + Int64(offset) * 3_600,
                                end: forecast.start + Int64(offset + hours) * 3_600)
        return CapacityBlockAdvice(
            region: pool.region, gpuType: pool.gpuType, gpusPerNode: gpusPerNode, window: judged, hours: hours,
            usdPerGPUHour: price, breakEvenUtilization: breakEven, confidence: confidence,
            heldNodes: held.heldNodes(in: pool, at: judged.start, gpusPerNode: gpusPerNode),
            heldGPUs: held.held(in: pool, at: judged.start, gpusPerNode: gpusPerNode).gpus,
            meanGPUs: outlook.central.reduce(0, +) / Double(hours), peakGPUs: outlook.central.max() ?? 0,
            changes: changes.filter { $0.from < judged.end && judged.start < ($0.until ?? .max) }.map(\.name),
            units: outlook.units(advised + 3),
            advice: outlook.purchase(advised, rule: "headroom: nodes whose use is expected to be worth at least \(percent(breakEven)) "
                + "of the window on demand (break-even; batch hours at their spot-blended price), and so in at least "
                + "\(percent(confidence)) of the forecast's scenarios",
                gpusPerNode: gpusPerNode, hours: hours, usdPerGPUHour: price, onDemandUSDPerGPUHour: offer.onDemand.usdPerGPUHour))
    }
}
