import Planning
import Simulation
import Testing
import Traffic

@Suite struct SimulationInputTests {
    let fleet: FleetConfiguration

    init() throws { fleet = try SyntheticTraffic.fleet() }

    @Test func unknownPolicyNamesTheAcceptedOnes() {
        #expect(throws: SimulationError.unknownPolicy("greedy")) { try SimulationPolicy.named("greedy") }
        #expect(SimulationError.unknownPolicy("greedy").description
            == "unknown policy 'greedy': use hybrid, predictive, reactive, static or all")
        #expect((try? SimulationPolicy.named("all")) == SimulationPolicy.allCases)
        #expect((try? SimulationPolicy.named("reactive")) == [.reactive])
    }

    @Test func modelNotInTheConfigurationIsNamed() throws {
        let input = SyntheticTraffic.daily(days: 3, model: "chat-9b")
        let simulator = Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 1))
        do {
            _ = try simulator.run(input, policy: .reactive)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "the traffic names model 'chat-9b', which the configuration does not describe "
                + "(configured: batch-summarize, chat-8b, code-70b, embed-small)")
        }
    }

    @Test func trainingLongerThanTheTrafficSaysHowLongItCanBe() throws {
        let input = SyntheticTraffic.daily(days: 3)
        let simulator = Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 3))
        #expect(throws: SimulationError.trainDaysTooLarge(trainDays: 3, wholeDays: 3, firstDay: "2024-01-01",
                                                         lastDay: "2024-01-03")) {
            try simulator.run(input, policy: .static)
        }
        #expect(SimulationError.trainDaysTooLarge(trainDays: 3, wholeDays: 3, firstDay: "2024-01-01", lastDay: "2024-01-03")
            .description == "--train-days 3 leaves no day to replay: the traffic holds 3 whole UTC days "
            + "(2024-01-01 to 2024-01-03); use at most 2")
        let zero = Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 0))
        #expect(throws: SimulationError.invalidTrainDays(0)) { try zero.run(input, policy: .static) }
    }

    @Test func aStepThatDoesNotDivideADayIsRefused() throws {
        let step = try #require(Step(seconds: 420))
        let input = SimulationInput(step: step, start: SyntheticTraffic.start,
                                    series: [TrafficSeries(model: "chat-8b", region: "us-east-1", values: [Double](repeating: 1, count: 1_000))])
        let simulator = Simulator(configuration: fleet, settings: SimulationSettings(trainDays: 1))
        #expect(throws: SimulationError.stepNotDividingDay(step: "7m")) { try simulator.run(input, policy: .static) }
    }

    @Test func csvIsBucketedOnTheStepAndOtherMetricsIgnored() throws {
        let text = """
        timestamp,model,region,metric,value
        2024-01-01T00:00:00Z,chat-8b,us-east-1,requests,10
        2024-01-01T00:02:30Z,chat-8b,us-east-1,requests,5
        2024-01-01T00:05:00Z,chat-8b,us-east-1,input_tokens,999
        2024-01-01T00:05:00Z,chat-8b,us-east-1,requests,7
        2024-01-01T00:10:00Z,chat-8b,us-east-1,requests,1

        """
        let input = try SimulationInput.parse(csv: Array(text.utf8), step: SyntheticTraffic.step)
        #expect(input.start == SyntheticTraffic.start)
        #expect(input.series.map(\.values) == [[15, 7, 1]])
    }

    @Test func badRowsAndCoarseTrafficAreRefused() throws {
        let bad = "timestamp,model,region,metric,value\n2024-01-01T00:00:00Z,chat-8b,us-east-1,requests,-3\n"
        do {
            _ = try SimulationInput.parse(csv: Array(bad.utf8), step: SyntheticTraffic.step)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("line 2, column 5 (value):"))
        }
        var coarse = "timestamp,model,region,metric,value\n"
        for k in 0..<10 { coarse += "\(SyntheticTraffic.start + Int64(k) * 1_800),chat-8b,us-east-1,requests,60\n" }
        do {
            _ = try SimulationInput.parse(csv: Array(coarse.utf8), step: SyntheticTraffic.step)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("only 18 % of the 5m steps hold a value"))
        }
        #expect(throws: SimulationError.noTraffic) {
            try SimulationInput.parse(csv: Array("timestamp,model,region,metric,value\n2024-01-01T00:00:00Z,a,b,input_tokens,3\n".utf8),
                                      step: SyntheticTraffic.step)
        }
    }
}
