/// Why a cron expression was refused, naming the field and the value:
/// `cron field 2 (hour): 24 is outside 0-23`.
public struct CronError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based field number (1 minute ... 5 day-of-week); nil for the expression as a whole.
    public var field: Int?
    /// What is wrong, naming the value (`24 is outside 0-23`).
    public var reason: String

    public init(field: Int?, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String {
        guard let field, CronField.all.indices.contains(field - 1) else { return reason }
        return "cron field \(field) (\(CronField.all[field - 1].name)): \(reason)"
    }
}
