import ArgumentParser
import Config
import Foundation
import Planning

/// `--config PATH`: the fleet description (headroom.yaml). Without it, the built-in example
/// fleet (examples/headroom.yaml, compiled in) is used.
struct ConfigurationOption: ParsableArguments {
    @Option(name: .customLong("config"), help: "Fleet configuration (headroom.yaml). Default: the built-in example fleet.")
    var path: String?

    /// The configuration and its text, or a clean failure naming the file and the key path.
    func load() throws -> (configuration: FleetConfiguration, text: String, source: String) {
        let loaded = try loadAll()
        return (loaded.configuration.fleet, loaded.text, loaded.source)
    }

    /// The fleet and the `service` section (schedule, limits).
    func loadAll() throws -> (configuration: HeadroomConfiguration, text: String, source: String) {
        guard let path else {
            do {
                return (try ConfigurationReader.exampleConfiguration(), ConfigurationReader.exampleText, "the built-in example fleet")
            } catch {
                throw CommandFailure("built-in example fleet: \(error)")
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("\(path): no such file, or it cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("\(path): not UTF-8 text")
        }
        do {
            return (try ConfigurationReader.parseConfiguration(text), text, path)
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }
}
