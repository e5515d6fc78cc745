import ArgumentParser
import Foundation
import Ingestion
import Jobs
import Store
import Traffic

/// `headroom ingest FILE.csv`: validate a traffic file and store it as one transaction.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Store a traffic CSV (timestamp,model,region,metric,value) in the database.",
        discussion: """
            The header names the five columns in any order. Timestamps are RFC 3339 with Z or an \
            offset, or Unix seconds; values are finite, non-negative counts per row. Rows are \
            summed onto each series' step. The file is one transaction: any bad row stores \
            nothing and lists the first 20 problems by line and column (exit status 1), unless \
            --skip-invalid is given. Use - to read standard input (e.g. gunzip -c f.csv.gz | headroom ingest -).
            """
    )

    @Argument(help: "The CSV file, or - for standard input.")
    var file: String

    @OptionGroup var database: DatabaseOption

    @Option(help: "Step of new series (e.g. 1m, 5m, 1h); existing series must match. Default: their stored step, or 5m.",
            transform: { try Step(parsing: $0) })
    var step: Step?

    @Option(help: "What a second value for the same series and timestamp does: replace, sum or reject.")
    var onDuplicate: DuplicatePolicy = .replace

    @Flag(help: "Store the valid rows and write the rejected ones, with reasons, to the rejects file.")
    var skipInvalid = false

    @Option(help: "Rejects file for --skip-invalid (default: FILE.rejects.csv, or rejects.csv for stdin).")
    var rejects: String?

    func validate() throws {
        if rejects != nil, !skipInvalid {
            throw ValidationError("--rejects is only used with --skip-invalid")
        }
        if let step, let problem = ForecastJob.stepProblem(step) {
            throw ValidationError("--step: \(problem)")
        }
    }

    func run() throws {
        let store = try database.open()
        let name = file == "-" ? "stdin" : (file as NSString).lastPathComponent
        let options = IngestOptions(step: step, onDuplicate: onDuplicate, skipInvalid: skipInvalid, source: name)
        let rejectsPath = rejects ?? (file == "-" ? "rejects.csv" : file + ".rejects.csv")
        let started = ContinuousClock.now
        let summary: IngestSummary
        do {
            summary = try TrafficIngestor(database: store)
                .ingestFile(path: file, options: options, rejectsPath: skipInvalid ? rejectsPath : nil)
        } catch let error as IngestError {
            throw CommandFailure(error.description)
        }
        let seconds = (ContinuousClock.now - started).seconds
        print("""
            \(name): \(summary.rowsAccepted) rows stored as \(summary.pointsWritten) points in \
            \(summary.seriesTouched) series (\(summary.seriesCreated) new) in \(String(format: "%.2f", seconds)) s \
            (ingest #\(summary.id))
            """)
        if summary.rowsRejected > 0 {
            print("\(summary.rowsRejected) rows rejected, written with their reasons to \(rejectsPath)"
                + (summary.rejectsNotListed > 0
                    ? " (capped: the last \(summary.rejectsNotListed) are counted in its last row, not listed)" : ""))
        }
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
