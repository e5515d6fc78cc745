import HeapModule
import Vocabulary

/// Where replicas of one class can go, built once per class per round from the working pool.
struct PlacementIndex {
    /// Ready nodes of the class that hold replicas and have free GPUs, by region and GPU type;
    /// bin key = node number, so best-fit ties go to the smallest node id.
    var groups: [PoolKey: FreeGPUBuckets] = [:]
    /// Empty ready nodes any class may claim (spot ones only when the class is batch), by region,
    /// GPU type and capacity, smallest node number first.
    var empties: [PoolKey: [CapacityType: Heap<Int>]] = [:]

    init(pool: NodePool, replicaClass: WorkloadClass) {
        for node in pool.nodes.values where node.state == .ready && node.takesReplicas {
            let key = node.pool
            let used = pool.usage[node.id] ?? NodeUsage()
            if used.isEmpty {
                guard node.capacity != .spot || replicaClass == .batch else { continue }
                empties[key, default: [:]][node.capacity, default: Heap()].insert(node.id.number)
            } else if node.replicaClass == replicaClass, used.gpus < node.gpus {
                groups[key, default: FreeGPUBuckets()].set(key: node.id.number, free: node.gpus - used.gpus, rank: 0)
            }
        }
    }
}
