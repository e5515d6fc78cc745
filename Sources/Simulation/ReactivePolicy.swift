/// An HPA-like autoscaler on the observed rate, with no forecast (``ReactiveSettings``); its
/// reservation is the optimum over what its rule asks for on the window's actual traffic.
struct ReactivePolicy: ReplayPolicy {
    static let usesForecasts = false
    private let replay: Replay
    private var autoscalers: Autoscalers

    init(_ replay: Replay) {
        self.replay = replay
        autoscalers = Autoscalers(replay, settings: replay.simulator.settings.reactive)
    }

    static func reservationBasis(windowDays: Int64) -> String {
        "each day: the same optimizer over the replicas the autoscaler asks for on the last \(windowDays) d of "
            + "actual traffic; the rest on demand"
    }

    mutating func startDay(_ day: Int, running: [Int]?) -> ReplayDay {
        let autoscalers = autoscalers
        let reserved = replay.simulator.reservation(replay.input, members: replay.members, dayIndex: replay.dayIndex(day)) {
            autoscalers.desired($0, rate: $1)
        }
        return ReplayDay(plan: nil, reservedNodes: reserved, initialReplicas: replay.members.indices.map(autoscalers.current))
    }

    mutating func drive(_ pool: inout ReplicaPool, series: Int, step: Int, at start: Double, rate: Double) {
        autoscalers.sync(&pool, series: series, floor: nil, from: start, rate: rate)
    }
}
