extension ReconcileRound {
    /// Releases every empty ready node and every provisioning node no longer needed, per region
    /// and GPU type: spot and on-demand first, then reserved ones beyond what is kept idle (see
    /// `release(_:key:)`).
    mutating func releaseEmptyNodes() throws(AllocationError) {
        var empty = unneeded
        for node in pool.nodes.values where node.state == .ready && (pool.usage[node.id]?.isEmpty ?? true) {
            empty[node.pool, default: []].append(node)
        }
        for key in empty.keys.sorted() {
            try release(empty[key] ?? [], key: key)
        }
    }
}
