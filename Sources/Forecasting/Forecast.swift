/// A forecast of one series: for each future step, a point value and quantiles.
public struct Forecast: Sendable, Equatable {
    /// Point forecast per future step, in the series' units per step.
    public var point: [Double]
    /// The quantile levels, ascending in (0, 1).
    public var levels: [Double]
    /// `quantiles[k][h]` is the `levels[k]` quantile at future step `h`.
    public var quantiles: [[Double]]

    public init(point: [Double], levels: [Double], quantiles: [[Double]]) {
        self.point = point
        self.levels = levels
        self.quantiles = quantiles
    }
}
