import Hummingbird
import Jobs
import Planning

extension Routes {
    /// `GET /v1/commitments`: the configuration's commitments with their use so far;
    /// `GET /v1/commitments/advice?term=&confidence=&lookback_days=&history_days=&kind=&window=`:
    /// what to buy per pool for the term, and capacity blocks per pool and peak window (the same
    /// as `headroom commitments list` and `advise`).
    var commitmentRoutes: [Route] {
        [
            Route(.get, "/v1/commitments", .token(.read)) { request, _ -> Response in
                let query = try Query(request, allowed: ["history_days"])
                let historyDays = try query.integer("history_days", in: 7...1_100) ?? 365
                let fleet = try self.fleetForCommitments()
                guard !fleet.commitments.isEmpty else { return try JSONCoding.response(CommitmentList([])) }
                let result = try await self.commitmentResult(fleet, advisor: CommitmentAdvisor(termHours: 24), historyDays: historyDays,
                                                             advising: false)
                return try JSONCoding.response(CommitmentList(result.uses))
            },
            Route(.get, "/v1/commitments/advice", .token(.read)) { request, _ -> Response in
                let query = try Query(request, allowed: ["term", "confidence", "lookback_days", "history_days", "kind", "window"])
                let term = try query.choice("term", CommitmentTerm.self) ?? .oneYear
                let confidence = try query.number("confidence", in: 0.01...0.99) ?? 0.5
                let lookback = try query.integer("lookback_days", in: 1...365) ?? 30
                let historyDays = try query.integer("history_days", in: 7...1_100) ?? 365
                let kind = try query.choice("kind", Commitment.Kind.self)
                var windows: [PeakWindow] = []
                if let text = query.string("window") {
                    guard let window = PeakWindow.parse(text) else {
                        throw Problem(.invalidParameter, "query parameter 'window': '\(text)' is not \(PeakWindow.form)")
                    }
                    if let kind, kind != .capacityBlock {
                        throw Problem(.invalidParameter, "query parameter 'window' advises capacity blocks; it cannot go with kind=\(kind.rawValue)")
                    }
                    windows = [window]
                }
                let fleet = try self.fleetForCommitments()
                let advisor = CommitmentAdvisor(termHours: term.hours, confidence: confidence, lookbackDays: lookback)
                let result = try await self.commitmentResult(fleet, advisor: advisor, historyDays: historyDays,
                                                             kinds: kind.map { [$0] } ?? Set(Commitment.Kind.allCases), windows: windows)
                return try JSONCoding.response(CommitmentAdviceDocument(result, term: term.rawValue, confidence: confidence))
            },
        ]
    }

    /// `term=1y|3y`.
    enum CommitmentTerm: String, CaseIterable {
        case oneYear = "1y", threeYears = "3y"
        var hours: Int { self == .oneYear ? 8_766 : 26_298 }
    }

    func fleetForCommitments() throws -> FleetConfiguration {
        guard let fleet = settings.fleet else {
            throw Problem(.unavailable, "the service was started without a fleet configuration")
        }
        return fleet
    }

    /// The job's result, its refusals as problems: no forecast run yet is a 404.
    func commitmentResult(_ fleet: FleetConfiguration, advisor: CommitmentAdvisor, historyDays: Int, advising: Bool = true,
                          kinds: Set<Commitment.Kind> = Set(Commitment.Kind.allCases), windows: [PeakWindow] = []) async throws
        -> CommitmentAdviceJob.Result
    {
        let database = self.database
        return try await offload { () throws -> CommitmentAdviceJob.Result in
            do {
                return try CommitmentAdviceJob(configuration: fleet, advisor: advisor, historyDays: historyDays, kinds: kinds,
                                               windows: windows).run(on: database, advising: advising)
            } catch let error as PlanJobError {
                switch error {
                case .noForecast, .nothingToPlan: throw Problem(.notFound, error.description)
                default: throw Problem(.internalError, error.description)
                }
            }
        }
    }
}
