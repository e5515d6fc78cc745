import Foundation
public import Planning
public import Store

/// The stored form of a plan: JSON with sorted keys in `plan_run.plan` and `model_plan.plan`.
/// Written by ``PlanJob``; read here, and only here, by execution, the cost report, the CLI
/// and the service.
public enum PlanJSON {
    /// `value` (a ``FleetPlan`` or one model's plan) as stored.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The plan of `run`, or nil when it is stored in a form this version cannot read.
    public static func plan(of run: StoredPlanRun) -> FleetPlan? {
        try? JSONDecoder().decode(FleetPlan.self, from: Data(run.plan.utf8))
    }

    /// One model's plan as stored in `model_plan.plan`, or nil when this version cannot read it.
    public static func modelPlan(_ text: String) -> ModelPlan? {
        try? JSONDecoder().decode(ModelPlan.self, from: Data(text.utf8))
    }
}
