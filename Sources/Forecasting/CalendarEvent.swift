/// A dated event from the user's calendar (holiday, launch, sale) that shifts traffic while it
/// lasts. Events with the same `name` share one regressor (one learned effect).
public struct CalendarEvent: Sendable, Equatable, Hashable {
    /// The event's name; occurrences with the same name share one effect.
    public var name: String
    /// Start, Unix seconds (UTC), inclusive.
    public var start: Int64
    /// End, Unix seconds (UTC), exclusive.
    public var end: Int64

    public init(name: String, start: Int64, end: Int64) {
        self.name = name
        self.start = start
        self.end = end
    }
}
