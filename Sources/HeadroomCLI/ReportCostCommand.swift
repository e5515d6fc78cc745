import ArgumentParser
import Foundation
import Jobs
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
        let made: (report: CostReport, planRunIDs: [Int64])
        do {
            made = try CostReportJob(from: from, to: to, granularity: granularity, groupBy: try dimensions())
                .run(on: try database.open())
        } catch let error as CostReportJobError {
            switch error {
            case .noPlan: throw CommandFailure("no plan is stored yet: run `headroom plan run` first")
            case .notCovered(let from, let to, let span):
                throw CommandFailure("no stored plan covers --from \(Timestamp.format(from)) to --to \(Timestamp.format(to))"
                    + (span.map { " (the stored plans cover \(Timestamp.format($0.start)) to \(Timestamp.format($0.end)))" } ?? ""))
            default: throw CommandFailure(error.description)
            }
        }
        if let output {
            let rows = try CSVFileWriter.write(to: output) { sink in try Self.write(made.report, to: sink) }
            print("wrote \(rows) rows to \(output) (\(Timestamp.format(from)) to \(Timestamp.format(to)), "
                + "by \(granularity.rawValue), plans \(made.planRunIDs.map { "#\($0)" }.joined(separator: ", ")))")
        } else {
            _ = try Self.write(made.report, to: FileHandle.standardOutput)
        }
    }

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
