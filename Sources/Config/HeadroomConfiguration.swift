public import Jobs
public import Planning

/// Everything headroom.yaml describes: the fleet the planner works on, the service's settings
/// and the node pool's provider.
public struct HeadroomConfiguration: Sendable {
    public var fleet: FleetConfiguration
    public var service: ServiceSettings
    /// `pool.provider`: who carries out the execute job's actions.
    public var poolProvider: PoolProviderKind

    public init(fleet: FleetConfiguration, service: ServiceSettings = ServiceSettings(), poolProvider: PoolProviderKind = .embedded) {
        self.fleet = fleet
        self.service = service
        self.poolProvider = poolProvider
    }
}
