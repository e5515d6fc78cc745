public import Planning
import Yams

/// The Kubernetes objects that make a cluster's own autoscaler run Headroom's plan for one model
/// in one region (docs/KUBERNETES.md): a KEDA `ScaledObject` whose first trigger is the plan's
/// floor (KEDA's external scaler served by `headroom serve`, or its `metrics-api` scaler on
/// `GET /v1/scaling`) and, when asked, a reactive trigger on a Prometheus load metric: the HPA
/// KEDA drives takes the larger, which is Headroom's hybrid policy. Or, for clusters without
/// KEDA, a plain autoscaling/v2 `HorizontalPodAutoscaler` on the external metric
/// `headroom_scaling_replicas` (Headroom's `/metrics`, served to the HPA by an adapter).
///
/// Pure: the configuration's profile and the plan's peak in, YAML documents out.
public struct AutoscalerExport: Sendable {
    /// How the floor reaches the autoscaler.
    public enum Scaler: String, CaseIterable, Sendable {
        /// KEDA's external scaler (gRPC) at ``scalerAddress``.
        case external
        /// KEDA's metrics-api scaler polling ``headroomURL``'s `/v1/scaling`.
        case metricsAPI = "metrics-api"
    }

    /// Which object to write.
    public enum Format: String, CaseIterable, Sendable {
        case keda, hpa
    }

    /// A reactive trigger on a Prometheus query (KEDA's `prometheus` scaler, `AverageValue`:
    /// `ceil(query / threshold)` replicas).
    public struct Reactive: Sendable, Hashable {
        public var server: String
        public var query: String
        public var threshold: Double

        public init(server: String, query: String, threshold: Double) {
            self.server = server
            self.query = query
            self.threshold = threshold
        }
    }

    /// The workload one object scales.
    public struct Target: Sendable, Hashable {
        public var model: String
        public var region: String
        public var namespace: String
        public var deployment: String
        /// Replicas KEDA holds while the floor's trigger fails (its `fallback`): the plan's peak.
        public var fallbackReplicas: Int

        public init(model: String, region: String, namespace: String, deployment: String, fallbackReplicas: Int) {
            self.model = model
            self.region = region
            self.namespace = namespace
            self.deployment = deployment
            self.fallbackReplicas = fallbackReplicas
        }
    }

    public var format: Format
    public var scaler: Scaler
    /// `host:port` KEDA dials for the external scaler.
    public var scalerAddress: String
    /// Base URL of Headroom's REST API as the cluster reaches it (metrics-api).
    public var headroomURL: String
    public var reactive: Reactive?
    /// Seconds between KEDA's polls.
    public var pollingIntervalSeconds: Int
    /// The external scaler serves TLS (`service.keda.tls`): its trigger gets KEDA's `caCert`,
    /// `tlsClientCert` and `tlsClientKey` from the Secret `headroom-keda-tls` (keys `ca.crt`,
    /// `tls.crt`, `tls.key`) through a TriggerAuthentication.
    public var scalerTLS: Bool

    public init(format: Format = .keda, scaler: Scaler = .external, scalerAddress: String, headroomURL: String,
                reactive: Reactive? = nil, pollingIntervalSeconds: Int = 15, scalerTLS: Bool = false) {
        self.format = format
        self.scaler = scaler
        self.scalerAddress = scalerAddress
        self.headroomURL = headroomURL
        self.reactive = reactive
        self.pollingIntervalSeconds = pollingIntervalSeconds
        self.scalerTLS = scalerTLS
    }

    /// Why `scalerAddress` is not `host:port`, or `headroomURL` not an http(s) URL; nil when both are.
    public var addressProblem: String? {
        if scaler == .external || format == .hpa {
            let parts = scalerAddress.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 2, let port = Int(parts.last ?? ""), (1...65_535).contains(port), !parts[0].isEmpty else {
                return "scaler address '\(scalerAddress)' is not host:port (e.g. headroom.headroom.svc.cluster.local:9443)"
            }
        }
        if scaler == .metricsAPI {
            guard headroomURL.hasPrefix("http://") || headroomURL.hasPrefix("https://"),
                  headroomURL.split(separator: "/").count >= 2 else {
                return "Headroom URL '\(headroomURL)' is not an http:// or https:// URL (e.g. http://headroom.headroom.svc.cluster.local:8080)"
            }
        }
        return nil
    }

