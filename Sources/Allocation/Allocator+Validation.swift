import Vocabulary

extension Allocator {
    func validate(_ settings: AllocationSettings) throws(AllocationError) {
        guard settings.drainSeconds >= 0 else {
            throw .invalidSetting(field: "drainSeconds", value: "\(settings.drainSeconds)", rule: "must be at least 0")
        }
        guard settings.interactiveWaitSeconds >= 0 else {
            throw .invalidSetting(
                field: "interactiveWaitSeconds", value: "\(settings.interactiveWaitSeconds)", rule: "must be at least 0")
        }
    }

    func index(_ offers: [NodeOffer]) throws(AllocationError) -> [PoolKey: NodeOffer] {
        var index: [PoolKey: NodeOffer] = [:]
        for offer in offers {
            func bad(_ field: String, _ value: String, _ rule: String) -> AllocationError {
                .invalidOffer(region: offer.region, gpuType: offer.gpuType, field: field, value: value, rule: rule)
            }
            guard offer.gpusPerNode >= 1 else { throw bad("gpusPerNode", "\(offer.gpusPerNode)", "must be at least 1") }
            guard offer.memoryPerGPUGiB >= 1 else {
                throw bad("memoryPerGPUGiB", "\(offer.memoryPerGPUGiB)", "must be at least 1")
            }
            guard offer.reservedNodes >= 0 else { throw bad("reservedNodes", "\(offer.reservedNodes)", "must be at least 0") }
            if let maxNodes = offer.maxNodes, maxNodes < 0 {
                throw bad("maxNodes", "\(maxNodes)", "must be at least 0 (or absent for no quota)")
            }
            for capacity in CapacityType.allCases {
                if let delay = offer.provisioningSeconds[capacity], delay < 0 {
                    throw bad("provisioningSeconds.\(capacity.rawValue)", "\(delay)", "must be at least 0")
                }
            }
            let key = offer.pool
            guard index[key] == nil else { throw .duplicateOffer(region: offer.region, gpuType: offer.gpuType) }
            index[key] = offer
        }
        return index
    }

    func index(_ targets: [ReplicaTarget], offers: [PoolKey: NodeOffer]) throws(AllocationError) -> [ModelRegion: ReplicaTarget] {
        var index: [ModelRegion: ReplicaTarget] = [:]
        for target in targets {
            func bad(_ field: String, _ value: String, _ rule: String) -> AllocationError {
                .invalidTarget(model: target.model, region: target.region, field: field, value: value, rule: rule)
            }
            let shape = target.shape
            guard target.replicas >= 0 else { throw bad("replicas", "\(target.replicas)", "must be at least 0") }
            guard shape.gpus >= 1 else { throw bad("shape.gpus", "\(shape.gpus)", "must be at least 1") }
            guard shape.memoryGiB >= 0 else { throw bad("shape.memoryGiB", "\(shape.memoryGiB)", "must be at least 0") }
            guard shape.coldStartSeconds >= 0 else {
                throw bad("shape.coldStartSeconds", "\(shape.coldStartSeconds)", "must be at least 0")
            }
            guard let offer = offers[target.pool] else {
                throw .noOffer(model: target.model, region: target.region, gpuType: shape.gpuType)
            }
            guard shape.gpus <= offer.gpusPerNode else {
                throw bad("shape.gpus", "\(shape.gpus)", "must be at most the \(offer.gpusPerNode) GPUs of a \(shape.gpuType) node")
            }
            guard shape.memoryGiB <= shape.gpus * offer.memoryPerGPUGiB else {
                throw bad(
                    "shape.memoryGiB", "\(shape.memoryGiB)",
                    "must be at most \(shape.gpus * offer.memoryPerGPUGiB) (\(shape.gpus) GPUs of \(offer.memoryPerGPUGiB) GiB)")
            }
            let key = target.modelRegion
            guard index[key] == nil else { throw .duplicateTarget(model: target.model, region: target.region) }
            index[key] = target
        }
        return index
    }
}
