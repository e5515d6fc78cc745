import Hummingbird
import Jobs
import Store

extension Routes {
    /// `GET /v1/pool` and `GET /v1/executions?limit=&before=`.
    var poolRoutes: [Route] {
        [
            Route(.get, "/v1/pool", .token(.read)) { request, _ -> Response in
                _ = try Query(request, allowed: [])
                let database = self.database
                let pool = try await offload { try EmbeddedPoolProvider(database: database).load() }
                return try JSONCoding.response(PoolDocument(pool))
            },
            Route(.get, "/v1/executions", .token(.read)) { request, _ -> Response in
                let query = try Query(request, allowed: ["limit", "before"])
                let limit = try query.integer("limit", in: 1...1000) ?? 50
                let before = try query.integer("before", in: 0...Int(Int32.max))
                let database = self.database
                let rounds = try await offload { try database.poolRounds(limit: limit, before: before) }
                return try JSONCoding.response(ExecutionPage(
                    executions: rounds.map(ExecutionDocument.init),
                    nextBefore: rounds.count == limit ? rounds.last?.round : nil))
            },
        ]
    }
}
