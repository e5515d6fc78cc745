import ArgumentParser
import Foundation
import Jobs
import Kubernetes
import Store
import Vocabulary

/// `headroom export`: what other systems read from Headroom.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write what other systems read from Headroom.",
        subcommands: [ExportKubernetesCommand.self])
}

/// `headroom export kubernetes`: the KEDA ScaledObject (or plain HPA) that makes a cluster's
/// autoscaler run the plan (docs/KUBERNETES.md).
struct ExportKubernetesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubernetes",
        abstract: "Write the KEDA ScaledObject (or autoscaling/v2 HPA) that runs a model's plan in a cluster.",
        discussion: """
        The ScaledObject's first trigger is Headroom's floor: KEDA's external scaler served by \
        `headroom serve` (--scaler external, at --scaler-address) or its metrics-api scaler on \
        GET /v1/scaling (--scaler metrics-api, at --headroom-url, with a read token in the Secret \
        headroom-read-token). With --reactive prometheus a second trigger scales on a load query; \
        the HPA KEDA drives runs the larger, which is Headroom's hybrid. min/max replicas come from \
        the model's configuration, the HPA behavior from its scale-up limit and scale-down \
        stabilisation, KEDA's fallback from the plan's peak. --format hpa writes a plain HPA on the \
        external metric headroom_scaling_replicas for clusters without KEDA.
        """
    )

    @OptionGroup var fleet: ConfigurationOption

    @Option(name: .customLong("db"), help: "SQLite database whose newest plan gives each fallback's peak (used when the file exists; opened, and migrated, like every command's).")
    var databasePath: String = "headroom.sqlite"

    @Option(help: "Model (with --region), or use --all.")
    var model: String?

    @Option(help: "Region (with --model).")
    var region: String?

    @Flag(help: "Every configured model and region, one multi-document file.")
    var all = false

    @Option(help: "Namespace of the objects and the Deployment.")
    var namespace: String = "default"

    @Option(help: "Deployment to scale; {model} and {region} are replaced.")
    var deployment: String = "{model}-{region}"

    @Option(help: "How KEDA reads the floor: external | metrics-api.")
    var scaler: String = AutoscalerExport.Scaler.external.rawValue

    @Option(name: .customLong("scaler-address"), help: "host:port of Headroom's KEDA external scaler as the cluster reaches it.")
    var scalerAddress: String = "headroom.headroom.svc.cluster.local:9443"

    @Option(name: .customLong("headroom-url"), help: "Base URL of Headroom's REST API as the cluster reaches it (metrics-api).")
    var headroomURL: String = "http://headroom.headroom.svc.cluster.local:8080"

    @Flag(name: .customLong("scaler-tls"), help: "The external scaler serves TLS (service.keda.tls): authenticate with KEDA's CA and client certificate from the Secret headroom-keda-tls.")
    var scalerTLS = false

    @Option(help: "A reactive trigger beside the floor: prometheus.")
    var reactive: String?

    @Option(help: "Prometheus server URL of the reactive trigger.")
    var server: String?

    @Option(help: "PromQL of the reactive trigger, e.g. 'sum(vllm:num_requests_running{model_name=\"M\"})'.")
    var query: String?

    @Option(help: "Value of the query one replica takes (> 0).")
    var threshold: Double?

    @Option(help: "keda | hpa.")
    var format: String = AutoscalerExport.Format.keda.rawValue

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        _ = try export()
        switch (all, model, region) {
        case (true, nil, nil): break
        case (true, _, _): throw ValidationError("--all exports every model and region: leave out --model and --region")
        case (false, nil, _): throw ValidationError("--model is required (with --region), or --all")
        case (false, _, nil): throw ValidationError("--region is required with --model")
        default: break
        }
    }

    /// The export the options describe.
    func export() throws -> AutoscalerExport {
        guard let format = AutoscalerExport.Format(rawValue: format) else {
            throw ValidationError("--format '\(format)': must be keda or hpa")
        }
        guard let scaler = AutoscalerExport.Scaler(rawValue: scaler) else {
            throw ValidationError("--scaler '\(scaler)': must be external or metrics-api")
        }
        if format == .hpa, scaler != .external {
            throw ValidationError("--scaler \(scaler.rawValue) is a KEDA trigger: --format hpa reads the external metric headroom_scaling_replicas")
        }
        if scalerTLS, scaler != .external || format != .keda {
            throw ValidationError("--scaler-tls applies to KEDA's external scaler (--scaler external, --format keda)")
        }
        var trigger: AutoscalerExport.Reactive?
        switch reactive {
        case nil:
            if server != nil || query != nil || threshold != nil {
                throw ValidationError("--server, --query and --threshold describe --reactive prometheus: add it")
            }
        case "prometheus":
            guard format == .keda else {
                throw ValidationError("--reactive prometheus is a KEDA trigger: with --format hpa, add your load metric to the HPA yourself")
            }
            guard let server, server.hasPrefix("http://") || server.hasPrefix("https://") else {
                throw ValidationError("--server: the Prometheus URL (http:// or https://) is required with --reactive prometheus")
            }
            guard let query, !query.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--query: a PromQL query is required with --reactive prometheus")
            }
            guard let threshold, threshold.isFinite, threshold > 0 else {
                throw ValidationError("--threshold: the value one replica takes, a number above 0, is required with --reactive prometheus")
            }
            trigger = AutoscalerExport.Reactive(server: server, query: query, threshold: threshold)
        case let other?:
            throw ValidationError("--reactive '\(other)': the reactive trigger can be prometheus")
        }
        let export = AutoscalerExport(format: format, scaler: scaler, scalerAddress: scalerAddress, headroomURL: headroomURL,
                                      reactive: trigger, scalerTLS: scalerTLS)
        if let problem = export.addressProblem {
            throw ValidationError(problem.hasPrefix("scaler address") ? "--scaler-address: \(problem)" : "--headroom-url: \(problem)")
        }
        return export
    }

    func run() throws {
        let loaded = try fleet.load()
        let manifests = AutoscalerManifests(configuration: loaded.configuration, export: try export(), namespace: namespace,
                                            deployment: deployment)
        let keys = all ? manifests.all : [ModelRegion(model: model ?? "", region: region ?? "")]
        var database: AppDatabase?
        if FileManager.default.fileExists(atPath: databasePath) {
            do {
                database = try AppDatabase.open(path: databasePath)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
        }
        let result: (text: String, notes: [String])
        do {
            result = try manifests.yaml(for: keys, database: database)
        } catch let error as AutoscalerManifestsError {
            throw CommandFailure(error.description)
        }
        for note in result.notes {
            FileHandle.standardError.write(Data("note: \(note)\n".utf8))
        }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(result.text.utf8)) else {
                throw CommandFailure("\(output): cannot be written")
            }
        } else {
            print(result.text, terminator: "")
        }
    }
}
