import Foundation
import Planning
import Testing
import Vocabulary

/// Capacity blocks for a peak window (``CommitmentAdvisor/adviseBlock(pool:history:offer:gpusPerNode:commitments:changes:window:)``).
@Suite struct CapacityBlockAdviceTests {
    /// Monday 2023-11-13 00:00 UTC.
    let start: Int64 = 1_699_833_600
    let pool = PoolKey(region: "r1", gpuType: "H100")

    /// On demand 8, a block 5 USD per GPU-hour: a booked node pays off when used 62.5 % of the window.
    var offer: GPUOffer {
        var offer = Fixture.offer()
        offer.capacityBlockUSDPerGPUHour = 5
        return offer
    }

    /// 28 days of 20 GPUs at night and 40 from 09:00 to 17:00, every day alike.
    var history: [PoolLevel] {
        (0..<(28 * 24)).map { hour in
            PoolLevel(at: start + Int64(hour) * 3_600, interactiveGPUs: (9..<17).contains(hour % 24) ? 40 : 20, batchGPUs: 0)
        }
    }

    /// The forecast's start: the hour after the history.
    var forecastStart: Int64 { start + 28 * 86_400 }

    func adviseBlock(_ window: PeakWindow, held: [Commitment] = [], changes: [DemandChange] = []) throws -> CapacityBlockAdvice {
        try CommitmentAdvisor(termHours: 8_766).adviseBlock(pool: pool, history: history, offer: offer, gpusPerNode: 8,
                                                           commitments: held, changes: changes, window: window)
    }

    /// A launch week doubling the need: 40 GPUs at night (5 nodes all the time) and 80 by day
    /// (5 more a third of the time). Five nodes pay off; the sixth, used a third, does not.
    /// Without the launch, the third node is used 2/3 ≥ 62.5 % and is the last booked.
    @Test func aKnownPeakIsCoveredByTheNodesItKeepsBusy() throws {
        let window = PeakWindow(name: "launch", start: forecastStart + 7 * 86_400, end: forecastStart + 14 * 86_400)
        let launch = DemandChange(name: "launch", region: "r1", gpuType: "H100", from: window.start, until: window.end, multiplier: 2)
        let peak = try adviseBlock(window, changes: [launch])
        #expect(peak.hours == 168)
        #expect(abs(peak.breakEvenUtilization - 0.625) < 1e-12)
        #expect(peak.changes == ["launch"])
        #expect(peak.advice.nodes == 5)
        #expect(peak.units.prefix(6).map { ($0.expectedUtilization * 1_000).rounded() / 1_000 } == [1, 1, 1, 1, 1, 0.333])
        #expect(abs(peak.peakGPUs - 80) < 1e-6)
        // Five nodes of 8 GPUs used every hour of 168: each saves 8 × 168 × (8 − 5).
        #expect(abs(peak.advice.expectedSavingsUSD - 5 * 8 * 168 * 3) < 1e-6)
        #expect(abs(peak.advice.commitmentUSD - 5 * 8 * 168 * 5) < 1e-6)

        let quiet = try adviseBlock(window)
        #expect(quiet.changes.isEmpty)
        #expect(quiet.advice.nodes == 3)
    }

    /// Nodes held through the window are used first: two held leave three to book.
    @Test func heldNodesAreUsedFirst() throws {
        let window = PeakWindow(name: "launch", start: forecastStart + 7 * 86_400, end: forecastStart + 14 * 86_400)
        let launch = DemandChange(name: "launch", region: "r1", gpuType: "H100", from: window.start, until: window.end, multiplier: 2)
        let held = Commitment(name: "held", kind: .reservedNodes, region: "r1", gpuType: "H100", nodes: 2, start: start,
                              end: forecastStart + 400 * 86_400, usdPerGPUHour: 4)
        let advice = try adviseBlock(window, held: [held], changes: [launch])
        #expect(advice.heldNodes == 2)
        #expect(advice.advice.nodes == 3)
    }

    /// A window begun before the forecast is judged from its start; one ended before it, one too
    /// long, or a pool without a block price are refused with the reason.
    @Test func windowsAreJudgedFromTheForecastsStartAndBadOnesRefused() throws {
        let begun = try adviseBlock(PeakWindow(name: "now", start: forecastStart - 86_400, end: forecastStart + 2 * 86_400 + 1_800))
        #expect(begun.window.start == forecastStart)
        #expect(begun.hours == 49)
        // From the hour a window starts in to the hour it ends in: 20 minutes inside one hour is that hour.
        let short = try adviseBlock(PeakWindow(name: "short", start: forecastStart + 5 * 3_600 + 600, end: forecastStart + 5 * 3_600 + 1_800))
        #expect(short.window.start == forecastStart + 5 * 3_600 && short.hours == 1)

        func refusal(_ body: () throws -> CapacityBlockAdvice) -> String {
            do {
                _ = try body()
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal { try adviseBlock(PeakWindow(name: "past", start: start, end: start + 86_400)) }
            .contains("window 'past' ends (2023-11-14T00:00:00Z) before the forecast starts (2023-12-11T00:00:00Z"))
        #expect(refusal { try adviseBlock(PeakWindow(name: "long", start: forecastStart, end: forecastStart + 200 * 86_400)) }
            .contains("a capacity block lasts at most 182 days"))
        #expect(refusal {
            try CommitmentAdvisor(termHours: 8_766).adviseBlock(pool: pool, history: history, offer: Fixture.offer(), gpusPerNode: 8,
                                                               commitments: [], window: PeakWindow(name: "w", start: forecastStart,
                                                                                                   end: forecastStart + 86_400))
        }.contains("r1 sells no capacity blocks of H100 (regions.r1.H100.capacity_block)"))
    }

    /// `FROM/TO` windows: dates or date-times, the end after the start, at most 182 days.
    @Test func windowsAreParsed() {
        let window = PeakWindow.parse("2026-12-20/2027-01-05T12:00:00Z")
        #expect(window?.start == 1_797_724_800)
        let end: Int64 = 1_797_724_800 + 16 * 86_400 + 12 * 3_600
        #expect(window?.end == end)
        for bad in ["2026-12-20", "2026-12-20/2026-12-19", "2026-12-20/2027-12-20", "soon/later", "2026-12-20/2026-12-21/2026-12-22", ""] {
            #expect(PeakWindow.parse(bad) == nil, "\(bad)")
        }
    }

    /// A demand change with an `until` stops applying then; one raising demand for a while is a peak.
    @Test func aChangeWithAnEndIsAPeak() {
        let launch = DemandChange(name: "launch", region: "r1", gpuType: "H100", from: 100, until: 200, multiplier: 2)
        let migration = DemandChange(name: "away", region: "r1", gpuType: "H100", from: 150, multiplier: 0.5)
        #expect(launch.applies(at: 100) && !launch.applies(at: 200))
        #expect([launch, migration].peaks(in: pool) == [PeakWindow(name: "launch", start: 100, end: 200)])
    }
}
