#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Empirical quantiles (linear interpolation between order statistics, Hyndman–Fan type 7).
enum Quantile {
    /// The median of `values` (reordered in place) by quickselect, O(n) expected; 0 when empty.
    static func median(_ values: inout [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let n = values.count
        let upper = select(&values, n / 2)
        if n % 2 == 1 { return upper }
        var lower = -Double.infinity
        for i in 0..<(n / 2) { lower = max(lower, values[i]) }
        return (lower + upper) / 2
    }

    /// The `level` quantile (type 7) of unsorted `values`, reordered in place, by quickselect:
    /// O(n) expected, for when only one or two levels are needed.
    static func unsorted(_ values: inout [Double], _ level: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let position = min(max(level, 0), 1) * Double(values.count - 1)
        let low = Int(position.rounded(.down))
        let lowValue = select(&values, low)
        guard low + 1 < values.count else { return lowValue }
        var highValue = Double.infinity
        for i in (low + 1)..<values.count { highValue = min(highValue, values[i]) }
        let w = position - Double(low)
        return lowValue * (1 - w) + highValue * w
    }

    /// Puts the k-th smallest element at index k (smaller ones before it) and returns it.
    static func select(_ a: inout [Double], _ k: Int) -> Double {
        var low = 0, high = a.count - 1
        while low < high {
            let pivot = a[low + (high - low) / 2]
            var i = low, j = high
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { break }
        }
        return a[k]
    }

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
