/// The cheapest setting of one headroom knob whose replay serves at least a target share of
/// requests: a bracketing search over `headroom` in [0, 1], along which the served fraction
/// rises (and so does cost).
///
/// 1. `headroom` 0 (the cheapest setting): if it reaches the target, it is the answer;
/// 2. `headroom` 1 (the most generous): if it does not, no setting does, and the trial that
///    served the most is reported;
/// 3. otherwise bisect between the highest setting known to miss and the lowest known to reach,
///    until `maxReplays` trials or the bracket is narrower than `resolution`.
///
/// Replays are not exactly monotone (whole replicas, rate limits), so the answer is the
/// cheapest of all trials that reached the target (ties: the higher served fraction, then the
/// lower headroom), not just the bracket's end.
public struct KnobSearch: Sendable {
    /// Share of requests to serve, in (0, 1).
    public var target: Double
    /// The most replays spent, at least 2.
    public var maxReplays: Int
    /// Bisection stops when the bracket is narrower than this (in headroom units).
    public var resolution: Double

    public init(target: Double, maxReplays: Int = 12, resolution: Double = 1.0 / 512) {
        self.target = target
        self.maxReplays = max(2, maxReplays)
        self.resolution = resolution
    }

    /// One replay: the headroom it ran at and what it gave.
    public struct Trial<Value> {
        public var headroom: Double
        public var cost: Double
        public var served: Double
        public var value: Value
    }

    /// The trials in the order run, the chosen one (nil when none reached the target) and the
    /// one that served the most (the cheapest of those on a tie).
    public struct Outcome<Value> {
        public var trials: [Trial<Value>]
        public var chosen: Trial<Value>?
        public var bestServed: Trial<Value>
        public var reached: Bool { chosen != nil }
    }

    /// Runs the search; `evaluate` replays at a headroom and returns the replay with its cost
    /// and served fraction.
    public func run<Value, Failure: Error>(
        _ evaluate: (Double) throws(Failure) -> (cost: Double, served: Double, value: Value)
    ) throws(Failure) -> Outcome<Value> {
        var trials: [Trial<Value>] = []
        func trial(_ headroom: Double) throws(Failure) -> Bool {
            let result = try evaluate(headroom)
            trials.append(Trial(headroom: headroom, cost: result.cost, served: result.served, value: result.value))
            return result.served >= target
        }
        if try !trial(0), try trial(1) {
            var (low, high) = (0.0, 1.0)
            while trials.count < maxReplays, high - low > resolution {
                let middle = (low + high) / 2
                if try trial(middle) { high = middle } else { low = middle }
            }
        }
        let reaching = trials.filter { $0.served >= target }
        let chosen = reaching.min { ($0.cost, -$0.served, $0.headroom) < ($1.cost, -$1.served, $1.headroom) }
        let bestServed = trials.min { (-$0.served, $0.cost, $0.headroom) < (-$1.served, $1.cost, $1.headroom) }!
        return Outcome(trials: trials, chosen: chosen, bestServed: bestServed)
    }
}
