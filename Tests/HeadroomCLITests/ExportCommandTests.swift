import Foundation
@testable import HeadroomCLI
import Testing

@Suite struct ExportCommandTests {
    @Test(arguments: [
        (["export", "kubernetes"], "--model is required (with --region), or --all"),
        (["export", "kubernetes", "--model", "chat-8b"], "--region is required with --model"),
        (["export", "kubernetes", "--all", "--model", "chat-8b"], "--all exports every model and region: leave out --model and --region"),
        (["export", "kubernetes", "--all", "--format", "xml"], "--format 'xml': must be keda or hpa"),
        (["export", "kubernetes", "--all", "--scaler", "grpc"], "--scaler 'grpc': must be external or metrics-api"),
        (["export", "kubernetes", "--all", "--reactive", "cpu"], "--reactive 'cpu': the reactive trigger can be prometheus"),
        (["export", "kubernetes", "--all", "--reactive", "prometheus"], "--server: the Prometheus URL"),
        (["export", "kubernetes", "--all", "--reactive", "prometheus", "--server", "http://p:9090"], "--query: a PromQL query is required"),
        (["export", "kubernetes", "--all", "--reactive", "prometheus", "--server", "http://p:9090", "--query", "up", "--threshold", "0"],
         "--threshold: the value one replica takes"),
        (["export", "kubernetes", "--all", "--query", "up"], "--server, --query and --threshold describe --reactive prometheus"),
        (["export", "kubernetes", "--all", "--format", "hpa", "--scaler", "metrics-api"], "--scaler metrics-api is a KEDA trigger"),
        (["export", "kubernetes", "--all", "--scaler", "metrics-api", "--scaler-tls"], "--scaler-tls applies to KEDA's external scaler"),
        (["export", "kubernetes", "--all", "--scaler-address", "headroom"], "--scaler-address: scaler address 'headroom' is not host:port"),
        (["export", "kubernetes", "--all", "--scaler", "metrics-api", "--headroom-url", "headroom:8080"],
         "--headroom-url: Headroom URL 'headroom:8080' is not an http:// or https:// URL"),
        (["export", "kubernetes", "--all", "--format", "hpa", "--reactive", "prometheus", "--server", "http://p", "--query", "q",
          "--threshold", "1"], "--reactive prometheus is a KEDA trigger"),
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) {
        #expect {
            _ = try Headroom.parseAsRoot(arguments)
        } throws: { error in
            Headroom.message(for: error).contains(message)
        }
    }

    @Test func unknownModelsAndBadNamesWriteNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "headroom-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appending(path: "so.yaml").path()
        for (arguments, message) in [
            (["--model", "chat-9b", "--region", "us-east-1"], "model 'chat-9b' is not configured (models: batch-summarize, chat-8b, code-70b, embed-small)"),
            (["--model", "chat-8b", "--region", "mars-1"], "model 'chat-8b' does not serve region 'mars-1' (it serves us-east-1, eu-west-1)"),
            (["--all", "--namespace", "Serving"], "namespace 'Serving' is not a DNS-1123 label"),
            (["--all", "--deployment", "{model}_{region}"], "deployment name 'batch-summarize_us-east-1' is not a DNS-1123 label"),
            (["--all", "--deployment", "vllm-{model}"], "deployment name 'vllm-{model}' gives batch-summarize/us-east-1 and batch-summarize/eu-west-1 the same name"),
            (["--all", "--deployment", String(repeating: "a", count: 40) + "-{model}"], "deployment name '"
                + String(repeating: "a", count: 40) + "-batch-summarize' is longer than 54 characters"),
        ] {
            var command = try Headroom.parseAsRoot(["export", "kubernetes", "--db", directory.appending(path: "none.sqlite").path(),
                                                    "--output", output] + arguments)
            #expect(throws: (any Error).self) { try command.run() }
            #expect {
                try command.run()
            } throws: { error in
                "\(error)".hasPrefix(message)
            }
            #expect(!FileManager.default.fileExists(atPath: output))
        }
        var good = try Headroom.parseAsRoot(["export", "kubernetes", "--db", directory.appending(path: "none.sqlite").path(),
                                             "--model", "chat-8b", "--region", "us-east-1", "--output", output])
        try good.run()
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("kind: ScaledObject"))
        #expect(!FileManager.default.fileExists(atPath: directory.appending(path: "none.sqlite").path()), "no database is created")
    }
}
