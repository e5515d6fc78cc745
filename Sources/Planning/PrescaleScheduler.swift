/// Turns the replicas needed at each step into scale actions that have capacity ready in time.
///
/// Time is in steps. A scale-up at step `s` is ready at `s + leadSteps` (node provisioning plus
/// cold start); a scale-down takes effect at once and removes the youngest replicas first, so
/// the replicas ready at step `t` are `min(launched[t − lead] … launched[t])`.
///
/// Rules:
/// - Scale-up: at most `scaleUpReplicas` per action, actions at least `scaleUpSpacingSteps`
///   apart. The scheduler scales up as late as it can: at step `s` it acts only when waiting
///   one more step would make some future need unreachable under the rate limit, and then to
///   the smallest level from which every later need is still reachable.
/// - Scale-down: only once the need has stayed lower for `stabilizationSteps` (the level kept is
///   the largest launch target of that window, as Kubernetes' HPA does), not within
///   `stabilizationSteps` of a scale-up, never below the floor nor below what is needed before a
///   new replica could be ready, and only while fewer than `maxActionsPerDay` actions happened in
///   the last day.
public struct PrescaleScheduler: Sendable {
    /// Steps from a scale-up to ready replicas (provisioning + cold start, rounded up).
    public var leadSteps: Int
    /// Warm floor: replicas never removed below it.
    public var floor: Int
    /// Rate limit: most replicas per scale-up, and least steps between scale-ups.
    public var scaleUpReplicas: Int
    public var scaleUpSpacingSteps: Int
    /// Steps the need must stay lower before a scale-down.
    public var stabilizationSteps: Int
    /// Most actions in any `stepsPerDay` steps before scale-downs are skipped.
    public var maxActionsPerDay: Int
    public var stepsPerDay: Int

    public init(leadSteps: Int, floor: Int, scaleUpReplicas: Int, scaleUpSpacingSteps: Int,
                stabilizationSteps: Int, maxActionsPerDay: Int, stepsPerDay: Int) {
        self.leadSteps = min(max(0, leadSteps), 1 << 30)
        self.floor = max(0, floor)
        self.scaleUpReplicas = min(max(1, scaleUpReplicas), 1 << 30)
        self.scaleUpSpacingSteps = min(max(1, scaleUpSpacingSteps), 1 << 30)
        self.stabilizationSteps = max(0, stabilizationSteps)
        self.maxActionsPerDay = max(0, maxActionsPerDay)
        self.stepsPerDay = max(1, stepsPerDay)
    }

    /// One change of the launched replica count.
    public struct Change: Sendable, Hashable {
        public var step: Int
        public var from: Int
        public var to: Int

        public init(step: Int, from: Int, to: Int) {
            self.step = step
            self.from = from
            self.to = to
        }
    }

    public struct Schedule: Sendable, Hashable {
        /// Replicas running before the first step (ready).
        public var initial: Int
        /// Replicas running (launched, billed) at each step, after that step's action.
        public var launched: [Int]
        /// Replicas ready to serve at each step.
        public var ready: [Int]
        public var changes: [Change]
    }

    /// The schedule for `required` ready replicas per step.
    /// - Parameter initial: replicas running (and ready) now; nil assumes the previous plan's
    ///   work: enough for the first lead time and for every later need to be reachable.
    public func schedule(required: [Int], initial: Int?) -> Schedule {
        let count = required.count
        guard count > 0 else { return Schedule(initial: initial ?? floor, launched: [], ready: [], changes: []) }
        // Launch targets: what must be launched at s to be ready at s + lead.
        let targets = (0..<count).map { required[min($0 + leadSteps, count - 1)] }
        let highest = targets.max() ?? 0
        func minimalLevel(from start: Int, nextUp: Int) -> Int {
            var level = 0
            var j = start
            while j < count {
                if j < nextUp {
                    level = max(level, targets[j])
                } else {
                    let reachable = scaleUpReplicas * (1 + (j - nextUp) / scaleUpSpacingSteps)
                    if reachable >= highest { break }
                    level = max(level, targets[j] - reachable)
                }
                j += 1
            }
            return level
        }
        let firstNeeds = required[0...min(leadSteps, count - 1)].max() ?? 0
        let start = initial ?? max(floor, firstNeeds, minimalLevel(from: 0, nextUp: 0))
        var level = start
        var launched = [Int](repeating: 0, count: count)
        var changes: [Change] = []
        var lastUp: Int?
        for s in 0..<count {
            let canScaleUp = lastUp.map { s - $0 >= scaleUpSpacingSteps } ?? true
            var acted = false
            if canScaleUp {
                let ifWaiting = s + 1 < count ? max(targets[s], minimalLevel(from: s + 1, nextUp: s + 1)) : targets[s]
                if level < ifWaiting {
                    let goal = max(ifWaiting, minimalLevel(from: s, nextUp: s + scaleUpSpacingSteps))
                    let next = min(level + scaleUpReplicas, goal)
                    changes.append(Change(step: s, from: level, to: next))
                    level = next
                    lastUp = s
                    acted = true
                }
            }
            let settled = lastUp.map { s - $0 >= stabilizationSteps } ?? true
            if !acted, settled, level > floor {
                let recent = changes.reversed().prefix { s - $0.step < stepsPerDay }.count
                if recent < maxActionsPerDay {
                    let windowHigh = targets[max(0, min(s, s - stabilizationSteps + 1))...s].max() ?? 0
                    let readyNeed = required[s...min(s + leadSteps, count - 1)].max() ?? 0
                    let nextUp = max(s + 1, lastUp.map { $0 + scaleUpSpacingSteps } ?? s + 1)
                    let keep = max(floor, windowHigh, readyNeed, minimalLevel(from: s, nextUp: nextUp))
                    if keep < level {
                        changes.append(Change(step: s, from: level, to: keep))
                        level = keep
                    }
                }
            }
            launched[s] = level
        }
        let ready = (0..<count).map { t in
            var lowest = t - leadSteps < 0 ? start : Int.max
            for k in max(0, t - leadSteps)...t { lowest = min(lowest, launched[k]) }
            return lowest
        }
        return Schedule(initial: start, launched: launched, ready: ready, changes: changes)
    }
}
