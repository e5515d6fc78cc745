#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Quantiles calibrated from backtest errors on the calibration scale (log1p for non-negative
/// series, else the scaled series itself).
///
/// With eₖₕ = T(actual) − T(forecast) for origin k and step h: a per-step scale σₕ is the mean
/// |eₖₕ| over origins, smoothed over neighbouring steps; the pooled scaled errors zₖₕ = eₖₕ / σₕ⁽⁻ᵏ⁾,
/// each origin scaled by σ estimated from the other origins (cross-conformal, so that the spread
/// carries the drift of the error scale between origins), give empirical quantiles z_q (with the
/// split-conformal (N+1)/N widening), widened by √(1 + 1/K) for a scale learned from K origins. The q-quantile at
/// step h is T⁻¹(T(point) + σₕ·z_q): monotone in q by construction. Beyond the backtest window
/// σₕ grows as √((h+1)/H_b).
///
/// No offset reaches beyond the largest backtest error of its sign (any origin, any step),
/// widened the same way and grown like σ beyond the window: one origin with an error far above
/// the others' (a holiday copied into a workday) is otherwise counted twice, in σₕ and in its
/// own large z, and squares into an upper quantile 10⁷ times the point (the demo's code-70b).
struct Calibration: Sendable {
    /// σₕ for h in 0..<backtest horizon.
    let sigma: [Double]
    /// z_q per requested level.
    let z: [Double]
    /// Largest backtest error above (`upper`, ≥ 0) and below (`lower`, ≤ 0) the point, widened;
    /// ±∞ without backtests.
    let upper: Double, lower: Double

    /// Fewer scaled errors than this give normal quantiles scaled by their RMS.
    static let minimumErrors = 20

    /// Calibrates from `errors[k][h]` (NaN = not observed) for the origins in `using`. With
    /// `symmetric`, the tails come from the scaled errors' magnitudes, mirrored (split-conformal on
    /// |e|): for a history too short for one of its seasonal periods, whose backtest errors
    /// have one sign from a cycle the forecast's window may turn the other way (a one-week
    /// history ends on a weekend; the backtests only saw weekdays turning into it).
    init?(errors: [[Double]], using origins: [Int], levels: [Double], symmetric: Bool = false) {
        guard let width = errors.first?.count, width > 0, !origins.isEmpty else { return nil }
        var total = 0.0, observed = 0.0
        for k in origins {
            for h in 0..<width where errors[k][h].isFinite {
                total += abs(errors[k][h])
                observed += 1
            }
        }
        guard observed > 0 else { return nil }
        let floor = max(1e-12, 0.05 * total / observed)
        let sigma = Self.smoothedSigma(errors: errors, using: origins, width: width, floor: floor)
        // Cross-conformal: each origin's errors are scaled by σ estimated without it, so the
        // pooled z also carry the origin-to-origin change of the error scale (a single origin
        // is scaled by its own σ).
        var scaled: [Double] = []
        for k in origins {
            let others = origins.count > 1 ? origins.filter { $0 != k } : [k]
            let own = Self.smoothedSigma(errors: errors, using: others, width: width, floor: floor)
            for h in 0..<width where errors[k][h].isFinite { scaled.append(errors[k][h] / own[h]) }
        }
        if symmetric { scaled = scaled.map(abs) }
        let n = Double(scaled.count)
        if levels.count > 2 || symmetric { scaled.sort() }
        // A new origin's error scale differs from the mean of K origins' scales: widen by
        // √(1 + 1/K), the factor of a prediction from a mean of K.
        let widening = (1 + 1 / Double(origins.count)).squareRoot()
        self.sigma = sigma
        (self.upper, self.lower) = Self.extremes(errors: errors, using: origins, symmetric: symmetric,
                                                 widening: widening)
        if scaled.count < Self.minimumErrors {
            // Too few errors for empirical quantiles: normal quantiles at their spread.
            let rms = (scaled.reduce(0) { $0 + $1 * $1 } / max(n, 1)).squareRoot()
            self.z = levels.map { widening * max(rms, 1) * NormalQuantile.of($0) }
            return
        }
        if symmetric {
            self.z = levels.map { level in
                let side: Double = level < 0.5 ? -1 : 1
                let widened = min(1, abs(2 * level - 1) * (n + 1) / n)
                return side * widening * Quantile.sorted(scaled, widened)
            }
            return
        }
        self.z = levels.map { level in
            let widened = min(1, max(0, 0.5 + (level - 0.5) * (n + 1) / n))
            return widening * (levels.count > 2 ? Quantile.sorted(scaled, widened) : Quantile.unsorted(&scaled, widened))
        }
    }

