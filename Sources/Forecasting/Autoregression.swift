import LinearAlgebra

/// A linear autoregression y_t = c + Σ_ℓ a_ℓ · y_{t−ℓ} over a set of lags (recent steps and
/// seasonal lags such as one day and one week), fitted by ridge least squares
/// (λ = 10⁻³ per row on the lag coefficients) and forecast recursively: each forecast feeds
/// the next step's lags.
struct Autoregression: Sendable {
    /// The lags, in steps (each ≥ 1).
    let lags: [Int]
    /// Intercept, then one coefficient per lag.
    let coefficients: [Double]
    /// Forecasts are kept within the training range widened by its width on each side, a guard
    /// against explosive fitted roots.
    let bounds: ClosedRange<Double>

    /// Fits on `y` (the last `maxRows` usable steps); nil when too few rows for the lags.
    init?(_ y: ArraySlice<Double>, lags: [Int], maxRows: Int = 4_032) {
        let maxLag = lags.max() ?? 0
        let n = y.count
        let first = max(maxLag, n - maxRows)
        let rows = n - first
        guard maxLag > 0, rows >= 3 * (lags.count + 1) + 8 else { return nil }
        let base = y.startIndex
        let p = lags.count + 1
        var x = Matrix(rows: rows, columns: p)
        var target = Matrix(rows: rows, columns: 1)
        for r in 0..<rows {
            let t = first + r
            x.elements[r] = 1
            for (j, lag) in lags.enumerated() { x.elements[r + (j + 1) * rows] = y[base + t - lag] }
            target.elements[r] = y[base + t]
        }
        var ridge = [Double](repeating: 1e-3 * Double(rows), count: p)
        ridge[0] = 1e-9 * Double(rows)
        guard let beta = try? LeastSquares.solve(x, target, ridge: ridge), beta.isFinite else { return nil }
        var low = Double.infinity, high = -Double.infinity
        for v in y { low = min(low, v); high = max(high, v) }
        let width = max(high - low, 1e-9)
        self.lags = lags
        self.coefficients = beta.elements
        self.bounds = (low - width)...(high + width)
    }

    /// Forecasts `horizon` steps after the end of `y` (the same history it was fitted on).
    func forecast(after y: ArraySlice<Double>, horizon: Int) -> [Double] {
        var path = Array(y)
        let n = path.count
        path.reserveCapacity(n + horizon)
        for t in n..<(n + horizon) {
            var value = coefficients[0]
            for (j, lag) in lags.enumerated() { value += coefficients[j + 1] * path[t - lag] }
            if !value.isFinite { value = path[t - 1] }
            path.append(min(max(value, bounds.lowerBound), bounds.upperBound))
        }
        return Array(path[n...])
    }
}
