/// What the reader makes of one line of a traffic file.
public enum TrafficRecord: Sendable, Equatable {
    /// A valid row.
    case row(TrafficRow)
    /// A row that cannot be stored: the problem, and the line's text as read (for rejects files).
    case rejected(TrafficProblem, text: String)
    /// A problem with the file as a whole (header, empty, overlong line): reading stops here.
    case fatal(TrafficProblem)
}
