extension BatchBacklog {
    /// ``requiredCapacity(at:served:)`` for t = 0, 1, 2, … in turn, in O(log T) a step instead of
    /// O(T): the same maximum, `max(0, max_j (A(j − D + 1) − S) / (j − t + 1))` over
    /// `j = t … count + D − 2`, read as the steepest slope from the point `(t, S)` to the points
    /// `(j + 1, A(j − D + 1))`. Every one of those points lies right of `(t, S)`, so the steepest
    /// is a vertex of their upper convex hull, found by binary search (slopes to the hull's
    /// vertices rise, then fall). The hull of the points `j ≥ t` is built once from the last
    /// point leftwards, recording what each insertion removed; stepping from `t` to `t + 1`
    /// undoes the insertion of `t`.
    public struct Sweep {
        let backlog: BatchBacklog
        /// The hull, leftmost vertex last; vertices are `j` indices.
        var hull: [Int] = []
        /// For each `j`, the vertices its insertion removed (restored, in reverse, when it is undone).
        var removed: [[Int]]
        /// The next `t`.
        var t = 0
        let lastDue: Int

        init(_ backlog: BatchBacklog) {
            self.backlog = backlog
            lastDue = backlog.cumulative.count + backlog.dueSteps - 2
            removed = [[Int]](repeating: [], count: max(0, lastDue + 1))
            guard lastDue >= 0 else { return }
            for j in stride(from: lastDue, through: 0, by: -1) {
                while hull.count >= 2, !turnsRight(j, hull[hull.count - 1], hull[hull.count - 2]) {
                    removed[j].append(hull.removeLast())
                }
                hull.append(j)
            }
        }

        func x(_ j: Int) -> Double { Double(j + 1) }
        func y(_ j: Int) -> Double { backlog.arrived(through: j - backlog.dueSteps + 1) }

        /// Whether `b` lies strictly above the segment from `a` to `c` (`a` left of `b` left of `c`).
        func turnsRight(_ a: Int, _ b: Int, _ c: Int) -> Bool {
            (x(b) - x(a)) * (y(c) - y(a)) - (y(b) - y(a)) * (x(c) - x(a)) < 0
        }

        /// The capacity step `t` needs with `served` requests served before it; then moves to `t + 1`.
        public mutating func next(served: Double) -> Double {
            defer { advance() }
            guard t <= lastDue, !hull.isEmpty else { return 0 }
            let origin = Double(t)
            func slope(_ j: Int) -> Double { (y(j) - served) / (x(j) - origin) }
            // Vertices leftmost last: search positions from the end (leftmost) towards 0 (rightmost).
            var low = 0
            var high = hull.count - 1
            // Find the vertex of steepest slope: slopes rise from the leftmost vertex, then fall.
            while low < high {
                let middle = (low + high) / 2
                // hull[middle] is right of hull[middle + 1].
                if slope(hull[middle]) >= slope(hull[middle + 1]) { high = middle } else { low = middle + 1 }
            }
            let j = hull[low]
            let due = y(j) - served
            return due > 0 ? due / Double(j - t + 1) : 0
        }

        mutating func advance() {
            if t <= lastDue, hull.last == t {
                hull.removeLast()
                hull.append(contentsOf: removed[t].reversed())
            }
            t += 1
        }
    }

    /// A sweep over t = 0, 1, 2, … (``Sweep``).
    public func sweep() -> Sweep { Sweep(self) }
}
