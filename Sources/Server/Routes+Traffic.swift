import Foundation
import Hummingbird
import Ingestion
import Jobs
import Store
import Traffic

extension Routes {
    /// `POST /v1/traffic?step=&on_duplicate=`: a JSON array or a `text/csv` body in the ingestion
    /// format, validated and stored all or nothing, as `headroom ingest` does. Bodies above
    /// ``ServerSettings/maxRequestBytes`` are answered 413 and stored nowhere.
    var trafficRoutes: [Route] {
        [
            Route(.post, "/v1/traffic", .token(.write)) { request, _ -> Response in
                let query = try Query(request, allowed: ["step", "on_duplicate"])
                let onDuplicate = try query.choice("on_duplicate", DuplicatePolicy.self) ?? .replace
                var step: Step?
                if let text = query.string("step") {
                    do { step = try Step(parsing: text) } catch {
                        throw Problem(.invalidParameter, "query parameter 'step': \(error)")
                    }
                    if let step, let problem = ForecastJob.stepProblem(step) {
                        throw Problem(.invalidParameter, "query parameter 'step': \(problem)")
                    }
                }
                let mediaType = request.headers[.contentType]?.split(separator: ";").first
                    .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                let json: Bool
                switch mediaType {
                case "application/json": json = true
                case "text/csv": json = false
                default:
                    throw Problem(.unsupportedMediaType,
                                  "Content-Type '\(mediaType ?? "")' is not accepted: send application/json or text/csv")
                }
                guard self.ingestGate.enter() else {
                    var problem = Problem(.unavailable, "\(self.ingestGate.limit) traffic ingests are in progress, this service's "
                        + "limit (service.max_concurrent_ingests); retry after the Retry-After seconds")
                    problem.headers[.retryAfter] = "2"
                    problem.headers[.connection] = "close"  // do not read the body only to drop it
                    throw problem
                }
                defer { self.ingestGate.leave() }
                // The body is held once: collected, copied out of the buffer, the buffer let go.
                let body = try await Self.collect(request, upTo: self.settings.maxRequestBytes)
                let rows = json ? try TrafficBody.records(fromJSON: Data(body)) : nil
                let database = self.database
                let options = IngestOptions(step: step, onDuplicate: onDuplicate, source: "api")
                do {
                    let summary = try await offload {
                        let ingestor = TrafficIngestor(database: database)
                        if let rows { return try ingestor.ingest(records: rows.records, sha256: rows.sha256, options: options) }
                        return try ingestor.ingest(bytes: body, options: options)
                    }
                    self.metrics.trafficIngested(rows: summary.rowsAccepted)
                    return try JSONCoding.response(IngestDocument(summary), status: .created)
                } catch IngestError.rejected(_, let problems, let total) {
                    throw Problem(.invalidTraffic, "nothing stored: \(total) problem\(total == 1 ? "" : "s") in the body",
                                  problems: problems.map { TrafficBody.locate($0, json: json) }, total: total)
                } catch IngestError.unreadable(_, let reason) {
                    throw Problem(.invalidTraffic, "nothing stored: \(reason)")
                } catch let error as StoreError {
                    throw Problem(.invalidTraffic, "nothing stored: \(error)")
                }
            },
        ]
    }
}

extension Routes {
    /// The request body as bytes, at most `limit` (else 413 through `NIOTooManyBytesError`).
    static func collect(_ request: Request, upTo limit: Int) async throws -> [UInt8] {
        var request = request
        var buffer = try await request.collectBody(upTo: limit)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }
}

/// What an accepted traffic body stored.
struct IngestDocument: Encodable {
    var ingestId: Int64
    var rowsAccepted: Int
    var pointsWritten: Int
    var seriesTouched: Int
    var seriesCreated: Int

    init(_ summary: IngestSummary) {
        ingestId = summary.id
        rowsAccepted = summary.rowsAccepted
        pointsWritten = summary.pointsWritten
        seriesTouched = summary.seriesTouched
        seriesCreated = summary.seriesCreated
    }
}
