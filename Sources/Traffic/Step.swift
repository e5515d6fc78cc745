/// A fixed sampling step of a series, in whole seconds (1 second to 1 day).
///
/// Written as `30s`, `5m`, `1h`, `1d` (or a bare number of seconds).
public struct Step: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Length of the step in seconds; always in 1...86_400.
    public let seconds: Int64

    /// The longest step Headroom stores: one day.
    public static let maximumSeconds: Int64 = 86_400

    /// Creates a step of `seconds`, or nil when outside 1 s ... 1 day.
    public init?(seconds: Int64) {
        guard (1...Self.maximumSeconds).contains(seconds) else { return nil }
        self.seconds = seconds
    }

    /// Parses `30s`, `5m`, `1h`, `1d` or a bare number of seconds.
    /// - Throws: `StepError` naming the text and the accepted forms.
    public init(parsing text: String) throws(StepError) {
        guard let seconds = DurationText.seconds(text), let step = Step(seconds: seconds) else {
            throw StepError(text: text)
        }
        self = step
    }

    /// The start of the step holding `timestamp` (Unix seconds): the largest multiple of the
    /// step that is not after it.
    @inlinable
    public func floor(_ timestamp: Int64) -> Int64 {
        let remainder = timestamp % seconds
        return remainder >= 0 ? timestamp - remainder : timestamp - remainder - seconds
    }

    /// The shortest spelling: `5m` rather than `300s`.
    public var description: String {
        if seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }

    public static func < (lhs: Step, rhs: Step) -> Bool { lhs.seconds < rhs.seconds }
}

/// A step that could not be read.
public struct StepError: Error, Equatable, CustomStringConvertible {
    /// The text as given.
    public let text: String

    public init(text: String) { self.text = text }
    public var description: String {
        "'\(text)' is not a step: use a whole number with s, m, h or d (e.g. 5m, 1h), from 1s to 1d"
    }
}
