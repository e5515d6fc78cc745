/// How a pull's range is cut into `query_range` requests: Prometheus refuses a query that would
/// return more than 11,000 points per series, so each request covers at most `maxPoints` steps.
public enum QueryRangeChunks {
    /// Prometheus's limit on points per series in one `query_range`.
    public static let prometheusLimit = 11_000

    /// The evaluation times `[start, end]` (inclusive, Unix seconds, multiples of `step`) of
    /// each request covering the steps from `from` (rounded up to a step) to `to` (rounded down),
    /// each at most `maxPoints` steps; empty when no step lies in between.
    public static func plan(from: Int64, to: Int64, step: Int64, maxPoints: Int = prometheusLimit) -> [ClosedRange<Int64>] {
        guard step > 0, maxPoints > 0 else { return [] }
        let first = from % step == 0 ? from : (from / step + (from > 0 ? 1 : 0)) * step
        let last = to >= 0 ? to / step * step : ((to - step + 1) / step) * step
        guard first <= last else { return [] }
        var chunks: [ClosedRange<Int64>] = []
        var start = first
        let span = Int64(maxPoints - 1) * step
        while start <= last {
            let end = min(last, start + span)
            chunks.append(start...end)
            start = end + step
        }
        return chunks
    }
}
