public import Planning
public import Store
import Traffic

/// What the newest plan says one model should run in one region at an instant
/// (``ModelPlan/scalingTarget(at:)``), read from the store: the one source of `GET /v1/scaling`
/// and KEDA's external scaler.
public struct ScalingLookup: Sendable {
    public var database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// The newest plan's target for `model` in `region` at `at` (Unix seconds), with the plan's id.
    /// - Throws: ``ScalingLookupError``, each saying what to do.
    public func target(model: String, region: String, at: Int64) throws -> (planID: Int64, target: ScalingTarget) {
        guard let newest = try database.latestPlanRunID() else { throw ScalingLookupError.noPlan }
        let plan = try Self.modelPlan(model: model, region: region, planID: newest, database: database)
        return (newest, try Self.target(plan, planID: newest, at: at))
    }

    /// `model`'s plan in `region` within plan `planID`.
    /// - Throws: ``ScalingLookupError/notPlanned(model:region:planID:planned:)`` or
    ///   ``ScalingLookupError/unreadable(planID:)``, and storage errors.
    public static func modelPlan(model: String, region: String, planID: Int64, database: AppDatabase) throws -> ModelPlan {
        guard let (_, stored) = try database.modelPlan(model: model, region: region, runID: planID) else {
            let planned = try database.plannedModels(runID: planID).map { "\($0.model) in \($0.region)" }
            throw ScalingLookupError.notPlanned(model: model, region: region, planID: planID, planned: planned)
        }
        guard let plan = PlanJSON.modelPlan(stored.plan) else { throw ScalingLookupError.unreadable(planID: planID) }
        return plan
    }

    /// `plan`'s target at `at`, its problems as ``ScalingLookupError``s of plan `planID`.
    public static func target(_ plan: ModelPlan, planID: Int64, at: Int64) throws(ScalingLookupError) -> ScalingTarget {
        do {
            return try plan.scalingTarget(at: at)
        } catch {
            switch error {
            case .horizonEnded(let end): throw .horizonEnded(planID: planID, end: end)
            case .empty: throw .noSteps(planID: planID, model: plan.model, region: plan.region)
            }
        }
    }
}

/// Why there is no scaling target; each description says what to do.
public enum ScalingLookupError: Error, Equatable, CustomStringConvertible {
    case noPlan
    case notPlanned(model: String, region: String, planID: Int64, planned: [String])
    case horizonEnded(planID: Int64, end: Int64)
    case unreadable(planID: Int64)
    case noSteps(planID: Int64, model: String, region: String)

    public var description: String {
        switch self {
        case .noPlan:
            "no plan is stored yet: run the plan job (POST /v1/jobs/plan or `headroom plan run`)"
        case .notPlanned(let model, let region, let planID, let planned):
            "plan \(planID) has no \(model) in \(region) (it plans \(planned.isEmpty ? "nothing" : planned.joined(separator: ", "))): "
                + "check the model and region, or add them to the configuration and run the plan job"
        case .horizonEnded(let planID, let end):
            "plan \(planID), the newest, ends at \(Timestamp.format(end)): run the forecast and plan jobs for a plan that covers now"
        case .unreadable(let planID):
            "plan \(planID) is stored in a form this version cannot read: run the plan job"
        case .noSteps(let planID, let model, let region):
            "plan \(planID) has no steps for \(model) in \(region) (its forecast had none left): run the forecast and plan jobs"
        }
    }
}
