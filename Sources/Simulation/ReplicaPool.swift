/// The replicas of one model in one region, in continuous time (seconds).
///
/// A scale-up launches replicas that are billed at once and serve `leadSeconds` later (node
/// provisioning plus cold start); a scale-down releases the youngest replicas first (those
/// still starting before those serving) and stops their billing at once. Demand is a constant
/// rate within each traffic step; `advance(to:rate:)` integrates serving over time: while `n`
/// replicas are ready, up to `n × r*` requests per second are served. Interactive requests
/// above that are unserved. Batch requests (with a deadline) queue first in, first out and are
/// unserved only when still queued `deadline` seconds after they arrived (the arrivals of one
/// integration segment, at most a step, are due one deadline after the segment's start).
struct ReplicaPool {
    /// Seconds from launch to serving.
    let leadSeconds: Double
    /// Requests per second one ready replica serves (largest batch size meeting the SLO).
    let perReplica: Double
    /// Ready time of each running replica, in launch order (so ascending).
    private(set) var readyAt: [Double]
    /// Time integrated so far.
    private(set) var cursor: Double
    /// The current step's figures; `takeTally()` returns and resets them.
    private(set) var tally = StepTally()
    /// Changes of the replica count so far.
    private(set) var scaleActions = 0
    /// Batch class: seconds within which a request must be served; nil for interactive.
    let deadlineSeconds: Double?
    /// Batch class: queued requests by due time, oldest first.
    private var queue: [(due: Double, amount: Double)] = []
    private var queueHead = 0
    /// Batch class: the sum of the queue's amounts.
    private(set) var backlog = 0.0

    /// A pool with `replicas` already serving at `time`.
    init(replicas: Int, at time: Double, leadSeconds: Double, perReplica: Double, deadlineSeconds: Double? = nil) {
        self.leadSeconds = leadSeconds
        self.perReplica = perReplica
        self.deadlineSeconds = deadlineSeconds
        readyAt = [Double](repeating: time, count: max(0, replicas))
        cursor = time
        tally.maxReplicas = readyAt.count
    }

    /// Replicas running (billed), ready or not.
    var launched: Int { readyAt.count }

    /// Sets the running replicas to `target` at `time` (after integrating up to it).
    mutating func scale(to target: Int, at time: Double, rate: Double) {
        advance(to: time, rate: rate)
        let target = max(0, target)
        guard target != readyAt.count else { return }
        if target > readyAt.count {
            readyAt.append(contentsOf: repeatElement(time + leadSeconds, count: target - readyAt.count))
        } else {
            readyAt.removeLast(readyAt.count - target)
        }
        scaleActions += 1
        tally.maxReplicas = max(tally.maxReplicas, readyAt.count)
    }

    /// Integrates serving and billing from the cursor to `time` at `rate` requests per second.
    mutating func advance(to time: Double, rate: Double) {
        while cursor < time {
            let ready = readyAt.prefix { $0 <= cursor }.count
            let nextReady = ready < readyAt.count ? readyAt[ready] : Double.infinity
            let end = min(time, nextReady)
            let seconds = end - cursor
            let capacity = Double(ready) * perReplica
            tally.requests += rate * seconds
            tally.capacity += capacity * seconds
            if let deadlineSeconds {
                serveBatch(arriving: rate * seconds, work: capacity * seconds, from: cursor, to: end,
                           deadline: deadlineSeconds, seconds: seconds)
            } else {
                tally.served += min(rate, capacity) * seconds
                tally.unserved += max(0, rate - capacity) * seconds
                if rate > capacity * (1 + 1e-12) { tally.violationSeconds += seconds }
            }
            tally.launchedSeconds += Double(readyAt.count) * seconds
            tally.startingSeconds += Double(readyAt.count - ready) * seconds
            cursor = end
        }
    }

    /// One segment of batch serving: `work` requests of capacity go to the queue, oldest first,
    /// then to the segment's arrivals; the rest of the arrivals queue, due one deadline after
    /// `start`; whatever is still queued at or after its due time by `end` is late (unserved).
    private mutating func serveBatch(arriving: Double, work: Double, from start: Double, to end: Double,
                                     deadline: Double, seconds: Double) {
        var left = work
        while left > 0, queueHead < queue.count {
            let take = min(left, queue[queueHead].amount)
            queue[queueHead].amount -= take
            backlog -= take
            left -= take
            tally.served += take
            if queue[queueHead].amount <= 1e-12 { queueHead += 1 }
        }
        let now = min(left, arriving)
        tally.served += now
        if arriving - now > 0 {
            queue.append((start + deadline, arriving - now))
            backlog += arriving - now
        }
        var late = 0.0
        while queueHead < queue.count, queue[queueHead].due <= end {
            late += queue[queueHead].amount
            queueHead += 1
        }
        backlog = queueHead < queue.count ? max(0, backlog - late) : 0
        if late > 0 {
            tally.unserved += late
            tally.violationSeconds += seconds
        }
        if queueHead > 1_024 {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
    }

    /// The figures since the last call, reset for the next step.
    mutating func takeTally() -> StepTally {
        defer { tally = StepTally(); tally.maxReplicas = readyAt.count }
        return tally
    }
}

/// What one replica pool did over one step (or any period): requests, capacity, replica time.
struct StepTally: Sendable, Hashable {
    /// Requests that arrived.
    var requests = 0.0
    /// Requests served within capacity (batch: within the deadline).
    var served = 0.0
    /// Interactive: requests above capacity; batch: requests past their deadline.
    var unserved = 0.0
    /// Requests the ready replicas could have served.
    var capacity = 0.0
    /// Seconds during which the demand rate exceeded capacity.
    var violationSeconds = 0.0
    /// Replica-seconds running (billed).
    var launchedSeconds = 0.0
    /// Replica-seconds launched but not yet serving (provisioning and cold start).
    var startingSeconds = 0.0
    /// Most replicas running at any moment.
    var maxReplicas = 0

    static func + (lhs: StepTally, rhs: StepTally) -> StepTally {
        var sum = lhs
        sum.requests += rhs.requests
        sum.served += rhs.served
        sum.unserved += rhs.unserved
        sum.capacity += rhs.capacity
        sum.violationSeconds += rhs.violationSeconds
        sum.launchedSeconds += rhs.launchedSeconds
        sum.startingSeconds += rhs.startingSeconds
        sum.maxReplicas = max(lhs.maxReplicas, rhs.maxReplicas)
        return sum
    }
}
