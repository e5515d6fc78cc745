import Hummingbird
import Jobs
import Kubernetes
import Vocabulary

extension Routes {
    /// `GET /v1/exports/kubernetes.yaml?model=&region=|all=true&namespace=&deployment=&scaler=&format=&scaler_address=&headroom_url=`:
    /// the same objects as `headroom export kubernetes` (without the reactive trigger, whose
    /// query belongs to the caller's cluster), as one YAML document: a `v1` `List`.
    var exportRoutes: [Route] {
        [
            Route(.get, "/v1/exports/kubernetes.yaml", .token(.read)) { request, _ -> Response in
                let query = try Query(request, allowed: ["model", "region", "all", "namespace", "deployment", "scaler", "format",
                                                         "scaler_address", "headroom_url"])
                guard let fleet = self.settings.fleet else {
                    throw Problem(.unavailable, "the service was started without a fleet configuration")
                }
                let all = try query.choice("all", among: [Flag.yes]) != nil
                let model = query.string("model"), region = query.string("region")
                switch (all, model, region) {
                case (true, nil, nil), (false, _?, _?): break
                case (true, _, _): throw Problem(.invalidParameter, "query parameter 'all' exports every model and region: leave out 'model' and 'region'")
                default: throw Problem(.invalidParameter, "query parameters 'model' and 'region' are required together, or all=true")
                }
                let format = try query.choice("format", AutoscalerExport.Format.self) ?? .keda
                let scaler = try query.choice("scaler", AutoscalerExport.Scaler.self) ?? .external
                if format == .hpa, scaler != .external {
                    throw Problem(.invalidParameter, "query parameter 'scaler': \(scaler.rawValue) is a KEDA trigger; format=hpa reads the external metric headroom_scaling_replicas")
                }
                let export = AutoscalerExport(
                    format: format, scaler: scaler,
                    scalerAddress: query.string("scaler_address") ?? "headroom.headroom.svc.cluster.local:9443",
                    headroomURL: query.string("headroom_url") ?? "http://headroom.headroom.svc.cluster.local:8080")
                let manifests = AutoscalerManifests(configuration: fleet, export: export,
                                                    namespace: query.string("namespace") ?? "default",
                                                    deployment: query.string("deployment") ?? "{model}-{region}")
                let keys = all ? manifests.all : [ModelRegion(model: model ?? "", region: region ?? "")]
                let database = self.database
                let text = try await offload { () throws -> String in
                    do {
                        return try manifests.yaml(for: keys, database: database, list: true).text
                    } catch let error as AutoscalerManifestsError {
                        switch error {
                        case .unknownModel, .regionNotServed: throw Problem(.notFound, error.description)
                        case .namespace, .deployment, .label, .address: throw Problem(.invalidParameter, error.description)
                        case .encoding: throw Problem(.internalError, error.description)
                        }
                    }
                }
                return Response(status: .ok, headers: [.contentType: "application/yaml"],
                                body: .init(byteBuffer: ByteBuffer(string: text)))
            },
        ]
    }

    /// `all=true`.
    enum Flag: String { case yes = "true" }
}
