/// One of the nightly jobs, in the order they run within one instant: a plan is made from the
/// latest forecast, and execution follows the newest plan.
public enum JobKind: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case forecast
    case plan
    case execute

    /// Position in the run order: forecast 0, plan 1, execute 2.
    public var order: Int {
        switch self {
        case .forecast: 0
        case .plan: 1
        case .execute: 2
        }
    }

    public static func < (lhs: JobKind, rhs: JobKind) -> Bool { lhs.order < rhs.order }

    public var description: String { rawValue }
}
