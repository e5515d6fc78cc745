#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Empirical quantiles (linear interpolation between order statistics, Hyndman–Fan type 7).
enum Quantile {
    /// The `level` quantile of an ascending `sorted` array; 0 when empty.
    static func sorted(_ sorted: [Double], _ level: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = min(max(level, 0), 1) * Double(sorted.count - 1)
        let low = Int(position.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        let w = position - Double(low)
        return sorted[low] * (1 - w) + sorted[high] * w
    }
}

/// log1p / expm1 from the C library.
enum Math {
    /// log(1 + x), accurate near 0.
    static func log1p(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.log1p(x)
        #else
        Darwin.log1p(x)
        #endif
    }

    /// exp(x) − 1, accurate near 0.
    static func expm1(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.expm1(x)
        #else
        Darwin.expm1(x)
        #endif
    }
}
