import Allocation
import Foundation
import Jobs
import Metrics
import Prometheus
public import Store
import Traffic
import Vocabulary

/// The service's Prometheus metrics, through swift-metrics. Requests per route (count and
/// latency histogram) come from Hummingbird's `MetricsMiddleware`; this type adds the domain:
/// job durations and outcomes, traffic ingested, and gauges read from the database at each
/// scrape: backtest MASE per series, the newest plan's monthly cost, pool packing and
/// fragmentation.
public struct ServiceMetrics: Sendable {
    /// The process's registry. swift-metrics has one backend per process, so it is made and
    /// bootstrapped once, on first use, with names sanitised to Prometheus's alphabet
    /// (`http.server.request.duration` becomes `http_server_request_duration`).
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (sanitize(name), labels.map { (sanitize($0.0), $0.1) })
        }
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    public init() {
        _ = Self.registry
    }

    /// Counts and times one ended job run, under its job's metrics label (``JobCatalog``).
    public func jobFinished(_ run: JobRunRecord) {
        let label = JobCatalog.job(run.kind)?.metricsLabel ?? run.kind.rawValue
        let outcome = run.status == .succeeded ? "succeeded" : "failed"
        Counter(label: "headroom_jobs_total", dimensions: [("job", label), ("outcome", outcome)]).increment()
        Timer(label: "headroom_job_duration_seconds", dimensions: [("job", label)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(Int64(max(0, run.durationSeconds ?? 0) * 1e9))
    }

    func trafficIngested(rows: Int) {
        Counter(label: "headroom_traffic_rows_ingested_total").increment(by: rows)
    }

    /// Sets the gauges from what the database holds at `now` (Unix seconds).
    func refresh(from database: AppDatabase, pool: NodePool, now: Int64) throws {
        if let run = try database.latestForecastSummary() {
            Gauge(label: "headroom_forecast_failed_series").record(Double(run.count { $0.error != nil }))
            for series in run {
                let dimensions = [("model", series.model), ("region", series.region), ("metric", series.metric)]
                Gauge(label: "headroom_forecast_series_failed", dimensions: dimensions).record(series.error == nil ? 0 : 1)
                if let mase = series.backtestMASE, mase.isFinite {
                    Gauge(label: "headroom_forecast_backtest_mase", dimensions: dimensions).record(mase)
                }
                if let coverage = series.coverage95, coverage.isFinite {
                    Gauge(label: "headroom_forecast_coverage_95", dimensions: dimensions).record(coverage)
                }
            }
        }
        for (setting, _) in try database.latestTunedSettings() {
            let dimensions = [("model", setting.model), ("region", setting.region)]
            Gauge(label: "headroom_tuned_reached", dimensions: dimensions).record(setting.status == "tuned" ? 1 : 0)
            Gauge(label: "headroom_tuned_quantile", dimensions: dimensions).record(setting.quantile)
            Gauge(label: "headroom_tuned_utilization", dimensions: dimensions).record(setting.utilization)
            Gauge(label: "headroom_tuned_served_fraction", dimensions: dimensions).record(setting.servedFraction)
            Gauge(label: "headroom_tuned_slo_served", dimensions: dimensions).record(setting.sloServed)
        }
        for pulls in try database.pullSummaries() {
            let dimensions = [("source", pulls.source)]
            Gauge(label: "headroom_pull_samples_stored", dimensions: dimensions).record(Double(pulls.samplesStored))
            Gauge(label: "headroom_pull_series_skipped", dimensions: dimensions).record(Double(pulls.lastSeriesSkipped))
            Gauge(label: "headroom_pull_errors", dimensions: dimensions).record(Double(pulls.failedPulls))
            if let last = pulls.lastSuccess {
                Gauge(label: "headroom_pull_last_success_timestamp_seconds", dimensions: dimensions).record(Double(last))
            }
        }
        if let newest = try database.latestPlanRunID() {
            // What each model should run now: the external metric of an HPA without KEDA.
            let lookup = ScalingLookup(database: database)
            for (model, region) in try database.plannedModels(runID: newest) {
                let gauge = Gauge(label: "headroom_scaling_replicas", dimensions: [("model", model), ("region", region)])
                guard let (_, target) = try? lookup.target(model: model, region: region, at: now) else {
                    gauge.destroy()  // no value now (e.g. the plan's horizon ended): the series goes, not stale
                    continue
                }
                gauge.record(Double(target.replicas))
            }
        }
        if let plan = try database.planRun() {
            Gauge(label: "headroom_plan_id").record(Double(plan.id))
            Gauge(label: "headroom_planned_monthly_cost_usd").record(plan.monthlyCostUSD)
            Gauge(label: "headroom_all_on_demand_monthly_cost_usd").record(plan.onDemandCostUSD)
        }
        let pool = PoolMetrics(pool: pool)
        Gauge(label: "headroom_pool_gpus_in_use").record(Double(pool.gpusInUse))
        Gauge(label: "headroom_pool_gpus_on_ready_nodes").record(Double(pool.gpusOnReadyNodes))
        Gauge(label: "headroom_pool_packing_efficiency").record(pool.packingEfficiency ?? 0)
        Gauge(label: "headroom_pool_stranded_gpus").record(Double(pool.strandedGPUs))
        for capacity in CapacityType.allCases {
            Gauge(label: "headroom_pool_nodes", dimensions: [("capacity_type", capacity.rawValue)])
                .record(Double(pool.nodesByCapacity[capacity] ?? 0))
        }
    }

    /// The Prometheus text exposition of every metric.
    func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        Self.registry.emit(into: &buffer)
        return buffer
    }

    static func sanitize(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") ? $0 : "_" })
    }
}
