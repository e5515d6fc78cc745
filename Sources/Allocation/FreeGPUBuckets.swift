import HeapModule

/// Bins (nodes, or planned nodes) bucketed by free GPUs, for best-fit packing in
/// O(G + log n) per placement instead of a scan of every node (G: GPUs per node).
///
/// `bestFit(gpus:)` returns the bin with the fewest free GPUs that is at least `gpus` and passes
/// `fits`, ties broken by the smallest `rank` (then the smallest key): the node whose free GPUs
/// after placement are fewest, deterministically. Entries left behind when a bin's free count
/// changes are skipped lazily.
struct FreeGPUBuckets: Sendable {
    struct Entry: Comparable, Sendable {
        var rank: Int64
        var key: Int
        static func < (a: Entry, b: Entry) -> Bool { (a.rank, a.key) < (b.rank, b.key) }
    }

    private var buckets: [Heap<Entry>] = []
    /// Current free GPUs and rank of each bin, by key.
    private(set) var free: [Int: Int] = [:]
    private var ranks: [Int: Int64] = [:]

    var isEmpty: Bool { free.isEmpty }

    /// Adds a bin, or moves it to its new free count.
    mutating func set(key: Int, free gpus: Int, rank: Int64) {
        free[key] = gpus
        ranks[key] = rank
        guard gpus > 0 else { return }
        while buckets.count <= gpus { buckets.append(Heap()) }
        buckets[gpus].insert(Entry(rank: rank, key: key))
    }

    /// The best-fit bin for `gpus`, or nil; `fits` may refuse a bin (e.g. on memory).
    mutating func bestFit(gpus: Int, fits: (Int) -> Bool = { _ in true }) -> Int? {
        guard gpus < buckets.count else { return nil }
        for f in max(gpus, 1)..<buckets.count {
            var refused: [Entry] = []
            defer { for entry in refused { buckets[f].insert(entry) } }
            while let entry = buckets[f].min {
                guard free[entry.key] == f, ranks[entry.key] == entry.rank else {
                    _ = buckets[f].popMin()  // stale: the bin moved
                    continue
                }
                if fits(entry.key) { return entry.key }
                refused.append(entry)
                _ = buckets[f].popMin()
            }
        }
        return nil
    }

    /// Takes `gpus` from bin `key`.
    mutating func take(_ gpus: Int, from key: Int) {
        guard let current = free[key], let rank = ranks[key] else { return }
        set(key: key, free: current - gpus, rank: rank)
    }
}
