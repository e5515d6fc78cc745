/// Forecast accuracy measures, as in the M4 competition.
public enum Accuracy {
    /// In-sample MAE of the seasonal naive forecast with `lag` over consecutive finite pairs:
    /// the MASE denominator. Floored at 1e-9 · max(1, mean |y|) so that it is never 0.
    public static func seasonalNaiveScale(_ history: [Double], lag: Int) -> Double {
        let lag = max(1, lag)
        var total = 0.0, count = 0.0, magnitude = 0.0, finite = 0.0
        for (i, value) in history.enumerated() where value.isFinite {
            magnitude += abs(value)
            finite += 1
            if i >= lag, history[i - lag].isFinite {
                total += abs(value - history[i - lag])
                count += 1
            }
        }
        let floor = 1e-9 * max(1, finite > 0 ? magnitude / finite : 1)
        return max(count > 0 ? total / count : 0, floor)
    }

    /// Mean absolute scaled error: mean |y − ŷ| over finite actuals, divided by `scale`.
    public static func mase(actual: [Double], forecast: [Double], scale: Double) -> Double? {
        let pairs = zip(actual, forecast).filter { $0.0.isFinite }
        guard !pairs.isEmpty, scale > 0 else { return nil }
        return pairs.reduce(0) { $0 + abs($1.0 - $1.1) } / Double(pairs.count) / scale
    }

    /// Symmetric MAPE (M4): 200/h · Σ |y − ŷ| / (|y| + |ŷ|), in 0 ... 200; a step where both are
    /// 0 counts as 0.
    public static func smape(actual: [Double], forecast: [Double]) -> Double? {
        let pairs = zip(actual, forecast).filter { $0.0.isFinite }
        guard !pairs.isEmpty else { return nil }
        let total = pairs.reduce(0.0) { sum, pair in
            let denominator = abs(pair.0) + abs(pair.1)
            return sum + (denominator > 0 ? abs(pair.0 - pair.1) / denominator : 0)
        }
        return 200 * total / Double(pairs.count)
    }

    /// Mean scaled interval score (M4) of the interval [lower, upper] at level 1 − α:
    /// mean over steps of (U − L) + (2/α)(L − y)·[y < L] + (2/α)(y − U)·[y > U], divided by `scale`.
    public static func msis(actual: [Double], lower: [Double], upper: [Double], alpha: Double = 0.05,
                            scale: Double) -> Double? {
        var total = 0.0, count = 0.0
        for i in 0..<min(actual.count, lower.count, upper.count) where actual[i].isFinite {
            let y = actual[i], l = lower[i], u = upper[i]
            total += (u - l) + (y < l ? 2 / alpha * (l - y) : 0) + (y > u ? 2 / alpha * (y - u) : 0)
            count += 1
        }
        guard count > 0, scale > 0 else { return nil }
        return total / count / scale
    }

    /// Number of finite actuals inside [lower, upper], and the number of finite actuals.
    public static func hits(actual: [Double], lower: [Double], upper: [Double]) -> (inside: Int, total: Int) {
        var inside = 0, total = 0
        for i in 0..<min(actual.count, lower.count, upper.count) where actual[i].isFinite {
            total += 1
            if actual[i] >= lower[i], actual[i] <= upper[i] { inside += 1 }
        }
        return (inside, total)
    }
}
