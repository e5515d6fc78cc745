public import Planning
public import Store
public import Vocabulary

/// Purchase advice for commitments, and the use of those held: every pool's past GPU need
/// (the stored actual requests of the last `historyDays`, sized as the plan sizes them, each
/// model on its chosen variant), forecast over the term (or a peak window) by
/// ``CommitmentAdvisor``.
public struct CommitmentAdviceJob: Sendable {
    public var configuration: FleetConfiguration
    public var advisor: CommitmentAdvisor
    /// Days of history read before the latest forecast's start.
    public var historyDays: Int
    /// The kinds advised: reserved nodes and savings plans for the term (where the pool has a
    /// savings-plan rate), capacity blocks for peak windows.
    public var kinds: Set<Commitment.Kind>
    /// Windows capacity blocks are advised for in every pool that sells them, besides the
    /// peaks of `demand_changes` (a multiplier above 1 with an `until`) in their own pool.
    public var windows: [PeakWindow]

    public init(configuration: FleetConfiguration, advisor: CommitmentAdvisor, historyDays: Int = 365,
                kinds: Set<Commitment.Kind> = Set(Commitment.Kind.allCases), windows: [PeakWindow] = []) {
        self.configuration = configuration
        self.advisor = advisor
        self.historyDays = historyDays
        self.kinds = kinds
        self.windows = windows
    }

    /// What one run found: advice per pool (by region and GPU type) and per pool and peak
    /// window, the pools it could not advise on with the reason, and the use of every
    /// commitment held.
    public struct Result: Sendable {
        public var advice: [CommitmentAdvice]
        public var blocks: [CapacityBlockAdvice]
        public var skipped: [(pool: PoolKey, reason: String)]
        public var uses: [CommitmentUse]
    }

    /// - Parameter advising: false to report only the use of the commitments held (no forecast
    ///   or advice is made).
    /// - Throws: ``PlanJobError`` when there is no forecast run to start from or planning fails.
    public func run(on database: AppDatabase, advising: Bool = true) throws -> Result {
        var longer = configuration
        longer.settings.reservationWindowSeconds = Int64(historyDays) * 86_400
        let (_, demand, now) = try PlanJob(configuration: longer, configurationText: "").demands(on: database)
        let history: [PoolKey: [PoolLevel]]
        let coldStarts: [PoolKey: Double]
        do {
            (history, coldStarts) = try Planner(configuration: longer).poolNeeds(demand: demand, now: now)
        } catch {
            throw PlanJobError.planning(error.description)
        }
        var pools = advising ? Set(history.keys) : []
        if advising { for commitment in configuration.commitments { pools.insert(commitment.pool) } }
        var advice: [CommitmentAdvice] = []
        var blocks: [CapacityBlockAdvice] = []
        var skipped: [(pool: PoolKey, reason: String)] = []
        var unpriced: [(pool: PoolKey, reason: String)] = []
        for pool in pools.sorted() {
            guard let offer = configuration.offers[pool.region]?[pool.gpuType],
                  let gpu = configuration.gpuTypes[pool.gpuType] else {
                skipped.append((pool, "no prices for \(pool.gpuType) in \(pool.region)"))
                continue
            }
            let levels = history[pool] ?? []
            for kind in [Commitment.Kind.reservedNodes, .savingsPlan] where kinds.contains(kind) {
                // Savings plans where the pool has a rate or holds one; asked for alone, say where not.
                let holdsPlan = configuration.commitments.contains { $0.pool == pool && $0.kind == .savingsPlan }
                if kind == .savingsPlan, offer.savingsPlanUSDPerGPUHour == nil, !holdsPlan {
                    if kinds.count == 1 {
                        skipped.append((pool, "savings plans: \(pool.region) has no savings-plan rate for \(pool.gpuType) "
                            + "(regions.\(pool.region).\(pool.gpuType).savings_plan)"))
                    }
                    continue
                }
                do {
                    advice.append(try advisor.advise(pool: pool, history: levels, offer: offer, gpusPerNode: gpu.gpusPerNode,
                                                     commitments: configuration.commitments, changes: configuration.demandChanges,
                                                     kind: kind, batchColdStartSeconds: coldStarts[pool] ?? 0))
                } catch {
                    // The same reason (a short history) for both kinds: said once.
                    if !skipped.contains(where: { $0.pool == pool && $0.reason == error.description }) {
                        skipped.append((pool, error.description))
                    }
                }
            }
            guard kinds.contains(.capacityBlock) else { continue }
            let declared = configuration.demandChanges.peaks(in: pool).filter { $0.end > now }
            guard offer.capacityBlockUSDPerGPUHour != nil else {
                // Asked windows go to the pools that sell blocks; a peak declared for this pool cannot.
                let reason = "capacity blocks: \(pool.region) sells none of \(pool.gpuType) (regions.\(pool.region).\(pool.gpuType).capacity_block)"
                if !declared.isEmpty { skipped.append((pool, reason)) } else if !windows.isEmpty { unpriced.append((pool, reason)) }
                continue
            }
            for window in windows + declared {
                do {
                    blocks.append(try advisor.adviseBlock(pool: pool, history: levels, offer: offer, gpusPerNode: gpu.gpusPerNode,
                                                          commitments: configuration.commitments,
                                                          changes: configuration.demandChanges, window: window,
                                                          batchColdStartSeconds: coldStarts[pool] ?? 0))
                } catch {
                    skipped.append((pool, "capacity block for '\(window.name)': \(error.description)"))
                }
            }
        }
        // Windows asked of every pool but no pool sells blocks: say where they could not go.
        if !windows.isEmpty, !blocks.contains(where: { block in windows.contains { $0.name == block.window.name } }) {
            skipped += unpriced
        }
        // Capacity blocks alone asked for, and no window anywhere: say why there is nothing.
        if kinds == [.capacityBlock], windows.isEmpty, blocks.isEmpty, skipped.isEmpty {
            for pool in pools.sorted() where configuration.offers[pool.region]?[pool.gpuType]?.capacityBlockUSDPerGPUHour != nil {
                skipped.append((pool, "capacity blocks: no peak window (a demand change with an `until` and a multiplier "
                    + "above 1, or a window asked)"))
            }
        }
        let uses = CommitmentUse.uses(of: configuration.commitments, history: history,
                                      stepSeconds: configuration.settings.step.seconds,
                                      gpusPerNode: configuration.gpuTypes.mapValues(\.gpusPerNode))
        return Result(advice: advice, blocks: blocks, skipped: skipped, uses: uses)
    }
}