    /// Mean |eₖₕ| over `origins` at each step, pooled over ±width/8 neighbouring steps,
    /// floored at `floor`.
    static func smoothedSigma(errors: [[Double]], using origins: [Int], width: Int, floor: Double) -> [Double] {
        var raw = [Double](repeating: 0, count: width)
        var counts = [Double](repeating: 0, count: width)
        for k in origins {
            for h in 0..<width where errors[k][h].isFinite {
                raw[h] += abs(errors[k][h])
                counts[h] += 1
            }
        }
        let window = max(1, width / 8)
        var sigma = [Double](repeating: floor, count: width)
        var fallback = 0.0, n = 0.0
        for h in 0..<width { fallback += raw[h]; n += counts[h] }
        fallback = n > 0 ? fallback / n : floor
        // Prefix sums make each window O(1).
        var sums = [Double](repeating: 0, count: width + 1), seen = [Double](repeating: 0, count: width + 1)
        for h in 0..<width {
            sums[h + 1] = sums[h] + raw[h]
            seen[h + 1] = seen[h] + counts[h]
        }
        for h in 0..<width {
            let low = max(0, h - window), high = min(width - 1, h + window)
            let sum = sums[high + 1] - sums[low], count = seen[high + 1] - seen[low]
            sigma[h] = max(count > 0 ? sum / count : fallback, floor)
        }
        return sigma
    }

    /// The largest error above and below the point over `origins` and all steps, times
    /// `widening`; with `symmetric`, the largest magnitude on both sides. Unbounded when no error
    /// was observed.
    static func extremes(errors: [[Double]], using origins: [Int], symmetric: Bool,
                         widening: Double) -> (upper: Double, lower: Double) {
        var high = -Double.infinity, low = Double.infinity
        for k in origins {
            for e in errors[k] where e.isFinite {
                high = max(high, symmetric ? abs(e) : e)
                low = min(low, symmetric ? -abs(e) : e)
            }
        }
        guard high > -.infinity else { return (.infinity, -.infinity) }
        return (widening * max(high, 0), widening * min(low, 0))
    }

    /// Offset of level `k` at forecast step h on the calibration scale: σₕ·z_k, held within the
    /// widened backtest extremes (which grow like σ beyond the backtest window).
    func offset(_ k: Int, at h: Int) -> Double {
        let growth = h < sigma.count ? 1 : sqrt(Double(h + 1) / Double(sigma.count))
        return min(max(sigma(at: h) * z[k], lower * growth), upper * growth)
    }

    /// Fallback without backtests: σ from one-step differences of `history` (calibration
    /// scale), growing as √(h+1); normal quantiles.
    init(history: [Double], levels: [Double]) {
        var total = 0.0
        for i in stride(from: 1, to: history.count, by: 1) { total += abs(history[i] - history[i - 1]) }
        let spread = history.count > 1 ? total / Double(history.count - 1) : 0.1 * abs(history.first ?? 0)
        self.sigma = [max(spread * 1.2533, 1e-12)]
        self.z = levels.map { NormalQuantile.of($0) }
        self.upper = .infinity
        self.lower = -.infinity
    }

    /// σ at forecast step h (0-based), extended beyond the calibrated window.
    func sigma(at h: Int) -> Double {
        if h < sigma.count { return sigma[h] }
        let last = sigma[sigma.count - 1]
        return last * sqrt(Double(h + 1) / Double(sigma.count))
    }
}
