#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Deterministic traffic-like series for the throughput benchmark.
enum ForecastBenchTraffic {
    /// `series` series of `points` steps: level 10 ... 10 000, daily cycle (amplitude 30-70%,
    /// phase per series), weekend dip, multiplicative noise (sd 10%), rare bursts (×3) and a few
    /// missing values (NaN).
    static func generate(series: Int, points: Int, stepSeconds: Int64) -> [[Double]] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let perDay = 86_400 / Double(stepSeconds)
        return (0..<series).map { _ in
            let level = 10 * pow(1_000, uniform())
            let amplitude = 0.3 + 0.4 * uniform()
            let phase = 2 * Double.pi * uniform()
            return (0..<points).map { t in
                let day = Double(t) / perDay
                var value = level * (1 + amplitude * sin(2 * Double.pi * day + phase))
                if Int(day) % 7 >= 5 { value *= 0.75 }
                value *= max(0, 1 + 0.1 * ((uniform() + uniform() + uniform() - 1.5) * 2))
                if uniform() < 0.002 { value *= 3 }
                if uniform() < 0.001 { return .nan }
                return (value * 100).rounded() / 100
            }
        }
    }

    /// CPU time (user + system) used so far by this process, all threads, in seconds.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
