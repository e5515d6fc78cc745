import Foundation
import PackagePlugin

/// Embeds text files from the package into a target as Swift constants, so the binary carries
/// them and never reads the working directory at run time:
/// - into `Store`: the SQL migrations of `Migrations/*.sql` (`embeddedMigrations`);
/// - into `Config`: the example fleet `examples/headroom.yaml` (`embeddedExampleConfiguration`);
/// - into `Server`: the OpenAPI document `docs/openapi.yaml` (`embeddedOpenAPIDocument`).
@main
struct EmbedText: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let tool = try context.tool(named: "embed-text").url
        switch target.name {
        case "Config":
            let example = context.package.directoryURL.appending(path: "examples/headroom.yaml")
            let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedExampleConfiguration.swift")
            return [
                .buildCommand(
                    displayName: "Embedding examples/headroom.yaml",
                    executable: tool,
                    arguments: ["--text", "embeddedExampleConfiguration", output.path(), example.path()],
                    inputFiles: [example],
                    outputFiles: [output]
                )
            ]
        case "Server":
            let document = context.package.directoryURL.appending(path: "docs/openapi.yaml")
            let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedOpenAPIDocument.swift")
            return [
                .buildCommand(
                    displayName: "Embedding docs/openapi.yaml",
                    executable: tool,
                    arguments: ["--text", "embeddedOpenAPIDocument", output.path(), document.path()],
                    inputFiles: [document],
                    outputFiles: [output]
                )
            ]
        default:
            let directory = context.package.directoryURL.appending(path: "Migrations")
            let files = try FileManager.default
                .contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "sql" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
            let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations.swift")
            return [
                .buildCommand(
                    displayName: "Embedding \(files.count) SQL migrations",
                    executable: tool,
                    arguments: [output.path()] + files.map { $0.path() },
                    inputFiles: files,
                    outputFiles: [output]
                )
            ]
        }
    }
}
