public import Planning

extension ConfigurationReader {
    /// The example fleet of `examples/headroom.yaml`, compiled into the binary: what the main
    /// job plans with when no configuration file is given.
    public static var exampleText: String { embeddedExampleConfiguration }

    /// The example fleet, parsed.
    public static func example() throws(ConfigurationError) -> FleetConfiguration {
        try parse(embeddedExampleConfiguration)
    }

    /// The example fleet and its service settings, parsed.
    public static func exampleConfiguration() throws(ConfigurationError) -> HeadroomConfiguration {
        try parseConfiguration(embeddedExampleConfiguration)
    }
}
