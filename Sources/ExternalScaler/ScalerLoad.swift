public import GRPCCore
import GRPCNIOTransportHTTP2
public import KEDAProtocol

/// The load benchmark of KEDA's external scaler (`headroom bench keda`): `concurrency` calls of
/// `GetMetrics` in flight at once on one HTTP/2 connection (as many concurrent streams), each
/// task calling again as soon as its answer arrives, for `seconds`; every call's latency kept.
public enum ScalerLoad {
    /// What a run measured: calls, failed calls, wall seconds and each call's latency (seconds).
    public struct Result: Sendable {
        public var calls: Int
        public var errors: Int
        public var seconds: Double
        public var latencies: [Double]

        /// Calls per second.
        public var rate: Double { Double(calls) / seconds }

        /// The `q` quantile of the latencies, in milliseconds (nearest rank).
        public func latencyMilliseconds(_ q: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            let sorted = latencies.sorted()
            let rank = min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))
            return sorted[rank] * 1_000
        }
    }

    /// Runs the load against `host:port` (plaintext) for `model` in `region`.
    public static func run(host: String, port: Int, model: String, region: String, concurrency: Int,
                           seconds: Double) async throws -> Result {
        var reference = Externalscaler_ScaledObjectRef()
        reference.name = "bench"
        reference.namespace = "default"
        reference.scalerMetadata = ["model": model, "region": region]
        var request = Externalscaler_GetMetricsRequest()
        request.scaledObjectRef = reference
        request.metricName = HeadroomExternalScaler.metricName(model: model, region: region)
        let message = request
        return try await withGRPCClient(
            transport: .http2NIOPosix(target: .ipv4(address: host, port: port), transportSecurity: .plaintext)
        ) { client in
            let scaler = Externalscaler_ExternalScaler.Client(wrapping: client)
            _ = try await scaler.getMetrics(message)  // connect first
            let clock = ContinuousClock()
            let start = clock.now
            let end = start.advanced(by: .milliseconds(Int64(seconds * 1_000)))
            let parts = try await withThrowingTaskGroup(of: (Int, [Double]).self) { group in
                for _ in 0..<concurrency {
                    group.addTask {
                        var latencies: [Double] = []
                        var errors = 0
                        while clock.now < end {
                            let sent = clock.now
                            do {
                                _ = try await scaler.getMetrics(message)
                                let took = clock.now - sent
                                latencies.append(Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18)
                            } catch {
                                errors += 1
                            }
                        }
                        return (errors, latencies)
                    }
                }
                var all: [(Int, [Double])] = []
                for try await part in group { all.append(part) }
                return all
            }
            let elapsed = clock.now - start
            let latencies = parts.flatMap(\.1)
            return Result(calls: latencies.count, errors: parts.reduce(0) { $0 + $1.0 },
                          seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                          latencies: latencies)
        }
    }
}

/// The reference of the load benchmark: the same gRPC service answering constants, so that the
/// benchmark separates what the plan lookup costs from what grpc-swift's stack costs.
public struct ConstantScaler: Externalscaler_ExternalScaler.SimpleServiceProtocol {
    public init() {}

    public func isActive(request: Externalscaler_ScaledObjectRef, context: ServerContext) async throws -> Externalscaler_IsActiveResponse {
        var response = Externalscaler_IsActiveResponse()
        response.result = true
        return response
    }

    public func streamIsActive(request: Externalscaler_ScaledObjectRef, response: RPCWriter<Externalscaler_IsActiveResponse>,
                               context: ServerContext) async throws {
        var message = Externalscaler_IsActiveResponse()
        message.result = true
        try await response.write(message)
    }

    public func getMetricSpec(request: Externalscaler_ScaledObjectRef, context: ServerContext) async throws
        -> Externalscaler_GetMetricSpecResponse
    {
        var spec = Externalscaler_MetricSpec()
        spec.metricName = "constant"
        spec.targetSizeFloat = 1
        var response = Externalscaler_GetMetricSpecResponse()
        response.metricSpecs = [spec]
        return response
    }

    public func getMetrics(request: Externalscaler_GetMetricsRequest, context: ServerContext) async throws
        -> Externalscaler_GetMetricsResponse
    {
        var value = Externalscaler_MetricValue()
        value.metricName = request.metricName
        value.metricValue = 7
        value.metricValueFloat = 7
        var response = Externalscaler_GetMetricsResponse()
        response.metricValues = [value]
        return response
    }

    public func streamMetricSpec(request: Externalscaler_ScaledObjectRef, response: RPCWriter<Externalscaler_GetMetricSpecResponse>,
                                 context: ServerContext) async throws {
        throw RPCError(code: .unimplemented, message: "constant")
    }
}
