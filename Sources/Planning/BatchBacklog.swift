/// Capacity for batch-class work that may queue, as long as every request completes within
/// its deadline.
///
/// Fluid model on the step grid: the work arriving in step `s` (`A_s` requests) may be served
/// from step `s` on and is due by the end of step `s + D − 1`, with `D = floor(deadline / step)`
/// (so no request waits longer than the deadline). Work is served first in, first out. With
/// `Arr(x) = A_0 + … + A_x` and `S` the requests served before step `t`, the work due by the end
/// of step `j` and not yet served is `max(0, Arr(j − D + 1) − S)`; serving it at a constant rate
/// from `t` to `j` needs `(Arr(j − D + 1) − S) / (j − t + 1)` requests per step. The capacity
/// planned at step `t` is the largest of these over every `j ≥ t`: the smallest constant rate
/// from now on that meets every deadline, recomputed each step (so it falls after a peak has
/// been cleared). Arrivals after the last step are taken as zero.
public struct BatchBacklog: Sendable {
    /// Deadline in whole steps, at least 1.
    public var dueSteps: Int
    /// `cumulative[x]` = requests arrived in steps 0 … x.
    let cumulative: [Double]

    public init(arrivals: [Double], dueSteps: Int) {
        self.dueSteps = max(1, dueSteps)
        var total = 0.0
        cumulative = arrivals.map { total += $0; return total }
    }

    /// Requests arrived in steps 0 … x (0 before the first step; the total after the last).
    func arrived(through x: Int) -> Double {
        guard x >= 0, let last = cumulative.last else { return 0 }
        return x < cumulative.count ? cumulative[x] : last
    }

    /// Requests per step to serve from step `t` on, given `served` requests served before `t`.
    public func requiredCapacity(at t: Int, served: Double) -> Double {
        let count = cumulative.count
        var required = 0.0
        // After j = count + D − 2 the due work stops growing and the ratio only falls.
        let lastDue = count + dueSteps - 2
        guard t <= lastDue else { return 0 }
        let outstanding = arrived(through: count - 1) - served
        for j in t...lastDue {
            // No later j can beat `required` once all outstanding work spread to j does not.
            if outstanding / Double(j - t + 1) <= required { break }
            let due = arrived(through: j - dueSteps + 1) - served
            if due > 0 { required = max(required, due / Double(j - t + 1)) }
        }
        return required
    }

    /// The largest amount of work, in requests, still unserved past its due step when
    /// `servedPerStep` is served: 0 when every deadline within the steps is met.
    public func lateRequests(servedPerStep: [Double]) -> Double {
        var served = 0.0
        var late = 0.0
        for (j, amount) in servedPerStep.enumerated() {
            served += amount
            late = max(late, arrived(through: j - dueSteps + 1) - served)
        }
        return max(0, late)
    }
}
