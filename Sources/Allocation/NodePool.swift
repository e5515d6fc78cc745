/// The nodes and replicas under the engine's control, and the ids of the actions applied to it.
///
/// Changed only by `apply(_:)`, so its history is the action log. Invariants (kept by `apply`,
/// checked by `init(nodes:replicas:...)`): every placed replica is on a ready or draining node
/// of its region and GPU type; a node's replicas take at most its GPUs and GPU memory; all
/// replicas on a node are of the node's class; no interactive replica is on spot; a node is
/// `draining` exactly when it holds replicas and all of them are draining.
public struct NodePool: Sendable, Equatable {
    /// Every node ever provisioned, terminated ones included (for history and metrics).
    public internal(set) var nodes: [NodeID: Node]
    /// Every replica not removed (pending ones included).
    public internal(set) var replicas: [ReplicaID: Replica]
    /// Ids of the actions applied: applying one of them again changes nothing.
    public internal(set) var appliedActions: Set<ActionID>
    /// The round number the next `reconcile` uses: one past the highest applied round.
    public internal(set) var nextRound: Int
    /// The number the next provisioned node gets.
    public internal(set) var nextNodeNumber: Int
    /// The number the next new replica gets.
    public internal(set) var nextReplicaNumber: Int
    var usage: [NodeID: NodeUsage]

    /// An empty pool.
    public init() {
        nodes = [:]
        replicas = [:]
        appliedActions = []
        nextRound = 0
        nextNodeNumber = 0
        nextReplicaNumber = 0
        usage = [:]
    }

    /// A pool read back from storage, checked against the invariants.
    ///
    /// `nextNodeNumber` and `nextReplicaNumber` are at least one past the highest id given (a
    /// store that deletes removed replicas passes its counters so that no number is reused).
    /// - Throws: `AllocationError` naming the node or replica that breaks an invariant.
    public init(
        nodes: [Node], replicas: [Replica], appliedActions: Set<ActionID> = [], nextRound: Int = 0,
        nextNodeNumber: Int = 0, nextReplicaNumber: Int = 0
    ) throws(AllocationError) {
        self.init()
        for node in nodes {
            guard self.nodes[node.id] == nil else {
                throw .inconsistent(in: "pool", rule: "\(node.id) is given twice")
            }
            guard node.gpus >= 1, node.memoryPerGPUGiB >= 1 else {
                throw .inconsistent(in: "pool", rule: "\(node.id) has \(node.gpus) GPUs of \(node.memoryPerGPUGiB) GiB; both must be at least 1")
            }
            var stored = node
            if stored.state == .draining { stored.state = .ready }  // derived below
            self.nodes[node.id] = stored
            if node.isAlive { usage[node.id] = NodeUsage() }
            self.nextNodeNumber = max(self.nextNodeNumber, node.id.number + 1)
        }
        // Staying replicas first, so that a node whose replicas all drain turns draining last.
        for replica in replicas.sorted(by: { ($0.state == .draining ? 1 : 0, $0.id) < ($1.state == .draining ? 1 : 0, $1.id) }) {
            guard self.replicas[replica.id] == nil else {
                throw .inconsistent(in: "pool", rule: "\(replica.id) is given twice")
            }
            self.nextReplicaNumber = max(self.nextReplicaNumber, replica.id.number + 1)
            guard replica.state != .pending else {
                guard replica.node == nil else {
                    throw .inconsistent(in: "pool", rule: "\(replica.id) is pending but names \(replica.node.map(String.init(describing:)) ?? "")")
                }
                self.replicas[replica.id] = replica
                continue
            }
            guard let nodeID = replica.node else {
                throw .inconsistent(in: "pool", rule: "\(replica.id) is \(replica.state.rawValue) but has no node")
            }
            try checkPlacement(of: replica, on: nodeID, place: "pool")
            self.replicas[replica.id] = replica
            attach(replica, to: nodeID)
        }
        self.appliedActions = appliedActions
        self.nextRound = max(nextRound, (appliedActions.map(\.round).max() ?? -1) + 1)
        self.nextNodeNumber = max(self.nextNodeNumber, nextNodeNumber)
        self.nextReplicaNumber = max(self.nextReplicaNumber, nextReplicaNumber)
    }

