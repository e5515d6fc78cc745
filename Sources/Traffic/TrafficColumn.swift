/// The columns of the traffic file format, in the order they are documented.
///
/// A file has a header naming each of them exactly once, in any order, and nothing else.
public enum TrafficColumn: String, CaseIterable, Sendable {
    case timestamp, model, region, metric, value

    /// `timestamp, model, region, metric, value`.
    public static var documented: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
