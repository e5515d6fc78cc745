import Allocation
import Store

extension EmbeddedPoolProvider {
    /// The pool the tables hold, checked against the pool's invariants.
    /// - Throws: ``ExecuteJobError/unreadablePoolTables(_:)`` naming the row and value.
    static func pool(_ tables: PoolTables, appliedActions: Set<ActionID>) throws -> NodePool {
        let nodes = try tables.nodes.map(node)
        let replicas = try tables.replicas.map(replica)
        do {
            return try NodePool(nodes: nodes, replicas: replicas, appliedActions: appliedActions,
                                nextNodeNumber: tables.nextNodeNumber, nextReplicaNumber: tables.nextReplicaNumber)
        } catch {
            throw ExecuteJobError.unreadablePoolTables("\(error)")
        }
    }

    /// The tables that hold `pool`, reflecting `appliedActions` applied actions.
    static func tables(_ pool: NodePool, appliedActions: Int) -> PoolTables {
        PoolTables(
            nodes: pool.nodes.values.sorted { $0.id < $1.id }.map { node in
                PoolNodeRecord(number: node.id.number, region: node.region, gpuType: node.gpuType, gpus: node.gpus,
                               memoryPerGPUGiB: node.memoryPerGPUGiB, capacity: node.capacity.rawValue,
                               replicaClass: node.replicaClass.rawValue, state: node.state.rawValue,
                               requestedAt: node.requestedAt, readyDueAt: node.readyDueAt, readyAt: node.readyAt,
                               terminatedAt: node.terminatedAt, reclaimAt: node.reclaimAt)
            },
            replicas: pool.replicas.values.sorted { $0.id < $1.id }.map { replica in
                PoolReplicaRecord(number: replica.id.number, model: replica.model, region: replica.region,
                                  gpuType: replica.gpuType, gpus: replica.gpus, memoryGiB: replica.memoryGiB,
                                  replicaClass: replica.replicaClass.rawValue, coldStartSeconds: replica.coldStartSeconds,
                                  state: replica.state.rawValue, node: replica.node?.number, createdAt: replica.createdAt,
                                  placedAt: replica.placedAt, servingAt: replica.servingAt, drainingSince: replica.drainingSince)
            },
            nextNodeNumber: pool.nextNodeNumber, nextReplicaNumber: pool.nextReplicaNumber, appliedActions: appliedActions)
    }

    static func node(_ row: PoolNodeRecord) throws -> Node {
        Node(id: NodeID(row.number), region: row.region, gpuType: row.gpuType, gpus: row.gpus,
             memoryPerGPUGiB: row.memoryPerGPUGiB,
             capacity: try value(row.capacity, "node-\(row.number) capacity"),
             replicaClass: try value(row.replicaClass, "node-\(row.number) replica_class"),
             state: try value(row.state, "node-\(row.number) state"),
             requestedAt: row.requestedAt, readyDueAt: row.readyDueAt, readyAt: row.readyAt, terminatedAt: row.terminatedAt,
             reclaimAt: row.reclaimAt)
    }

    static func replica(_ row: PoolReplicaRecord) throws -> Replica {
        Replica(id: ReplicaID(row.number), model: row.model, region: row.region, gpuType: row.gpuType, gpus: row.gpus,
                memoryGiB: row.memoryGiB, replicaClass: try value(row.replicaClass, "replica-\(row.number) replica_class"),
                coldStartSeconds: row.coldStartSeconds, state: try value(row.state, "replica-\(row.number) state"),
                node: row.node.map(NodeID.init), createdAt: row.createdAt, placedAt: row.placedAt,
                servingAt: row.servingAt, drainingSince: row.drainingSince)
    }

    static func value<T: RawRepresentable & CaseIterable>(_ raw: String, _ field: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw ExecuteJobError.unreadablePoolTables(
                "\(field) '\(raw)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
