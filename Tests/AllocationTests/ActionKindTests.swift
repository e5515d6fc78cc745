import Allocation
import Testing

/// An action's stored name is the first word of its description, for every kind.
@Test func actionNamesAreTheFirstWordOfTheirDescription() {
    let node = Node(id: NodeID(3), region: "r1", gpuType: "H100", gpus: 8, memoryPerGPUGiB: 80, capacity: .onDemand,
                    replicaClass: .interactive, state: .provisioning, requestedAt: 0, readyDueAt: 60)
    let replica = Replica(id: ReplicaID(4), model: "chat", region: "r1", gpuType: "H100", gpus: 1, memoryGiB: 60,
                          replicaClass: .interactive, coldStartSeconds: 30, state: .loading, node: NodeID(3), createdAt: 0)
    let kinds: [ActionKind] = [
        .provision(node), .nodeReady(NodeID(3)), .place(replica), .replicaReady(ReplicaID(4)), .drain(ReplicaID(4)),
        .remove(ReplicaID(4)), .release(NodeID(3)), .preempt(ReplicaID(4)), .interrupt(NodeID(3)),
        .reclaimNotice(NodeID(3), reclaimAt: 120),
    ]
    #expect(kinds.map(\.name) == ActionKind.Name.allCases)
    for kind in kinds {
        #expect(kind.name.rawValue == String(kind.description.prefix { $0 != " " }))
    }
    #expect(kinds.map(\.name.rawValue) == [
        "provision", "node-ready", "place", "replica-ready", "drain", "remove", "release", "preempt", "interrupt",
        "reclaim-notice",
    ])
    #expect(ActionKind.provision(node).description == "provision node-3 on-demand 8xH100 r1 interactive")
}
