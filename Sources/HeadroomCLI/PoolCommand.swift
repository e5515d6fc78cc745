import Allocation
import ArgumentParser
import Jobs
import Store
import Vocabulary

/// `headroom pool`: the node pool the allocation engine drives.
struct PoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool",
        abstract: "The node pool: nodes, replicas and packing.",
        subcommands: [PoolShowCommand.self, PoolEventCommand.self]
    )
}

/// `headroom pool show`: nodes by capacity type and state, replicas by model, packing metrics.
struct PoolShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show the node pool, its replicas and its packing metrics.")

    @OptionGroup var database: DatabaseOption
    @OptionGroup var fleet: ConfigurationOption

    func run() async throws {
        let store = try database.open()
        let provider = try fleet.loadAll().configuration.poolProvider.make(database: store)
        let pool: NodePool
        do {
            pool = try await provider.load()
        } catch let error as ExecuteJobError {
            throw CommandFailure(error.description)
        } catch let error as AllocationError {
            throw CommandFailure("the pool's action log does not replay: \(error)")
        }
        let pending = try store.poolActions(applied: false).count
        if pending > 0 { print("\(pending) actions of an interrupted round are pending: `headroom execute` finishes them") }
        print(PoolTable(pool).render())
    }
}

/// The pool as text: replicas per model and region, nodes per group, and the packing metrics.
struct PoolTable {
    var pool: NodePool
    init(_ pool: NodePool) { self.pool = pool }

    func render() -> String {
        let metrics = PoolMetrics(pool: pool)
        let alive = pool.nodes.values.filter(\.isAlive)
        guard !alive.isEmpty || !pool.replicas.isEmpty else { return "the pool is empty" }
        var replicas = [["model", "region", "pending", "loading", "serving", "draining"]]
        let byModel = Dictionary(grouping: pool.replicas.values, by: \.modelRegion)
        for key in byModel.keys.sorted() {
            let group = byModel[key] ?? []
            let count = { (state: ReplicaState) in String(group.filter { $0.state == state }.count) }
            replicas.append([group[0].model, group[0].region, count(.pending), count(.loading), count(.serving), count(.draining)])
        }
        var nodes = [["region", "GPU", "class", "reserved", "on-demand", "spot", "provisioning", "GPUs used / on ready nodes"]]
        let byPool = Dictionary(grouping: alive, by: \.pool)
        for key in byPool.keys.sorted() {
            let byClass = Dictionary(grouping: byPool[key] ?? [], by: \.replicaClass)
            for replicaClass in byClass.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
                let group = byClass[replicaClass] ?? []
                let count = { (capacity: CapacityType) in String(group.filter { $0.capacity == capacity }.count) }
                let ready = group.filter { $0.state != .provisioning }
                nodes.append([key.region, key.gpuType, replicaClass.rawValue, count(.reserved), count(.onDemand),
                              count(.spot), String(group.count - ready.count),
                              "\(ready.reduce(0) { $0 + pool.usedGPUs(on: $1.id) }) / \(ready.reduce(0) { $0 + $1.gpus })"])
            }
        }
        let efficiency = metrics.packingEfficiency.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
        let ready = metrics.meanSecondsToReady.map { String(format: "%.0f s", $0) } ?? "-"
        return TextTable(replicas).render() + "\n\n" + TextTable(nodes).render() + "\n\n"
            + "packing: \(metrics.gpusInUse) of \(metrics.gpusOnReadyNodes) GPUs on ready nodes in use (\(efficiency)); "
            + "\(metrics.strandedGPUs) free GPUs stranded on \(metrics.partlyUsedNodes) partly used nodes; "
            + "\(metrics.emptyReadyNodes) empty ready nodes; mean time to ready \(ready)"
    }
}
