public import Allocation
import Foundation
public import Planning
public import Store
import Traffic
import Vocabulary

/// The execute job: drives the node pool towards the newest plan's replicas at `now`.
///
/// First it finishes any round a crash left half applied, then it runs one reconcile round of
/// the allocation engine (``Allocator``) against the pool and records and applies its actions
/// through the ``PoolProvider``. Targets are the plan's launched replicas at the step holding
/// `now` (replicas starting up count: the engine places them and they serve after their cold
/// start); node offers come from the configuration and the plan's reserved node counts.
public struct ExecuteJob: Sendable {
    public var configuration: FleetConfiguration
    public var settings = AllocationSettings()

    public init(configuration: FleetConfiguration) {
        self.configuration = configuration
    }

    /// What one execution did.
    public struct Outcome: Sendable {
        /// Actions of an interrupted round applied first.
        public var resumed: [Action]
        /// The provider's events the round took (or, in a dry run, would take).
        public var events: [PoolEvent]
        /// The new round's actions (applied, unless it was a dry run).
        public var actions: [Action]
        public var pool: NodePool
        public var planRunID: Int64
        public var targets: [ReplicaTarget]
    }

    /// Runs the job at `now` (Unix seconds) with `provider`; with `dryRun`, computes the round
    /// and applies nothing (a pending round is reported, not resumed, and events stay untaken).
    ///
    /// The provider's untaken events go to the engine with the round, which takes them: a round
    /// with no actions is still recorded as having taken them.
    public func run(on database: AppDatabase, provider: any PoolProvider, now: Int64, dryRun: Bool = false) async throws -> Outcome {
        let planRun = try await offThePool("headroom-execute") { try database.planRun() }
        guard let planRun else { throw ExecuteJobError.noPlan }
        guard let plan = PlanJSON.plan(of: planRun) else {
            throw ExecuteJobError.unreadablePlan(planRun.id)
        }
        var pool = try await provider.load()
        let pending = try await provider.pending()
        if !pending.isEmpty {
            guard !dryRun else { throw ExecuteJobError.unfinishedRound(pending.count) }
            for action in pending {
                try pool.apply(action)
                try await provider.apply(action)
            }
        }
        let events = try await provider.events()
        let targets = try Self.targets(plan, configuration: configuration, at: now)
        let offers = try Self.offers(plan, configuration: configuration)
        var settings = settings
        settings.nodeReadiness = provider.nodeReadiness
        let allocator = Allocator(settings: settings)
        let actions = try await offThePool("headroom-execute") { [pool] in
            try allocator.reconcile(pool, targets: targets, offers: offers, events: events.map(\.event), now: now)
        }
        if !dryRun, !actions.isEmpty || !events.isEmpty {
            try await provider.record(actions, round: actions.first?.id.round ?? pool.nextRound, taking: events,
                                      planRunID: planRun.id)
            for action in actions {
                try pool.apply(action)
                try await provider.apply(action)
            }
        }
        return Outcome(resumed: pending, events: events.map(\.event), actions: actions, pool: pool,
                       planRunID: planRun.id, targets: targets)
    }

    /// The replicas each planned model should have running at `now`, in the shape of its
    /// planned variant.
    static func targets(_ plan: FleetPlan, configuration: FleetConfiguration, at now: Int64) throws -> [ReplicaTarget] {
        try plan.models.map { model in
            guard var profile = configuration.models[model.model] else {
                throw ExecuteJobError.notConfigured(model: model.model)
            }
            // A model with variants runs the one its plan chose.
            if let name = model.variant?.name {
                guard let variant = profile.variant(named: name) else {
                    throw ExecuteJobError.notConfigured(model: "\(model.model) variant \(name)")
                }
                profile = profile.serving(variant)
            }
            let end = model.start + Int64(model.launchedReplicas.count) * model.stepSeconds
            guard now >= model.start, now < end else {
                throw ExecuteJobError.outsidePlan(now: now, start: model.start, end: end)
            }
            let step = Int((now - model.start) / model.stepSeconds)
            let shape = ReplicaShape(
                gpuType: profile.gpuType, gpus: profile.gpusPerReplica,
                memoryGiB: Int(profile.gpuMemoryGiB.rounded(.up)),
                replicaClass: profile.workloadClass,
                coldStartSeconds: Int64(profile.coldStartSeconds.rounded(.up)))
            return ReplicaTarget(model: model.model, region: model.region, replicas: model.launchedReplicas[step], shape: shape)
        }
    }

    /// One offer per (region, GPU type) the plan uses, with its reserved nodes.
    static func offers(_ plan: FleetPlan, configuration: FleetConfiguration) throws -> [NodeOffer] {
        try plan.capacity.map { split in
            guard let gpu = configuration.gpuTypes[split.gpuType],
                  let offer = configuration.offers[split.region]?[split.gpuType] else {
                throw ExecuteJobError.notConfigured(model: "\(split.gpuType) in \(split.region)")
            }
            var provisioning: [CapacityType: Int64] = [
                .reserved: Int64(offer.reserved.provisioningSeconds.rounded(.up)),
                .onDemand: Int64(offer.onDemand.provisioningSeconds.rounded(.up)),
            ]
            if let spot = offer.spot { provisioning[.spot] = Int64(spot.provisioningSeconds.rounded(.up)) }
            return NodeOffer(region: split.region, gpuType: split.gpuType, gpusPerNode: gpu.gpusPerNode,
                             memoryPerGPUGiB: Int(gpu.memoryGiB.rounded(.down)), provisioningSeconds: provisioning,
                             reservedNodes: split.reservedNodes, allowsSpot: offer.spot != nil)
        }
    }
}

/// Why the execute job changed nothing.
public enum ExecuteJobError: Error, Equatable, CustomStringConvertible {
    case noPlan
    case unreadablePlan(Int64)
    case unreadableLog(round: Int, position: Int)
    case notConfigured(model: String)
    case outsidePlan(now: Int64, start: Int64, end: Int64)
    case unfinishedRound(Int)
    /// A row of the pool's tables (`node`, `replica`) holds a value this version does not know,
    /// or the rows break a pool invariant.
    case unreadablePoolTables(String)

    public var description: String {
        switch self {
        case .noPlan: "no plan is stored yet: run `headroom plan run` first"
        case .unreadablePlan(let id): "plan #\(id) cannot be read by this version of Headroom; run `headroom plan run`"
        case .unreadableLog(let round, let position):
            "the pool's action log cannot be read at action \(round).\(position) (written by another version?)"
        case .notConfigured(let model): "the plan names \(model), which the configuration does not describe"
        case .outsidePlan(let now, let start, let end):
            "the newest plan covers \(Timestamp.format(start)) to \(Timestamp.format(end)); \(Timestamp.format(now)) is "
                + "outside it: run `headroom forecast run` and `headroom plan run`, or pass --at a time inside it"
        case .unfinishedRound(let count):
            "a round is half applied (\(count) actions pending): run `headroom execute` without --dry-run to finish it"
        case .unreadablePoolTables(let problem):
            "the pool's tables cannot be read (written by another version?): \(problem)"
        }
    }
}
