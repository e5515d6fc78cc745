public import Jobs
public import Planning
public import Pull

/// Everything headroom.yaml describes: the fleet the planner works on, the service's settings
/// and the node pool's provider.
public struct HeadroomConfiguration: Sendable {
    public var fleet: FleetConfiguration
    public var service: ServiceSettings
    /// `pool.provider`: who carries out the execute job's actions.
    public var poolProvider: PoolProviderKind
    /// `sources.prometheus`: the Prometheus traffic is pulled from; nil without one.
    public var prometheus: PrometheusSource?

    public init(fleet: FleetConfiguration, service: ServiceSettings = ServiceSettings(), poolProvider: PoolProviderKind = .embedded,
                prometheus: PrometheusSource? = nil) {
        self.fleet = fleet
        self.service = service
        self.poolProvider = poolProvider
        self.prometheus = prometheus
    }
}
