import Config
import Foundation
import Scheduling
import Testing

@Suite struct ServiceSettingsTests {
    /// `minimal` with a `service:` section of `lines` (each indented under `service:`).
    func withService(_ lines: String...) -> String {
        minimal + "\nservice:\n" + lines.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    func service(_ yaml: String) throws -> ServiceSettings {
        try ConfigurationReader.parseConfiguration(yaml).service
    }

    @Test func defaultsWithoutASection() throws {
        let settings = try service(minimal)
        #expect(settings == ServiceSettings())
        #expect(settings.schedule == JobSchedule(timeZone: .gmt, jobs: [("pull", .hourly(minute: 7)), ("forecast", .nightly), ("tune", .weekly), ("plan", .nightly),
                                                                         ("execute", .nightly)]))
        #expect(settings.schedule.timeZone.identifier == "GMT" || settings.schedule.timeZone.secondsFromGMT() == 0)
        #expect(settings.shutdownGraceSeconds == 30)
        #expect(settings.metricsRequireToken == false)
        #expect(settings.maxRequestBytes == 16 * 1_048_576)
    }

    @Test func everyKeyIsRead() throws {
        let settings = try service(withService(
            "schedule:",
            "  time_zone: Europe/Berlin",
            "  forecast: \"30 1 * * *\"",
            "  plan: 45 1 * * MON-FRI",
            "  execute: \"*/10 * * * *\"",
            "  enabled: false",
            "shutdown_grace: 2m",
            "metrics_require_token: true",
            "max_request_bytes: 512KiB"))
        #expect(settings.schedule.timeZone.identifier == "Europe/Berlin")
        #expect(settings.schedule.cron(for: "forecast")?.text == "30 1 * * *")
        #expect(settings.schedule.cron(for: "plan")?.text == "45 1 * * MON-FRI")
        #expect(settings.schedule.cron(for: "execute")?.text == "*/10 * * * *")
        #expect(settings.schedule.enabled == false)
        #expect(settings.shutdownGraceSeconds == 120)
        #expect(settings.metricsRequireToken)
        #expect(settings.maxRequestBytes == 512 * 1_024)
        #expect(try service(withService("max_request_bytes: 1_048_576")).maxRequestBytes == 1_048_576)
        #expect(try service(withService("max_request_bytes: 2MB")).maxRequestBytes == 2_000_000)
        #expect(try service(withService("shutdown_grace: 2.5")).shutdownGraceSeconds == 2.5)
        let limits = try service(withService("header_timeout: 5s", "idle_timeout: 1m", "max_connections: 100",
                                             "max_concurrent_ingests: 2"))
        #expect(limits.headerTimeoutSeconds == 5 && limits.idleTimeoutSeconds == 60)
        #expect(limits.maxConnections == 100 && limits.maxConcurrentIngests == 2)
        #expect(try ConfigurationReader.parse(withService("shutdown_grace: 5s")).models.count == 1, "parse still returns the fleet")
    }

    @Test func badValuesNameTheKeyAndTheLine() {
        let line = minimal.split(separator: "\n", omittingEmptySubsequences: false).count + 2
        #expect(problem(withService("schedule:", "  plan: \"0 24 * * *\""))
            == "service.schedule.plan: cron field 2 (hour): 24 is outside 0-23 (line \(line + 1))")
        #expect(problem(withService("schedule:", "  forecast: \"0 2 * *\""))
            == "service.schedule.forecast: cron expression '0 2 * *' has 4 fields; expected 5 (minute hour day-of-month month day-of-week) (line \(line + 1))")
        #expect(problem(withService("schedule:", "  time_zone: Mars/Olympus"))
            == "service.schedule.time_zone: unknown time zone 'Mars/Olympus' (an IANA name such as UTC, Europe/Berlin or America/New_York) (line \(line + 1))")
        #expect(problem(withService("schedule:", "  enabled: maybe"))
            == "service.schedule.enabled: must be true or false, got 'maybe' (line \(line + 1))")
        #expect(problem(withService("schedule:", "  nightly: true"))
            == "service.schedule.nightly: unknown key 'nightly' (expected one of: time_zone, pull, forecast, tune, plan, execute, enabled) (line \(line + 1))")
        #expect(problem(withService("shutdown_grace: soon"))
            == "service.shutdown_grace: must be a duration such as 90s, 15m, 48h or 28d, got 'soon' (line \(line))")
        #expect(problem(withService("shutdown_grace: 2h"))
            == "service.shutdown_grace: must be at most 1h, got 7200.0 s (line \(line))")
        #expect(problem(withService("metrics_require_token: 1"))
            == "service.metrics_require_token: must be true or false, got '1' (line \(line))")
        #expect(problem(withService("max_request_bytes: 16 potatoes"))
            == "service.max_request_bytes: must be a size in bytes such as 1048576, 512KiB or 16MiB, got '16 potatoes' (line \(line))")
        #expect(problem(withService("max_request_bytes: 10"))
            == "service.max_request_bytes: must be between 1KiB and 1GiB, got 10 bytes (line \(line))")
        #expect(problem(withService("max_request_bytes: 99999999999GiB"))
            == "service.max_request_bytes: must be a size in bytes such as 1048576, 512KiB or 16MiB, got '99999999999GiB' (line \(line))")
        #expect(problem(withService("port: 8080"))
            == "service.port: unknown key 'port' (expected one of: schedule, shutdown_grace, metrics_require_token, max_request_bytes, header_timeout, idle_timeout, max_connections, max_concurrent_ingests, keda) (line \(line))")
        #expect(problem(withService("header_timeout: 0s"))
            == "service.header_timeout: must be between 1s and 1h, got 0.0 s (line \(line))")
        #expect(problem(withService("idle_timeout: 2h"))
            == "service.idle_timeout: must be between 1s and 1h, got 7200.0 s (line \(line))")
        #expect(problem(withService("max_connections: 0"))
            == "service.max_connections: must be a whole number from 1 to 1000000, got 0 (line \(line))")
        #expect(problem(withService("max_concurrent_ingests: 65"))
            == "service.max_concurrent_ingests: must be a whole number from 1 to 64, got 65 (line \(line))")
        #expect(problem(minimal + "\nservice: yes\n") == "service: must be a mapping, got 'yes' (line \(line - 1))")
    }

    /// `service.keda`: KEDA's external scaler, off without the section.
    @Test func kedaListenAndTLS() throws {
        #expect(try service(minimal).keda == nil)
        #expect(try service(withService("keda: {}")).keda == KEDASettings(host: "127.0.0.1", port: 9443))
        #expect(try service(withService("keda: {listen: \"0.0.0.0:19443\"}")).keda == KEDASettings(host: "0.0.0.0", port: 19443))
        #expect(try service(withService("keda: {listen: \"[::1]:9443\"}")).keda?.address == "[::1]:9443")
        let line = minimal.split(separator: "\n", omittingEmptySubsequences: false).count + 2
        for bad in ["localhost:9443", "127.0.0.1", "127.0.0.1:70000", "1.2.3:9443", ":9443", "+1.+2.3.4:9443", "[1:.]:9443"] {
            #expect(problem(withService("keda: {listen: \"\(bad)\"}"))
                == "service.keda.listen: '\(bad)' is not host:port with an IP address and a port from 0 to 65535 (e.g. 127.0.0.1:9443, 0.0.0.0:9443, [::1]:9443) (line \(line))")
        }
        #expect(problem(withService("keda: {tls: {cert: /nonexistent/server.pem, key: /etc/hostname}}"))
            == "service.keda.tls.cert: '/nonexistent/server.pem' is not a readable file (a PEM file) (line \(line))")
        #expect(problem(withService("keda: {tls: {cert: /etc/hostname}}"))
            == "service.keda.tls: missing required key 'key' (line \(line))")
        #expect(problem(withService("keda: {port: 9443}"))
            == "service.keda.port: unknown key 'port' (expected one of: listen, tls) (line \(line))")
    }

    @Test func theExampleStatesTheDefaults() throws {
        let example = try ConfigurationReader.exampleConfiguration()
        var defaults = ServiceSettings()
        defaults.keda = KEDASettings()  // off by default; the example turns it on at its default address
        #expect(example.service == defaults)
        #expect(example.fleet.models.count == 4)
    }
}
