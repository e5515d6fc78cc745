import Config
import Planning
import Testing

/// A small valid configuration; the tests change one thing at a time.
let minimal = """
    planning:
      step: 5m
      horizon: 24h
    gpu_types:
      H100: { gpus_per_node: 8, memory_gib: 80 }
    regions:
      us-east-1:
        H100:
          reserved: { usd_per_gpu_hour: 4.27 }
          on-demand: { usd_per_gpu_hour: 6.88, provisioning_s: 600 }
    models:
      chat-8b:
        gpu_type: H100
        gpus_per_replica: 1
        gpu_memory_gib: 40
        cold_start_s: 90
        class: interactive
        slo_p99_ms: 1000
        throughput:
          - { batch_size: 1, rps: 1, p99_ms: 300 }
          - { batch_size: 4, rps: 3, p99_ms: 600 }
          - { batch_size: 8, rps: 5, p99_ms: 1200 }
        max_replicas: 10
        regions: [us-east-1]
    """

/// The error `yaml` raises, as a person reads it.
func problem(_ yaml: String) -> String {
    do {
        _ = try ConfigurationReader.parse(yaml)
        return "no error"
    } catch {
        return error.description
    }
}

func replacing(_ old: String, with new: String) -> String {
    precondition(minimal.contains(old), "fixture lacks \(old)")
    return minimal.replacingOccurrences(of: old, with: new)
}

