import Planning

/// A KEDA `ScaledObject` (keda.sh/v1alpha1; the CRD is in Tests/KubernetesTests/Fixtures):
/// the floor's trigger, the optional reactive one, min and max from the model's configuration,
/// HPA behavior from its scaling rules, and a fallback to the plan's peak when the floor fails.
public struct ScaledObject: Codable, Hashable, Sendable {
    var apiVersion = "keda.sh/v1alpha1"
    var kind = "ScaledObject"
    var metadata: ObjectMeta
    var spec: Spec

    struct Spec: Codable, Hashable {
        var scaleTargetRef: ScaleTargetRef
        var pollingInterval: Int
        var minReplicaCount: Int
        var maxReplicaCount: Int
        var fallback: Fallback
        var advanced: Advanced
        var triggers: [Trigger]
    }

    struct Fallback: Codable, Hashable {
        var failureThreshold: Int
        var replicas: Int
    }

    struct Advanced: Codable, Hashable {
        var horizontalPodAutoscalerConfig: HPAConfig
    }

    struct HPAConfig: Codable, Hashable {
        var behavior: ScalingBehavior
    }

    struct Trigger: Codable, Hashable {
        var type: String
        var name: String
        var metricType: String
        var metadata: SortedMap
        var authenticationRef: AuthenticationRef?
    }

    struct AuthenticationRef: Codable, Hashable {
        var name: String
    }

    init(export: AutoscalerExport, target: AutoscalerExport.Target, profile: ModelProfile) {
        metadata = ObjectMeta(name: AutoscalerExport.name(target), namespace: target.namespace,
                              labels: AutoscalerExport.labels(target))
        var triggers: [Trigger] = []
        switch export.scaler {
        case .external:
            triggers.append(Trigger(type: "external", name: "headroom-floor", metricType: "AverageValue", metadata: SortedMap([
                "scalerAddress": export.scalerAddress, "model": target.model, "region": target.region,
            ]), authenticationRef: export.scalerTLS ? AuthenticationRef(name: TriggerAuthentication.tlsName) : nil))
        case .metricsAPI:
            let base = export.headroomURL.hasSuffix("/") ? String(export.headroomURL.dropLast()) : export.headroomURL
            triggers.append(Trigger(
                type: "metrics-api", name: "headroom-floor", metricType: "AverageValue",
                metadata: SortedMap([
                    "url": "\(base)/v1/scaling?model=\(Self.query(target.model))&region=\(Self.query(target.region))",
                    "valueLocation": "replicas", "targetValue": "1", "authMode": "bearer",
                ]),
                authenticationRef: AuthenticationRef(name: TriggerAuthentication.name)))
        }
        if let reactive = export.reactive {
            triggers.append(Trigger(type: "prometheus", name: "load", metricType: "AverageValue", metadata: SortedMap([
                "serverAddress": reactive.server, "query": reactive.query, "threshold": Self.number(reactive.threshold),
            ])))
        }
        let floor = profile.minReplicas
        let cap = max(profile.maxReplicas, max(1, floor))
        spec = Spec(
            scaleTargetRef: ScaleTargetRef(name: target.deployment), pollingInterval: export.pollingIntervalSeconds,
            minReplicaCount: floor, maxReplicaCount: cap,
            fallback: Fallback(failureThreshold: 3, replicas: min(max(target.fallbackReplicas, floor), cap)),
            advanced: Advanced(horizontalPodAutoscalerConfig: HPAConfig(behavior: AutoscalerExport.behavior(profile))),
            triggers: triggers)
    }

    /// `value` percent-encoded for a URL's query (RFC 3986 unreserved characters kept).
    static func query(_ value: String) -> String {
        var encoded = ""
        for byte in value.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII, c.isLetter || c.isNumber || "-._~".contains(c) {
                encoded.append(c)
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded
            }
        }
        return encoded
    }

    /// A threshold as KEDA reads it: a decimal without exponent (`5`, `0.75`).
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// The `TriggerAuthentication` the metrics-api trigger uses: a read-scope token of Headroom's
/// (`headroom token create --scope read`) in the Secret `headroom-read-token`, key `token`.
public struct TriggerAuthentication: Codable, Hashable, Sendable {
    static let name = "headroom-read-token"

    var apiVersion = "keda.sh/v1alpha1"
    var kind = "TriggerAuthentication"
    var metadata: ObjectMeta
    var spec: Spec

    struct Spec: Codable, Hashable {
        var secretTargetRef: [SecretRef]
    }

    struct SecretRef: Codable, Hashable {
        var parameter: String
        var name: String
        var key: String
    }

    init(target: AutoscalerExport.Target) {
        metadata = ObjectMeta(name: Self.name, namespace: target.namespace, labels: SortedMap(["app.kubernetes.io/managed-by": "headroom"]))
        spec = Spec(secretTargetRef: [SecretRef(parameter: "token", name: Self.name, key: "token")])
    }

    /// The external trigger's TLS: KEDA's CA and client certificate and key from the Secret
    /// `headroom-keda-tls` (a `kubernetes.io/tls` Secret with `ca.crt`).
    static let tlsName = "headroom-keda-tls"

    init(tlsFor target: AutoscalerExport.Target) {
        metadata = ObjectMeta(name: Self.tlsName, namespace: target.namespace, labels: SortedMap(["app.kubernetes.io/managed-by": "headroom"]))
        spec = Spec(secretTargetRef: [
            SecretRef(parameter: "caCert", name: Self.tlsName, key: "ca.crt"),
            SecretRef(parameter: "tlsClientCert", name: Self.tlsName, key: "tls.crt"),
            SecretRef(parameter: "tlsClientKey", name: Self.tlsName, key: "tls.key"),
        ])
    }
}

extension String {
    /// Two hex digits.
    fileprivate var leftPadded: String { count < 2 ? "0" + self : self }
}
