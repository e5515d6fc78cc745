import Planning
import Vocabulary

extension ConfigurationReader {
    static let modelKeys = [
        "gpu_type", "gpus_per_replica", "gpu_memory_gib", "cold_start_s", "class", "deadline_s", "throughput",
        "slo_p99_ms", "target_utilization", "min_replicas", "max_replicas", "scale_up", "scale_down_stabilization_s",
        "quantile", "regions",
    ]

    /// `models.<name>`: one model profile, checked against the GPU types and the priced regions.
    static func model(
        _ name: String, _ value: YAMLValue, gpuTypes: [String: GPUType], offers: [String: [String: GPUOffer]],
        settings: PlanningSettings
    ) throws(ConfigurationError) -> ModelProfile {
        let f = try value.fields(allowed: modelKeys, required: [
            "gpu_type", "gpus_per_replica", "gpu_memory_gib", "cold_start_s", "class", "throughput", "slo_p99_ms",
            "max_replicas", "regions",
        ])
        func field(_ key: String) throws(ConfigurationError) -> YAMLValue {
            guard let found = f[key] else { throw value.error("missing required key '\(key)'") }
            return found
        }
        let gpuValue = try field("gpu_type")
        let gpuName = try gpuValue.string()
        guard let gpu = gpuTypes[gpuName] else {
            throw gpuValue.error("unknown GPU type '\(gpuName)' (known: \(gpuTypes.keys.sorted().joined(separator: ", ")))")
        }
        let perReplicaValue = try field("gpus_per_replica")
        let perReplica = try perReplicaValue.integer(atLeast: 1)
        guard perReplica <= gpu.gpusPerNode else {
            throw perReplicaValue.error("\(perReplica) GPUs do not fit on one \(gpuName) node of \(gpu.gpusPerNode)")
        }
        let memoryValue = try field("gpu_memory_gib")
        let memory = try memoryValue.positive()
        let available = Double(perReplica) * gpu.memoryGiB
        guard memory <= available else {
            throw memoryValue.error("needs \(memory) GiB but \(perReplica) x \(gpuName) hold \(available) GiB")
        }
        let classValue = try field("class")
        guard let workload = WorkloadClass(rawValue: try classValue.string()) else {
            throw classValue.error("must be interactive or batch, got \(classValue.kind)")
        }
        var deadline: Double?
        switch (workload, f["deadline_s"]) {
        case (.batch, nil):
            throw value.error("missing required key 'deadline_s' (batch models complete each request within a deadline)")
        case (.batch, let deadlineValue?):
            let seconds = try deadlineValue.seconds()
            guard seconds >= Double(settings.step.seconds) else {
                // (also rejects 0)
                throw deadlineValue.error("must be at least one planning step (\(settings.step.seconds) s), got \(seconds)")
            }
            deadline = seconds
        case (.interactive, let deadlineValue?):
            throw deadlineValue.error("applies to batch models only; interactive models are held to slo_p99_ms")
        case (.interactive, nil):
            break
        }
        let slo = try field("slo_p99_ms").positive()
        let throughput = try curve(try field("throughput"))
        if !throughput.contains(where: { $0.p99Milliseconds <= slo }), let fastest = throughput.min(by: { $0.p99Milliseconds < $1.p99Milliseconds }) {
            throw try field("slo_p99_ms").error("no batch size meets it: the lowest p99 is \(fastest.p99Milliseconds) ms "
                + "(batch size \(fastest.batchSize))")
        }
        var utilization = ModelProfile.defaultTargetUtilization
        if let utilizationValue = f["target_utilization"] {
            utilization = try utilizationValue.number()
            guard utilization > 0, utilization <= 1 else {
                throw utilizationValue.error("must be in (0, 1], got \(utilization)")
            }
        }
        let floor = try f["min_replicas"]?.integer(atLeast: 0) ?? 1
        let capValue = try field("max_replicas")
        let cap = try capValue.integer(atLeast: 1)
        guard cap >= floor else { throw capValue.error("\(cap) is below min_replicas (\(floor))") }
        var scaleUp = ScaleUpLimit(replicas: 4, periodSeconds: 60)
        if let scaleUpValue = f["scale_up"] {
            let limit = try scaleUpValue.fields(allowed: ["replicas", "period_s"], required: ["replicas", "period_s"])
            if let replicas = limit["replicas"], let period = limit["period_s"] {
                let seconds = try period.duration()
                guard seconds >= 1 else { throw period.error("must be at least 1 second") }
                scaleUp = ScaleUpLimit(replicas: try replicas.integer(atLeast: 1), periodSeconds: seconds)
            }
        }
        let stabilization = try f["scale_down_stabilization_s"]?.duration() ?? 300
        var quantile: Double? = workload == .interactive ? ModelProfile.defaultInteractiveQuantile : nil
        if let quantileValue = f["quantile"] {
            let level = try quantileValue.number()
            guard level > 0, level < 1 else { throw quantileValue.error("must be in (0, 1), got \(level)") }
            quantile = level
        }
        let regionsValue = try field("regions")
        var regions: [String] = []
        for item in try regionsValue.items() {
            let region = try item.string()
            guard let priced = offers[region] else {
                throw item.error("region '\(region)' has no prices (add regions.\(region).\(gpuName))")
            }
            guard priced[gpuName] != nil else {
                throw item.error("region '\(region)' has no prices for \(gpuName) (add regions.\(region).\(gpuName))")
            }
            guard !regions.contains(region) else { throw item.error("region '\(region)' is listed twice") }
            regions.append(region)
        }
        guard !regions.isEmpty else { throw regionsValue.error("must list at least one region") }
        return ModelProfile(
            name: name, gpuType: gpuName, gpusPerReplica: perReplica, gpuMemoryGiB: memory,
            coldStartSeconds: try field("cold_start_s").seconds(), workloadClass: workload, deadlineSeconds: deadline,
            throughput: throughput, sloP99Milliseconds: slo, targetUtilization: utilization, minReplicas: floor,
            maxReplicas: cap, scaleUp: scaleUp, scaleDownStabilizationSeconds: stabilization, quantile: quantile,
            regions: regions)
    }

    /// `throughput`: a non-empty list of `{batch_size, rps, p99_ms}` with batch sizes and
    /// requests per second strictly increasing.
    static func curve(_ value: YAMLValue) throws(ConfigurationError) -> [ThroughputPoint] {
        var points: [ThroughputPoint] = []
        for item in try value.items() {
            let f = try item.fields(allowed: ["batch_size", "rps", "p99_ms"], required: ["batch_size", "rps", "p99_ms"])
            guard let sizeValue = f["batch_size"], let rateValue = f["rps"], let latencyValue = f["p99_ms"] else { continue }
            let point = ThroughputPoint(batchSize: try sizeValue.integer(atLeast: 1), requestsPerSecond: try rateValue.positive(),
                                        p99Milliseconds: try latencyValue.positive())
            if let previous = points.last {
                guard point.batchSize > previous.batchSize else {
                    throw sizeValue.error("must be greater than the previous batch size (\(previous.batchSize))")
                }
                guard point.requestsPerSecond > previous.requestsPerSecond else {
                    throw rateValue.error("throughput must increase with batch size: \(point.requestsPerSecond) "
                        + "is not above \(previous.requestsPerSecond) at batch size \(previous.batchSize)")
                }
            }
            points.append(point)
        }
        guard !points.isEmpty else { throw value.error("must list at least one batch size") }
        return points
    }
}