extension String {
    func replacingOccurrences(of old: String, with new: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: old) {
            result += rest[..<range.lowerBound] + new
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

@Suite struct ConfigurationReaderTests {
    @Test func readsAMinimalConfigurationWithItsDefaults() throws {
        let fleet = try ConfigurationReader.parse(minimal)
        let chat = try #require(fleet.models["chat-8b"])
        #expect(chat.targetUtilization == 0.65)
        #expect(chat.quantile == 0.95)
        #expect(chat.sloServed == 0.999)
        #expect(chat.minReplicas == 1)
        #expect(chat.scaleUp == ScaleUpLimit(replicas: 4, periodSeconds: 60))
        #expect(chat.scaleDownStabilizationSeconds == 300)
        #expect(chat.throughput.count == 3)
        #expect(fleet.settings.step.seconds == 300)
        #expect(fleet.settings.horizonSeconds == 86_400)
        #expect(fleet.settings.reservationWindowSeconds == 28 * 86_400)
        #expect(fleet.settings.maxActionsPerDay == 48)
        #expect(fleet.monthlyBudgetUSD == nil)
        let offer = try #require(fleet.offers["us-east-1"]?["H100"])
        #expect(offer.reserved.provisioningSeconds == 0)
        #expect(offer.onDemand.usdPerGPUHour == 6.88)
        #expect(offer.spot == nil)
    }

    @Test func unknownKeysAreNamed() {
        #expect(problem(replacing("    max_replicas: 10", with: "    max_replica: 10\n    max_replicas: 10"))
            .hasPrefix("models.chat-8b.max_replica: unknown key 'max_replica' (expected one of: gpu_type, "))
        #expect(problem(minimal + "\nbudgets: {}")
            == "budgets: unknown key 'budgets' (expected one of: planning, budget, gpu_types, regions, models, commitments, demand_changes, service, pool, sources) (line 25)")
        #expect(problem(replacing("{ batch_size: 4, rps: 3,", with: "{ batch_size: 4, rsp: 3,"))
            == "models.chat-8b.throughput[1].rsp: unknown key 'rsp' (expected one of: batch_size, rps, p99_ms) (line 21)")
    }

    @Test func wrongTypesAreNamed() {
        #expect(problem(replacing("gpus_per_replica: 1", with: "gpus_per_replica: one"))
            == "models.chat-8b.gpus_per_replica: must be a whole number, got 'one' (line 14)")
        #expect(problem(replacing("slo_p99_ms: 1000", with: "slo_p99_ms: [1000]"))
            == "models.chat-8b.slo_p99_ms: must be a number, got a list (line 18)")
        #expect(problem(replacing("regions: [us-east-1]", with: "regions: us-east-1"))
            == "models.chat-8b.regions: must be a list, got 'us-east-1' (line 24)")
        #expect(problem(replacing("class: interactive", with: "class: realtime"))
            == "models.chat-8b.class: must be interactive or batch, got 'realtime' (line 17)")
        #expect(problem(replacing("step: 5m", with: "step: 7x")).hasPrefix("planning.step: '7x' is not a step"))
        #expect(problem(replacing("horizon: 24h", with: "horizon: soon"))
            == "planning.horizon: must be a duration such as 90s, 15m, 48h or 28d, got 'soon' (line 3)")
    }

    @Test func valuesOutOfRangeAreNamed() {
        #expect(problem(replacing("usd_per_gpu_hour: 6.88", with: "usd_per_gpu_hour: -6.88"))
            == "regions.us-east-1.H100.on-demand.usd_per_gpu_hour: must not be negative, got -6.88 (line 10)")
        #expect(problem(replacing("    max_replicas: 10", with: "    max_replicas: 10\n    quantile: 1"))
            == "models.chat-8b.quantile: must be in (0, 1), got 1.0 (line 24)")
        #expect(problem(replacing("    max_replicas: 10", with: "    max_replicas: 10\n    quantile: 0"))
            == "models.chat-8b.quantile: must be in (0, 1), got 0.0 (line 24)")
        #expect(problem(replacing("    max_replicas: 10", with: "    max_replicas: 2\n    min_replicas: 3"))
            == "models.chat-8b.max_replicas: 2 is below min_replicas (3) (line 23)")
        #expect(problem(replacing("    max_replicas: 10", with: "    max_replicas: 10\n    target_utilization: 1.5"))
            == "models.chat-8b.target_utilization: must be in (0, 1], got 1.5 (line 24)")
        #expect(problem(replacing("gpu_memory_gib: 40", with: "gpu_memory_gib: 90"))
            == "models.chat-8b.gpu_memory_gib: needs 90.0 GiB but 1 x H100 hold 80.0 GiB (line 15)")
        #expect(problem(replacing("gpus_per_replica: 1", with: "gpus_per_replica: 16"))
            == "models.chat-8b.gpus_per_replica: 16 GPUs do not fit on one H100 node of 8 (line 14)")
    }

    @Test func absurdSizesAreRefused() {
        #expect(problem(replacing("max_replicas: 10", with: "max_replicas: 1000000000000"))
            == "models.chat-8b.max_replicas: must be at most 1000000, got 1000000000000 (line 23)")
        #expect(problem(replacing("cold_start_s: 90", with: "cold_start_s: 1e20"))
            == "models.chat-8b.cold_start_s: must be at most 366 days, got 1e+20 s (line 16)")
        #expect(problem(replacing("horizon: 24h", with: "horizon: 366d"))
            == "planning.horizon: is 105408 steps of 5m; at most 20000 are planned (line 3)")
        #expect(problem(replacing("horizon: 24h", with: "horizon: 999999d"))
            == "planning.horizon: must be at most 366 days, got '999999d' (line 3)")
    }

    @Test func inconsistenciesAreNamed() {
        #expect(problem(replacing("gpu_type: H100", with: "gpu_type: B200"))
            == "models.chat-8b.gpu_type: unknown GPU type 'B200' (known: H100) (line 13)")
        #expect(problem(replacing("regions: [us-east-1]", with: "regions: [us-east-1, eu-west-1]"))
            == "models.chat-8b.regions[1]: region 'eu-west-1' has no prices (add regions.eu-west-1.H100) (line 24)")
        #expect(problem(replacing("    H100:\n      reserved", with: "    L4:\n      reserved"))
            == "regions.us-east-1.L4: unknown GPU type 'L4' (known: H100) (line 8)")
    }

    @Test func throughputCurvesMustIncreaseAndMeetTheSLO() {
        #expect(problem(replacing("{ batch_size: 4, rps: 3,", with: "{ batch_size: 4, rps: 0.5,"))
            == "models.chat-8b.throughput[1].rps: throughput must increase with batch size: 0.5 is not above 1.0 "
            + "at batch size 1 (line 21)")
        #expect(problem(replacing("{ batch_size: 8, rps: 5, p99_ms: 1200 }", with: "{ batch_size: 2, rps: 5, p99_ms: 1200 }"))
            == "models.chat-8b.throughput[2].batch_size: must be greater than the previous batch size (4) (line 22)")
        #expect(problem(replacing("slo_p99_ms: 1000", with: "slo_p99_ms: 200"))
            == "models.chat-8b.slo_p99_ms: no batch size meets it: the lowest p99 is 300.0 ms (batch size 1) (line 18)")
        #expect(problem(replacing("{ batch_size: 8, rps: 5, p99_ms: 1200 }", with: "{ batch_size: 8, rps: 5, p99_ms: -1 }"))
            == "models.chat-8b.throughput[2].p99_ms: must be greater than 0, got -1.0 (line 22)")
    }

    /// `slo_served`: the target `headroom tune` sizes interactive plans for.
    @Test func sloServedIsAShareOfRequestsForInteractiveModels() throws {
        let fleet = try ConfigurationReader.parse(replacing("    max_replicas: 10", with: "    max_replicas: 10\n    slo_served: 0.9999"))
        #expect(fleet.models["chat-8b"]?.sloServed == 0.9999)
        for bad in ["1", "0", "1.5", "-0.1"] {
            #expect(problem(replacing("    max_replicas: 10", with: "    max_replicas: 10\n    slo_served: \(bad)"))
                == "models.chat-8b.slo_served: must be a share of requests strictly between 0 and 1, such as 0.999, got \(Double(bad)!) (line 24)")
        }
        #expect(problem(replacing("    max_replicas: 10", with: "    max_replicas: 10\n    slo_served: most"))
            == "models.chat-8b.slo_served: must be a number, got 'most' (line 24)")
        #expect(problem(replacing("class: interactive", with: "class: batch\n    deadline_s: 4h\n    slo_served: 0.99"))
            == "models.chat-8b.slo_served: applies to interactive models only; batch models are held to deadline_s (line 19)")
        #expect(try ConfigurationReader.example().models["chat-8b"]?.sloServed == 0.999)
    }

    @Test func batchModelsNeedADeadline() throws {
        #expect(problem(replacing("class: interactive", with: "class: batch"))
            == "models.chat-8b: missing required key 'deadline_s' (batch models complete each request within a deadline) (line 12)")
        #expect(problem(replacing("class: interactive", with: "class: batch\n    deadline_s: 60"))
            == "models.chat-8b.deadline_s: must be at least one planning step (300 s), got 60.0 (line 18)")
        #expect(problem(replacing("class: interactive", with: "class: interactive\n    deadline_s: 600"))
            == "models.chat-8b.deadline_s: applies to batch models only; interactive models are held to slo_p99_ms (line 18)")
        let batch = try ConfigurationReader.parse(replacing("class: interactive", with: "class: batch\n    deadline_s: 4h"))
        #expect(batch.models["chat-8b"]?.deadlineSeconds == 14_400)
        #expect(batch.models["chat-8b"]?.quantile == nil)
    }

    @Test func spotNeedsItsReliability() {
        let spot = "      on-demand: { usd_per_gpu_hour: 6.88, provisioning_s: 600 }\n"
            + "      spot: { usd_per_gpu_hour: 2.75, provisioning_s: 600, interruptions_per_hour: 0.1, reliable_share: 1.5 }"
        #expect(problem(replacing("      on-demand: { usd_per_gpu_hour: 6.88, provisioning_s: 600 }", with: spot))
            == "regions.us-east-1.H100.spot.reliable_share: must be between 0 and 1, got 1.5 (line 11)")
    }

    @Test func malformedAndEmptyDocumentsAreAnswered() {
        #expect(problem("") == "the configuration is empty")
        #expect(problem("models: [").hasPrefix("not valid YAML: "))
        #expect(problem("- 1\n- 2") == "must be a mapping, got a list (line 1)")
        #expect(problem("gpu_types: {}\nregions: {}")
            == "missing required key 'models' (line 1)")
        #expect(problem(minimal + "\nmodels: {}").hasPrefix("not valid YAML: "))  // duplicate key
    }

    @Test func missingRequiredKeysAreNamed() {
        #expect(problem(replacing("    max_replicas: 10\n", with: ""))
            == "models.chat-8b: missing required key 'max_replicas' (line 12)")
        #expect(problem(replacing("on-demand: { usd_per_gpu_hour: 6.88, provisioning_s: 600 }", with: "on-demand: { usd_per_gpu_hour: 6.88 }"))
            == "regions.us-east-1.H100.on-demand: missing required key 'provisioning_s' (line 10)")
    }
}
