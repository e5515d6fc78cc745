import Traffic

/// Why a cost report cannot be made from the given request. Each case names the request's
/// field (`from`, `to`, `granularity`, `group_by`) and the value that was wrong.
public enum CostReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `from` (Unix seconds) is not before `to`.
    case emptyPeriod(from: Int64, to: Int64)
    /// The period holds more charge periods than ``CostReport/maximumPeriods``.
    case periodTooLong(from: Int64, to: Int64, granularity: ReportGranularity, periods: Int64)
    /// A granularity other than `hour` or `day`.
    case unknownGranularity(String)
    /// A `group_by` entry other than `model` or `region`.
    case unknownDimension(String)

    public var description: String {
        switch self {
        case .emptyPeriod(let from, let to):
            "from \(Timestamp.format(from)) is not before to \(Timestamp.format(to))"
        case .periodTooLong(let from, let to, let granularity, let periods):
            "from \(Timestamp.format(from)) to \(Timestamp.format(to)) holds \(periods) charge periods of one "
                + "\(granularity.rawValue), more than the \(CostReport.maximumPeriods) a report may hold"
                + (granularity == .hour ? " (366 days of hours): use granularity day or a shorter period" : "")
        case .unknownGranularity(let text):
            "granularity '\(text)' is not hour or day"
        case .unknownDimension(let text):
            "group_by entry '\(text)' is not model or region"
        }
    }
}
