import Planning
import PropertyBased
import Testing

@Suite struct PrescaleSchedulerTests {
    func scheduler(lead: Int = 2, floor: Int = 1, up: Int = 3, spacing: Int = 1, stabilization: Int = 3,
                   perDay: Int = 1_000) -> PrescaleScheduler {
        PrescaleScheduler(leadSteps: lead, floor: floor, scaleUpReplicas: up, scaleUpSpacingSteps: spacing,
                          stabilizationSteps: stabilization, maxActionsPerDay: perDay, stepsPerDay: 288)
    }

    @Test func scalesUpOneLeadTimeBeforeTheNeed() {
        let required = [1, 1, 1, 1, 1, 4, 4, 4]
        let schedule = scheduler(lead: 2).schedule(required: required, initial: nil)
        #expect(schedule.changes == [PrescaleScheduler.Change(step: 3, from: 1, to: 4)])
        #expect(schedule.ready == [1, 1, 1, 1, 1, 4, 4, 4])
    }

    @Test func aRateLimitedRampStartsEarlier() {
        // +6 at step 6 with at most 2 per action, actions 2 steps apart, lead 1: start at step 1.
        let required = [1, 1, 1, 1, 1, 1, 7, 7]
        let schedule = scheduler(lead: 1, up: 2, spacing: 2).schedule(required: required, initial: nil)
        #expect(schedule.changes.map(\.step) == [1, 3, 5])
        #expect(schedule.changes.allSatisfy { $0.to - $0.from <= 2 })
        #expect(zip(schedule.ready, required).allSatisfy { $0 >= $1 })
    }

    @Test func scaleDownWaitsForTheStabilizationWindow() {
        let required = [5, 5, 1, 1, 1, 1, 1, 1, 1, 1]
        let schedule = scheduler(lead: 0, stabilization: 4).schedule(required: required, initial: 5)
        let downs = schedule.changes.filter { $0.to < $0.from }
        #expect(downs.count == 1)
        #expect(downs.first?.step == 5)  // steps 2, 3, 4, 5 all needed 1
        #expect(downs.first?.to == 1)
    }

    @Test func aShortDipDoesNotFlap() {
        let required = [4, 4, 1, 1, 4, 4, 1, 1, 4, 4]
        let schedule = scheduler(lead: 0, stabilization: 3).schedule(required: required, initial: 4)
        #expect(schedule.changes.isEmpty)
    }

    @Test func scaleDownsStopAtTheDailyActionLimit() {
        let required = [8, 1, 1, 1, 8, 1, 1, 1, 8, 1, 1, 1, 8, 1, 1, 1]
        let schedule = scheduler(lead: 0, stabilization: 1, perDay: 2).schedule(required: required, initial: 8)
        #expect(schedule.changes.filter { $0.to < $0.from }.count <= 2)
        #expect(zip(schedule.ready, required).allSatisfy { $0 >= $1 })
    }

    @Test func readyCapacityCoversTheNeedAndEveryRuleHolds() async {
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...12).array(of: 1...60), Gen.int(in: 0...6), Gen.int(in: 1...5),
            Gen.int(in: 1...4), Gen.int(in: 0...6), Gen.int(in: 0...3)
        ) { raw, lead, up, spacing, stabilization, floor in
            let required = raw.map { max($0, floor) }
            let s = scheduler(lead: lead, floor: floor, up: up, spacing: spacing, stabilization: stabilization, perDay: 6)
            let schedule = s.schedule(required: required, initial: nil)
            // Coverage: the ready replicas meet the need at every step.
            for (t, need) in required.enumerated() {
                #expect(schedule.ready[t] >= need, "step \(t): ready \(schedule.ready[t]) < need \(need) in \(required)")
            }
            // Floor.
            #expect(schedule.launched.allSatisfy { $0 >= floor })
            #expect(schedule.initial >= floor)
            // Rate limit: each scale-up adds at most `up`, scale-ups `spacing` steps apart.
            let ups = schedule.changes.filter { $0.to > $0.from }
            #expect(ups.allSatisfy { $0.to - $0.from <= up })
            for (a, b) in zip(ups, ups.dropFirst()) { #expect(b.step - a.step >= spacing) }
            // No flapping: no scale-down within the stabilisation window after a scale-up, and
            // at most `perDay` actions counted before each scale-down.
            for down in schedule.changes where down.to < down.from {
                #expect(!ups.contains { down.step > $0.step && down.step - $0.step < stabilization })
            }
            #expect(schedule.changes.filter { $0.to < $0.from }.count <= 6)
            // The launched counts follow the changes.
            var level = schedule.initial
            for t in 0..<required.count {
                if let change = schedule.changes.first(where: { $0.step == t }) {
                    #expect(change.from == level)
                    level = change.to
                }
                #expect(schedule.launched[t] == level)
            }
        }
    }

    @Test func aGivenLowStartIsReportedAsUncovered() {
        let schedule = scheduler(lead: 3).schedule(required: [6, 6, 6, 6, 6], initial: 1)
        #expect(schedule.ready[0] == 1)
        #expect(schedule.ready[3] == 4)  // +3 at step 0, ready at step 3
        #expect(schedule.ready[4] == 6)  // +2 at step 1, ready at step 4
    }
}
