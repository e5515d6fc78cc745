import Planning
import Vocabulary

extension ConfigurationReader {
    /// The keys of `models.<name>`.
    enum ModelKey: String, ConfigurationKey {
        case gpuType = "gpu_type"
        case gpusPerReplica = "gpus_per_replica"
        case gpuMemoryGiB = "gpu_memory_gib"
        case coldStart = "cold_start_s"
        case workloadClass = "class"
        case deadline = "deadline_s"
        case throughput
        case slo = "slo_p99_ms"
        case targetUtilization = "target_utilization"
        case minReplicas = "min_replicas"
        case maxReplicas = "max_replicas"
        case scaleUp = "scale_up"
        case scaleDownStabilization = "scale_down_stabilization_s"
        case quantile
        case sloServed = "slo_served"
        case regions
        case profile
        case tokenSLO = "slo"
        case variants
    }

    /// The keys of an item of `models.<name>.variants`.
    enum VariantKey: String, ConfigurationKey {
        case name
        case gpuType = "gpu_type"
        case gpusPerReplica = "gpus_per_replica"
        case gpuMemoryGiB = "gpu_memory_gib"
        case coldStart = "cold_start_s"
        case throughput
        case profile
    }

    /// The keys of an item of `models.<name>.profile`.
    enum TokenPointKey: String, ConfigurationKey {
        case concurrency
        case inputTPS = "input_tps"
        case outputTPS = "output_tps"
        case ttft = "ttft_p99_ms"
        case tpot = "tpot_p99_ms"
    }

    /// The keys of `models.<name>.slo`.
    enum TokenSLOKey: String, ConfigurationKey {
        case ttft = "ttft_p99_ms"
        case tpot = "tpot_p99_ms"
    }

    /// The keys of `models.<name>.scale_up`.
    enum ScaleUpKey: String, ConfigurationKey {
        case replicas
        case period = "period_s"
    }

    /// The keys of an item of `models.<name>.throughput`.
    enum ThroughputKey: String, ConfigurationKey {
        case batchSize = "batch_size"
        case rps
        case p99 = "p99_ms"
    }

