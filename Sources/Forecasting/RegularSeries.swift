/// A series on a regular time grid: `values[i]` is the amount in the step starting at
/// `start + i * stepSeconds`. NaN (or an infinity) marks a missing value.
public struct RegularSeries: Sendable, Equatable {
    /// Values per step; NaN = missing.
    public var values: [Double]
    /// The step in seconds (1 ... 86 400).
    public var stepSeconds: Int64
    /// Start of the first step, Unix seconds (UTC).
    public var start: Int64

    public init(values: [Double], stepSeconds: Int64, start: Int64) {
        self.values = values
        self.stepSeconds = stepSeconds
        self.start = start
    }
}
