import Crypto
import Foundation
public import Pull
public import Store
import Traffic

/// One pull from Prometheus (`headroom pull`, the `pull` job): for every configured query, from
/// the step after the newest stored point of the series it feeds (or `backfill` before now when
/// none is stored) to the last whole step before now, `query_range` in chunks within
/// Prometheus's point limit; the answers become rows (``PulledRows``) stored in **one** ingest
/// transaction (replace on duplicates), so an interrupted pull stores nothing and the next one
/// starts over from what is stored.
public struct PrometheusPull: Sendable {
    public var source: PrometheusSource
    public var client: PrometheusClient
    /// The regions the fleet serves each model in; series of others are skipped and counted.
    public var served: [String: Set<String>]

    public init(source: PrometheusSource, served: [String: Set<String>], client: PrometheusClient? = nil) {
        self.source = source
        self.served = served
        self.client = client ?? PrometheusClient(source: source)
    }

    /// A job run's detail: what was pulled and stored.
    public static func detail(_ outcome: Outcome) -> String {
        let asked = outcome.planned.reduce(0) { $0 + $1.chunks.count }
        var text = outcome.summary.map { "ingest \($0.id): \(outcome.rows) samples stored in \($0.seriesTouched) series" }
            ?? (asked == 0 ? "up to date: nothing to ask" : "nothing new in \(asked) requests")
        if outcome.gaps > 0 { text += ", \(outcome.gaps) gaps" }
        let skipped = outcome.skipped.values.reduce(0, +)
        if skipped > 0 { text += ", \(skipped) series skipped (" + outcome.skipped.keys.sorted().joined(separator: "; ") + ")" }
        return text
    }

    /// One query's part of a pull: the evaluation times asked for, in requests.
    public struct Planned: Sendable, Equatable {
        public var query: PrometheusSource.SeriesQuery
        /// Evaluation times (Unix seconds, multiples of the step), inclusive; nil when up to date.
        public var range: ClosedRange<Int64>?
        public var chunks: [ClosedRange<Int64>]
    }

    /// What a pull did.
    public struct Outcome: Sendable {
        public var planned: [Planned]
        /// The stored ingest (nil for a dry run or when nothing was new).
        public var summary: IngestSummary?
        public var rows: Int
        public var gaps: Int
        public var skipped: [String: Int]
    }

    /// The name of this source in the ingest and pull logs: `prometheus <base URL>`.
    public var sourceName: String { "prometheus \(source.url)" }

    /// The queries' ranges at `now`: from `from`, or else one step after the query's watermark
    /// (the last evaluation time a pull stored), or else (a query never pulled) one step after
    /// the newest stored point of the series it feeds, the earliest over the fleet, or `backfill`
    /// before now for a series with nothing stored; to `to`, or else the last whole step before
    /// `now`.
    public func plan(on database: AppDatabase, now: Int64, from: Int64? = nil, to: Int64? = nil) throws -> [Planned] {
        let step = source.step.seconds
        let stored = try database.storedSeries()
        let watermarks = try database.pullWatermarks(source: sourceName)
        let end = (to ?? now) / step * step
        return source.series.map { query in
            let start: Int64
            if let from {
                start = from + step  // the first sample whose step starts at or after `from`
            } else if let watermark = watermarks[query.query] {
                start = watermark + step
            } else {
                // A sample is evaluated a step after the step it is stored on.
                var resume: [Int64] = []
                for (model, regions) in served {
                    for region in regions {
                        let key = SeriesKey(model: model, region: region, metric: query.metric)
                        if let last = stored.first(where: { $0.key == key })?.last {
                            resume.append(last + 2 * step)
                        } else {
                            resume.append(now - source.backfillSeconds + step)
                        }
                    }
                }
                start = resume.min() ?? now - source.backfillSeconds + step
            }
            let chunks = QueryRangeChunks.plan(from: start, to: end, step: step)
            let range = chunks.first.flatMap { first in chunks.last.map { first.lowerBound...$0.upperBound } }
            return Planned(query: query, range: range, chunks: chunks)
        }
    }

    /// Requests in flight at once: Prometheus evaluates the next while this process decodes the
    /// last (two, so a pull never loads a shared Prometheus with more than two queries).
    public static let requestsInFlight = 2

