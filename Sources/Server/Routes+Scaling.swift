import Hummingbird
import Jobs
import Planning
import Traffic

extension Routes {
    /// `GET /v1/scaling?model=&region=`: the replicas the newest plan has launched now for one
    /// model in one region, for KEDA's `metrics-api` scaler and anything else that polls.
    var scalingRoutes: [Route] {
        [
            Route(.get, "/v1/scaling", .token(.read)) { request, _ -> Response in
                let query = try Query(request, allowed: ["model", "region"])
                guard let model = query.string("model") else {
                    throw Problem(.invalidParameter, "query parameter 'model' is required (e.g. ?model=chat-8b&region=us-east-1)")
                }
                guard let region = query.string("region") else {
                    throw Problem(.invalidParameter, "query parameter 'region' is required (e.g. ?model=chat-8b&region=us-east-1)")
                }
                let lookup = ScalingLookup(database: self.database), now = self.settings.now()
                let document = try await offload { () throws -> ScalingDocument in
                    do {
                        let (planID, target) = try lookup.target(model: model, region: region, at: now)
                        return ScalingDocument(model: model, region: region, planID: planID, target: target)
                    } catch let error as ScalingLookupError {
                        switch error {
                        case .noPlan, .notPlanned: throw Problem(.notFound, error.description)
                        case .horizonEnded, .noSteps: throw Problem(.conflict, error.description)
                        case .unreadable: throw Problem(.internalError, error.description)
                        }
                    }
                }
                return try JSONCoding.response(document)
            },
        ]
    }
}

/// `GET /v1/scaling`'s answer, times in RFC 3339 UTC.
struct ScalingDocument: Encodable {
    var model: String
    var region: String
    /// Replicas to run now: the plan's launched replicas at `at`.
    var replicas: Int
    var at: String
    var planId: Int64
    /// Start of the plan step `at` falls in; absent before the plan's first step.
    var stepStart: String?
    /// When the count next changes and to what; absent when it holds to the horizon's end.
    var nextChangeAt: String?
    var nextReplicas: Int?
    var horizonEnd: String

    init(model: String, region: String, planID: Int64, target: ScalingTarget) {
        self.model = model
        self.region = region
        replicas = target.replicas
        at = Timestamp.format(target.at)
        planId = planID
        stepStart = target.stepStart.map(Timestamp.format)
        nextChangeAt = target.nextChangeAt.map(Timestamp.format)
        nextReplicas = target.nextReplicas
        horizonEnd = Timestamp.format(target.horizonEnd)
    }
}
