import Planning
import PropertyBased
import Testing

@Suite struct BatchBacklogTests {
    /// Serves `capacity(t)` per step first in, first out; returns what was served per step.
    func simulate(_ arrivals: [Double], dueSteps: Int) -> [Double] {
        let backlog = BatchBacklog(arrivals: arrivals, dueSteps: dueSteps)
        var served = 0.0
        var queued = 0.0
        var result: [Double] = []
        for (t, arriving) in arrivals.enumerated() {
            let capacity = backlog.requiredCapacity(at: t, served: served)
            let amount = min(queued + arriving, capacity)
            queued += arriving - amount
            served += amount
            result.append(amount)
        }
        return result
    }

    @Test func steadyArrivalsNeedAtMostTheirOwnRate() {
        // 48 steps of 60, due within 12 steps: the last work is due at step 58, so a constant
        // 2 880 / 59 per step from now on meets every deadline; work queued back to the
        // deadline needs the full 60 per step.
        let backlog = BatchBacklog(arrivals: [Double](repeating: 60, count: 48), dueSteps: 12)
        #expect(abs(backlog.requiredCapacity(at: 0, served: 0) - 2_880.0 / 59) < 1e-9)
        #expect(abs(backlog.requiredCapacity(at: 11, served: 0) - 60) < 1e-9)
    }

    @Test func aSpikeIsSpreadOverTheDeadline() {
        // 1 200 requests in one step, due within 12 steps: 100 per step, not 1 200.
        var arrivals = [Double](repeating: 0, count: 48)
        arrivals[10] = 1_200
        let backlog = BatchBacklog(arrivals: arrivals, dueSteps: 12)
        #expect(abs(backlog.requiredCapacity(at: 10, served: 0) - 100) < 1e-9)
        #expect(backlog.requiredCapacity(at: 0, served: 0) < 100)
        let served = simulate(arrivals, dueSteps: 12)
        #expect(served.max() ?? 0 <= 100 + 1e-9)
        #expect(backlog.lateRequests(servedPerStep: served) < 1e-6)
    }

    @Test func lateWorkIsReported() {
        let backlog = BatchBacklog(arrivals: [100, 0, 0], dueSteps: 1)
        #expect(abs(backlog.lateRequests(servedPerStep: [40, 60, 0]) - 60) < 1e-9)
    }

    @Test func emptyArrivalsNeedNothing() {
        #expect(BatchBacklog(arrivals: [], dueSteps: 3).requiredCapacity(at: 0, served: 0) == 0)
    }

    @Test func everyDeadlineIsMetAndThePeakIsNotExceeded() async {
        await propertyCheck(count: 200, input: Gen.double(in: 0...500).array(of: 1...80), Gen.int(in: 1...24)) { arrivals, due in
            let served = simulate(arrivals, dueSteps: due)
            let backlog = BatchBacklog(arrivals: arrivals, dueSteps: due)
            #expect(backlog.lateRequests(servedPerStep: served) < 1e-6 * max(1, arrivals.reduce(0, +)))
            // Smoothing never needs more than the busiest step's arrivals.
            #expect((served.max() ?? 0) <= (arrivals.max() ?? 0) + 1e-6)
        }
    }

    /// The sweep gives what `requiredCapacity` gives at every step, on random arrivals (bursts,
    /// gaps, zeros), deadlines and amounts served.
    @Test func theSweepMatchesTheDirectMaximum() {
        var noise = UInt64(11)
        func next() -> Double {
            noise = noise &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(noise >> 11) / Double(1 << 53)
        }
        for _ in 0..<200 {
            let count = 1 + Int(next() * 300)
            let arrivals = (0..<count).map { _ in next() < 0.2 ? 0 : (next() < 0.1 ? 5_000 * next() : 100 * next()) }
            let backlog = BatchBacklog(arrivals: arrivals, dueSteps: 1 + Int(next() * 60))
            var sweep = backlog.sweep()
            var served = 0.0
            for t in 0..<count {
                let direct = backlog.requiredCapacity(at: t, served: served)
                let swept = sweep.next(served: served)
                #expect(abs(direct - swept) <= 1e-9 * max(1, direct), "t \(t): \(direct) vs \(swept)")
                served = min(served + (next() < 0.5 ? direct : direct * next() * 1.5), arrivals.prefix(t + 1).reduce(0, +))
            }
        }
    }
}
