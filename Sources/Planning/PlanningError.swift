/// Why a plan could not be made; each case names the model and region (or pool) concerned.
public enum PlanningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The demand names a model the configuration does not describe.
    case unknownModel(model: String)
    /// The demand names a region the model does not serve.
    case regionNotServed(model: String, region: String)
    /// Two demands for the same model and region.
    case duplicateDemand(model: String, region: String)
    /// The planning step is not a whole multiple of the demand's step.
    case stepMismatch(model: String, region: String, demandSeconds: Int64, planningSeconds: Int64)
    /// A series holds a negative, NaN or infinite value.
    case invalidValue(model: String, region: String, series: String, index: Int, value: Double)
    /// A quantile series is missing, or its length differs from the point forecast.
    case quantileUnavailable(model: String, region: String, level: Double, available: [Double])
    case lengthMismatch(model: String, region: String, series: String, count: Int, expected: Int)
    /// The configuration is inconsistent in a way the planner cannot work around.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .unknownModel(let model):
            "demand for model '\(model)', which the configuration does not describe"
        case .regionNotServed(let model, let region):
            "demand for \(model) in \(region), which the model does not serve (see models.\(model).regions)"
        case .duplicateDemand(let model, let region):
            "two demands for \(model) in \(region)"
        case .stepMismatch(let model, let region, let demand, let planning):
            "\(model)/\(region): the planning step (\(planning) s) is not a whole multiple of the demand step (\(demand) s)"
        case .invalidValue(let model, let region, let series, let index, let value):
            "\(model)/\(region): \(series)[\(index)] is \(value); \(series.contains("tokens") ? "tokens" : "requests") per step must be finite and not negative"
        case .quantileUnavailable(let model, let region, let level, let available):
            "\(model)/\(region): the plan needs quantile \(level) but the forecast has "
                + (available.isEmpty ? "none" : available.map { "\($0)" }.joined(separator: ", "))
                + " (levels between two given ones are interpolated)"
        case .lengthMismatch(let model, let region, let series, let count, let expected):
            "\(model)/\(region): \(series) has \(count) values, expected \(expected)"
        case .invalidConfiguration(let reason):
            "configuration: \(reason)"
        }
    }
}
