public import Kubernetes
public import Planning
public import Store
public import Vocabulary

/// The Kubernetes autoscaler objects for configured models and regions (``AutoscalerExport``),
/// with KEDA's fallback at each one's peak in the newest plan: the one source of
/// `headroom export kubernetes` and `GET /v1/exports/kubernetes.yaml`.
public struct AutoscalerManifests: Sendable {
    public var configuration: FleetConfiguration
    public var export: AutoscalerExport
    public var namespace: String
    /// The Deployment's name; `{model}` and `{region}` are replaced (default `{model}-{region}`).
    public var deployment: String

    public init(configuration: FleetConfiguration, export: AutoscalerExport, namespace: String,
                deployment: String = "{model}-{region}") {
        self.configuration = configuration
        self.export = export
        self.namespace = namespace
        self.deployment = deployment
    }

    /// Every configured model and region, sorted.
    public var all: [ModelRegion] {
        configuration.models.sorted { $0.key < $1.key }.flatMap { name, profile in
            profile.regions.map { ModelRegion(model: name, region: $0) }
        }
    }

    /// The YAML for `keys`: documents one after the other (`list` false, what the CLI writes) or
    /// one `v1` `List` document (`list` true, what the REST route answers), and notes for people
    /// (a model without a plan).
    /// - Throws: ``AutoscalerManifestsError`` naming what is wrong (nothing is written).
    public func yaml(for keys: [ModelRegion], database: AppDatabase?, list: Bool = false) throws -> (text: String, notes: [String]) {
        let (objects, notes) = try objects(for: keys, database: database)
        do {
            return (list ? try AutoscalerExport.renderList(objects)
                : "# Made by `headroom export kubernetes` (docs/KUBERNETES.md).\n" + (try AutoscalerExport.render(objects)), notes)
        } catch {
            throw AutoscalerManifestsError.encoding("\(error)")
        }
    }

    /// The objects for `keys`, in order, and the notes.
    func objects(for keys: [ModelRegion], database: AppDatabase?) throws -> (objects: [KubernetesObject], notes: [String]) {
        if let problem = KubernetesName.problem(namespace) { throw AutoscalerManifestsError.namespace(problem) }
        if let problem = export.addressProblem { throw AutoscalerManifestsError.address(problem) }
        var objects: [KubernetesObject] = []
        var notes: [String] = []
        var names: [String: ModelRegion] = [:]
        for key in keys {
            guard let profile = configuration.models[key.model] else {
                throw AutoscalerManifestsError.unknownModel(key.model, known: configuration.models.keys.sorted())
            }
            guard profile.regions.contains(key.region) else {
                throw AutoscalerManifestsError.regionNotServed(key.model, key.region, served: profile.regions)
            }
            let name = KubernetesName.expand(deployment, model: key.model, region: key.region)
            if let problem = KubernetesName.problem(name) { throw AutoscalerManifestsError.deployment(problem) }
            guard name.utf8.count <= 54 else {
                throw AutoscalerManifestsError.deployment("'\(name)' is longer than 54 characters: the objects are named "
                    + "'<deployment>-headroom', at most 63")
            }
            if let other = names.updateValue(key, forKey: name) {
                throw AutoscalerManifestsError.deployment("'\(deployment)' gives \(other) and \(key) the same name '\(name)': "
                    + "put {model} and {region} in it")
            }
            for (what, value) in [("model", key.model), ("region", key.region)] {
                if let problem = KubernetesName.labelProblem(value) {
                    throw AutoscalerManifestsError.label("\(what) '\(value)' \(problem), so it cannot be a label value")
                }
            }
            var fallback = profile.maxReplicas
            if let peak = try database?.modelPlan(model: key.model, region: key.region)?.plan.peakReplicas {
                fallback = peak
            } else {
                notes.append("\(key): no plan stored, so KEDA's fallback holds max_replicas (\(profile.maxReplicas))")
            }
            let target = AutoscalerExport.Target(model: key.model, region: key.region, namespace: namespace,
                                                 deployment: name, fallbackReplicas: fallback)
            objects += export.objects(for: target, profile: profile)
        }
        // One TriggerAuthentication of each kind is enough.
        var seen: Set<KubernetesObject> = []
        objects = objects.filter { object in
            guard case .triggerAuthentication = object else { return true }
            return seen.insert(object).inserted
        }
        return (objects, notes)
    }
}

/// Why no manifest was written; each names the input at fault.
public enum AutoscalerManifestsError: Error, Equatable, CustomStringConvertible {
    case namespace(String)
    case deployment(String)
    case label(String)
    case address(String)
    case unknownModel(String, known: [String])
    case regionNotServed(String, String, served: [String])
    case encoding(String)

    public var description: String {
        switch self {
        case .namespace(let problem): "namespace \(problem)"
        case .deployment(let problem): "deployment name \(problem)"
        case .label(let problem): problem
        case .address(let problem): problem
        case .unknownModel(let model, let known): "model '\(model)' is not configured (models: \(known.joined(separator: ", ")))"
        case .regionNotServed(let model, let region, let served):
            "model '\(model)' does not serve region '\(region)' (it serves \(served.joined(separator: ", ")))"
        case .encoding(let reason): "cannot write the manifest: \(reason)"
        }
    }
}
