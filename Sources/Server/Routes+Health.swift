import Hummingbird
import Store

extension Routes {
    /// `GET /healthz` (the process answers), `GET /readyz` (the database answers, is at this
    /// version's schema and can be written: after a storage failure it is tried again, and the
    /// answer is 503 `storage-unavailable` or `disk-full` until it writes), `GET /metrics`
    /// (Prometheus text) and `GET /openapi.yaml`.
    var healthRoutes: [Route] {
        [
            Route(.get, "/healthz", .open) { request, _ -> Response in
                _ = try Query(request, allowed: [])
                return try JSONCoding.response(["status": "ok"])
            },
            Route(.get, "/readyz", .open) { request, _ -> Response in
                _ = try Query(request, allowed: [])
                let database = self.database
                if database.health.failure != nil, let failure = try await offload({ database.recover() }) {
                    throw StorageMiddleware.problem(failure)
                }
                do {
                    let plan = try await offload { try database.latestPlanRunID() }
                    return try JSONCoding.response(Readiness(status: "ready", latestPlanId: plan))
                } catch {
                    throw Problem(.unavailable, "the database does not answer")
                }
            },
            Route(.get, "/metrics", .metrics) { request, _ -> Response in
                _ = try Query(request, allowed: [])
                let database = self.database, metrics = self.metrics, now = self.settings.now()
                let pool = try await self.provider.load()
                let text = try await offload {
                    try metrics.refresh(from: database, pool: pool, now: now)
                    return metrics.exposition()
                }
                return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(bytes: text)))
            },
            Route(.get, "/openapi.yaml", .open) { request, _ -> Response in
                _ = try Query(request, allowed: [])
                return Response(status: .ok, headers: [.contentType: "application/yaml"],
                                body: .init(byteBuffer: ByteBuffer(string: embeddedOpenAPIDocument)))
            },
        ]
    }
}

struct Readiness: Encodable {
    var status: String
    var latestPlanId: Int64?
}
