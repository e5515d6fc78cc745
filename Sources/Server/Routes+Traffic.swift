import Foundation
import Hummingbird
import Ingestion
import Store
import Traffic

extension Routes {
    /// `POST /v1/traffic?step=&on_duplicate=`: a JSON array or a `text/csv` body in the ingestion
    /// format, validated and stored all or nothing, as `headroom ingest` does. Bodies above
    /// ``ServerSettings/maxRequestBytes`` are answered 413 and stored nowhere.
    func addTrafficRoutes(to router: Router<HeadroomRequestContext>) {
        router.post("/v1/traffic") { request, _ -> Response in
            let query = try Query(request, allowed: ["step", "on_duplicate"])
            let onDuplicate = try query.choice("on_duplicate", DuplicatePolicy.self) ?? .replace
            var step: Step?
            if let text = query.string("step") {
                do { step = try Step(parsing: text) } catch {
                    throw Problem(.invalidParameter, "query parameter 'step': \(error)")
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
            var request = request
            let buffer = try await request.collectBody(upTo: self.settings.maxRequestBytes)
            let data = Data(buffer.readableBytesView)
            let bytes = json ? try TrafficBody.csv(fromJSON: data) : Array(data)
            let database = self.database
            let options = IngestOptions(step: step, onDuplicate: onDuplicate, source: "api")
            do {
                let summary = try await offload { try TrafficIngestor(database: database).ingest(bytes: bytes, options: options) }
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
        }
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
