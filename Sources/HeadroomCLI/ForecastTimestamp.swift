import Traffic

/// Timestamps of the `forecast` and `backtest` CSV files, read and written by ``Timestamp``
/// (RFC 3339 with Z or an offset, or Unix seconds), remembering which form the file used so
/// that the output answers in kind.
enum ForecastTimestamp {
    /// Unix seconds and whether the text was epoch seconds, or nil when it is neither form.
    static func parse(_ text: Substring) -> (seconds: Int64, isEpoch: Bool)? {
        parse(ArraySlice(text.utf8))
    }

    /// The same, straight from a field's bytes (no intermediate `String`).
    static func parse(_ field: ArraySlice<UInt8>) -> (seconds: Int64, isEpoch: Bool)? {
        field.withUnsafeBufferPointer { bytes in
            guard let seconds = Timestamp.parse(bytes) else { return nil }
            return (seconds, bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for Unix seconds.
    static func format(_ seconds: Int64) -> String { Timestamp.format(seconds) }
}
