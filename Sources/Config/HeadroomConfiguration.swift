public import Planning

/// Everything headroom.yaml describes: the fleet the planner works on and the service's settings.
public struct HeadroomConfiguration: Sendable {
    public var fleet: FleetConfiguration
    public var service: ServiceSettings

    public init(fleet: FleetConfiguration, service: ServiceSettings = ServiceSettings()) {
        self.fleet = fleet
        self.service = service
    }
}
