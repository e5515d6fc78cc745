/// The score of one policy over a replay: cost by capacity type, served demand, scaling.
/// Encoded with the snake_case keys of docs/SIMULATION.md.
public struct SimulationReport: Sendable, Hashable, Codable {
    public var policy: SimulationPolicy
    /// First replayed instant and the end of the last replayed day, RFC 3339 UTC.
    public var replayStart: String
    public var replayEnd: String
    public var days: Int
    public var trainDays: Int
    public var stepSeconds: Int64
    /// How the reservation was chosen for this policy.
    public var reservationBasis: String
    /// USD over the replay: reserved (paid whether used or not) plus on-demand.
    public var totalCost: Double
    /// USD by `reserved`, `on-demand`, `spot`.
    public var costByCapacityType: [String: Double]
    /// GPU-hours paid by capacity type (reserved: all reserved hours, used or not).
    public var gpuHoursByCapacityType: [String: Double]
    /// Requests that arrived.
    public var requests: Double
    /// Share of requests served within the ready capacity, batch work within its deadline (work
    /// still queued and not yet due at the end counts as served); 1 with no requests.
    public var servedFraction: Double
    public var unservedRequests: Double
    /// Minutes during which a model's demand exceeded its ready capacity, summed over models.
    public var sloViolationMinutes: Double
    /// Changes of a model's replica count.
    public var scaleActions: Int
    /// Replica-minutes launched (billed) but not yet serving: node provisioning and model load.
    public var coldStartMinutes: Double
    /// Most replicas running at once, all models together.
    public var peakReplicas: Int
    /// Requests served / requests the ready replicas could have served.
    public var meanUtilization: Double
    public var models: [ModelOutcome]
    public var daily: [DayOutcome]
    /// USD no interactive policy can beat on this replay (``Simulator/hindsightFloor(_:)``:
    /// perfect foresight, no lead time); nil when the replay holds no interactive series.
    public var hindsightFloorCost: Double? = nil
    /// With a commitment policy: what it bought and how it was used.
    public var commitment: CommitmentOutcome? = nil

    enum CodingKeys: String, CodingKey {
        case policy, days, models, daily, requests
        case replayStart = "replay_start", replayEnd = "replay_end", trainDays = "train_days"
        case stepSeconds = "step_seconds", reservationBasis = "reservation_basis", totalCost = "total_cost"
        case costByCapacityType = "cost_by_capacity_type", gpuHoursByCapacityType = "gpu_hours_by_capacity_type"
        case servedFraction = "served_fraction", unservedRequests = "unserved_requests"
        case sloViolationMinutes = "slo_violation_minutes", scaleActions = "scale_actions"
        case coldStartMinutes = "cold_start_minutes", peakReplicas = "peak_replicas", meanUtilization = "mean_utilization"
        case hindsightFloorCost = "hindsight_floor_cost", commitment
    }
}

/// One model in one region over the replay.
/// The figures mean what the report's figures of the same name mean, for this series alone.
public struct ModelOutcome: Sendable, Hashable, Codable {
    public var model: String
    public var region: String
    /// Requests that arrived.
    public var requests: Double
    /// Share of requests served within capacity (batch: within the deadline).
    public var servedFraction: Double
    public var unservedRequests: Double
    /// Minutes during which demand exceeded the ready capacity (batch: work went late).
    public var sloViolationMinutes: Double
    public var scaleActions: Int
    /// Replica-minutes launched but not yet serving.
    public var coldStartMinutes: Double
    public var peakReplicas: Int
    /// Requests served / requests the ready replicas could have served.
    public var meanUtilization: Double
    /// GPU-hours its replicas ran (billed), whatever the capacity type.
    public var gpuHours: Double

    enum CodingKeys: String, CodingKey {
        case model, region, requests
        case servedFraction = "served_fraction", unservedRequests = "unserved_requests"
        case sloViolationMinutes = "slo_violation_minutes", scaleActions = "scale_actions"
        case coldStartMinutes = "cold_start_minutes", peakReplicas = "peak_replicas"
        case meanUtilization = "mean_utilization", gpuHours = "gpu_hours"
    }
}

/// One replayed UTC day, all models together.
public struct DayOutcome: Sendable, Hashable, Codable {
    /// `YYYY-MM-DD`.
    public var day: String
    /// Requests that arrived that day.
    public var requests: Double
    /// Requests unserved that day (batch: gone late that day).
    public var unservedRequests: Double
    /// USD of the day, all capacity types.
    public var cost: Double
    /// Reserved nodes held that day, all pools together.
    public var reservedNodes: Int

    enum CodingKeys: String, CodingKey {
        case day, requests, cost
        case unservedRequests = "unserved_requests", reservedNodes = "reserved_nodes"
    }
}
