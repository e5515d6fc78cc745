/// Why a forecast could not be made; each case names the offending value.
public enum ForecastError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The step is not in 1 s ... 1 day.
    case invalidStep(seconds: Int64)
    /// The horizon is not a positive number of steps (or is absurdly long).
    case invalidHorizon(Int)
    /// A quantile level is not strictly inside (0, 1).
    case invalidLevel(Double)
    /// A seasonal period is not at least 2 steps (or not finite).
    case invalidPeriod(Double)
    /// An event ends before it starts.
    case invalidEvent(name: String)
    /// The series has no observed (non-NaN, finite) value at all.
    case noObservations
    /// Series in one batch must have the same length (they share one time grid).
    case lengthMismatch(expected: Int, actual: Int, series: Int)

    public var description: String {
        switch self {
        case let .invalidStep(seconds): return "step of \(seconds) s is outside 1 s ... 1 day"
        case let .invalidHorizon(h): return "horizon \(h) must be between 1 and \(Forecaster.maximumHorizon) steps"
        case let .invalidLevel(level): return "quantile level \(level) must be strictly between 0 and 1"
        case let .invalidPeriod(period): return "seasonal period \(period) must be at least 2 steps"
        case let .invalidEvent(name): return "event '\(name)' ends before it starts"
        case .noObservations: return "the series has no observed value (all missing)"
        case let .lengthMismatch(expected, actual, series):
            return "series \(series) has \(actual) points, expected \(expected) (one shared time grid)"
        }
    }
}
