import Config
import Testing

/// A misspelled optional key is an unknown key in every section: reported with its key path, the
/// keys allowed there and its line, never ignored (the default would silently apply).
@Suite struct MisspelledKeyTests {
    static let cases: [(yaml: String, expected: String)] = [
        (minimal + "\nbuget: { monthly_usd: 1000 }",
         "buget: unknown key 'buget' (expected one of: planning, budget, gpu_types, regions, models, commitments, demand_changes, service, pool, sources) (line 25)"),
        (replacing("  horizon: 24h", with: "  horizn: 24h"),
         "planning.horizn: unknown key 'horizn' (expected one of: step, horizon, reservation_window, max_actions_per_day) (line 3)"),
        (minimal + "\nbudget: { monthly_us: 1000 }",
         "budget.monthly_us: unknown key 'monthly_us' (expected one of: monthly_usd) (line 25)"),
        (replacing("memory_gib: 80 }", with: "memory_gib: 80, memory_gb: 80 }"),
         "gpu_types.H100.memory_gb: unknown key 'memory_gb' (expected one of: gpus_per_node, memory_gib) (line 5)"),
        (replacing("{ usd_per_gpu_hour: 4.27 }", with: "{ usd_per_gpu_hour: 4.27, provisioning: 60 }"),
         "regions.us-east-1.H100.reserved.provisioning: unknown key 'provisioning' (expected one of: usd_per_gpu_hour, provisioning_s) (line 9)"),
        (replacing("provisioning_s: 600 }", with: "provisioning_s: 600 }\n      spott: { usd_per_gpu_hour: 2 }"),
         "regions.us-east-1.H100.spott: unknown key 'spott' (expected one of: reserved, on-demand, spot, max_gpus, capacity_block, savings_plan) (line 11)"),
        (replacing("provisioning_s: 600 }", with: "provisioning_s: 600 }\n      spot: { usd_per_gpu_hour: 2, provisioning_s: 60, interruptions_per_hour: 0.1, reliable_shares: 1 }"),
         "regions.us-east-1.H100.spot.reliable_shares: unknown key 'reliable_shares' (expected one of: usd_per_gpu_hour, provisioning_s, interruptions_per_hour, reliable_share) (line 11)"),
        (replacing("    max_replicas: 10", with: "    max_replicas: 10\n    quantil: 0.9"),
         "models.chat-8b.quantil: unknown key 'quantil' (expected one of: gpu_type, gpus_per_replica, gpu_memory_gib, cold_start_s, class, deadline_s, throughput, slo_p99_ms, target_utilization, min_replicas, max_replicas, scale_up, scale_down_stabilization_s, quantile, slo_served, regions, profile, slo, variants) (line 24)"),
        (replacing("    max_replicas: 10", with: "    max_replicas: 10\n    scale_up: { replicas: 2, period_s: 60, periods: 2 }"),
         "models.chat-8b.scale_up.periods: unknown key 'periods' (expected one of: replicas, period_s) (line 24)"),
        (replacing("p99_ms: 300 }", with: "p99_ms: 300, p99: 300 }"),
         "models.chat-8b.throughput[0].p99: unknown key 'p99' (expected one of: batch_size, rps, p99_ms) (line 20)"),
        (minimal + "\nservice:\n  shutdown_grac: 10s\n",
         "service.shutdown_grac: unknown key 'shutdown_grac' (expected one of: schedule, shutdown_grace, metrics_require_token, max_request_bytes, header_timeout, idle_timeout, max_connections, max_concurrent_ingests, keda) (line 26)"),
        (minimal + "\npool:\n  providr: embedded\n",
         "pool.providr: unknown key 'providr' (expected one of: provider) (line 26)"),
        (minimal + "\npool:\n  provider: k8s\n",
         "pool.provider: 'k8s' is not a pool provider; this build has embedded (line 26)"),
    ]

    @Test func isReportedWithItsPathAndLine() {
        for (yaml, expected) in Self.cases {
            #expect(problem(yaml) == expected)
        }
    }
}
