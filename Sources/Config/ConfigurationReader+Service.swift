#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Jobs
import Scheduling

extension ConfigurationReader {
    /// The keys of `service`.
    enum ServiceKey: String, ConfigurationKey {
        case schedule
        case shutdownGrace = "shutdown_grace"
        case metricsRequireToken = "metrics_require_token"
        case maxRequestBytes = "max_request_bytes"
        case headerTimeout = "header_timeout"
        case idleTimeout = "idle_timeout"
        case maxConnections = "max_connections"
        case maxConcurrentIngests = "max_concurrent_ingests"
        case keda
    }

    /// The keys of `service.keda`.
    enum KEDAKey: String, ConfigurationKey {
        case listen, tls
    }

    /// The keys of `service.keda.tls`.
    enum KEDATLSKey: String, ConfigurationKey {
        case cert, key
        case clientCA = "client_ca"
    }

    /// `service.keda`: `listen` (default 127.0.0.1:9443) and optional `tls` files, each of which
    /// must be readable now.
    static func kedaSettings(_ value: YAMLValue) throws(ConfigurationError) -> KEDASettings {
        let fields = try value.fields(KEDAKey.self)
        var settings = KEDASettings()
        if let listen = fields[.listen] {
            switch KEDASettings.parse(listen: try listen.string()) {
            case .success(let address): (settings.host, settings.port) = address
            case .failure(let problem): throw listen.error(problem.description)
            }
        }
        if let tls = fields[.tls] {
            let files = try tls.fields(KEDATLSKey.self, required: [.cert, .key])
            var paths: [KEDATLSKey: String] = [:]
            for key in [KEDATLSKey.cert, .key, .clientCA] {
                guard let item = files[key] else { continue }
                let path = try item.string()
                guard FileManager.default.isReadableFile(atPath: path) else {
                    throw item.error("'\(path)' is not a readable file (a PEM file)")
                }
                paths[key] = path
            }
            settings.tls = KEDASettings.TLSFiles(certificate: paths[.cert] ?? "", key: paths[.key] ?? "", clientCA: paths[.clientCA])
        }
        return settings
    }

    /// `service`: optional; every key has a default (docs/CONFIGURATION.md).
    static func serviceSettings(_ value: YAMLValue?) throws(ConfigurationError) -> ServiceSettings {
        var settings = ServiceSettings()
        guard let value else { return settings }
        let fields = try value.fields(ServiceKey.self)
        if let schedule = fields[.schedule] { settings.schedule = try jobSchedule(schedule) }
        if let grace = fields[.shutdownGrace] {
            settings.shutdownGraceSeconds = try grace.seconds()
            guard settings.shutdownGraceSeconds <= 3_600 else {
                throw grace.error("must be at most 1h, got \(settings.shutdownGraceSeconds) s")
            }
        }
        settings.metricsRequireToken = try fields[.metricsRequireToken]?.boolean() ?? false
        if let size = fields[.maxRequestBytes] {
            settings.maxRequestBytes = try size.byteSize()
            guard settings.maxRequestBytes >= 1_024, settings.maxRequestBytes <= 1 << 30 else {
                throw size.error("must be between 1KiB and 1GiB, got \(settings.maxRequestBytes) bytes")
            }
        }
        for (key, path) in [(ServiceKey.headerTimeout, \ServiceSettings.headerTimeoutSeconds), (.idleTimeout, \.idleTimeoutSeconds)] {
            guard let timeout = fields[key] else { continue }
            let seconds = try timeout.seconds()
            guard seconds >= 1, seconds <= 3_600 else {
                throw timeout.error("must be between 1s and 1h, got \(seconds) s")
            }
            settings[keyPath: path] = seconds
        }
        if let connections = fields[.maxConnections] {
            settings.maxConnections = try connections.integer()
            guard (1...1_000_000).contains(settings.maxConnections) else {
                throw connections.error("must be a whole number from 1 to 1000000, got \(settings.maxConnections)")
            }
        }
        if let keda = fields[.keda] { settings.keda = try kedaSettings(keda) }
        if let ingests = fields[.maxConcurrentIngests] {
            settings.maxConcurrentIngests = try ingests.integer()
            guard (1...64).contains(settings.maxConcurrentIngests) else {
                throw ingests.error("must be a whole number from 1 to 64, got \(settings.maxConcurrentIngests)")
            }
        }
        return settings
    }

    /// `service.schedule`: the time zone, a cron expression per job (the keys of
    /// ``JobCatalog``'s jobs), and the switch.
    static func jobSchedule(_ value: YAMLValue) throws(ConfigurationError) -> JobSchedule {
        let jobs = JobCatalog.jobs
        let fields = try value.fields(allowed: ["time_zone"] + jobs.map(\.scheduleKey) + ["enabled"])
        var schedule = JobCatalog.defaultSchedule
        if let zoneValue = fields["time_zone"] {
            let name = try zoneValue.string()
            guard let zone = TimeZone(identifier: name) else {
                throw zoneValue.error("unknown time zone '\(name)' (an IANA name such as UTC, Europe/Berlin or America/New_York)")
            }
            schedule.timeZone = zone
        }
        for job in jobs {
            guard let cronValue = fields[job.scheduleKey] else { continue }
            let text = try cronValue.string()
            do {
                schedule.setCron(try CronExpression(parsing: text), for: job.kind)
            } catch {
                throw cronValue.error(error.description)
            }
        }
        schedule.enabled = try fields["enabled"]?.boolean() ?? true
        return schedule
    }
}

extension YAMLValue {
    /// `true` or `false`.
    func boolean() throws(ConfigurationError) -> Bool {
        guard case .scalar(let scalar) = node else { throw error("must be true or false, got \(kind)") }
        switch scalar.string {
        case "true": return true
        case "false": return false
        default: throw error("must be true or false, got \(kind)")
        }
    }

    /// A size in bytes: a whole number (`1048576`) or one with a unit: `KiB`, `MiB`, `GiB`
    /// (powers of 1024), `KB`, `MB`, `GB` (powers of 1000) or `B`.
    func byteSize() throws(ConfigurationError) -> Int {
        let problem = error("must be a size in bytes such as 1048576, 512KiB or 16MiB, got \(kind)")
        guard case .scalar(let scalar) = node else { throw problem }
        let text = scalar.string.replacingUnderscores()
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let units: [String: Int] = ["": 1, "B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30,
                                    "KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000]
        guard !digits.isEmpty, digits.count <= 12, let count = Int(digits),
              let unit = units[String(text.dropFirst(digits.count)).trimmingCharacters(in: .whitespaces)] else { throw problem }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: unit)
        guard !overflow else { throw problem }
        return bytes
    }
}
