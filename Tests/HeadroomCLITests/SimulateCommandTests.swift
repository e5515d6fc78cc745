import Config
import Foundation
import GRDB
@testable import HeadroomCLI
import Simulation
import Store
import Testing

@Suite struct SimulateCommandTests {
    @Test(arguments: [
        (["simulate", "--policy", "hybrid"], "Missing expected argument '--traffic <traffic>'"),
        (["simulate", "--traffic", "t.csv", "--hybrid-quantile", "0.7"],
         "--hybrid-quantile 0.7: must be one of the forecast's levels (0.025, 0.1, 0.5, 0.9, 0.95, 0.975, 0.99) or 'configured'"),
        (["simulate", "--traffic", "t.csv", "--hybrid-quantile", "median"], "--hybrid-quantile 'median': not a number (or 'configured')"),
        (["simulate", "--traffic", "t.csv", "--hybrid-utilization", "1.2"], "--hybrid-utilization 1.2: must be in (0, 1] or 'configured'"),
        (["simulate", "--traffic", "t.csv", "--hybrid-utilization", "nan"], "--hybrid-utilization 'nan': not a number (or 'configured')"),
        (["simulate", "--traffic", "t.csv", "--hybrid-correction-utilization", "0"],
         "--hybrid-correction-utilization 0.0: must be in (0, 1]"),
        (["simulate", "--traffic", "t.csv", "--target-served", "1"],
         "--target-served 1.0: must be a share of requests strictly between 0 and 1, such as 0.999"),
        (["simulate", "--traffic", "t.csv", "--target-served", "0"],
         "--target-served 0.0: must be a share of requests strictly between 0 and 1"),
        (["simulate", "--traffic", "t.csv", "--target-served", "nan"], "--target-served nan: must be a share of requests"),
        (["simulate", "--traffic", "t.csv", "--target-served", "most"], "The value 'most' is invalid for '--target-served"),
        (["simulate", "--traffic", "t.csv", "--reactive-utilization", "1.5"], "--reactive-utilization 1.5: must be in (0, 1]"),
        (["simulate", "--traffic", "t.csv", "--static-margin=-0.1"], "--static-margin -0.1: must be in [0, 10]"),
        (["simulate", "--traffic", "t.csv", "--predictive-quantile", "0.8"],
         "--predictive-quantile 0.8: must be one of the forecast's levels"),
        (["simulate", "--traffic", "t.csv", "--predictive-utilization", "0"],
         "--predictive-utilization 0: must be in (0, 1] or 'configured'"),
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) {
        #expect {
            _ = try Headroom.parseAsRoot(arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
    }

    @Test func hybridOptionsBecomeSettings() throws {
        let parsed = try Headroom.parseAsRoot(["simulate", "--traffic", "t.csv", "--hybrid-quantile", "configured",
                                               "--hybrid-utilization", "0.9", "--hybrid-correction-utilization", "0.7"])
        let command = try #require(parsed as? SimulateCommand)
        let settings = try command.hybridSettings()
        #expect(settings.planQuantile == nil)
        #expect(settings.planUtilization == 0.9)
        #expect(settings.correction.targetUtilization == 0.7)
        let defaults = try #require(try Headroom.parseAsRoot(["simulate", "--traffic", "t.csv"]) as? SimulateCommand)
        #expect(try defaults.hybridSettings() == HybridSettings())
        #expect(try defaults.simulationSettings() == SimulationSettings(), "the defaults reproduce today's tables")
        let knobs = try #require(try Headroom.parseAsRoot(["simulate", "--traffic", "t.csv", "--reactive-utilization", "0.6",
                                                           "--static-margin", "0.2", "--predictive-quantile", "0.95",
                                                           "--predictive-utilization", "0.7"]) as? SimulateCommand)
        let set = try knobs.simulationSettings()
        #expect(set.reactive.targetUtilization == 0.6 && set.staticMargin == 0.2)
        #expect(set.predictive == PlanSizing(quantile: 0.95, utilization: 0.7))
    }

    @Test func badTrafficAndPolicyAreExplained() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "headroom-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let traffic = directory.appending(path: "t.csv").path()
        try "timestamp,model,region,metric,value\n0,chat-8b,us-east-1,requests,oops\n"
            .write(toFile: traffic, atomically: true, encoding: .utf8)
        var command = try Headroom.parseAsRoot(["simulate", "--traffic", traffic, "--policy", "hybrid"])
        #expect {
            try command.run()
        } throws: { error in
            "\(error)".contains("line 2") && "\(error)".contains("'oops' is not a number")
        }
        #expect {
            var bad = try Headroom.parseAsRoot(["simulate", "--traffic", traffic, "--policy", "sometimes"])
            try bad.run()
        } throws: { error in
            let message = Headroom.message(for: error)
            return message.contains("sometimes") && message.contains("hybrid")
        }
    }
}

/// `headroom commitments` and `simulate --commitment-policy`: bad flags are refused by name.
@Suite struct CommitmentsCommandTests {
    @Test(arguments: [
        (["commitments", "advise", "--term", "2y"], "--term must be 1y or 3y, got '2y'"),
        (["commitments", "advise", "--confidence", "1"], "--confidence must be between 0 and 1 (exclusive), got 1.0"),
        (["commitments", "advise", "--lookback-days", "0"], "--lookback-days must be between 1 and 365, got 0"),
        (["commitments", "advise", "--history-days", "3"], "--history-days must be between 7 and 1100, got 3"),
        (["commitments", "list", "--history-days", "5000"], "--history-days must be between 7 and 1100, got 5000"),
        (["commitments", "advise", "--kind", "savings"], "--kind must be one of reserved-nodes, capacity-block, savings-plan, got 'savings'"),
        (["commitments", "advise", "--kind", "savings-plan", "--window", "2026-12-20/2026-12-27"],
         "--window advises capacity blocks; it cannot go with --kind savings-plan"),
        (["commitments", "advise", "--window", "2026-12-20"], "--window must be FROM/TO, each a date (2026-12-20, midnight UTC)"),
        (["commitments", "advise", "--window", "2026-12-20/2026-12-10"], "--window must be FROM/TO"),
        (["commitments", "advise", "--kind", "reserved-nodes", "--window", "2026-12-20/2026-12-27"],
         "--window advises capacity blocks; it cannot go with --kind reserved-nodes"),
        (["simulate", "--traffic", "t.csv", "--commitment-policy", "yearly"],
         "--commitment-policy 'yearly': must be one of headroom, lookback30, none"),
        (["simulate", "--traffic", "t.csv", "--commitment-policy", "headroom", "--commitment-confidence", "1.5"],
         "--commitment-confidence 1.5: must be between 0 and 1 (exclusive)"),
    ])
    func badFlagsAreNamed(arguments: [String], message: String) {
        #expect {
            _ = try Headroom.parseAsRoot(arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
    }
}
