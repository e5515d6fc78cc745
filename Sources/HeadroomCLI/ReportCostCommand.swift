import ArgumentParser
import Foundation
import Planning
import Reports
import Store
import Traffic

/// `headroom report cost`: the cost report of a period as RFC 4180 CSV (docs/REPORTS.md).
struct ReportCostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Write the cost report of a period as CSV: one row per charge period, model, region, GPU type and capacity type.",
        discussion: """
            Costs come from the stored plans: each planning step is charged to the newest plan run covering \
            it; periods no plan covers have no rows. Columns follow FinOps FOCUS (docs/REPORTS.md). With \
            --output the file appears only once complete.
            """
    )

    @OptionGroup var database: DatabaseOption

    @Option(help: "Start of the period, inclusive: RFC 3339 (e.g. 2026-11-24T00:00:00Z) or Unix seconds.",
            transform: { try Self.time($0, flag: "--from") })
    var from: Int64

    @Option(help: "End of the period, exclusive: RFC 3339 or Unix seconds.", transform: { try Self.time($0, flag: "--to") })
    var to: Int64

    @Option(help: "Length of a charge period: hour or day. (default: hour)", transform: { text in
        guard let granularity = ReportGranularity(rawValue: text) else {
            throw ValidationError("--granularity '\(text)' is not hour or day")
        }
        return granularity
    })
    var granularity = ReportGranularity.hour

    @Option(help: "Dimensions rows are kept apart by, comma separated: model, region, both, or \"\" for neither.")
    var groupBy = "model,region"

    /// `--group-by` read, or a message naming the flag and the bad entry.
    func dimensions() throws -> Set<ReportDimension> {
        do {
            return try ReportDimension.parseList(groupBy)
        } catch {
            guard case .unknownDimension(let entry) = error else { throw ValidationError(error.description) }
            throw ValidationError("--group-by '\(groupBy)': '\(entry)' is not model or region")
        }
    }

    @Option(name: .shortAndLong, help: "Output CSV file (default: standard output); written whole or not at all.")
    var output: String?

    static func time(_ text: String, flag: String) throws -> Int64 {
        guard let seconds = Timestamp.parse(text) else {
            throw ValidationError("\(flag) '\(text)' is not an RFC 3339 time with Z or an offset, nor Unix seconds")
        }
        return seconds
    }

    func validate() throws {
        _ = try dimensions()
        guard from < to else {
            throw ValidationError("--from \(Timestamp.format(from)) is not before --to \(Timestamp.format(to))")
        }
        let periods = CostReport.periodCount(from: from, to: to, granularity: granularity)
        guard periods <= CostReport.maximumPeriods else {
            throw ValidationError("--from \(Timestamp.format(from)) to --to \(Timestamp.format(to)) holds \(periods) "
                + "charge periods of one \(granularity.rawValue), more than \(CostReport.maximumPeriods)"
                + (granularity == .hour ? " (366 days of hours): use --granularity day or a shorter period" : ""))
        }
    }

    func run() throws {
        let store = try database.open()
        guard try store.planRun() != nil else {
            throw CommandFailure("no plan is stored yet: run `headroom plan run` first")
        }
        let stored = try store.planRuns(overlapping: from, to: to)
        guard !stored.isEmpty else {
            let span = try store.plannedSpan().map { " (the stored plans cover \(Timestamp.format($0.start)) to \(Timestamp.format($0.end)))" }
            throw CommandFailure("no stored plan covers --from \(Timestamp.format(from)) to --to \(Timestamp.format(to))" + (span ?? ""))
        }
        let decoder = JSONDecoder()
        let runs = try stored.map { run in
            guard let plan = try? decoder.decode(FleetPlan.self, from: Data(run.plan.utf8)),
                  let createdAt = Timestamp.parse(run.createdAt)
            else { throw CommandFailure("plan #\(run.id) cannot be read by this version of Headroom") }
            return PlanRunInForce(id: run.id, createdAt: createdAt, plan: plan)
        }
        let report: CostReport
        let dimensions = try dimensions()
        do {
            report = try CostReport(runs: runs, from: from, to: to, granularity: granularity, groupBy: dimensions)
        } catch {
            throw CommandFailure(error.description)
        }
        if let output {
            let rows = try CSVFileWriter.write(to: output) { sink in try Self.write(report, to: sink) }
            print("wrote \(rows) rows to \(output) (\(Timestamp.format(from)) to \(Timestamp.format(to)), "
                + "by \(granularity.rawValue), plans \(runs.map { "#\($0.id)" }.joined(separator: ", ")))")
        } else {
            _ = try Self.write(report, to: FileHandle.standardOutput)
        }
    }

    /// Writes the header and the rows in 1 MiB chunks. - Returns: the rows written.
    static func write(_ report: CostReport, to sink: FileHandle) throws -> Int {
        var buffer = Array(CostCSV.header.utf8)
        var rows = 0
        for row in report {
            buffer.append(contentsOf: CostCSV.line(row).utf8)
            rows += 1
            if buffer.count >= 1 << 20 {
                try sink.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try sink.write(contentsOf: buffer)
        return rows
    }
}
