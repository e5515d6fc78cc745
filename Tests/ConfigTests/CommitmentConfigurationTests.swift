import Config
import Planning
import Testing

/// `commitments`: capacity already bought, held in a priced pool for a window.
@Suite struct CommitmentConfigurationTests {
    static let held = minimal + """

        commitments:
          - name: east-h100-1y
            kind: reserved-nodes
            region: us-east-1
            gpu_type: H100
            nodes: 2
            start: 2026-06-01
            end: 2027-06-01
            usd_per_gpu_hour: 4.1
          - kind: capacity-block
            region: us-east-1
            gpu_type: H100
            nodes: 1
            start: 2026-12-07T00:00:00Z
            end: 2026-12-14T00:00:00Z
            usd_per_gpu_hour: 3.9

        """

    @Test func commitmentsAreRead() throws {
        let fleet = try ConfigurationReader.parse(Self.held)
        #expect(fleet.commitments.count == 2)
        let year = try #require(fleet.commitments.first)
        #expect(year.name == "east-h100-1y" && year.kind == .reservedNodes && year.nodes == 2)
        #expect(year.start == 1_780_272_000 && year.end == 1_811_808_000)
        #expect(year.usdPerGPUHour == 4.1)
        let block = fleet.commitments[1]
        #expect(block.name == "commitments[1]" && block.kind == .capacityBlock)
        #expect(block.holds(at: 1_796_601_600) && !block.holds(at: 1_797_206_400))
        #expect(try ConfigurationReader.parse(minimal).commitments.isEmpty)
    }

