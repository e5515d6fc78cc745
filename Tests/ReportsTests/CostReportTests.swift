import Planning
import Reports
import Testing
import Traffic
import Vocabulary

@Suite struct CostReportTests {
    /// Relative tolerance for sums of floating-point GPU-hours and USD.
    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }

    @Test func rowsOverTheHorizonAddUpToEachPoolsCostBreakdown() throws {
        let plan = try Fixture.plan()
        let report = try CostReport(runs: [Fixture.run(plan: plan)], from: Fixture.now, to: Fixture.now + 86_400)
        let rows = Array(report)
        #expect(Set(rows.map(\.chargePeriodStart)).count == 24)
        for split in plan.capacity {
            let pool = rows.filter { $0.region == split.region && $0.gpuType == split.gpuType }
            func sum(_ type: CapacityType, _ value: KeyPath<CostRow, Double>, used: Bool? = nil) -> Double {
                pool.filter { $0.capacityType == type && (used == nil || ($0.commitmentStatus == .used) == used) }
                    .reduce(0) { $0 + $1[keyPath: value] }
            }
            let horizon = split.horizon
            #expect(Self.close(sum(.reserved, \.gpuHours), horizon.reservedGPUHours))
            #expect(Self.close(sum(.reserved, \.gpuHours, used: true), horizon.reservedUsedGPUHours))
            #expect(Self.close(sum(.onDemand, \.gpuHours), horizon.onDemandGPUHours))
            #expect(Self.close(sum(.spot, \.gpuHours), horizon.spotGPUHours))
            #expect(Self.close(sum(.reserved, \.effectiveCostUSD), horizon.reservedUSD))
            #expect(Self.close(sum(.onDemand, \.effectiveCostUSD), horizon.onDemandUSD))
            #expect(Self.close(sum(.spot, \.effectiveCostUSD), horizon.spotUSD))
            // List cost: every needed GPU-hour at the on-demand rate.
            let needed = split.horizonLevels.reduce(0) { $0 + $1.totalGPUs } * 300 / 3_600
            #expect(Self.close(pool.reduce(0) { $0 + $1.listCostUSD }, needed * split.onDemandUSDPerGPUHour))
        }
        #expect(Self.close(rows.reduce(0) { $0 + $1.billedCostUSD }, plan.totals.horizon.totalUSD))
        // The fixture exercises every capacity type.
        #expect(Set(rows.map(\.capacityType)) == Set(CapacityType.allCases))
    }

    /// Commitments held count in the report as in the plan: at their own price, at each step
    /// they cover (one ending mid-horizon stops there), the bought reservation on top.
    @Test func heldCommitmentsArePaidAtTheirPriceUntilTheirEnd() throws {
        let ending = Commitment(name: "ending", kind: .reservedNodes, region: "r1", gpuType: "H100", nodes: 3,
                                start: Fixture.now - 30 * 86_400, end: Fixture.now + 10 * 3_600, usdPerGPUHour: 1.5)
        let block = Commitment(name: "block", kind: .capacityBlock, region: "r2", gpuType: "H100", nodes: 1,
                               start: Fixture.now + 4 * 3_600, end: Fixture.now + 8 * 3_600, usdPerGPUHour: 2.5)
        let plan = try Fixture.plan(commitments: [ending, block])
        let r1 = try #require(plan.capacity.first { $0.region == "r1" })
        #expect(r1.heldNodes == 3)
        #expect(plan.capacity.first { $0.region == "r2" }?.heldNodes == 0)
        let report = try CostReport(runs: [Fixture.run(plan: plan)], from: Fixture.now, to: Fixture.now + 86_400)
        let rows = Array(report)
        for split in plan.capacity {
            let pool = rows.filter { $0.region == split.region && $0.gpuType == split.gpuType && $0.capacityType == .reserved }
            #expect(Self.close(pool.reduce(0) { $0 + $1.gpuHours }, split.horizon.reservedGPUHours), "\(split.region)")
            #expect(Self.close(pool.reduce(0) { $0 + $1.effectiveCostUSD }, split.horizon.reservedUSD), "\(split.region)")
        }
        #expect(Self.close(rows.reduce(0) { $0 + $1.billedCostUSD }, plan.totals.horizon.totalUSD))
        // r1 holds 24 more reserved GPUs in the hours before the commitment ends than after.
        func reservedGPUHours(_ hour: Int) -> Double {
            rows.filter { $0.region == "r1" && $0.capacityType == .reserved
                && $0.chargePeriodStart == Fixture.now + Int64(hour) * 3_600 }.reduce(0) { $0 + $1.gpuHours }
        }
        #expect(Self.close(reservedGPUHours(9) - reservedGPUHours(10), 24))
    }

    /// A savings plan of 30 USD an hour at 2.5 USD per GPU-hour covers 12 GPUs (a node and a
    /// half): its GPU-hours are reserved rows paid at 30 USD an hour, and the rows still add up
    /// to the pool's horizon breakdown.
    @Test func aHeldSavingsPlanIsPaidItsCommitmentEveryHour() throws {
        let plan = Commitment(name: "sp", kind: .savingsPlan, region: "r1", gpuType: "H100", nodes: 0,
                              start: Fixture.now - 30 * 86_400, end: Fixture.now + 30 * 86_400, usdPerGPUHour: 2.5, usdPerHour: 30)
        let planned = try Fixture.plan(commitments: [plan])
        let r1 = try #require(planned.capacity.first { $0.region == "r1" })
        #expect(r1.heldNodes == 1)
        #expect(r1.horizonLevels.allSatisfy { $0.heldGPUs == 12 && $0.heldUSDPerHour == 30 })
        let rows = Array(try CostReport(runs: [Fixture.run(plan: planned)], from: Fixture.now, to: Fixture.now + 86_400))
        for split in planned.capacity {
            let pool = rows.filter { $0.region == split.region && $0.gpuType == split.gpuType && $0.capacityType == .reserved }
            #expect(Self.close(pool.reduce(0) { $0 + $1.gpuHours }, split.horizon.reservedGPUHours), "\(split.region)")
            #expect(Self.close(pool.reduce(0) { $0 + $1.effectiveCostUSD }, split.horizon.reservedUSD), "\(split.region)")
        }
        // Each hour r1's reserved rows hold the plan's 12 GPUs and the nodes bought on top.
        let bought = Double((r1.reservedNodes - 1) * r1.gpusPerNode)
        let firstHour = rows.filter { $0.region == "r1" && $0.capacityType == .reserved && $0.chargePeriodStart == Fixture.now }
        #expect(Self.close(firstHour.reduce(0) { $0 + $1.gpuHours }, 12 + bought))
        #expect(Self.close(firstHour.reduce(0) { $0 + $1.effectiveCostUSD }, 30 + bought * r1.reservedUSDPerGPUHour))
    }

    @Test func idleReservedGPUHoursAreRowsOfTheirOwn() throws {
        let plan = try Fixture.plan()
        #expect(plan.capacity.allSatisfy { $0.reservedNodes > 0 })
        let rows = Array(try CostReport(runs: [Fixture.run(plan: plan)], from: Fixture.now, to: Fixture.now + 86_400))
        let idle = rows.filter { $0.commitmentStatus == .unused }
        #expect(!idle.isEmpty)
        for row in idle {
            #expect(row.model == nil)
            #expect(row.capacityType == .reserved && row.pricingCategory == .committed)
            #expect(row.requestsServed == 0 && row.costPer1kRequestsUSD == nil)
            #expect(row.listCostUSD == 0)
            #expect(Self.close(row.savingsVersusOnDemandUSD, -row.effectiveCostUSD))
            #expect(Self.close(row.effectiveCostUSD, row.gpuHours * 4))
        }
        // Used and unused reserved GPU-hours of a period add up to the whole reservation.
        let r1 = try #require(plan.capacity.first { $0.region == "r1" })
        let firstHour = rows.filter { $0.chargePeriodStart == Fixture.now && $0.region == "r1" && $0.capacityType == .reserved }
        #expect(Self.close(firstHour.reduce(0) { $0 + $1.gpuHours }, Double(r1.reservedNodes * r1.gpusPerNode)))
        // Idle rows come after the models' rows of their pool.
        let pool = rows.filter { $0.chargePeriodStart == Fixture.now && $0.region == "r1" }
        if let last = pool.last, pool.contains(where: { $0.commitmentStatus == .unused }) {
            #expect(last.commitmentStatus == .unused)
        }
    }

    @Test func requestsServedAreThePlannedDemandOfTheSteps() throws {
        let plan = try Fixture.plan()
        let rows = Array(try CostReport(runs: [Fixture.run(plan: plan)], from: Fixture.now, to: Fixture.now + 86_400))
        for model in plan.models {
            #expect(model.uncoveredSteps == 0)
            let planned = model.plannedRequestsPerSecond.reduce(0, +) * Double(model.stepSeconds)
            let reported = rows.filter { $0.model == model.model && $0.region == model.region }.reduce(0) { $0 + $1.requestsServed }
            #expect(Self.close(reported, planned))
        }
        for row in rows where row.requestsServed > 0 {
            #expect(Self.close(try #require(row.costPer1kRequestsUSD), row.effectiveCostUSD / row.requestsServed * 1_000))
        }
    }

    @Test func aDayIsTheSumOfItsHours() throws {
        let plan = try Fixture.plan(now: Fixture.now + 5_400)  // starts at 01:30, ends the next day
        let runs = [Fixture.run(plan: plan)]
        let from = Fixture.now, to = Fixture.now + 2 * 86_400
        let hours = Array(try CostReport(runs: runs, from: from, to: to, granularity: .hour))
        let days = Array(try CostReport(runs: runs, from: from, to: to, granularity: .day))
        #expect(Set(days.map(\.chargePeriodStart)) == [from, from + 86_400])
        #expect(days.allSatisfy { $0.chargePeriodEnd == $0.chargePeriodStart + 86_400 })
        #expect(hours.first?.chargePeriodStart == Fixture.now + 3_600)
        #expect(hours.last?.chargePeriodStart == Fixture.now + 86_400 + 5_400 - 1_800)
        for day in days {
            let parts = hours.filter {
                $0.chargePeriodStart >= day.chargePeriodStart && $0.chargePeriodStart < day.chargePeriodEnd
                    && $0.model == day.model && $0.region == day.region && $0.capacityType == day.capacityType
                    && $0.commitmentStatus == day.commitmentStatus
            }
            #expect(Self.close(parts.reduce(0) { $0 + $1.gpuHours }, day.gpuHours))
            #expect(Self.close(parts.reduce(0) { $0 + $1.effectiveCostUSD }, day.effectiveCostUSD))
            #expect(Self.close(parts.reduce(0) { $0 + $1.listCostUSD }, day.listCostUSD))
            #expect(Self.close(parts.reduce(0) { $0 + $1.requestsServed }, day.requestsServed))
        }
    }

    @Test(arguments: [Set<ReportDimension>(), [.model], [.region]])
    func groupingSumsOverTheDimensionsLeftOut(groupBy: Set<ReportDimension>) throws {
        let runs = [Fixture.run(plan: try Fixture.plan())]
        let full = Array(try CostReport(runs: runs, from: Fixture.now, to: Fixture.now + 86_400))
        let grouped = Array(try CostReport(runs: runs, from: Fixture.now, to: Fixture.now + 86_400, groupBy: groupBy))
        #expect(grouped.count < full.count)
        #expect(grouped.allSatisfy { (groupBy.contains(.region) || $0.region == nil) })
        #expect(grouped.allSatisfy { (groupBy.contains(.model) || $0.model == nil) })
        for row in grouped {
            let parts = full.filter {
                $0.chargePeriodStart == row.chargePeriodStart && $0.capacityType == row.capacityType
                    && $0.commitmentStatus == row.commitmentStatus
                    && (row.region == nil || $0.region == row.region)
                    && (!groupBy.contains(.model) || $0.model == row.model)
            }
            #expect(Self.close(parts.reduce(0) { $0 + $1.gpuHours }, row.gpuHours))
            #expect(Self.close(parts.reduce(0) { $0 + $1.effectiveCostUSD }, row.effectiveCostUSD))
            #expect(Self.close(parts.reduce(0) { $0 + $1.requestsServed }, row.requestsServed))
        }
    }

    @Test func theNewestRunCoveringAStepIsInForce() throws {
        let older = Fixture.run(id: 1, createdAt: Fixture.now, plan: try Fixture.plan())
        let newer = Fixture.run(id: 2, createdAt: Fixture.now + 43_200,
                                plan: try Fixture.plan(now: Fixture.now + 43_200, scale: 2))
        let both = Array(try CostReport(runs: [newer, older], from: Fixture.now - 7_200, to: Fixture.now + 3 * 86_400))
        let olderAlone = Array(try CostReport(runs: [older], from: Fixture.now, to: Fixture.now + 43_200))
        let newerAlone = Array(try CostReport(runs: [newer], from: Fixture.now + 43_200, to: Fixture.now + 129_600))
        #expect(both == olderAlone + newerAlone)
        // No plan covers the hours before the first run or after the newer run: no rows there.
        #expect(both.first?.chargePeriodStart == Fixture.now)
        #expect(both.last?.chargePeriodEnd == Fixture.now + 129_600)
        // Made the other way round, the older plan covers its whole span.
        let swapped = Fixture.run(id: 3, createdAt: Fixture.now + 90_000, plan: older.plan)
        let report = Array(try CostReport(runs: [newer, swapped], from: Fixture.now, to: Fixture.now + 86_400))
        #expect(report == Array(try CostReport(runs: [swapped], from: Fixture.now, to: Fixture.now + 86_400)))
    }

    @Test func aPeriodNoPlanCoversHasNoRows() throws {
        let report = try CostReport(runs: [Fixture.run(plan: try Fixture.plan())], from: Fixture.now + 86_400,
                                    to: Fixture.now + 2 * 86_400)
        #expect(!report.coversAnyStep)
        #expect(Array(report).isEmpty)
        #expect(Array(try CostReport(runs: [], from: 0, to: 3_600)).isEmpty)
    }

    @Test func badRequestsAreNamed() throws {
        let start = Fixture.now
        #expect(throws: CostReportError.emptyPeriod(from: start, to: start)) {
            try CostReport(runs: [], from: start, to: start)
        }
        #expect(CostReportError.emptyPeriod(from: start, to: start).description
            == "from 2023-11-15T00:00:00Z is not before to 2023-11-15T00:00:00Z")
        #expect(throws: CostReportError.periodTooLong(from: start, to: start + 367 * 86_400, granularity: .hour, periods: 8_808)) {
            try CostReport(runs: [], from: start, to: start + 367 * 86_400)
        }
        #expect(CostReportError.periodTooLong(from: start, to: start + 367 * 86_400, granularity: .hour, periods: 8_808)
            .description.hasSuffix("holds 8808 charge periods of one hour, more than the 8784 a report may hold (366 days of hours): use granularity day or a shorter period"))
        _ = try CostReport(runs: [], from: start, to: start + 366 * 86_400)
        _ = try CostReport(runs: [], from: start, to: start + 367 * 86_400, granularity: .day)
        #expect(CostReport.periodCount(from: start + 1_800, to: start + 7_201, granularity: .hour) == 3)
    }

    @Test func groupByListsAreRead() throws {
        #expect(try ReportDimension.parseList("model,region") == [.model, .region])
        #expect(try ReportDimension.parseList(" region ") == [.region])
        #expect(try ReportDimension.parseList("") == [])
        #expect(throws: CostReportError.unknownDimension("zone")) { try ReportDimension.parseList("model,zone") }
        #expect(throws: CostReportError.unknownDimension("")) { try ReportDimension.parseList("model,,region") }
        #expect(CostReportError.unknownDimension("zone").description == "group_by entry 'zone' is not model or region")
        #expect(ReportGranularity(rawValue: "week") == nil)
    }
}
