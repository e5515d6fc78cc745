/// The training period's peak step times (1 + ``SimulationSettings/staticMargin``), sized like a
/// plan (the model's target utilisation, floor and cap), running all the time.
struct StaticPolicy: ReplayPolicy {
    static let usesForecasts = false
    private let replay: Replay
    /// The replicas of each series.
    private let replicas: [Int]

    init(_ replay: Replay) {
        self.replay = replay
        let margin = replay.simulator.settings.staticMargin
        replicas = replay.members.enumerated().map { index, member in
            let peak = (replay.training(index).max() ?? 0) * (1 + margin)
            return member.profile.sizing(requestsPerSecond: peak / replay.stepSeconds)?.replicas ?? member.profile.minReplicas
        }
    }

    static func reservationBasis(windowDays: Int64) -> String {
        "each day: the same optimizer over its constant peak replicas (whole nodes reserved where cheaper); "
            + "the rest on demand"
    }

    func startDay(_ day: Int, running: [Int]?) -> ReplayDay {
        let replicas = replicas
        let reserved = replay.simulator.reservation(replay.input, members: replay.members, dayIndex: replay.dayIndex(day)) {
            series, _ in replicas[series]
        }
        return ReplayDay(plan: nil, reservedNodes: reserved, initialReplicas: replicas)
    }

    func drive(_ pool: inout ReplicaPool, series: Int, step: Int, at start: Double, rate: Double) {}
}
