public import Planning
public import Store
public import Vocabulary

/// Purchase advice for commitments, and the use of those held: every pool's past GPU need
/// (the stored actual requests of the last `historyDays`, sized as the plan sizes them, each
/// model on its chosen variant), forecast over the term by ``CommitmentAdvisor``.
public struct CommitmentAdviceJob: Sendable {
    public var configuration: FleetConfiguration
    public var advisor: CommitmentAdvisor
    /// Days of history read before the latest forecast's start.
    public var historyDays: Int

    public init(configuration: FleetConfiguration, advisor: CommitmentAdvisor, historyDays: Int = 365) {
        self.configuration = configuration
        self.advisor = advisor
        self.historyDays = historyDays
    }

    /// What one run found: advice per pool (by region and GPU type), the pools it could not
    /// advise on with the reason, and the use of every commitment held.
    public struct Result: Sendable {
        public var advice: [CommitmentAdvice]
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
        do {
            history = try Planner(configuration: longer).poolHistory(demand: demand, now: now)
        } catch {
            throw PlanJobError.planning(error.description)
        }
        var pools = advising ? Set(history.keys) : []
        if advising { for commitment in configuration.commitments { pools.insert(commitment.pool) } }
        var advice: [CommitmentAdvice] = []
        var skipped: [(pool: PoolKey, reason: String)] = []
        for pool in pools.sorted() {
            guard let offer = configuration.offers[pool.region]?[pool.gpuType],
                  let gpu = configuration.gpuTypes[pool.gpuType] else {
                skipped.append((pool, "no prices for \(pool.gpuType) in \(pool.region)"))
                continue
            }
            do {
                advice.append(try advisor.advise(pool: pool, history: history[pool] ?? [], offer: offer,
                                                 gpusPerNode: gpu.gpusPerNode, commitments: configuration.commitments,
                                                 changes: configuration.demandChanges))
            } catch {
                skipped.append((pool, error.description))
            }
        }
        let uses = CommitmentUse.uses(of: configuration.commitments, history: history,
                                      stepSeconds: configuration.settings.step.seconds,
                                      gpusPerNode: configuration.gpuTypes.mapValues(\.gpusPerNode))
        return Result(advice: advice, skipped: skipped, uses: uses)
    }
}
