/// The HPA-like autoscaler of every replayed series (``ReactiveController``), synced every
/// `syncSeconds` (or once per step when the step is shorter) on the observed rate: the
/// reactive policy, and the hybrid's correction.
struct Autoscalers {
    private var controllers: [ReactiveController]
    /// Seconds between two syncs.
    let sync: Double
    let stepSeconds: Double

    /// One controller per series with `settings`, settled on the last training step's rate.
    init(_ replay: Replay, settings: ReactiveSettings) {
        let stepSeconds = replay.stepSeconds
        self.stepSeconds = stepSeconds
        sync = Double(min(max(1, settings.syncSeconds), replay.input.step.seconds))
        controllers = replay.members.enumerated().map { index, member in
            var controller = ReactiveController(
                settings: settings, perReplica: member.perReplica, floor: member.profile.minReplicas,
                cap: member.profile.maxReplicas, scaleUpReplicas: member.profile.scaleUp.replicas,
                scaleUpPeriodSeconds: Double(member.profile.scaleUp.periodSeconds), initial: 0)
            controller.settle(rate: (replay.training(index).last ?? 0) / stepSeconds)
            return controller
        }
    }

    /// The replicas the controller of series `series` asks for now.
    func current(_ series: Int) -> Int { controllers[series].current }

    /// The replicas the autoscaler's rule asks for at `rate` requests per second, with no
    /// history (``ReactiveController/desired(rate:)``).
    func desired(_ series: Int, rate: Double) -> Int { controllers[series].desired(rate: rate) }

    /// Runs the controller of series `series` through the step starting at `start`: syncs at
    /// `start + sync`, ..., the step's end (the load observed is the step's rate), each
    /// integrating the pool up to it and scaling it to what the controller asks for. The hybrid
    /// gives its plan as the HPA's second metric: `floor` for the step, and `nextFloor` at the
    /// sync on the next step's start (where the plan's next count applies).
    mutating func sync(_ pool: inout ReplicaPool, series: Int, floor: Int?, nextFloor: Int? = nil, from start: Double,
                       rate: Double) {
        var offset = sync
        while offset <= stepSeconds {
            pool.advance(to: start + offset, rate: rate)
            let planned = offset == stepSeconds ? nextFloor ?? floor : floor
            let asked = controllers[series].recommend(rate: Self.observed(rate, pool: pool), floor: planned, at: start + offset)
            pool.scale(to: asked, at: start + offset, rate: rate)
            offset += sync
        }
    }

    /// The rate the autoscaler scales on: the arrival rate, plus for batch models the backlog
    /// spread over one deadline (a KEDA-style queue-length trigger).
    static func observed(_ rate: Double, pool: ReplicaPool) -> Double {
        guard let deadline = pool.deadlineSeconds else { return rate }
        return rate + pool.backlog / deadline
    }
}
