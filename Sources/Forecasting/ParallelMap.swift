import Dispatch
import Synchronization

/// Maps groups of work over a fixed number of threads and concatenates the results in order.
enum ParallelMap {
    static func run<Group: Sendable, Output: Sendable>(
        _ groups: [Group], threads: Int, _ body: @Sendable (Group) -> [Output]
    ) -> [Output] {
        let workers = max(1, min(threads, groups.count))
        if workers == 1 { return groups.flatMap(body) }
        let slots = Mutex<[[Output]?]>(Array(repeating: nil, count: groups.count))
        let nextGroup = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = nextGroup.add(1, ordering: .relaxed).oldValue
                guard index < groups.count else { break }
                let output = body(groups[index])
                slots.withLock { $0[index] = output }
            }
        }
        return slots.withLock { $0.flatMap { $0 ?? [] } }
    }
}
