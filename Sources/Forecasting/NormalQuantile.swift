#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The standard normal quantile Φ⁻¹(p), by Abramowitz & Stegun 26.2.23 (|error| < 4.5·10⁻⁴);
/// used only when a history is too short to calibrate quantiles from backtest errors.
enum NormalQuantile {
    static func of(_ p: Double) -> Double {
        let q = min(max(p, 1e-12), 1 - 1e-12)
        let tail = q < 0.5 ? q : 1 - q
        let t = sqrt(-2 * log(tail))
        let z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
            / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
        return q < 0.5 ? -z : z
    }
}
