import Planning

extension Simulator {
    /// A cost floor no interactive policy can beat on this replay, USD: capacity chosen with
    /// perfect foresight and no lead time.
    ///
    /// Each step, every interactive series runs exactly `clamp(ceil(rate / r*), floor, cap)`
    /// replicas (`rate` the step's requests per second, `r*` one replica's SLO throughput, the
    /// model's `min_replicas` and `max_replicas`), ready the instant the step starts, nothing
    /// launched early and nothing kept after it; each day's reservation per pool is the
    /// ``ReservationOptimizer`` optimum for that day's own levels (hindsight), and the rest is
    /// on demand, priced as the ledger prices a policy. Any interactive policy that serves every
    /// request needs at least these replicas at every instant, and pays at least the best
    /// reservation for them, so its cost is at least this (up to the model's cap: a step above
    /// the cap is counted at the cap).
    ///
    /// - Returns: nil when the input holds no interactive series (queued batch work may be
    ///   served later and more cheaply, so no such floor holds for it); batch series are left out.
    /// - Throws: ``SimulationError`` for the input errors of ``window(_:)`` and unknown models.
    public func hindsightFloor(_ input: SimulationInput) throws(SimulationError) -> Double? {
        let window = try window(input)
        let members = try members(input)
        let interactive = members.indices.filter { members[$0].deadlineSeconds == nil }
        guard !interactive.isEmpty else { return nil }
        let step = input.step.seconds
        let stepHours = Double(step) / 3_600
        let pools = Dictionary(grouping: interactive, by: { members[$0].pool })
        var total = 0.0
        for indices in pools.values {
            guard let first = indices.first else { continue }
            let member = members[first]
            let prices = PoolPrices(members: indices.map { members[$0] })
            let optimizer = ReservationOptimizer(
                gpusPerNode: member.gpusPerNode, reservedRate: member.offer.reserved.usdPerGPUHour,
                onDemandRate: member.offer.onDemand.usdPerGPUHour, batchOverflowRate: prices.batchOverflowRate,
                stepHours: stepHours)
            for day in 0..<window.days {
                let begin = window.firstIndex + day * window.stepsPerDay
                let levels = (begin..<(begin + window.stepsPerDay)).map { t in
                    let gpus = indices.reduce(0.0) { sum, i in
                        let value = input.series[i].values[t]
                        let rate = value.isNaN ? 0 : value / Double(step)
                        return sum + Double(Self.exactReplicas(rate: rate, member: members[i]) * members[i].profile.gpusPerReplica)
                    }
                    return PoolLevel(at: input.start + Int64(t) * step, interactiveGPUs: gpus, batchGPUs: 0)
                }
                let nodes = optimizer.optimalNodes(levels: levels)
                let reservedHours = Double(nodes * member.gpusPerNode) * stepHours
                for level in levels {
                    let usd = prices.cost(interactive: level.interactiveGPUs * stepHours, batch: 0,
                                          reservedHours: reservedHours).usd
                    total += usd.values.reduce(0, +)
                }
            }
        }
        return total
    }

    /// `clamp(ceil(rate / r*), min_replicas, max_replicas)`: the fewest replicas that serve
    /// `rate` requests per second within the SLO.
    static func exactReplicas(rate: Double, member: Member) -> Int {
        let cap = max(member.profile.minReplicas, member.profile.maxReplicas)
        guard rate > 0, member.perReplica > 0 else { return member.profile.minReplicas }
        let exact = rate / member.perReplica
        guard exact < Double(cap) else { return cap }
        return min(max(Int((exact - 1e-9).rounded(.up)), member.profile.minReplicas), cap)
    }
}
