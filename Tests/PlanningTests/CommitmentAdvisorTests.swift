import Foundation
import Planning
import Testing
import Vocabulary

/// Purchase advice for a term from the pool's past need (``CommitmentAdvisor``).
@Suite struct CommitmentAdvisorTests {
    /// Monday 2023-11-13 00:00 UTC.
    let start: Int64 = 1_699_833_600
    let pool = PoolKey(region: "r1", gpuType: "H100")
    /// Reserved 4, on demand 8 USD per GPU-hour: break-even at half the hours.
    let offer = Fixture.offer()

    /// `days` of hourly need: `night` GPUs, `day` GPUs from 09:00 to 17:00, times
    /// `(1 + weekly)^(weeks)`.
    func history(days: Int, night: Double, day: Double, weekly: Double = 0) -> [PoolLevel] {
        (0..<(days * 24)).map { hour in
            let busy = (9..<17).contains(hour % 24)
            let growth = pow(1 + weekly, Double(hour) / 168)
            return PoolLevel(at: start + Int64(hour) * 3_600, interactiveGPUs: (busy ? day : night) * growth, batchGPUs: 0)
        }
    }

    func advise(_ history: [PoolLevel], held: [Commitment] = [], termHours: Int = 8_766) throws -> CommitmentAdvice {
        try CommitmentAdvisor(termHours: termHours).advise(pool: pool, history: history, offer: offer, gpusPerNode: 8,
                                                          commitments: held)
    }

    /// A node pays off when used at least half the hours: with 20 GPUs at night and 40 by
    /// day, the first two nodes are always used, the third 2/3 of the hours (half of it at
    /// night, all of it by day), the fourth and fifth only by day (1/3).
    @Test func nodesAreBoughtWhileTheyAreUsedAtLeastTheBreakEvenShare() throws {
        let advice = try advise(history(days: 28, night: 20, day: 40))
        #expect(advice.advice.nodes == 3)
        #expect(advice.units.prefix(5).map { ($0.expectedUtilization * 1_000).rounded() / 1_000 } == [1, 1, 0.667, 0.333, 0.333])
        #expect(abs(advice.breakEvenUtilization - 0.5) < 1e-12)
        #expect(abs(advice.growthPerYear) < 1e-9)
        // Savings of the three: 8 GPUs × 8766 h × (u × 8 − 4) each (8766 h end six hours into a
        // day, so the third node's share is 2/3 to within an hour).
        let perNode: Double = 8 * 8_766
        let expected = perNode * (4 + 4 + (2.0 / 3 * 8 - 4))
        #expect(abs(advice.advice.expectedSavingsUSD - expected) <= 8 * 8 + 1e-6)
    }

    /// The lookback baseline buys the average: on a peaky pool (8 GPUs at night, 56 by day)
    /// that is 24 GPUs, three nodes, two of them idle two thirds of the time and losing money;
    /// the advice buys the one node used all the time.
    @Test func theLookbackBaselineOverbuysAPeakyPool() throws {
        let advice = try advise(history(days: 28, night: 8, day: 56))
        #expect(advice.baseline.nodes == 3)
        #expect(advice.advice.nodes == 1)
        #expect(advice.advice.expectedSavingsUSD > advice.baseline.expectedSavingsUSD)
        #expect(advice.baseline.expectedSavingsUSD < 8 * 8_766 * 4)
    }

    /// Growth raises the advice: the same shape growing 3 % a week over eight weeks needs far
    /// more nodes a year on, and the forecast says so.
    @Test func growthRaisesTheAdvice() throws {
        let flat = try advise(history(days: 56, night: 20, day: 40))
        let growing = try advise(history(days: 56, night: 20, day: 40, weekly: 0.03))
        #expect(growing.growthPerYear > 3)
        #expect(growing.meanGPUsIn12Months[1] > 3 * flat.meanGPUsIn12Months[1])
        #expect(growing.advice.nodes > flat.advice.nodes + 3)
    }