    /// The answers to `requests`, in their order, at most ``requestsInFlight`` asked at once.
    /// - Throws: the first ``PullError`` (the other requests are cancelled).
    func fetch(_ requests: [(query: PrometheusSource.SeriesQuery, chunk: ClosedRange<Int64>)]) async throws -> [QueryRangeResponse] {
        var answers = [QueryRangeResponse?](repeating: nil, count: requests.count)
        let client = client
        try await withThrowingTaskGroup(of: (Int, QueryRangeResponse).self) { group in
            var next = 0
            func ask() {
                guard next < requests.count else { return }
                let index = next, request = requests[index]
                next += 1
                group.addTask { (index, try await client.queryRange(request.query.query, range: request.chunk)) }
            }
            for _ in 0..<Self.requestsInFlight { ask() }
            while let (index, answer) = try await group.next() {
                answers[index] = answer
                ask()
            }
        }
        return answers.map { $0! }
    }

    /// Pulls at `now` and, unless `dryRun`, stores what came back in one transaction, recorded
    /// in the pull log with the queries' new watermarks; a pull that fails is recorded as failed
    /// and stores nothing.
    /// The SQLite work (plan, store, pull log) runs off the cooperative pool (``offThePool(_:_:)``).
    /// - Throws: ``SourcePullError`` from Prometheus (nothing stored), and storage errors.
    public func run(on database: AppDatabase, now: Int64, from: Int64? = nil, to: Int64? = nil,
                    onDuplicate: DuplicatePolicy = .replace, dryRun: Bool = false) async throws -> Outcome {
        let planned = try await offThePool("headroom-pull") { try plan(on: database, now: now, from: from, to: to) }
        guard !dryRun else { return Outcome(planned: planned, summary: nil, rows: 0, gaps: 0, skipped: [:]) }
        var records: [TrafficRecord] = []
        var gaps = 0
        var skipped: [String: Int] = [:]
        var digest = SHA256()
        do {
            let requests = planned.flatMap { part in part.chunks.map { (query: part.query, chunk: $0) } }
            let answers = try await fetch(requests)
            records.reserveCapacity(answers.reduce(0) { total, answer in answer.series.reduce(total) { $0 + $1.samples.count } })
            for (request, answer) in zip(requests, answers) {
                digest.update(data: Data("\(request.query.query)|\(request.chunk)|\(answer.series.count)".utf8))
                let pulled = PulledRows.rows(of: answer, query: request.query, source: source, firstLine: records.count + 1) {
                    served[$0]?.contains($1) ?? false
                }
                records += pulled.rows.map(TrafficRecord.row)
                gaps += pulled.gaps
                skipped.merge(pulled.skipped, uniquingKeysWith: +)
            }
            var pull = PullRecord(source: sourceName, startedAt: now, status: .succeeded, gaps: gaps, seriesSkipped: skipped.count)
            for part in planned {
                if let range = part.range { pull.watermarks[part.query.query] = range.upperBound }
            }
            guard !records.isEmpty else {
                let finished = pull
                try await offThePool("headroom-pull") { try database.recordPull(finished) }
                return Outcome(planned: planned, summary: nil, rows: 0, gaps: gaps, skipped: skipped)
            }
            // The ingest log names the source, each query and the evaluation times asked for.
            let ranges = planned.compactMap { part in
                part.range.map { "\(part.query.metric.rawValue) \(Timestamp.format($0.lowerBound))..\(Timestamp.format($0.upperBound)) \(part.query.query)" }
            }
            var options = IngestOptions(step: source.step, onDuplicate: onDuplicate,
                                        source: "\(sourceName): " + ranges.joined(separator: "; "))
            options.pull = pull
            let (pulledRecords, sha256, ingestOptions) = (records, Hex.lowercase(digest.finalize()), options)
            let summary = try await offThePool("headroom-pull") {
                try TrafficIngestor(database: database).ingest(records: pulledRecords, sha256: sha256, options: ingestOptions)
            }
            return Outcome(planned: planned, summary: summary, rows: records.count, gaps: gaps, skipped: skipped)
        } catch {
            let failed = PullRecord(source: sourceName, startedAt: now, status: .failed, seriesSkipped: skipped.count,
                                    error: AppDatabase.message(for: error))
            _ = try? await offThePool("headroom-pull") { try database.recordPull(failed) }
            if let error = error as? PullError { throw SourcePullError(url: source.url, error: error) }
            throw error
        }
    }
}
