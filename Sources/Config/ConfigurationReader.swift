#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Planning
import Scheduling
import Traffic
import Yams

/// Reads headroom.yaml into a ``FleetConfiguration`` and ``ServiceSettings``, validating every key
/// (docs/CONFIGURATION.md lists them). Every problem is a ``ConfigurationError`` naming the key
/// path, the problem and the line.
public enum ConfigurationReader {
    /// Parses and validates YAML text (the `service` section included) and returns the fleet.
    /// - Throws: ``ConfigurationError`` for malformed YAML, unknown keys, wrong types, values out
    ///   of range and inconsistencies between sections.
    public static func parse(_ yaml: String) throws(ConfigurationError) -> FleetConfiguration {
        try parseConfiguration(yaml).fleet
    }

    /// Parses and validates YAML text: the fleet and the service's settings.
    /// - Throws: ``ConfigurationError`` as ``parse(_:)``.
    public static func parseConfiguration(_ yaml: String) throws(ConfigurationError) -> HeadroomConfiguration {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw ConfigurationError(path: "", reason: "the configuration is empty")
            }
            root = node
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(path: "", reason: "not valid YAML: \(error)")
        }
        let document = YAMLValue(node: root, path: "")
        let fields = try document.fields(DocumentKey.self, required: [.gpuTypes, .regions, .models])
        let settings = try planningSettings(fields[.planning])
        let budget = try monthlyBudget(fields[.budget])
        let modelNode = try fields.required(.models)
        let gpuTypes = try gpuTypes(try fields.required(.gpuTypes))
        let offers = try offers(try fields.required(.regions), gpuTypes: gpuTypes)
        var models: [String: ModelProfile] = [:]
        for (name, value) in try modelNode.entries() {
            models[name] = try model(name, value, gpuTypes: gpuTypes, offers: offers, settings: settings)
        }
        guard !models.isEmpty else { throw modelNode.error("must describe at least one model") }
        var fleet = FleetConfiguration(settings: settings, gpuTypes: gpuTypes, offers: offers, models: models,
                                       monthlyBudgetUSD: budget)
        fleet.commitments = try commitments(fields[.commitments], offers: offers)
        fleet.demandChanges = try demandChanges(fields[.demandChanges], offers: offers)
        return HeadroomConfiguration(fleet: fleet, service: try serviceSettings(fields[.service]),
                                     poolProvider: try poolProvider(fields[.pool]), prometheus: try sources(fields[.sources]))
    }

    /// The sections of the document.
    enum DocumentKey: String, ConfigurationKey {
        case planning, budget
        case gpuTypes = "gpu_types"
        case regions, models, commitments
        case demandChanges = "demand_changes"
        case service, pool, sources
    }

    /// Reads and parses the file at `path` (UTF-8) and returns the fleet.
    public static func load(path: String) throws(ConfigurationError) -> FleetConfiguration {
        try loadConfiguration(path: path).fleet
    }

    /// Reads and parses the file at `path` (UTF-8): the fleet and the service's settings.
    public static func loadConfiguration(path: String) throws(ConfigurationError) -> HeadroomConfiguration {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw ConfigurationError(path: "", reason: "\(path) is not UTF-8 text")
            }
            text = decoded
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(path: "", reason: "cannot read \(path): \(error)")
        }
        return try parseConfiguration(text)
    }

    /// The keys of `planning`.
    enum PlanningKey: String, ConfigurationKey {
        case step, horizon
        case reservationWindow = "reservation_window"
        case maxActionsPerDay = "max_actions_per_day"

        /// `planning.<key>`, for the errors of a default value.
        var path: String { YAMLValue.join(DocumentKey.planning.rawValue, rawValue) }
    }

    static func planningSettings(_ value: YAMLValue?) throws(ConfigurationError) -> PlanningSettings {
        let fields = try value?.fields(PlanningKey.self).values ?? [:]
        var step = Step(seconds: 300)
        if let stepValue = fields[.step] {
            do { step = try Step(parsing: try stepValue.string()) } catch let error as ConfigurationError { throw error }
            catch { throw stepValue.error("\(error)") }
        }
        guard let step else { throw ConfigurationError(path: PlanningKey.step.path, reason: "invalid step") }
        let horizon = try fields[.horizon]?.duration() ?? 48 * 3_600
        if horizon < step.seconds {
            throw fields[.horizon]?.error("must be at least one step (\(step))")
                ?? ConfigurationError(path: PlanningKey.horizon.path, reason: "too short")
        }
        if horizon / step.seconds > maximumHorizonSteps {
            throw fields[.horizon]?.error("is \(horizon / step.seconds) steps of \(step); at most \(maximumHorizonSteps) are planned")
                ?? ConfigurationError(path: PlanningKey.horizon.path, reason: "too long")
        }
        let window = try fields[.reservationWindow]?.duration() ?? 28 * 86_400
        let actions = try fields[.maxActionsPerDay]?.integer(atLeast: 1) ?? 48
        return PlanningSettings(step: step, horizonSeconds: horizon, reservationWindowSeconds: window, maxActionsPerDay: actions)
    }

    /// Most steps in a horizon (the schedule's look-ahead is quadratic in it): 20 000.
    static let maximumHorizonSteps: Int64 = 20_000

    static func monthlyBudget(_ value: YAMLValue?) throws(ConfigurationError) -> Double? {
        guard let value else { return nil }
        return try value.fields(BudgetKey.self)[.monthlyUSD]?.positive()
    }

    /// The keys of `budget`.
    enum BudgetKey: String, ConfigurationKey {
        case monthlyUSD = "monthly_usd"
    }

    /// The keys of `gpu_types.<name>`.
    enum GPUTypeKey: String, ConfigurationKey {
        case gpusPerNode = "gpus_per_node"
        case memoryGiB = "memory_gib"
    }

    static func gpuTypes(_ value: YAMLValue) throws(ConfigurationError) -> [String: GPUType] {
        var types: [String: GPUType] = [:]
        for (name, entry) in try value.entries() {
            let fields = try entry.fields(GPUTypeKey.self, required: [.gpusPerNode, .memoryGiB])
            types[name] = GPUType(name: name, gpusPerNode: try fields.required(.gpusPerNode).integer(atLeast: 1, atMost: 1_024),
                                  memoryGiB: try fields.required(.memoryGiB).positive())
        }
        guard !types.isEmpty else { throw value.error("must describe at least one GPU type") }
        return types
    }
}