    /// Held commitments above the need leave nothing to buy; one ending soon gets a renewal
    /// line with what to buy when it ends.
    @Test func heldCommitmentsAreCountedAndRenewed() throws {
        let levels = history(days: 28, night: 20, day: 40)
        let forecastStart = start + 28 * 86_400
        let plenty = Commitment(name: "plenty", kind: .reservedNodes, region: "r1", gpuType: "H100", nodes: 10,
                                start: start, end: forecastStart + 400 * 86_400, usdPerGPUHour: 4)
        let covered = try advise(levels, held: [plenty])
        #expect(covered.heldNodes == 10)
        #expect(covered.advice.nodes == 0)
        #expect(covered.renewals.isEmpty)
        let ending = Commitment(name: "ending", kind: .reservedNodes, region: "r1", gpuType: "H100", nodes: 3,
                                start: start, end: forecastStart + 30 * 86_400, usdPerGPUHour: 4)
        let renewing = try advise(levels, held: [ending])
        #expect(renewing.heldNodes == 3)
        #expect(renewing.renewals.map(\.name) == ["ending"])
        #expect(renewing.renewals.first?.advisedNodes == 3)
        // Bought now, a node overlaps the held ones for 30 days and is still used most of the year.
        #expect(renewing.advice.nodes == 3)
    }

    /// A known launch doubling the pool's need a month into the term raises the advice; the
    /// advice names it.
    @Test func aKnownDemandChangeRaisesTheAdvice() throws {
        let levels = history(days: 28, night: 20, day: 40)
        let plain = try advise(levels)
        let launch = DemandChange(name: "launch", region: "r1", gpuType: "H100", from: start + 58 * 86_400, multiplier: 2)
        let advice = try CommitmentAdvisor(termHours: 8_766).advise(pool: pool, history: levels, offer: offer, gpusPerNode: 8,
                                                                   commitments: [], changes: [launch])
        #expect(advice.changes == ["launch"])
        #expect(advice.advice.nodes > plain.advice.nodes)
        #expect(advice.meanGPUsIn12Months[1] > 1.9 * plain.meanGPUsIn12Months[1])
    }