    /// `models.<name>`: one model profile, checked against the GPU types and the priced regions.
    static func model(
        _ name: String, _ value: YAMLValue, gpuTypes: [String: GPUType], offers: [String: [String: GPUOffer]],
        settings: PlanningSettings
    ) throws(ConfigurationError) -> ModelProfile {
        let f = try value.fields(ModelKey.self)
        let serving: [ModelKey] = [.gpuType, .gpusPerReplica, .gpuMemoryGiB]
        let required: [ModelKey] = (f[.variants] == nil ? serving : []) + [.coldStart, .workloadClass]
            + (f[.variants] == nil ? [.throughput] : []) + [.slo, .maxReplicas, .regions]
        for key in required where f[key] == nil { throw value.error("missing required key '\(key)'") }
        let classValue = try f.required(.workloadClass)
        guard let workload = WorkloadClass(rawValue: try classValue.string()) else {
            throw classValue.error("must be interactive or batch, got \(classValue.kind)")
        }
        var deadline: Double?
        switch (workload, f[.deadline]) {
        case (.batch, nil):
            throw value.error("missing required key '\(ModelKey.deadline)' (batch models complete each request within a deadline)")
        case (.batch, let deadlineValue?):
            let seconds = try deadlineValue.seconds()
            guard seconds >= Double(settings.step.seconds) else {
                // (also rejects 0)
                throw deadlineValue.error("must be at least one planning step (\(settings.step.seconds) s), got \(seconds)")
            }
            deadline = seconds
        case (.interactive, let deadlineValue?):
            throw deadlineValue.error("applies to batch models only; interactive models are held to \(ModelKey.slo)")
        case (.interactive, nil):
            break
        }
        let sloValue = try f.required(.slo)
        let slo = try sloValue.positive()
        let coldStart = try f.required(.coldStart).seconds()
        let tokenSLO = f[.tokenSLO]
        var variants: [ModelVariant] = []
        if let variantsValue = f[.variants] {
            for key in serving + [.throughput, .profile] {
                if let given = f[key] {
                    throw given.error("is given per variant: this model lists '\(ModelKey.variants)'")
                }
            }
            for item in try variantsValue.items() {
                let v = try item.fields(VariantKey.self, required: [.name, .gpuType, .gpusPerReplica, .gpuMemoryGiB, .throughput])
                let nameValue = try v.required(.name)
                let variantName = try nameValue.string()
                guard !variantName.isEmpty, !variants.contains(where: { $0.name == variantName }) else {
                    throw nameValue.error(variantName.isEmpty ? "must not be empty" : "variant '\(variantName)' is listed twice")
                }
                variants.append(try variant(
                    variantName, gpu: try v.required(.gpuType), perReplica: try v.required(.gpusPerReplica),
                    memory: try v.required(.gpuMemoryGiB), throughput: try v.required(.throughput), profile: v[.profile],
                    coldStart: try v[.coldStart]?.seconds() ?? coldStart, slo: slo, sloValue: try v.required(.throughput),
                    tokenSLO: tokenSLO, workload: workload, gpuTypes: gpuTypes))
            }
            guard !variants.isEmpty else { throw variantsValue.error("must list at least one variant") }
            if let tokenSLO, !variants.contains(where: { $0.tokens != nil }) {
                throw tokenSLO.error("needs a '\(ModelKey.profile)' in at least one variant: the measured token points the targets select from")
            }
        } else {
            if let tokenSLO, f[.profile] == nil {
                throw tokenSLO.error("needs '\(ModelKey.profile)' beside it: the measured token points the targets select from")
            }
            let gpuValue = try f.required(.gpuType)
            variants = [try variant(
                try gpuValue.string(), gpu: gpuValue, perReplica: try f.required(.gpusPerReplica),
                memory: try f.required(.gpuMemoryGiB), throughput: try f.required(.throughput), profile: f[.profile],
                coldStart: coldStart, slo: slo, sloValue: sloValue, tokenSLO: tokenSLO, workload: workload, gpuTypes: gpuTypes)]
        }
        let base = variants[0]
        var utilization = ModelProfile.defaultTargetUtilization
        if let utilizationValue = f[.targetUtilization] {
            utilization = try utilizationValue.number()
            guard utilization > 0, utilization <= 1 else {
                throw utilizationValue.error("must be in (0, 1], got \(utilization)")
            }
        }
        let floor = try f[.minReplicas]?.integer(atLeast: 0) ?? 1
        let capValue = try f.required(.maxReplicas)
        let cap = try capValue.integer(atLeast: 1)
        guard cap >= floor else { throw capValue.error("\(cap) is below \(ModelKey.minReplicas) (\(floor))") }
        var scaleUp = ScaleUpLimit(replicas: 4, periodSeconds: 60)
        if let scaleUpValue = f[.scaleUp] {
            let limit = try scaleUpValue.fields(ScaleUpKey.self, required: [.replicas, .period])
            let replicas = try limit.required(.replicas)
            let period = try limit.required(.period)
            let seconds = try period.duration()
            guard seconds >= 1 else { throw period.error("must be at least 1 second") }
            scaleUp = ScaleUpLimit(replicas: try replicas.integer(atLeast: 1), periodSeconds: seconds)
        }
        let stabilization = try f[.scaleDownStabilization]?.duration() ?? 300
        var quantile: Double? = workload == .interactive ? ModelProfile.defaultInteractiveQuantile : nil
        if let quantileValue = f[.quantile] {
            let level = try quantileValue.number()
            guard level > 0, level < 1 else { throw quantileValue.error("must be in (0, 1), got \(level)") }
            quantile = level
        }
        var sloServed = ModelProfile.defaultSLOServed
        if let servedValue = f[.sloServed] {
            guard workload == .interactive else {
                throw servedValue.error("applies to interactive models only; batch models are held to \(ModelKey.deadline)")
            }
            sloServed = try servedValue.number()
            guard sloServed > 0, sloServed < 1 else {
                throw servedValue.error("must be a share of requests strictly between 0 and 1, such as 0.999, got \(sloServed)")
            }
        }
        let regionsValue = try f.required(.regions)
        var regions: [String] = []
        let gpuNames = variants.map(\.gpuType)
        for item in try regionsValue.items() {
            let region = try item.string()
            guard let priced = offers[region] else {
                throw item.error("region '\(region)' has no prices (add \(DocumentKey.regions).\(region).\(base.gpuType))")
            }
            guard gpuNames.contains(where: { priced[$0] != nil }) else {
                throw item.error(f[.variants] == nil
                    ? "region '\(region)' has no prices for \(base.gpuType) (add \(DocumentKey.regions).\(region).\(base.gpuType))"
                    : "region '\(region)' has no prices for any variant's GPU type (\(Set(gpuNames).sorted().joined(separator: ", ")))")
            }
            guard !regions.contains(region) else { throw item.error("region '\(region)' is listed twice") }
            regions.append(region)
        }
        guard !regions.isEmpty else { throw regionsValue.error("must list at least one region") }
        var profile = ModelProfile(
            name: name, gpuType: base.gpuType, gpusPerReplica: base.gpusPerReplica, gpuMemoryGiB: base.gpuMemoryGiB,
            coldStartSeconds: base.coldStartSeconds, workloadClass: workload, deadlineSeconds: deadline,
            throughput: base.throughput, sloP99Milliseconds: slo, targetUtilization: utilization, minReplicas: floor,
            maxReplicas: cap, scaleUp: scaleUp, scaleDownStabilizationSeconds: stabilization, quantile: quantile,
            regions: regions, sloServed: sloServed, tokens: base.tokens)
        if f[.variants] != nil { profile.variants = variants }
        return profile
    }

