import ArgumentParser
import Foundation
import Jobs
import Planning
import Store
import Traffic
import Vocabulary

/// `headroom plan show`: one model's plan in one region, as a table or JSON.
struct PlanShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one model's plan in one region: replicas per hour, the schedule, its pool's split and costs."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var database: DatabaseOption

    @Option(help: "The model, as configured.")
    var model: String

    @Option(help: "The region.")
    var region: String

    @Option(help: "table or json.")
    var format: Format = .table

    @Option(name: .customLong("plan"), help: "Plan version (default: the newest).")
    var planID: Int64?

    @Flag(help: "In the table, one row per planning step rather than per hour (its busiest step).")
    var everyStep = false

    func run() throws {
        let store = try database.open()
        guard let run = try store.planRun(id: planID) else {
            throw CommandFailure(planID.map { "no plan #\($0) is stored" } ?? "no plan is stored yet: run `headroom plan run` first")
        }
        guard let plan = PlanJSON.plan(of: run) else {
            throw CommandFailure("plan #\(run.id) cannot be read by this version of Headroom")
        }
        let key = ModelRegion(model: model, region: region)
        guard let modelPlan = plan.models.first(where: { $0.modelRegion == key }) else {
            let planned = plan.models.map(\.modelRegion.description).joined(separator: ", ")
            throw CommandFailure("plan #\(run.id) has no plan for \(model) in \(region); it plans \(planned)")
        }
        let pool = plan.capacity.first { $0.pool == modelPlan.pool }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let document = ShownPlan(plan: run.id, forecastRun: run.forecastRunID, createdAt: run.createdAt,
                                     modelPlan: modelPlan, capacity: pool)
            print(String(decoding: try encoder.encode(document), as: UTF8.self))
        case .table:
            print(render(run: run, plan: modelPlan, pool: pool))
        }
    }

    /// What `--format json` prints.
    struct ShownPlan: Encodable {
        var plan: Int64
        var forecastRun: Int64
        var createdAt: String
        var modelPlan: ModelPlan
        var capacity: CapacitySplit?
    }

    /// `variant: NAME (reason); over the horizon on demand: a $X, b $Y; c left out: why`, or
    /// nothing for a model with one way to serve it.
    static func variantLine(_ choice: VariantChoice?) -> String {
        guard let choice else { return "" }
        let costs: [String] = choice.horizonCostUSD.sorted { $0.key < $1.key }.map { name, usd in
            "\(name) $\(Int(usd.rounded()))"
        }
        let excluded: [String] = choice.excluded.sorted { $0.key < $1.key }.map { name, why in "; \(name) left out: \(why)" }
        return "variant: \(choice.name) (\(choice.reason)); over the horizon on demand: " + costs.joined(separator: ", ")
            + excluded.joined() + "\n"
    }

    func render(run: StoredPlanRun, plan: ModelPlan, pool: CapacitySplit?) -> String {
        var text = "plan #\(run.id) (forecast run #\(run.forecastRunID), made \(run.createdAt)): \(plan.model) in \(plan.region), "
            + "\(plan.gpusPerReplica)x \(plan.gpuType) per replica, \(plan.workloadClass.rawValue), planned on "
            + (plan.quantile.map { "forecast quantile \($0)" } ?? "the mean forecast")
            + ", lead time \(Int(plan.leadTimeSeconds)) s\n"
            + Self.variantLine(plan.variant)
            + (plan.settings.map { "settings: \($0.source.rawValue), target utilisation \($0.targetUtilization)"
                + ($0.note.map { " (\($0))" } ?? "") + "\n" } ?? "")
            + "\n"
        // One row per hour, at its busiest step (the most replicas needed), or one per step.
        let perHour = everyStep ? 1 : max(1, Int(3_600 / plan.stepSeconds))
        var rows = [[everyStep ? "step (UTC)" : "hour (UTC)", "demand req/s", "replicas needed", "batch size", "ready", "launched"]]
        for first in stride(from: 0, to: plan.replicas.count, by: perHour) {
            let range = first..<min(first + perHour, plan.replicas.count)
            guard let busiest = range.max(by: { plan.replicas[$0] < plan.replicas[$1] }) else { continue }
            rows.append([
                Timestamp.format(plan.start + Int64(first) * plan.stepSeconds),
                String(format: "%.1f", range.map { plan.plannedRequestsPerSecond[$0] }.max() ?? 0),
                "\(plan.replicas[busiest])", "\(plan.batchSize[busiest])",
                "\(plan.readyReplicas[busiest])", "\(plan.launchedReplicas[busiest])",
            ])
        }
        text += TextTable(rows).render() + "\n\nschedule (\(plan.actions.count) actions):\n"
        var actions = [["at (UTC)", "action", "replicas", "ready at", "reason"]]
        for action in plan.actions {
            actions.append([Timestamp.format(action.at), action.kind.rawValue, "\(action.fromReplicas) -> \(action.replicas)",
                            Timestamp.format(action.readyAt), action.reason])
        }
        text += TextTable(actions).render() + "\n"
        text += "GPU-hours over the plan: \(String(format: "%.0f", plan.gpuHours)); replica-hours saved by batching: "
            + "\(String(format: "%.0f", plan.replicaHoursSavedByBatching))\n"
        if let bounds = plan.limitedBy {
            let count = { (bound: SizingBound) in bounds.filter { $0 == bound }.count }
            text += "sized on tokens: replicas set by requests in \(count(.requests)) steps, by prefill (prompt tokens) in "
                + "\(count(.prefill)), by decode (generated tokens) in \(count(.decode))\n"
        }
        if let pool {
            text += "\npool \(pool.region)/\(pool.gpuType) (shared by \(pool.models.joined(separator: ", "))): "
                + "reserve \(pool.reservedNodes) nodes of \(pool.gpusPerNode) GPUs; break-even utilisation "
                + PlanSummary.percent(pool.breakEvenUtilization) + ", reservation use "
                + (pool.reservationUtilization.map(PlanSummary.percent) ?? "-") + ", coverage "
                + PlanSummary.percent(pool.reservationCoverage) + "\n"
            var days = [["day (UTC)", "reserved GPU-h", "on-demand GPU-h", "spot GPU-h", "cost"]]
            for day in pool.daily {
                days.append([String(Timestamp.format(day.day).prefix(10)), String(format: "%.0f", day.cost.reservedGPUHours),
                             String(format: "%.0f", day.cost.onDemandGPUHours), String(format: "%.0f", day.cost.spotGPUHours),
                             PlanSummary.usd(day.cost.totalUSD)])
            }
            text += TextTable(days).render() + "\n"
            text += "monthly: \(PlanSummary.usd(pool.monthly.totalUSD)) (reserved \(PlanSummary.usd(pool.monthly.reservedUSD)), "
                + "on demand \(PlanSummary.usd(pool.monthly.onDemandUSD)), spot \(PlanSummary.usd(pool.monthly.spotUSD))); "
                + "all on demand \(PlanSummary.usd(pool.allOnDemandMonthlyUSD)) (saves "
                + PlanSummary.percent(1 - pool.monthly.totalUSD / max(pool.allOnDemandMonthlyUSD, 1e-9))
                + "), static peak on demand \(PlanSummary.usd(pool.staticPeakOnDemandMonthlyUSD)) (saves "
                + PlanSummary.percent(1 - pool.monthly.totalUSD / max(pool.staticPeakOnDemandMonthlyUSD, 1e-9)) + ")"
        }
        return text
    }
}
