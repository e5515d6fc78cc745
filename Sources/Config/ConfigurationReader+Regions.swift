import Planning

extension ConfigurationReader {
    /// The keys of `regions.<region>.<gpu type>`: its capacity types.
    enum OfferKey: String, ConfigurationKey {
        case reserved
        case onDemand = "on-demand"
        case spot
        case maxGPUs = "max_gpus"
        case capacityBlock = "capacity_block"
        case savingsPlan = "savings_plan"
    }

    /// The keys of `regions.<region>.<gpu type>.capacity_block` and `.savings_plan`.
    enum CommitmentPriceKey: String, ConfigurationKey {
        case usdPerGPUHour = "usd_per_gpu_hour"
    }

    /// The keys of `regions.<region>.<gpu type>.reserved` and `.on-demand`.
    enum CapacityKey: String, ConfigurationKey {
        case usdPerGPUHour = "usd_per_gpu_hour"
        case provisioning = "provisioning_s"
    }

    /// The keys of `regions.<region>.<gpu type>.spot`.
    enum SpotKey: String, ConfigurationKey {
        case usdPerGPUHour = "usd_per_gpu_hour"
        case provisioning = "provisioning_s"
        case interruptionsPerHour = "interruptions_per_hour"
        case reliableShare = "reliable_share"
    }

    /// `regions.<region>.<gpu type>.{reserved, on-demand, spot, max_gpus, capacity_block, savings_plan}`.
    static func offers(_ value: YAMLValue, gpuTypes: [String: GPUType]) throws(ConfigurationError) -> [String: [String: GPUOffer]] {
        var offers: [String: [String: GPUOffer]] = [:]
        for (region, regionValue) in try value.entries() {
            var byType: [String: GPUOffer] = [:]
            for (gpu, offerValue) in try regionValue.entries() {
                guard gpuTypes[gpu] != nil else {
                    throw offerValue.error("unknown GPU type '\(gpu)' (known: \(gpuTypes.keys.sorted().joined(separator: ", ")))")
                }
                let fields = try offerValue.fields(OfferKey.self, required: [.reserved, .onDemand])
                let reserved = try capacity(try fields.required(.reserved), provisioningRequired: false)
                let onDemand = try capacity(try fields.required(.onDemand), provisioningRequired: true)
                var spot: SpotOffer?
                if let spotValue = fields[.spot] {
                    let spotFields = try spotValue.fields(SpotKey.self, required: SpotKey.allCases)
                    let share = try spotFields.required(.reliableShare)
                    let reliable = try share.number()
                    guard (0...1).contains(reliable) else { throw share.error("must be between 0 and 1, got \(reliable)") }
                    spot = SpotOffer(usdPerGPUHour: try spotFields.required(.usdPerGPUHour).nonNegative(),
                                     provisioningSeconds: try spotFields.required(.provisioning).seconds(),
                                     interruptionsPerHour: try spotFields.required(.interruptionsPerHour).nonNegative(),
                                     reliableShare: reliable)
                }
                var offer = GPUOffer(region: region, gpuType: gpu, reserved: reserved, onDemand: onDemand, spot: spot)
                if let quota = fields[.maxGPUs] {
                    offer.maxGPUs = try quota.integer(atLeast: 1, atMost: 10_000_000)
                }
                /// A commitment's price: above 0 and below on demand, or it never pays off.
                func commitmentPrice(_ key: OfferKey, _ what: String) throws(ConfigurationError) -> Double? {
                    guard let value = fields[key] else { return nil }
                    let priceValue = try value.fields(CommitmentPriceKey.self, required: [.usdPerGPUHour]).required(.usdPerGPUHour)
                    let price = try priceValue.number()
                    guard price > 0, price < onDemand.usdPerGPUHour else {
                        throw priceValue.error("must be above 0 and below the on-demand price (\(onDemand.usdPerGPUHour)): "
                            + "\(what) dearer than on demand never pays off, got \(price)")
                    }
                    return price
                }
                offer.capacityBlockUSDPerGPUHour = try commitmentPrice(.capacityBlock, "a capacity block")
                offer.savingsPlanUSDPerGPUHour = try commitmentPrice(.savingsPlan, "a savings plan")
                byType[gpu] = offer
            }
            offers[region] = byType
        }
        guard !offers.isEmpty else { throw value.error("must price at least one region") }
        return offers
    }

    static func capacity(_ value: YAMLValue, provisioningRequired: Bool) throws(ConfigurationError) -> CapacityOffer {
        let fields = try value.fields(CapacityKey.self,
                                      required: provisioningRequired ? [.usdPerGPUHour, .provisioning] : [.usdPerGPUHour])
        return CapacityOffer(usdPerGPUHour: try fields.required(.usdPerGPUHour).nonNegative(),
                             provisioningSeconds: try fields[.provisioning]?.seconds() ?? 0)
    }
}
