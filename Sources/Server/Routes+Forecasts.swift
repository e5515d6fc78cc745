import Hummingbird
import Store
import Traffic

extension Routes {
    /// `GET /v1/forecasts?model=&region=&metric=&from=&to=`: the newest run's point forecasts
    /// and quantiles.
    var forecastRoutes: [Route] {
        [
            Route(.get, "/v1/forecasts", .token(.read)) { request, _ -> Response in
                let query = try Query(request, allowed: ["model", "region", "metric", "from", "to"])
                let metric = try query.choice("metric", Metric.self)
                let range = try query.timeRange()
                let model = query.string("model"), region = query.string("region")
                let database = self.database
                guard let found = try await offload({
                    try database.forecastSlices(model: model, region: region, metric: metric, from: range.from, to: range.to)
                }) else {
                    throw Problem(.notFound, "no forecast is stored yet: run the forecast job (POST /v1/jobs/forecast or `headroom forecast run`)")
                }
                if found.slices.isEmpty, model != nil || region != nil || metric != nil {
                    throw Problem(.notFound, "forecast run \(found.run.id) has no series matching the filters")
                }
                return try JSONCoding.response(ForecastDocument(run: found.run, slices: found.slices))
            },
        ]
    }
}