    /// A savings plan is advised one GPU's worth at a time: at 5 USD per GPU-hour against 8 on
    /// demand (break-even 62.5 %), the 20 GPUs needed all the time pay off and the 20 more
    /// needed by day (a third of the hours) do not: 100 USD an hour. The lookback commits the
    /// average, 26.7 GPUs (27: 135 USD an hour). Without a rate the pool is refused.
    @Test func aSavingsPlanIsAdvisedInGPUsWorthOfCommitment() throws {
        var priced = offer
        priced.savingsPlanUSDPerGPUHour = 5
        let advice = try CommitmentAdvisor(termHours: 8_766).advise(pool: pool, history: history(days: 28, night: 20, day: 40),
                                                                   offer: priced, gpusPerNode: 8, commitments: [], kind: .savingsPlan)
        #expect(advice.kind == .savingsPlan && advice.unitGPUs == 1 && advice.usdPerGPUHour == 5)
        #expect(advice.advice.nodes == 20)
        #expect(abs(advice.advice.usdPerHour - 100) < 1e-9)
        #expect(advice.baseline.nodes == 27 && abs(advice.baseline.usdPerHour - 135) < 1e-9)
        #expect(advice.advice.expectedSavingsUSD > advice.baseline.expectedSavingsUSD)
        #expect(advice.advice.rule.hasPrefix("headroom: GPUs of commitment whose use is expected to be worth at least 63 %"))
        // A savings plan held covers its GPUs: 60 USD an hour at 5 leaves 8 GPUs to commit to.
        let held = Commitment(name: "sp", kind: .savingsPlan, region: "r1", gpuType: "H100", nodes: 0, start: start,
                              end: start + 800 * 86_400, usdPerGPUHour: 5, usdPerHour: 60)
        let topUp = try CommitmentAdvisor(termHours: 8_766).advise(pool: pool, history: history(days: 28, night: 20, day: 40),
                                                                  offer: priced, gpusPerNode: 8, commitments: [held], kind: .savingsPlan)
        #expect(topUp.heldGPUs == 12 && topUp.heldNodes == 1)
        #expect(topUp.advice.nodes == 8)
        #expect(throws: PlanningError.self) {
            try CommitmentAdvisor(termHours: 8_766).advise(pool: pool, history: history(days: 28, night: 20, day: 40),
                                                          offer: offer, gpusPerNode: 8, commitments: [], kind: .savingsPlan)
        }
        // Without a configured rate, a plan held is renewed at its own rate: ending in 30 days,
        // its 12 GPUs are advised again (20 in all), as 20 GPUs now with the held ones overlapping.
        let ending = Commitment(name: "sp", kind: .savingsPlan, region: "r1", gpuType: "H100", nodes: 0, start: start,
                                end: start + 58 * 86_400, usdPerGPUHour: 5, usdPerHour: 60)
        let renewal = try CommitmentAdvisor(termHours: 8_766).advise(pool: pool, history: history(days: 28, night: 20, day: 40),
                                                                    offer: offer, gpusPerNode: 8, commitments: [ending], kind: .savingsPlan)
        #expect(renewal.usdPerGPUHour == 5)
        #expect(renewal.renewals.map(\.name) == ["sp"] && renewal.renewals.first?.usdPerHour == 60)
        #expect(renewal.renewals.first?.advisedNodes == 20)
    }

    /// Batch work above the commitments may go on spot: with spot at 2 (reliable for all of it,
    /// never interrupted) against 8 on demand, a batch GPU-hour is worth a quarter of an
    /// interactive one (`r = 0.25`). A pool of batch work alone then buys nothing (node 1, used
    /// all the time, is worth 25 % < 50 %); the same need interactive buys three nodes; with 16
    /// GPUs of it interactive all the time, the two nodes they fill.
    @Test func batchWorkIsValuedAtWhatSpotWouldCost() throws {
        let spot = Fixture.offer(spot: SpotOffer(usdPerGPUHour: 2, provisioningSeconds: 0, interruptionsPerHour: 0, reliableShare: 1))
        #expect(CommitmentAdvisor.batchDiscount(offer: spot, batchColdStartSeconds: 600) == 0.25)
        func advise(_ levels: [PoolLevel]) throws -> CommitmentAdvice {
            try CommitmentAdvisor(termHours: 8_766).advise(pool: pool, history: levels, offer: spot, gpusPerNode: 8, commitments: [],
                                                          batchColdStartSeconds: 600)
        }
        let interactive = history(days: 28, night: 20, day: 40)
        let batch = interactive.map { PoolLevel(at: $0.at, interactiveGPUs: 0, batchGPUs: $0.totalGPUs) }
        let mixed = interactive.map { PoolLevel(at: $0.at, interactiveGPUs: 16, batchGPUs: $0.totalGPUs - 16) }
        #expect(try advise(interactive).advice.nodes == 3)
        let batchOnly = try advise(batch)
        #expect(batchOnly.advice.nodes == 0)
        #expect(abs((batchOnly.units.first?.expectedWorth ?? 0) - 0.25) < 1e-9)
        #expect(abs((batchOnly.units.first?.expectedUtilization ?? 0) - 1) < 1e-9)
        #expect(try advise(mixed).advice.nodes == 2)
    }

    @Test func tooShortAHistoryIsRefused() {
        #expect(throws: PlanningError.self) { try advise(history(days: 5, night: 20, day: 40)) }
        do {
            _ = try advise(history(days: 5, night: 20, day: 40))
        } catch let error as PlanningError {
            #expect(error.description.contains("at least 7 days of history"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
