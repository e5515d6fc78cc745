public import Planning
public import Traffic

/// Why a replay cannot run; each case says what to change.
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The traffic holds no series.
    case noTraffic
    /// A line or the whole traffic file cannot be read.
    case traffic(TrafficProblem)
    /// A policy name that is not one of the four (or `all`).
    case unknownPolicy(String)
    /// A series names a model the configuration does not describe.
    case unknownModel(model: String, configured: [String])
    /// A series names a region the model does not serve.
    case regionNotServed(model: String, region: String, served: [String])
    /// `trainDays` is below 1.
    case invalidTrainDays(Int)
    /// The training period leaves no whole day to replay.
    case trainDaysTooLarge(trainDays: Int, wholeDays: Int, firstDay: String, lastDay: String)
    /// Fewer than half the steps hold a value: the traffic's step is coarser than the grid.
    case sparseTraffic(coverage: Double, step: String)
    /// The planning step does not divide a day, so days cannot be replayed whole.
    case stepNotDividingDay(step: String)
    /// The planner refused the day's demand.
    case planning(day: String, PlanningError)
    /// The forecaster refused the day's history (invalid options).
    case forecasting(day: String, String)
    /// A served-fraction target outside (0, 1).
    case invalidTarget(Double)
    /// A token replay's traffic lacks a metric or holds more than one series.
    case tokenTraffic(String)

    public var description: String {
        switch self {
        case .noTraffic:
            "the traffic holds no `requests` rows: the simulator replays the requests metric"
        case .traffic(let problem):
            "\(problem)"
        case .unknownPolicy(let name):
            "unknown policy '\(name)': use "
                + SimulationPolicy.allCases.map(\.rawValue).joined(separator: ", ") + " or all"
        case .unknownModel(let model, let configured):
            "the traffic names model '\(model)', which the configuration does not describe (configured: "
                + configured.joined(separator: ", ") + ")"
        case .regionNotServed(let model, let region, let served):
            "the traffic has \(model) in \(region), which the configuration does not serve it in (regions: "
                + served.joined(separator: ", ") + ")"
        case .invalidTrainDays(let days):
            "--train-days \(days): must be at least 1"
        case .trainDaysTooLarge(let train, let whole, let first, let last):
            "--train-days \(train) leaves no day to replay: the traffic holds \(whole) whole UTC days "
                + "(\(first) to \(last)); use at most \(max(1, whole - 1))"
        case .sparseTraffic(let coverage, let step):
            "only \(Int((coverage * 100).rounded())) % of the \(step) steps hold a value: the traffic's step looks "
                + "coarser than the planning step; spread each count over \(step) steps first (scripts/nab-to-ingest.py does so for NAB series)"
        case .stepNotDividingDay(let step):
            "the planning step \(step) does not divide a day: the replay walks forward whole UTC days (use e.g. 5m, 15m, 1h)"
        case .planning(let day, let error):
            "planning \(day): \(error)"
        case .forecasting(let day, let reason):
            "forecasting \(day): \(reason)"
        case .invalidTarget(let target):
            "--target-served \(target): must be a share of requests strictly between 0 and 1, such as 0.999"
        case .tokenTraffic(let reason):
            reason
        }
    }
}
