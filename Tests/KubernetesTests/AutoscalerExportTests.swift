import Config
@testable import Kubernetes
import Planning
import Testing
import Yams

/// The objects that make a cluster's autoscaler run the plan, read back as YAML.
@Suite struct AutoscalerExportTests {
    let target = AutoscalerExport.Target(model: "chat-8b", region: "us-east-1", namespace: "serving",
                                         deployment: "chat-8b-us-east-1", fallbackReplicas: 10)

    func documents(_ export: AutoscalerExport) throws -> [[String: Any]] {
        let profile = try #require(try ConfigurationReader.example().models["chat-8b"])
        let text = try export.documents(for: target, profile: profile)
        return try Yams.load_all(yaml: text).compactMap { $0 as? [String: Any] }
    }

    @Test func aScaledObjectWithTheFloorAndTheReactiveTrigger() throws {
        let export = AutoscalerExport(scaler: .external, scalerAddress: "headroom.headroom.svc:9443", headroomURL: "http://h:8080",
                                      reactive: .init(server: "http://prometheus:9090",
                                                      query: "sum(vllm:num_requests_running{model_name=\"chat-8b\"})", threshold: 24))
        let docs = try documents(export)
        #expect(docs.count == 1)
        let object = docs[0]
        #expect(object["apiVersion"] as? String == "keda.sh/v1alpha1" && object["kind"] as? String == "ScaledObject")
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["name"] as? String == "chat-8b-us-east-1-headroom" && metadata["namespace"] as? String == "serving")
        let spec = try #require(object["spec"] as? [String: Any])
        #expect(spec["minReplicaCount"] as? Int == 2 && spec["maxReplicaCount"] as? Int == 48)
        #expect((spec["scaleTargetRef"] as? [String: Any])?["name"] as? String == "chat-8b-us-east-1")
        #expect((spec["fallback"] as? [String: Any])?["replicas"] as? Int == 10)
        let triggers = try #require(spec["triggers"] as? [[String: Any]])
        #expect(triggers.map { $0["type"] as? String } == ["external", "prometheus"])
        #expect(triggers[0]["metadata"] as? [String: String]
            == ["scalerAddress": "headroom.headroom.svc:9443", "model": "chat-8b", "region": "us-east-1"])
        #expect((triggers[1]["metadata"] as? [String: String])?["threshold"] == "24")
        let behavior = try #require(((spec["advanced"] as? [String: Any])?["horizontalPodAutoscalerConfig"] as? [String: Any])?["behavior"]
            as? [String: Any])
        let up = try #require(behavior["scaleUp"] as? [String: Any])
        #expect((up["policies"] as? [[String: Any]])?.first?["value"] as? Int == 8)
        #expect((up["policies"] as? [[String: Any]])?.first?["periodSeconds"] as? Int == 60)
        #expect((behavior["scaleDown"] as? [String: Any])?["stabilizationWindowSeconds"] as? Int == 300,
                "the correction's window: the plan's floor carries the model's own 1800 s")
    }

    @Test func metricsAPIBringsItsTriggerAuthentication() throws {
        let docs = try documents(AutoscalerExport(scaler: .metricsAPI, scalerAddress: "-", headroomURL: "http://headroom:8080/"))
        #expect(docs.map { $0["kind"] as? String } == ["TriggerAuthentication", "ScaledObject"])
        let trigger = try #require(((docs[1]["spec"] as? [String: Any])?["triggers"] as? [[String: Any]])?.first)
        #expect(trigger["type"] as? String == "metrics-api")
        #expect(trigger["metadata"] as? [String: String] == [
            "url": "http://headroom:8080/v1/scaling?model=chat-8b&region=us-east-1", "valueLocation": "replicas",
            "targetValue": "1", "authMode": "bearer",
        ])
        #expect((trigger["authenticationRef"] as? [String: Any])?["name"] as? String == "headroom-read-token")
    }

    @Test func aPlainHPAOnTheExternalMetric() throws {
        let docs = try documents(AutoscalerExport(format: .hpa, scalerAddress: "-", headroomURL: "-"))
        let object = try #require(docs.first)
        #expect(object["apiVersion"] as? String == "autoscaling/v2" && object["kind"] as? String == "HorizontalPodAutoscaler")
        let spec = try #require(object["spec"] as? [String: Any])
        #expect(spec["minReplicas"] as? Int == 2 && spec["maxReplicas"] as? Int == 48)
        let metric = try #require((spec["metrics"] as? [[String: Any]])?.first?["external"] as? [String: Any])
        #expect((metric["metric"] as? [String: Any])?["name"] as? String == "headroom_scaling_replicas")
        #expect((metric["target"] as? [String: Any])?["averageValue"] as? String == "1")
    }

    @Test func namesAreDNSLabels() {
        #expect(KubernetesName.problem("chat-8b-us-east-1") == nil)
        #expect(KubernetesName.problem("") == "is empty")
        #expect(KubernetesName.problem("Chat") != nil && KubernetesName.problem("-a") != nil && KubernetesName.problem("a_b") != nil)
        #expect(KubernetesName.problem(String(repeating: "a", count: 64))?.contains("longer than 63") == true)
        #expect(KubernetesName.expand("{model}-{region}", model: "m", region: "r") == "m-r")
        #expect(KubernetesName.labelProblem("Llama-3.1_8B") == nil)
        #expect(KubernetesName.labelProblem("meta-llama/Llama") != nil && KubernetesName.labelProblem("-a") != nil)
    }

    @Test func tlsForTheExternalScalerAndEncodedURLs() throws {
        let tls = try documents(AutoscalerExport(scalerAddress: "headroom:9443", headroomURL: "-", scalerTLS: true))
        #expect(tls.map { $0["kind"] as? String } == ["TriggerAuthentication", "ScaledObject"])
        let refs = ((tls[0]["spec"] as? [String: Any])?["secretTargetRef"] as? [[String: Any]])?.map { $0["parameter"] as? String }
        #expect(refs == ["caCert", "tlsClientCert", "tlsClientKey"])
        let trigger = try #require(((tls[1]["spec"] as? [String: Any])?["triggers"] as? [[String: Any]])?.first)
        #expect((trigger["authenticationRef"] as? [String: Any])?["name"] as? String == "headroom-keda-tls")
        #expect(AutoscalerExport(scalerAddress: "headroom", headroomURL: "-").addressProblem?.contains("not host:port") == true)
        #expect(ScaledObject.query("meta-llama/Llama 3&x") == "meta-llama%2FLlama%203%26x")
    }
}
