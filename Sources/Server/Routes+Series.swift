import Hummingbird
import Store
import Traffic

extension Routes {
    /// `DELETE /v1/series?model=&region=&metric=` (scope admin): removes one series with its
    /// points and forecasts, as `headroom series delete` does; 404 when no such series.
    var seriesRoutes: [Route] {
        [
            Route(.delete, "/v1/series", .token(.admin)) { request, _ -> Response in
                let query = try Query(request, allowed: ["model", "region", "metric"])
                guard let model = query.string("model"), let region = query.string("region") else {
                    throw Problem(.invalidParameter, "query parameters 'model', 'region' and 'metric' name the series to delete; all three are required")
                }
                guard let metric = try query.choice("metric", Metric.self) else {
                    throw Problem(.invalidParameter, "query parameter 'metric' is required: one of \(Metric.accepted)")
                }
                let key = SeriesKey(model: model, region: region, metric: metric), database = self.database
                guard let deleted = try await offload({ try database.deleteSeries(key) }) else {
                    throw Problem(.notFound, "there is no series \(key)")
                }
                return try JSONCoding.response(SeriesDeletionDocument(deleted))
            },
        ]
    }
}

/// What `DELETE /v1/series` removed.
struct SeriesDeletionDocument: Encodable {
    var model: String
    var region: String
    var metric: String
    var step: String
    var pointsDeleted: Int
    var forecastsDeleted: Int

    init(_ deletion: SeriesDeletion) {
        model = deletion.key.model
        region = deletion.key.region
        metric = deletion.key.metric.rawValue
        step = deletion.step.description
        pointsDeleted = deletion.pointsDeleted
        forecastsDeleted = deletion.forecastsDeleted
    }
}
