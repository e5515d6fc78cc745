/// One validated observation from a traffic file: a count of `metric` for one model and region
/// at an instant.
public struct TrafficRow: Sendable, Equatable {
    /// Which series the count belongs to.
    public var key: SeriesKey
    /// When, in Unix seconds (UTC).
    public var timestamp: Int64
    /// The count: finite and non-negative.
    public var value: Double
    /// The 1-based line of the file it came from (the header is line 1).
    public var line: Int

    public init(key: SeriesKey, timestamp: Int64, value: Double, line: Int) {
        self.key = key
        self.timestamp = timestamp
        self.value = value
        self.line = line
    }
}
