import Foundation
import Planning
import Store
import Traffic

/// A fleet plan as text: one line per model and region, one per capacity pool, then the
/// monthly costs against all on-demand and static peak, the budget and the warnings.
struct PlanSummary {
    var run: StoredPlanRun
    var plan: FleetPlan

    func render() -> String {
        let hours = Double(run.steps) * Double(run.stepSeconds) / 3_600
        var text = "plan #\(run.id) from forecast run #\(run.forecastRunID): \(run.steps) steps of "
            + "\(Step(seconds: run.stepSeconds)?.description ?? "\(run.stepSeconds)s") from \(Timestamp.format(run.start)) "
            + "(\(Self.number(hours, 0)) h)\n\n"
        var models = [["model", "region", "GPU", "class", "plans on", "settings", "replicas min-max", "actions", "GPU-hours",
                       "saved by batching"]]
        for model in plan.models {
            models.append([
                model.model, model.region, "\(model.gpusPerReplica)x \(model.gpuType)", model.workloadClass.rawValue,
                model.quantile.map { "q\(Self.number($0, 3))" } ?? "mean",
                model.settings.map { "\($0.source.rawValue), u \(Self.number($0.targetUtilization, 3))" } ?? "-",
                "\(model.replicas.min() ?? 0)-\(model.replicas.max() ?? 0)", "\(model.actions.count)",
                Self.number(model.gpuHours, 0), "\(Self.number(model.replicaHoursSavedByBatching, 0)) replica-h",
            ])
        }
        text += TextTable(models).render() + "\n\n"
        var pools = [["region", "GPU", "reserved nodes", "break-even", "reservation use", "coverage", "peak GPUs",
                      "monthly reserved", "on-demand", "spot", "total"]]
        for pool in plan.capacity {
            pools.append([
                pool.region, pool.gpuType, "\(pool.reservedNodes) (\(pool.reservedNodes * pool.gpusPerNode) GPUs)",
                Self.percent(pool.breakEvenUtilization), pool.reservationUtilization.map(Self.percent) ?? "-",
                Self.percent(pool.reservationCoverage), Self.number(pool.peakGPUs, 1),
                Self.usd(pool.monthly.reservedUSD), Self.usd(pool.monthly.onDemandUSD), Self.usd(pool.monthly.spotUSD),
                Self.usd(pool.monthly.totalUSD),
            ])
        }
        text += TextTable(pools).render() + "\n\n"
        let totals = plan.totals
        let planned = totals.monthly.totalUSD
        text += "monthly cost: planned \(Self.usd(planned)); all on demand \(Self.usd(totals.allOnDemandMonthlyUSD)) "
            + "(saves \(Self.percent(1 - planned / max(totals.allOnDemandMonthlyUSD, 1e-9)))); static peak on demand "
            + "\(Self.usd(totals.staticPeakOnDemandMonthlyUSD)) (saves \(Self.percent(1 - planned / max(totals.staticPeakOnDemandMonthlyUSD, 1e-9))))\n"
        if let budget = plan.budget {
            text += "budget: \(budget.message)\n"
        }
        for warning in plan.warnings {
            text += "warning: \(warning)\n"
        }
        return text.trimmingSuffixNewlines
    }

    static func number(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    static func usd(_ value: Double) -> String {
        let rounded = Int(value.rounded())
        var digits = String(abs(rounded))
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return (rounded < 0 ? "-$" : "$") + digits + grouped
    }
}

extension String {
    var trimmingSuffixNewlines: String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
