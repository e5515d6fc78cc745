import Planning

extension ConfigurationReader {
    /// `regions.<region>.<gpu type>.{reserved, on-demand, spot}`.
    static func offers(_ value: YAMLValue, gpuTypes: [String: GPUType]) throws(ConfigurationError) -> [String: [String: GPUOffer]] {
        var offers: [String: [String: GPUOffer]] = [:]
        for (region, regionValue) in try value.entries() {
            var byType: [String: GPUOffer] = [:]
            for (gpu, offerValue) in try regionValue.entries() {
                guard gpuTypes[gpu] != nil else {
                    throw offerValue.error("unknown GPU type '\(gpu)' (known: \(gpuTypes.keys.sorted().joined(separator: ", ")))")
                }
                let fields = try offerValue.fields(allowed: ["reserved", "on-demand", "spot"], required: ["reserved", "on-demand"])
                guard let reservedValue = fields["reserved"], let onDemandValue = fields["on-demand"] else { continue }
                let reserved = try capacity(reservedValue, provisioningRequired: false)
                let onDemand = try capacity(onDemandValue, provisioningRequired: true)
                var spot: SpotOffer?
                if let spotValue = fields["spot"] {
                    let spotFields = try spotValue.fields(
                        allowed: ["usd_per_gpu_hour", "provisioning_s", "interruptions_per_hour", "reliable_share"],
                        required: ["usd_per_gpu_hour", "provisioning_s", "interruptions_per_hour", "reliable_share"])
                    guard let price = spotFields["usd_per_gpu_hour"], let provisioning = spotFields["provisioning_s"],
                          let interruptions = spotFields["interruptions_per_hour"], let share = spotFields["reliable_share"]
                    else { continue }
                    let reliable = try share.number()
                    guard (0...1).contains(reliable) else { throw share.error("must be between 0 and 1, got \(reliable)") }
                    spot = SpotOffer(usdPerGPUHour: try price.nonNegative(), provisioningSeconds: try provisioning.seconds(),
                                     interruptionsPerHour: try interruptions.nonNegative(), reliableShare: reliable)
                }
                byType[gpu] = GPUOffer(region: region, gpuType: gpu, reserved: reserved, onDemand: onDemand, spot: spot)
            }
            offers[region] = byType
        }
        guard !offers.isEmpty else { throw value.error("must price at least one region") }
        return offers
    }

    static func capacity(_ value: YAMLValue, provisioningRequired: Bool) throws(ConfigurationError) -> CapacityOffer {
        let fields = try value.fields(allowed: ["usd_per_gpu_hour", "provisioning_s"],
                                      required: provisioningRequired ? ["usd_per_gpu_hour", "provisioning_s"] : ["usd_per_gpu_hour"])
        guard let price = fields["usd_per_gpu_hour"] else { throw value.error("missing required key 'usd_per_gpu_hour'") }
        return CapacityOffer(usdPerGPUHour: try price.nonNegative(),
                             provisioningSeconds: try fields["provisioning_s"]?.seconds() ?? 0)
    }
}
