public import GRPCCore
public import Jobs
public import KEDAProtocol
import Metrics
import Planning
public import Store
import Vocabulary

/// KEDA's external scaler (`externalscaler.ExternalScaler`, Tests/Fixtures/keda/externalscaler.proto)
/// over Headroom's plans: the metric `headroom-<model>-<region>` is the replicas the newest plan
/// has launched now (``ScalingLookup``), against a target of 1, so the HPA KEDA drives asks for
/// exactly that many. The trigger's `scalerMetadata` names `model` and `region`.
///
/// Every refusal is a gRPC status with a message saying what to do, counted in
/// `headroom_keda_errors_total{method, code}`: never a silent zero.
public struct HeadroomExternalScaler: Externalscaler_ExternalScaler.SimpleServiceProtocol {
    let snapshot: PlanSnapshot
    /// Now, Unix seconds.
    let now: @Sendable () -> Int64
    /// How often an open `StreamIsActive` looks for a new plan.
    let pollInterval: Duration

    public init(database: AppDatabase, now: @escaping @Sendable () -> Int64, pollInterval: Duration = .milliseconds(200)) {
        snapshot = PlanSnapshot(database: database)
        self.now = now
        self.pollInterval = pollInterval
    }

    /// The metric's name for a model and region.
    public static func metricName(model: String, region: String) -> String { "headroom-\(model)-\(region)" }

    public func isActive(request: Externalscaler_ScaledObjectRef, context: ServerContext) async throws -> Externalscaler_IsActiveResponse {
        try await counted("IsActive") {
            var response = Externalscaler_IsActiveResponse()
            response.result = try await target(request).target.replicas > 0
            return response
        }
    }

    public func streamIsActive(request: Externalscaler_ScaledObjectRef, response: RPCWriter<Externalscaler_IsActiveResponse>,
                               context: ServerContext) async throws {
        // gRPC cancels an RPC (client gone, deadline, server shutting down) through the context,
        // not the task: both are checked between polls.
        let cancelled = { Task.isCancelled || context.cancellation.isCancelled }
        try await counted("StreamIsActive") {
            while !cancelled() {
                let (planID, target) = try await self.target(request)
                var message = Externalscaler_IsActiveResponse()
                message.result = target.replicas > 0
                try await response.write(message)
                // Again when a new plan lands or the schedule crosses a step (or the horizon ends).
                let step = target.nextChangeAt ?? target.horizonEnd
                while !cancelled() {
                    try await Task.sleep(for: pollInterval)
                    if now() >= step { break }
                    if try await snapshot.latestPlanID() != planID { break }
                }
            }
        }
    }

    public func getMetricSpec(request: Externalscaler_ScaledObjectRef, context: ServerContext) async throws
        -> Externalscaler_GetMetricSpecResponse
    {
        try await counted("GetMetricSpec") {
            let (model, region) = try Self.key(request)
            do {
                _ = try await target(request)
            } catch let error as RPCError where error.code == .failedPrecondition {
                // A plan that ran out still names the metric; GetMetrics says what is wrong.
            }
            var spec = Externalscaler_MetricSpec()
            spec.metricName = Self.metricName(model: model, region: region)
            spec.targetSize = 1
            spec.targetSizeFloat = 1
            var response = Externalscaler_GetMetricSpecResponse()
            response.metricSpecs = [spec]
            return response
        }
    }

    public func getMetrics(request: Externalscaler_GetMetricsRequest, context: ServerContext) async throws
        -> Externalscaler_GetMetricsResponse
    {
        try await counted("GetMetrics") {
            let replicas = try await target(request.scaledObjectRef).target.replicas
            var value = Externalscaler_MetricValue()
            let (model, region) = try Self.key(request.scaledObjectRef)
            value.metricName = request.metricName.isEmpty ? Self.metricName(model: model, region: region) : request.metricName
            value.metricValue = Int64(replicas)
            value.metricValueFloat = Double(replicas)
            var response = Externalscaler_GetMetricsResponse()
            response.metricValues = [value]
            return response
        }
    }

    public func streamMetricSpec(request: Externalscaler_ScaledObjectRef, response: RPCWriter<Externalscaler_GetMetricSpecResponse>,
                                 context: ServerContext) async throws {
        try await counted("StreamMetricSpec") {
            throw RPCError(code: .unimplemented, message: "the metric spec never changes: KEDA reads it with GetMetricSpec")
        }
    }

    /// The model and region `ref`'s metadata names.
    static func key(_ ref: Externalscaler_ScaledObjectRef) throws -> (model: String, region: String) {
        let object = ref.name.isEmpty ? "" : " of ScaledObject \(ref.namespace)/\(ref.name)"
        guard let model = ref.scalerMetadata["model"], !model.isEmpty else {
            throw RPCError(code: .invalidArgument,
                           message: "the trigger's metadata\(object) has no 'model': add model and region (e.g. model: chat-8b, region: us-east-1)")
        }
        guard let region = ref.scalerMetadata["region"], !region.isEmpty else {
            throw RPCError(code: .invalidArgument,
                           message: "the trigger's metadata\(object) has no 'region': add it beside model '\(model)' (e.g. region: us-east-1)")
        }
        return (model, region)
    }

    /// The newest plan's target for `ref` now.
    func target(_ ref: Externalscaler_ScaledObjectRef) async throws -> (planID: Int64, target: ScalingTarget) {
        let (model, region) = try Self.key(ref)
        do {
            return try await snapshot.target(ModelRegion(model: model, region: region), at: now())
        } catch let error as ScalingLookupError {
            switch error {
            case .noPlan, .horizonEnded, .noSteps: throw RPCError(code: .failedPrecondition, message: error.description)
            case .notPlanned: throw RPCError(code: .notFound, message: error.description)
            case .unreadable: throw RPCError(code: .internalError, message: error.description)
            }
        }
    }

    /// Runs `body`, counting a refusal in `headroom_keda_errors_total`.
    func counted<T>(_ method: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as RPCError {
            Counter(label: "headroom_keda_errors_total", dimensions: [("method", method), ("code", "\(error.code)")]).increment()
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            Counter(label: "headroom_keda_errors_total", dimensions: [("method", method), ("code", "internal")]).increment()
            throw RPCError(code: .internalError, message: "\(error)")
        }
    }
}