    @Test func badCommitmentsNameTheKeyAndLine() {
        func with(_ old: String, _ new: String) -> String {
            precondition(Self.held.contains(old), "fixture lacks \(old)")
            return problem(Self.held.replacingOccurrences(of: old, with: new))
        }
        #expect(with("kind: reserved-nodes", "kind: savings plan")
            .hasPrefix("commitments[0].kind: unknown kind 'savings plan' (known: reserved-nodes, capacity-block, savings-plan)"))
        #expect(with("kind: reserved-nodes", "kind: savings-plan")
            .hasPrefix("commitments[0]: a savings plan commits USD per hour (usd_per_hour), not nodes"))
        #expect(with("nodes: 2", "usd_per_hour: 40").hasPrefix("commitments[0]: usd_per_hour is a savings plan's commitment; reserved-nodes holds nodes"))
        #expect(with("nodes: 2", "nodes: -2").hasPrefix("commitments[0].nodes: must be at least 1, got -2"))
        #expect(with("usd_per_gpu_hour: 4.1", "usd_per_gpu_hour: -4.1")
            .hasPrefix("commitments[0].usd_per_gpu_hour: must not be negative, got -4.1"))
        #expect(with("region: us-east-1\n    gpu_type: H100\n    nodes: 2", "region: eu-west-9\n    gpu_type: H100\n    nodes: 2")
            .hasPrefix("commitments[0].region: region 'eu-west-9' has no prices (known: us-east-1)"))
        #expect(with("gpu_type: H100\n    nodes: 1", "gpu_type: A100\n    nodes: 1")
            .hasPrefix("commitments[1].gpu_type: us-east-1 has no prices for 'A100' (priced there: H100)"))
        #expect(with("end: 2027-06-01", "end: 2026-05-01").hasPrefix("commitments[0].end: must be after start (2026-06-01T00:00:00Z)"))
        #expect(with("start: 2026-06-01", "start: June 2026")
            .hasPrefix("commitments[0].start: must be a date (2026-06-01) or an RFC 3339 date-time"))
        #expect(with("    nodes: 1\n", "    nodes: 1\n    name: east-h100-1y\n")
            .hasPrefix("commitments[1]: has the name 'east-h100-1y' of commitments[0] already"))
        #expect(with("    usd_per_gpu_hour: 4.1\n", "").hasPrefix("commitments[0]: missing required key 'usd_per_gpu_hour'"))
        #expect(with("    usd_per_gpu_hour: 4.1\n", "    usd_per_gpu_hour: 4.1\n    term: 1y\n").hasPrefix("commitments[0].term: unknown key"))
        // Two capacity blocks of one pool may not overlap; a reservation and a block may.
        let twoBlocks = with("kind: reserved-nodes", "kind: capacity-block")
        #expect(twoBlocks.hasPrefix("commitments[1]: overlaps capacity block 'east-h100-1y' of us-east-1/H100"))
        #expect(problem(Self.held) == "no error")
    }

    static let savings = minimal + """

        commitments:
          - name: east-sp
            kind: savings-plan
            region: us-east-1
            gpu_type: H100
            usd_per_hour: 44.7
            start: 2026-06-01
            end: 2027-06-01
            usd_per_gpu_hour: 4.47

        """

    /// A savings plan: USD per hour at its rate, covering `usd_per_hour / usd_per_gpu_hour` GPUs.
    @Test func savingsPlansAreRead() throws {
        let plan = try #require(try ConfigurationReader.parse(Self.savings).commitments.first)
        #expect(plan.kind == .savingsPlan && plan.nodes == 0 && plan.usdPerHour == 44.7)
        #expect(abs(plan.gpus(gpusPerNode: 8) - 10) < 1e-9)
        func with(_ old: String, _ new: String) -> String {
            precondition(Self.savings.contains(old), "fixture lacks \(old)")
            return problem(Self.savings.replacingOccurrences(of: old, with: new))
        }
        #expect(with("    usd_per_hour: 44.7\n", "").hasPrefix("commitments[0]: missing required key 'usd_per_hour' (a savings plan's commitment)"))
        #expect(with("usd_per_hour: 44.7", "usd_per_hour: 0").hasPrefix("commitments[0].usd_per_hour: must be above 0"))
        #expect(with("usd_per_gpu_hour: 4.47", "usd_per_gpu_hour: 0").hasPrefix("commitments[0].usd_per_gpu_hour: a savings plan's rate must be above 0"))
        #expect(with("region: us-east-1", "region: '*'").hasPrefix("commitments[0].region: region '*' has no prices"))
    }

    static let changes = minimal + """

        demand_changes:
          - name: chat-launch
            region: us-east-1
            gpu_type: H100
            from: 2027-03-01
            multiplier: 1.5

        """

    @Test func demandChangesAreRead() throws {
        let fleet = try ConfigurationReader.parse(Self.changes)
        let change = try #require(fleet.demandChanges.first)
        #expect(change.name == "chat-launch" && change.region == "us-east-1" && change.gpuType == "H100")
        #expect(change.from == 1_803_859_200 && change.multiplier == 1.5)
        func with(_ old: String, _ new: String) -> String { problem(Self.changes.replacingOccurrences(of: old, with: new)) }
        #expect(with("multiplier: 1.5", "multiplier: -1")
            .hasPrefix("demand_changes[0].multiplier: must be between 0 and 100 (1.5: half as much again from then on), got -1.0"))
        #expect(with("gpu_type: H100\n    from", "gpu_type: L4\n    from")
            .hasPrefix("demand_changes[0].gpu_type: us-east-1 has no prices for 'L4'"))
        #expect(with("from: 2027-03-01", "from: next spring").hasPrefix("demand_changes[0].from: must be a date"))
        #expect(with("    multiplier: 1.5\n", "").hasPrefix("demand_changes[0]: missing required key 'multiplier'"))
        #expect(with("from: 2027-03-01", "from: 2027-03-01\n    until: 2027-02-01")
            .hasPrefix("demand_changes[0].until: must be after from (2027-03-01T00:00:00Z)"))
    }

    /// A change with an `until` holds for a while: a peak capacity blocks are advised for.
    @Test func aDemandChangeMayEnd() throws {
        let fleet = try ConfigurationReader.parse(Self.changes.replacingOccurrences(of: "from: 2027-03-01", with: "from: 2027-03-01\n    until: 2027-03-08"))
        let change = try #require(fleet.demandChanges.first)
        let until: Int64 = 1_803_859_200 + 7 * 86_400
        #expect(change.until == until)
        #expect(change.applies(at: 1_803_859_200) && !change.applies(at: 1_803_859_200 + 7 * 86_400))
        #expect(try ConfigurationReader.parse(Self.changes).demandChanges.first?.until == nil)
    }

    /// `regions.<region>.<gpu type>.savings_plan`: the plan's rate, below on demand.
    @Test func savingsPlanRatesAreRead() throws {
        let priced = minimal.replacingOccurrences(
            of: "      on-demand: { usd_per_gpu_hour: 6.88, provisioning_s: 600 }\n",
            with: "      on-demand: { usd_per_gpu_hour: 6.88, provisioning_s: 600 }\n      savings_plan: { usd_per_gpu_hour: 4.47 }\n")
        #expect(try ConfigurationReader.parse(priced).offers["us-east-1"]?["H100"]?.savingsPlanUSDPerGPUHour == 4.47)
        #expect(problem(priced.replacingOccurrences(of: "savings_plan: { usd_per_gpu_hour: 4.47 }", with: "savings_plan: { usd_per_gpu_hour: 0 }"))
            .hasPrefix("regions.us-east-1.H100.savings_plan.usd_per_gpu_hour: must be above 0 and below the on-demand price (6.88)"))
    }

    /// `regions.<region>.<gpu type>.capacity_block`: a block's price, below on demand.
    @Test func capacityBlockPricesAreRead() throws {
        let priced = minimal.replacingOccurrences(
            of: "      on-demand: { usd_per_gpu_hour: 6.88, provisioning_s: 600 }\n",
            with: "      on-demand: { usd_per_gpu_hour: 6.88, provisioning_s: 600 }\n      capacity_block: { usd_per_gpu_hour: 4.5 }\n")
        #expect(priced != minimal)
        #expect(try ConfigurationReader.parse(priced).offers["us-east-1"]?["H100"]?.capacityBlockUSDPerGPUHour == 4.5)
        #expect(try ConfigurationReader.parse(minimal).offers["us-east-1"]?["H100"]?.capacityBlockUSDPerGPUHour == nil)
        #expect(problem(priced.replacingOccurrences(of: "capacity_block: { usd_per_gpu_hour: 4.5 }", with: "capacity_block: { usd_per_gpu_hour: 7 }"))
            .hasPrefix("regions.us-east-1.H100.capacity_block.usd_per_gpu_hour: must be above 0 and below the on-demand price (6.88): a capacity block dearer"))
        #expect(problem(priced.replacingOccurrences(of: "capacity_block: { usd_per_gpu_hour: 4.5 }", with: "capacity_block: { usd_per_gpu_hour: 4.5, days: 7 }"))
            .hasPrefix("regions.us-east-1.H100.capacity_block.days: unknown key"))
    }
}
