/// Where the rolling-origin backtest cuts a history of n steps.
///
/// K origins (training lengths) at the end of the history, each followed by a window of
/// `horizon` steps (the requested horizon, shortened for short histories): windows do not
/// overlap when the oldest origin keeps at least half the history, else they overlap by half.
struct BacktestPlan: Sendable, Equatable {
    /// Training lengths, ascending; empty when the history is too short to backtest.
    let origins: [Int]
    /// Steps scored after each origin.
    let horizon: Int

    init(length n: Int, horizon requested: Int, count: Int) {
        let k = max(1, count)
        var h = max(1, min(requested, n / 4))
        func oldest(_ h: Int, _ stride: Int) -> Int { n - h - (k - 1) * stride }
        var stride = h
        if oldest(h, stride) < n / 2 { stride = max(1, h / 2) }
        while h > 1, oldest(h, stride) < n / 2 {
            h = max(1, h * 3 / 4)
            stride = max(1, h / 2)
        }
        let origins = (0..<k).map { n - h - $0 * stride }.filter { $0 >= 3 }
        self.origins = origins.sorted()
        self.horizon = origins.isEmpty ? 0 : h
    }
}
