import Foundation
import Hummingbird
import Jobs
import Planning
import Store

extension Routes {
    /// `GET /v1/plans/latest?model=&region=&from=&to=` and `GET /v1/plans/{id}?...`: the plan,
    /// optionally for one model and/or region, its steps and schedule optionally cut to
    /// `[from, to)` (what an autoscaler asking for the coming hours wants).
    var planRoutes: [Route] {
        [
            Route(.get, "/v1/plans/latest", .token(.read)) { request, _ -> Response in
                try await self.plan(id: nil, query: try Query(request, allowed: Self.planParameters), request: request)
            },
            Route(.get, "/v1/plans/{id}", .token(.read)) { request, context -> Response in
                let query = try Query(request, allowed: Self.planParameters)
                return try await self.plan(id: try identifier(context), query: query, request: request)
            },
        ]
    }

    static let planParameters: Set<String> = ["model", "region", "from", "to"]

    /// Plan `id`'s document (the newest plan's when nil; cached), or 304 when the client's
    /// `If-None-Match` holds its ETag. A cached document whose id is known (the newest id is
    /// trusted for ``PlanCache/latestIDSeconds``) is answered without leaving the event loop;
    /// otherwise one trip to the thread pool reads the id and renders on a miss.
    func plan(id wanted: Int64?, query: Query, request: Request) async throws -> Response {
        let model = query.string("model"), region = query.string("region")
        let range = try query.timeRange()
        let database = self.database, cache = self.planCache
        if let id = wanted ?? cache.freshLatestID(),
           let entry = cache.cached(id: id, model: model, region: region, from: range.from, to: range.to) {
            return Conditional.response(request, body: entry.body, etag: entry.etag)
        }
        let entry = try await offload { () throws -> PlanCache.Entry in
            let id: Int64
            if let wanted {
                id = wanted
            } else {
                guard let latest = try database.latestPlanRunID() else {
                    throw Problem(.notFound, "no plan is stored yet: run the plan job (POST /v1/jobs/plan or `headroom plan run`)")
                }
                cache.noteLatestID(latest)
                id = latest
            }
            return try cache.entry(id: id, model: model, region: region, from: range.from, to: range.to) {
                guard let run = try database.planRun(id: id) else {
                    throw Problem(.notFound, "there is no plan \(id)")
                }
                guard let plan = PlanJSON.plan(of: run) else {
                    throw Problem(.internalError, "plan \(id) is stored in a form this version cannot read")
                }
                let document = PlanDocument(run: run, plan: plan, model: model, region: region,
                                            from: range.from, to: range.to)
                if document.models.isEmpty {
                    let planned = plan.models.map { "\($0.model) in \($0.region)" }.joined(separator: ", ")
                    let filter = [model.map { "model '\($0)'" }, region.map { "region '\($0)'" }].compactMap { $0 }
                    throw Problem(.notFound, "plan \(id) has no \(filter.joined(separator: " and ")); it plans \(planned)")
                }
                return try JSONCoding.encoder.encode(document)
            }
        }
        return Conditional.response(request, body: entry.body, etag: entry.etag)
    }
}

/// `ETag` and `If-None-Match` (RFC 9110 §13.1.2, weak comparison).
enum Conditional {
    static func response(_ request: Request, body: ByteBuffer, etag: String) -> Response {
        if let header = request.headers[.ifNoneMatch], matches(header, etag: etag) {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        var response = Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
        response.headers[.eTag] = etag
        return response
    }

    static func matches(_ header: String, etag: String) -> Bool {
        let wanted = opaque(etag)
        return header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || opaque(tag) == wanted
        }
    }

    private static func opaque(_ tag: String) -> String {
        tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
    }
}
