import Foundation

/// Deterministic test traffic: daily and weekly cycles, a trend, and reproducible noise.
enum SyntheticSeries {
    /// A linear congruential generator, so tests do not depend on the platform's RNG.
    struct Noise {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        /// Approximately standard normal (sum of 12 uniforms).
        mutating func gaussian() -> Double { (0..<12).reduce(0) { sum, _ in sum + next() } - 6 }
    }

    /// Hourly traffic: level 100, daily amplitude 40, weekly dip on two days, noise sd `noise`.
    static func hourly(count: Int, noise: Double = 5, seed: UInt64 = 42) -> [Double] {
        var rng = Noise(state: seed)
        return (0..<count).map { t in
            let hour = Double(t % 24), day = (t / 24) % 7
            let daily = 40 * sin(2 * .pi * (hour - 6) / 24)
            let weekly = day >= 5 ? -25.0 : 0
            return max(0, 100 + daily + weekly + 0.01 * Double(t) + noise * rng.gaussian())
        }
    }
}