    /// The replicas on a node, in id order.
    public func replicas(on node: NodeID) -> [Replica] {
        (usage[node]?.replicas ?? []).sorted().compactMap { replicas[$0] }
    }

    /// GPUs taken on a node by its replicas (draining ones included); 0 for an unknown node.
    public func usedGPUs(on node: NodeID) -> Int { usage[node]?.gpus ?? 0 }

    /// GPU memory taken on a node, GiB; 0 for an unknown node.
    public func usedMemoryGiB(on node: NodeID) -> Int { usage[node]?.memoryGiB ?? 0 }

    /// Nodes not terminated, in id order.
    public var aliveNodes: [Node] { nodes.values.filter(\.isAlive).sorted { $0.id < $1.id } }

    /// Throws unless `replica` fits on `nodeID` next to what is there.
    func checkPlacement(of replica: Replica, on nodeID: NodeID, place: @autoclosure () -> String) throws(AllocationError) {
        guard let node = nodes[nodeID], let used = usage[nodeID] else {
            throw .unknownNode(nodeID, in: place())
        }
        guard node.state == .ready || (node.state == .draining && replica.state == .draining) else {
            throw .inconsistent(in: place(), rule: "\(replica.id) cannot go on \(nodeID), which is \(node.state.rawValue)")
        }
        guard node.pool == replica.pool else {
            throw .inconsistent(in: place(), rule: "\(replica.id) needs \(replica.gpuType) in \(replica.region); \(nodeID) is \(node.gpuType) in \(node.region)")
        }
        guard used.gpus + replica.gpus <= node.gpus, used.memoryGiB + replica.memoryGiB <= node.memoryGiB else {
            throw .inconsistent(in: place(), rule: "\(replica.id) (\(replica.gpus) GPUs, \(replica.memoryGiB) GiB) does not fit on \(nodeID) (\(node.gpus - used.gpus) GPUs, \(node.memoryGiB - used.memoryGiB) GiB free)")
        }
        guard used.isEmpty || node.replicaClass == replica.replicaClass else {
            throw .inconsistent(in: place(), rule: "\(replica.id) is \(replica.replicaClass.rawValue); \(nodeID) hosts \(node.replicaClass.rawValue) work")
        }
        guard !(node.capacity == .spot && replica.replicaClass == .interactive) else {
            throw .inconsistent(in: place(), rule: "\(replica.id) is interactive; \(nodeID) is spot")
        }
    }

    /// Records `replica` on `nodeID` (already checked) and sets the node's class and state.
    mutating func attach(_ replica: Replica, to nodeID: NodeID) {
        usage[nodeID, default: NodeUsage()].gpus += replica.gpus
        usage[nodeID, default: NodeUsage()].memoryGiB += replica.memoryGiB
        usage[nodeID, default: NodeUsage()].replicas.insert(replica.id)
        if replica.state == .draining {
            usage[nodeID, default: NodeUsage()].drainingGPUs += replica.gpus
            usage[nodeID, default: NodeUsage()].drainingCount += 1
        }
        nodes[nodeID]?.replicaClass = replica.replicaClass
        refreshDrainState(of: nodeID)
    }

    /// Forgets `replica` on its node and refreshes the node's state.
    mutating func detach(_ replica: Replica) {
        guard let nodeID = replica.node, usage[nodeID] != nil else { return }
        usage[nodeID]?.gpus -= replica.gpus
        usage[nodeID]?.memoryGiB -= replica.memoryGiB
        usage[nodeID]?.replicas.remove(replica.id)
        if replica.state == .draining {
            usage[nodeID]?.drainingGPUs -= replica.gpus
            usage[nodeID]?.drainingCount -= 1
        }
        refreshDrainState(of: nodeID)
    }

    /// A ready node whose replicas all drain is `draining` (no new placements); it is `ready`
    /// again once it is empty, for the release phase to decide.
    mutating func refreshDrainState(of nodeID: NodeID) {
        guard let node = nodes[nodeID], let used = usage[nodeID],
              node.state == .ready || node.state == .draining
        else { return }
        let draining = !used.isEmpty && used.drainingCount == used.replicas.count
        nodes[nodeID]?.state = draining ? .draining : .ready
    }
}
