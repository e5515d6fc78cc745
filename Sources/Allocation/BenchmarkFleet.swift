import Vocabulary

/// The synthetic fleet of `AllocationBenchmark`: deterministic, no randomness.
struct BenchmarkFleet {
    static let regions = ["eu-west-1", "us-east-1"]
    static let gpuTypes = ["A100", "H100"]
    static let sizes = [1, 1, 2, 2, 1, 1, 3, 4, 1, 1]
    static let models = 40

    var pool: NodePool
    var offers: [NodeOffer]
    var targets: [ReplicaTarget]

    init(nodes: Int, replicas: Int) {
        var all: [Node] = []
        var reserved: [PoolKey: Int] = [:]
        for i in 0..<nodes {
            let key = PoolKey(region: Self.regions[i % 2], gpuType: Self.gpuTypes[(i / 2) % 2])
            let capacity: CapacityType = i % 10 < 3 ? .reserved : i % 10 < 8 ? .onDemand : .spot
            if capacity == .reserved { reserved[key, default: 0] += 1 }
            all.append(Node(
                id: NodeID(i), region: key.region, gpuType: key.gpuType, gpus: 8, memoryPerGPUGiB: 80, capacity: capacity,
                replicaClass: .interactive, state: .ready, requestedAt: 0, readyDueAt: 0, readyAt: 0))
        }
        // Node values are valid by construction (ids unique, no replicas).
        pool = (try? NodePool(nodes: all, replicas: [])) ?? NodePool()
        offers = Self.regions.flatMap { region in
            Self.gpuTypes.map { gpuType in
                NodeOffer(
                    region: region, gpuType: gpuType, gpusPerNode: 8, memoryPerGPUGiB: 80,
                    provisioningSeconds: [.reserved: 120, .onDemand: 180, .spot: 240],
                    reservedNodes: reserved[PoolKey(region: region, gpuType: gpuType)] ?? 0, allowsSpot: true)
            }
        }
        targets = []
        let pairs = Self.models * Self.regions.count
        for model in 0..<Self.models {
            for (r, region) in Self.regions.enumerated() {
                let pair = model * Self.regions.count + r
                let count = replicas / pairs + (pair < replicas % pairs ? 1 : 0)
                let gpus = Self.sizes[model % Self.sizes.count]
                targets.append(ReplicaTarget(
                    model: "model-\(model)", region: region, replicas: count,
                    shape: ReplicaShape(
                        gpuType: Self.gpuTypes[model % 2], gpus: gpus, memoryGiB: gpus * 70,
                        replicaClass: model % 3 == 0 ? .batch : .interactive, coldStartSeconds: 45)))
            }
        }
    }

    /// Models 0, 4, 8, ... up 10%; models 2, 6, 10, ... down 10%; the rest unchanged.
    func changedTargets() -> [ReplicaTarget] {
        targets.enumerated().map { i, target in
            var changed = target
            let model = i / Self.regions.count
            if model % 4 == 0 { changed.replicas += target.replicas / 10 }
            if model % 4 == 2 { changed.replicas -= target.replicas / 10 }
            return changed
        }
    }
}