    /// One way to serve the model: the GPU type and GPUs of a replica (fitting one node), the
    /// memory it needs (fitting those GPUs), its throughput curve (a batch size meeting `slo`,
    /// reported at `sloValue`) and, with the model's token `slo`, its token profile.
    static func variant(
        _ name: String, gpu gpuValue: YAMLValue, perReplica perReplicaValue: YAMLValue, memory memoryValue: YAMLValue,
        throughput throughputValue: YAMLValue, profile profileValue: YAMLValue?, coldStart: Double, slo: Double,
        sloValue: YAMLValue, tokenSLO: YAMLValue?, workload: WorkloadClass, gpuTypes: [String: GPUType]
    ) throws(ConfigurationError) -> ModelVariant {
        let gpuName = try gpuValue.string()
        guard let gpu = gpuTypes[gpuName] else {
            throw gpuValue.error("unknown GPU type '\(gpuName)' (known: \(gpuTypes.keys.sorted().joined(separator: ", ")))")
        }
        let perReplica = try perReplicaValue.integer(atLeast: 1)
        guard perReplica <= gpu.gpusPerNode else {
            throw perReplicaValue.error("\(perReplica) GPUs do not fit on one \(gpuName) node of \(gpu.gpusPerNode)")
        }
        let memory = try memoryValue.positive()
        let available = Double(perReplica) * gpu.memoryGiB
        guard memory <= available else {
            throw memoryValue.error("needs \(memory) GiB but \(perReplica) x \(gpuName) hold \(available) GiB")
        }
        let throughput = try curve(throughputValue)
        if !throughput.contains(where: { $0.p99Milliseconds <= slo }), let fastest = throughput.min(by: { $0.p99Milliseconds < $1.p99Milliseconds }) {
            throw sloValue.error("no batch size meets it: the lowest p99 is \(fastest.p99Milliseconds) ms "
                + "(batch size \(fastest.batchSize))")
        }
        var tokens: TokenProfile?
        if let profileValue {
            guard let tokenSLO else {
                throw profileValue.error("needs '\(ModelKey.tokenSLO)' beside it ({ttft_p99_ms, tpot_p99_ms}): the targets a point must meet")
            }
            guard workload == .interactive else {
                throw profileValue.error("applies to interactive models only; batch models are held to \(ModelKey.deadline)")
            }
            tokens = try tokenProfile(profileValue, slo: tokenSLO)
        }
        return ModelVariant(name: name, gpuType: gpuName, gpusPerReplica: perReplica, gpuMemoryGiB: memory,
                            coldStartSeconds: coldStart, throughput: throughput, tokens: tokens)
    }

    /// `profile` (a non-empty list of `{concurrency, input_tps, output_tps, ttft_p99_ms,
    /// tpot_p99_ms}`, concurrency strictly increasing) and `slo` (`{ttft_p99_ms, tpot_p99_ms}`),
    /// with at least one point meeting both targets.
    static func tokenProfile(_ value: YAMLValue, slo sloValue: YAMLValue) throws(ConfigurationError) -> TokenProfile {
        let slo = try sloValue.fields(TokenSLOKey.self, required: [.ttft, .tpot])
        let ttftTarget = try slo.required(.ttft).positive()
        let tpotTarget = try slo.required(.tpot).positive()
        var points: [TokenPoint] = []
        for item in try value.items() {
            let f = try item.fields(TokenPointKey.self, required: [.concurrency, .inputTPS, .outputTPS, .ttft, .tpot])
            let concurrencyValue = try f.required(.concurrency)
            let point = TokenPoint(
                concurrency: try concurrencyValue.integer(atLeast: 1),
                inputTokensPerSecond: try f.required(.inputTPS).positive(),
                outputTokensPerSecond: try f.required(.outputTPS).positive(),
                ttftP99Milliseconds: try f.required(.ttft).positive(),
                tpotP99Milliseconds: try f.required(.tpot).positive())
            if let previous = points.last, point.concurrency <= previous.concurrency {
                throw concurrencyValue.error("must be greater than the previous point's concurrency (\(previous.concurrency)): "
                    + "list the points by increasing concurrency")
            }
            points.append(point)
        }
        guard !points.isEmpty else { throw value.error("must list at least one measured point") }
        let profile = TokenProfile(points: points, ttftP99Milliseconds: ttftTarget, tpotP99Milliseconds: tpotTarget)
        guard profile.best != nil else {
            let ttft = points.map(\.ttftP99Milliseconds).min() ?? 0, tpot = points.map(\.tpotP99Milliseconds).min() ?? 0
            throw sloValue.error("no point of '\(ModelKey.profile)' meets both ttft_p99_ms \(ttftTarget) and tpot_p99_ms "
                + "\(tpotTarget): the lowest measured are TTFT \(ttft) ms and TPOT \(tpot) ms")
        }
        return profile
    }

    /// `throughput`: a non-empty list of `{batch_size, rps, p99_ms}` with batch sizes and
    /// requests per second strictly increasing.
    static func curve(_ value: YAMLValue) throws(ConfigurationError) -> [ThroughputPoint] {
        var points: [ThroughputPoint] = []
        for item in try value.items() {
            let f = try item.fields(ThroughputKey.self, required: [.batchSize, .rps, .p99])
            let sizeValue = try f.required(.batchSize)
            let rateValue = try f.required(.rps)
            let latencyValue = try f.required(.p99)
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
