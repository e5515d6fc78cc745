import Planning
import Testing
import Traffic

/// Commitments already held: paid whether used or not, counted at each step they cover, the
/// optimum bought on top of them, and free capacity for the variant choice.
@Suite struct CommitmentTests {
    let step = Step(seconds: 300)!
    let now: Int64 = 1_700_006_400

    func demand(_ model: String = "chat") -> PlanDemand {
        let point = Fixture.daily(steps: 288, base: 4, swing: 30)
        return PlanDemand(model: model, region: "r1", step: step, forecastStart: now, point: point,
                          quantiles: [0.9: point.map { $0 * 1.1 }])
    }

    func held(_ nodes: Int, until end: Int64, gpu: String = "H100", price: Double = 4) -> Commitment {
        Commitment(name: "held", kind: .reservedNodes, region: "r1", gpuType: gpu, nodes: nodes,
                   start: now - 86_400, end: end, usdPerGPUHour: price)
    }

    func split(_ commitments: [Commitment]) throws -> CapacitySplit {
        var configuration = Fixture.configuration(models: [Fixture.profile(utilization: 0.8, floor: 1, cap: 200)])
        configuration.commitments = commitments
        return try #require(try Planner(configuration: configuration).plan(demand: [demand()], now: now).capacity.first)
    }

    /// A held node at the offer's reserved price replaces one the optimum would buy: the same
    /// reservation and cost; the split says which nodes were held.
    @Test func heldNodesCountTowardsTheReservation() throws {
        let bought = try split([])
        #expect(bought.reservedNodes >= 1)
        #expect(bought.heldNodes == nil)
        let withHeld = try split([held(1, until: now + 30 * 86_400)])
        #expect(withHeld.heldNodes == 1)
        #expect(withHeld.reservedNodes == bought.reservedNodes)
        #expect(abs(withHeld.horizon.totalUSD - bought.horizon.totalUSD) < 1e-6)
        #expect(withHeld.horizonLevels.allSatisfy { $0.heldGPUs == 8 && $0.heldUSDPerHour == 32 })
    }

    /// A savings plan of 60 USD an hour at 4 USD per GPU-hour covers 15 GPUs at every step,
    /// paid 60 USD an hour whether used or not: one whole node held, and the plan's cost the
    /// same as with 15 reserved GPUs held at the same price (a node and 7 GPUs of a second).
    @Test func aSavingsPlanCoversItsCommitmentOverItsRateInGPUs() throws {
        let plan = Commitment(name: "sp", kind: .savingsPlan, region: "r1", gpuType: "H100", nodes: 0, start: now - 86_400,
                              end: now + 365 * 86_400, usdPerGPUHour: 4, usdPerHour: 60)
        #expect(plan.gpus(gpusPerNode: 8) == 15 && plan.hourlyUSD(gpusPerNode: 8) == 60)
        let covered = try split([plan])
        #expect(covered.heldNodes == 1)
        #expect(covered.horizonLevels.allSatisfy { $0.heldGPUs == 15 && $0.heldUSDPerHour == 60 })
        let none = try split([])
        // Its 15 GPUs replace on-demand and reserved GPUs the pool would otherwise pay for.
        #expect(covered.horizon.onDemandGPUHours <= none.horizon.onDemandGPUHours)
        #expect(covered.reservedNodes <= none.reservedNodes + 1)
    }

    /// A commitment ending mid-plan counts until its end only: the steps after it hold nothing,
    /// and their reserved GPU-hours are the ones bought on top.
    @Test func aCommitmentExpiringMidPlanCountsUntilItsEnd() throws {
        let end = now + 12 * 3_600
        let expiring = try split([held(3, until: end)])
        let before = expiring.horizonLevels.filter { $0.at < end }
        let after = expiring.horizonLevels.filter { $0.at >= end }
        #expect(before.count == 144 && after.count == 144)
        #expect(before.allSatisfy { $0.heldGPUs == 24 } && after.allSatisfy { $0.heldGPUs == 0 })
        #expect(expiring.heldNodes == 3)
        let lasting = try split([held(3, until: now + 30 * 86_400)])
        // Held at no cost beyond the end, the lasting one pays 12 more hours of 24 GPUs at 4 USD.
        let bought = Double(expiring.reservedNodes - 3) * 8 * 4 * 24
        #expect(expiring.horizon.reservedUSD <= 24 * 4 * 12 + bought + 1e-6)
        #expect(lasting.horizon.reservedGPUHours >= expiring.horizon.reservedGPUHours)
    }

    /// Held capacity above every step's need leaves nothing to buy: no extra nodes, no
    /// on-demand hours, and the reservation's use below one.
    @Test func heldCapacityAboveTheNeedLeavesNothingToBuy() throws {
        let plenty = try split([held(40, until: now + 30 * 86_400)])
        #expect(plenty.reservedNodes == 40 && plenty.heldNodes == 40)
        #expect(plenty.horizon.onDemandGPUHours == 0)
        #expect((plenty.reservationUtilization ?? 1) < 1)
        #expect(abs(plenty.horizon.reservedUSD - 40 * 8 * 4 * 24) < 1e-6)
    }

    /// The variant choice counts held GPUs as paid: A100 nodes held make the A100 variant the
    /// cheaper, though on demand the H100 one is.
    @Test func heldCapacitySteersTheVariantChoice() throws {
        var configuration = VariantTests.configuration(variants: VariantTests.variants())
        let onDemand = try Planner(configuration: configuration).plan(demand: [demand()], now: now)
        #expect(onDemand.models.first?.variant?.name == "h100-tp1")
        configuration.commitments = [held(20, until: now + 30 * 86_400, gpu: "A100", price: 1.8)]
        let plan = try Planner(configuration: configuration).plan(demand: [demand()], now: now)
        let choice = try #require(plan.models.first?.variant)
        #expect(choice.name == "a100-tp2")
        #expect(choice.horizonCostUSD["a100-tp2"] == 0)
        #expect(plan.capacity.first { $0.gpuType == "A100" }?.heldNodes == 20)
    }
}