    /// The name of the floor's metric: `headroom-<model>-<region>`.
    public static func metricName(model: String, region: String) -> String { "headroom-\(model)-\(region)" }

    /// The objects for `target` scaled by `profile`'s rules, in the order to apply them.
    public func objects(for target: Target, profile: ModelProfile) -> [KubernetesObject] {
        switch format {
        case .keda:
            (scaler == .metricsAPI ? [.triggerAuthentication(TriggerAuthentication(target: target))] : [])
                + (scaler == .external && scalerTLS ? [.triggerAuthentication(TriggerAuthentication(tlsFor: target))] : [])
                + [.scaledObject(ScaledObject(export: self, target: target, profile: profile))]
        case .hpa:
            [.horizontalPodAutoscaler(HorizontalPodAutoscaler(target: target, profile: profile))]
        }
    }

    /// The YAML documents (each starting `---`) for `target` scaled by `profile`'s rules.
    public func documents(for target: Target, profile: ModelProfile) throws -> String {
        try Self.render(objects(for: target, profile: profile))
    }

    /// `objects` as YAML documents, each starting `---`.
    public static func render(_ objects: [KubernetesObject]) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = false
        return try objects.map { "---\n" + (try encoder.encode($0)) }.joined()
    }

    /// `objects` as one YAML document: a `v1` `List` (what `kubectl apply -f` takes as well).
    public static func renderList(_ objects: [KubernetesObject]) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = false
        return try encoder.encode(KubernetesList(items: objects))
    }

    /// Seconds the HPA holds a scale-down (its stabilisation window): 300, the HPA's default and
    /// the hybrid correction's. The plan's floor already carries the model's own
    /// `scale_down_stabilization_s` (its pre-scale schedule), so it is not applied twice.
    public static let scaleDownStabilizationSeconds = 300

    /// The HPA behavior of `profile`: its scale-up limit, and the correction's scale-down window.
    public static func behavior(_ profile: ModelProfile) -> ScalingBehavior {
        ScalingBehavior(upPods: profile.scaleUp.replicas, upPeriodSeconds: Int(min(profile.scaleUp.periodSeconds, 1_800)),
                        downStabilizationSeconds: scaleDownStabilizationSeconds)
    }

    /// Labels on every object: who made it and for which model and region.
    static func labels(_ target: Target) -> SortedMap {
        ["app.kubernetes.io/managed-by": "headroom", "headroom.dev/model": target.model, "headroom.dev/region": target.region]
    }

    /// `<deployment>-headroom`, the objects' name.
    static func name(_ target: Target) -> String { "\(target.deployment)-headroom" }
}

/// One object the export writes.
public enum KubernetesObject: Sendable, Hashable, Encodable {
    case scaledObject(ScaledObject)
    case triggerAuthentication(TriggerAuthentication)
    case horizontalPodAutoscaler(HorizontalPodAutoscaler)

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .scaledObject(let object): try object.encode(to: encoder)
        case .triggerAuthentication(let object): try object.encode(to: encoder)
        case .horizontalPodAutoscaler(let object): try object.encode(to: encoder)
        }
    }
}

/// A `v1` `List` of objects.
struct KubernetesList: Encodable {
    var apiVersion = "v1"
    var kind = "List"
    var items: [KubernetesObject]
}

/// Object metadata.
struct ObjectMeta: Codable, Hashable {
    var name: String
    var namespace: String
    var labels: SortedMap
}

/// `scaleTargetRef`.
struct ScaleTargetRef: Codable, Hashable {
    var apiVersion = "apps/v1"
    var kind = "Deployment"
    var name: String
}

/// A string map written in key order, so that the same export is the same text every time
/// (labels, a trigger's metadata, a label selector).
struct SortedMap: Codable, Hashable, ExpressibleByDictionaryLiteral {
    var values: [String: String]

    init(_ values: [String: String]) { self.values = values }
    init(dictionaryLiteral elements: (String, String)...) { values = Dictionary(uniqueKeysWithValues: elements) }

    struct Field: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Field.self)
        for key in values.keys.sorted() { try container.encode(values[key], forKey: Field(stringValue: key)) }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Field.self)
        var values: [String: String] = [:]
        for key in container.allKeys { values[key.stringValue] = try container.decode(String.self, forKey: key) }
        self.values = values
    }
}
