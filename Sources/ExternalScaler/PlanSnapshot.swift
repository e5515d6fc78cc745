import Foundation
import Jobs
import Planning
import Store
import Synchronization
import Vocabulary

/// The newest plan's model plans as the scaler reads them, kept decoded in memory: a call reads
/// the store only to learn the newest plan's id (at most once per `freshness`) or to load a model
/// plan it has not decoded yet, so `GetMetrics` at thousands of calls a second costs no SQLite
/// read and no JSON decoding. Store reads run off the cooperative pool.
final class PlanSnapshot: Sendable {
    private struct State {
        var latest: Int64?
        var checked: ContinuousClock.Instant?
        var plans: [ModelRegion: (planID: Int64, plan: ModelPlan)] = [:]
    }

    private let database: AppDatabase
    private let freshness: Duration
    private let state = Mutex(State())

    init(database: AppDatabase, freshness: Duration = .milliseconds(250)) {
        self.database = database
        self.freshness = freshness
    }

    /// The newest plan's id, read again when the last read is older than `freshness`.
    func latestPlanID() async throws -> Int64? {
        let now = ContinuousClock.now
        if let (latest, checked) = state.withLock({ state in state.checked.map { (state.latest, $0) } }),
           now - checked < freshness {
            return latest
        }
        let database = self.database
        let latest = try await offThePool("headroom-keda") { try database.latestPlanRunID() }
        state.withLock { state in
            state.latest = latest
            state.checked = now
            state.plans = state.plans.filter { $0.value.planID == latest }
        }
        return latest
    }

    /// What the newest plan says `key` should run at `at`.
    /// - Throws: ``ScalingLookupError``.
    func target(_ key: ModelRegion, at: Int64) async throws -> (planID: Int64, target: ScalingTarget) {
        guard let latest = try await latestPlanID() else { throw ScalingLookupError.noPlan }
        let cached = state.withLock { $0.plans[key] }
        let plan: ModelPlan
        if let cached, cached.planID == latest {
            plan = cached.plan
        } else {
            let database = self.database
            plan = try await offThePool("headroom-keda") {
                try ScalingLookup.modelPlan(model: key.model, region: key.region, planID: latest, database: database)
            }
            state.withLock { $0.plans[key] = (latest, plan) }
        }
        return (latest, try ScalingLookup.target(plan, planID: latest, at: at))
    }
}
