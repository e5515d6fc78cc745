import Traffic

/// Timestamps of the `forecast` and `backtest` CSV files, read and written by ``Timestamp``
/// (RFC 3339 with Z or an offset, or Unix seconds), remembering which form the file used so
/// that the output answers in kind.
enum ForecastTimestamp {
    /// Unix seconds and whether the text was epoch seconds, or nil when it is neither form.
    static func parse(_ text: Substring) -> (seconds: Int64, isEpoch: Bool)? {
        guard let seconds = Timestamp.parse(String(text)) else { return nil }
        return (seconds, text.allSatisfy { $0.isASCII && $0.isNumber })
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for Unix seconds.
    static func format(_ seconds: Int64) -> String { Timestamp.format(seconds) }
}
