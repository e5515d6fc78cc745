import Foundation
import Hummingbird
import Jobs
import Store

extension Routes {
    /// `GET /v1/pool`, `GET /v1/executions?limit=&before=`, and the provider's news:
    /// `POST /v1/pool/events` (scope write) and `GET /v1/pool/events?limit=`.
    var poolRoutes: [Route] {
        [
            Route(.get, "/v1/pool", .token(.read)) { request, _ -> Response in
                _ = try Query(request, allowed: [])
                let pool = try await self.provider.load()
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
            Route(.post, "/v1/pool/events", .token(.write)) { request, _ -> Response in
                _ = try Query(request, allowed: [])
                guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
                    throw Problem(.unsupportedMediaType, "send the event as application/json")
                }
                var request = request
                let body = try await request.collectBody(upTo: 4096)
                let event = try PoolEventBody.event(Data(body.readableBytesView), now: Int64(Date().timeIntervalSince1970))
                let received: ProviderEvent
                do {
                    received = try await self.provider.receive(event)
                } catch let refused as PoolEventError {
                    switch refused {
                    case .unknownNode: throw Problem(.notFound, refused.description)
                    case .terminated, .reclaimBeforeNotice: throw Problem(.conflict, refused.description)
                    }
                }
                return try JSONCoding.response(PoolEventDocument(received, taken: nil), status: .accepted)
            },
            Route(.get, "/v1/pool/events", .token(.read)) { request, _ -> Response in
                let query = try Query(request, allowed: ["limit"])
                let limit = try query.integer("limit", in: 1...1000) ?? 100
                let database = self.database
                let records = try await offload { try database.poolEvents(limit: limit) }
                return try JSONCoding.response(PoolEventList(events: records.map(PoolEventDocument.init)))
            },
        ]
    }
}
