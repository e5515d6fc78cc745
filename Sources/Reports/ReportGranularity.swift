/// The length of one charge period of a cost report. Periods are cut at UTC hour or day
/// boundaries (Unix seconds divisible by 3 600 or 86 400).
public enum ReportGranularity: String, Sendable, Hashable, CaseIterable {
    case hour
    case day

    /// Length of a whole period, seconds.
    public var seconds: Int64 {
        switch self {
        case .hour: 3_600
        case .day: 86_400
        }
    }

    /// The start of the period holding `time` (Unix seconds), rounding down.
    func periodStart(_ time: Int64) -> Int64 {
        let remainder = ((time % seconds) + seconds) % seconds
        return time - remainder
    }
}
