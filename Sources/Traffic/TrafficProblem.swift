/// Something wrong with one place in a traffic file: where it is and why.
///
/// Printed as `line N, column C (name): reason`, or `line N: reason` when it concerns the whole
/// row, or just the reason when it concerns the whole file.
public struct TrafficProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line of the file (the header is line 1); nil for the file as a whole.
    public var line: Int?
    /// 1-based column and its header name, when one field is at fault.
    public var column: (index: Int, name: String)?
    /// What is wrong, quoting the offending value.
    public var reason: String

    public init(line: Int?, column: (index: Int, name: String)? = nil, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// The description without its line: `column C (name): reason`, or the reason.
    public var detail: String {
        guard let column else { return reason }
        return "column \(column.index) (\(column.name)): \(reason)"
    }

    public var description: String {
        switch (line, column) {
        case (let line?, let column?): "line \(line), column \(column.index) (\(column.name)): \(reason)"
        case (let line?, nil): "line \(line): \(reason)"
        case (nil, _): reason
        }
    }

    public static func == (lhs: TrafficProblem, rhs: TrafficProblem) -> Bool {
        lhs.line == rhs.line && lhs.column?.index == rhs.column?.index
            && lhs.column?.name == rhs.column?.name && lhs.reason == rhs.reason
    }
}
