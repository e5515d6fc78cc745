import Foundation
@testable import HeadroomCLI
import Store
import Testing

@Suite struct ReportCommandTests {
    /// A temporary directory, removed by the caller.
    static func directory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appending(path: "headroom-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Two weeks of demo traffic ending 2026-11-24, forecast one day ahead and planned with the
    /// example fleet, all through the commands.
    static func plannedDatabase(in directory: URL) throws -> String {
        let database = directory.appending(path: "d.sqlite").path()
        let traffic = directory.appending(path: "traffic.csv").path()
        for arguments in [
            ["demo-data", "--weeks", "2", "--end", "2026-11-24", "--output", traffic],
            ["ingest", traffic, "--db", database],
            ["forecast", "run", "--db", database, "--horizon", "1d", "--history", "2w", "--origins", "1"],
            ["plan", "run", "--db", database],
        ] {
            var command = try Headroom.parseAsRoot(arguments)
            try command.run()
        }
        return database
    }

    @Test func theCostReportOfAPlannedDayAddsUpToThePlan() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try Self.plannedDatabase(in: directory)
        let run = try #require(try AppDatabase.open(path: database).planRun())
        #expect(run.start == 1_795_478_400, "the plan starts where the demo data ends, 2026-11-24T00:00:00Z")
        let output = directory.appending(path: "cost.csv").path()
        var command = try Headroom.parseAsRoot(["report", "cost", "--db", database, "--from", "2026-11-24T00:00:00Z",
                                                "--to", "2026-11-25T00:00:00Z", "--output", output])
        try command.run()
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.first == "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,PricingCategory,CommitmentDiscountStatus,"
            + "RegionId,SkuId,ConsumedQuantity,ConsumedUnit,ListCost,BilledCost,EffectiveCost,BillingCurrency,x_model,"
            + "x_gpu_type,x_capacity_type,x_requests_served,x_cost_per_1k_requests,x_savings_vs_on_demand,x_variant")
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count > 24)
        #expect(rows.allSatisfy { $0.count == 20 && $0[8] == "GPU-Hour" && $0[12] == "USD" })
        // chat-8b has variants in the example fleet: its rows name the one planned.
        #expect(rows.filter { $0[13] == "chat-8b" }.allSatisfy { $0[19] == "h100-tp1" })
        #expect(rows.filter { $0[13] == "code-70b" }.allSatisfy { $0[19] == "" })
        #expect(Set(rows.map { $0[0] }).count == 24, "one charge period per hour of the planned day")
        // The plan's horizon is the forecast's day: the report's cost is the plan's horizon cost.
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(run.plan.utf8)) as? [String: Any])
        let totals = try #require(plan["totals"] as? [String: Any])
        let horizon = try #require(totals["horizon"] as? [String: Any])
        let planned = try #require(horizon["totalUSD"] as? Double)
        let reported = Self.sum(of: 11, in: rows)
        #expect(abs(reported - planned) <= Self.tolerance(planned, rows: rows.count))
        // A day at day granularity, summed over models: fewer rows, the same cost.
        let daily = directory.appending(path: "daily.csv").path()
        var byDay = try Headroom.parseAsRoot(["report", "cost", "--db", database, "--from", "2026-11-24T00:00:00Z",
                                              "--to", "2026-11-25T00:00:00Z", "--granularity", "day",
                                              "--group-by", "region", "--output", daily])
        try byDay.run()
        let dayRows = try String(contentsOfFile: daily, encoding: .utf8).components(separatedBy: "\r\n").dropLast().dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(dayRows.allSatisfy { $0[0] == "2026-11-24T00:00:00Z" && $0[1] == "2026-11-25T00:00:00Z" && $0[13].isEmpty })
        let reportedByDay = Self.sum(of: 11, in: dayRows)
        #expect(abs(reportedByDay - planned) <= Self.tolerance(planned, rows: dayRows.count))
        // A period no plan covers: a clear message, and no file.
        let none = directory.appending(path: "none.csv").path()
        var uncovered = try Headroom.parseAsRoot(["report", "cost", "--db", database, "--from", "2026-01-01T00:00:00Z",
                                                  "--to", "2026-01-02T00:00:00Z", "--output", none])
        #expect {
            try uncovered.run()
        } throws: { error in
            "\(error)" == "no stored plan covers --from 2026-01-01T00:00:00Z to --to 2026-01-02T00:00:00Z "
                + "(the stored plans cover 2026-11-24T00:00:00Z to 2026-11-25T00:00:00Z)"
        }
        #expect(!FileManager.default.fileExists(atPath: none))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path()).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    /// The sum of column `index` (numbers; NaN when one is not).
    static func sum(of index: Int, in rows: [[String]]) -> Double {
        rows.reduce(0) { $0 + (Double($1[index]) ?? .nan) }
    }

    /// Relative 1e-9 plus half a micro-dollar of rounding per row.
    static func tolerance(_ value: Double, rows: Int) -> Double {
        1e-9 * abs(value) + 5e-7 * Double(rows)
    }

    @Test func withoutAStoredPlanNothingIsWritten() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appending(path: "cost.csv").path()
        var command = try Headroom.parseAsRoot(["report", "cost", "--db", directory.appending(path: "d.sqlite").path(),
                                                "--from", "2026-11-24T00:00:00Z", "--to", "2026-11-25T00:00:00Z",
                                                "--output", output])
        #expect {
            try command.run()
        } throws: { error in
            "\(error)" == "no plan is stored yet: run `headroom plan run` first"
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test(arguments: [
        (["--from", "yesterday", "--to", "2026-11-25T00:00:00Z"],
         "--from 'yesterday' is not an RFC 3339 time with Z or an offset, nor Unix seconds"),
        (["--from", "2026-11-24T00:00:00Z", "--to", "2026-11-25"],
         "--to '2026-11-25' is not an RFC 3339 time with Z or an offset, nor Unix seconds"),
        (["--from", "2026-11-25T00:00:00Z", "--to", "2026-11-24T00:00:00Z"],
         "--from 2026-11-25T00:00:00Z is not before --to 2026-11-24T00:00:00Z"),
        (["--from", "2026-11-24T00:00:00Z", "--to", "2026-11-24T00:00:00Z"],
         "--from 2026-11-24T00:00:00Z is not before --to 2026-11-24T00:00:00Z"),
        (["--from", "2026-01-01T00:00:00Z", "--to", "2027-01-03T00:00:00Z"],
         "--from 2026-01-01T00:00:00Z to --to 2027-01-03T00:00:00Z holds 8808 charge periods of one hour, more than 8784 "
            + "(366 days of hours): use --granularity day or a shorter period"),
        (["--from", "2026-11-24T00:00:00Z", "--to", "2026-11-25T00:00:00Z", "--granularity", "week"],
         "--granularity 'week' is not hour or day"),
        (["--from", "2026-11-24T00:00:00Z", "--to", "2026-11-25T00:00:00Z", "--group-by", "model,zone"],
         "--group-by 'model,zone': 'zone' is not model or region"),
        (["--from", "2026-11-24T00:00:00Z", "--to", "2026-11-25T00:00:00Z", "--group-by", "model,"],
         "--group-by 'model,': '' is not model or region"),
        (["--to", "2026-11-25T00:00:00Z"], "Missing expected argument '--from <from>'"),
    ])
    func badArgumentsAreNamedAndWriteNothing(arguments: [String], message: String) throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appending(path: "cost.csv").path()
        #expect {
            _ = try Headroom.parseAsRoot(["report", "cost", "--db", directory.appending(path: "d.sqlite").path(),
                                          "--output", output] + arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path()).isEmpty)
    }
}
