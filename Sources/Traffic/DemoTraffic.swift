#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Realistic, deterministic demo traffic for the ``DemoProfile/fleet``: requests and token
/// counts per 5 minutes over whole weeks.
///
/// Each series has its daily shape in local time (see ``DemoProfile/Shape``), weekday and
/// weekend levels, compound weekly growth, one holiday dip (a weekday 17 days before `end`),
/// random bursts (10 to 60 minutes at 1.5 to 2.8 times the load), hourly indexing spikes for the
/// embedder, Poisson-like count noise with a little multiplicative noise, and a few monitoring
/// gaps (up to an hour with no rows). The same seed, end and length give the same rows.
public struct DemoTraffic: Sendable {
    public var seed: UInt64
    /// End of the window (exclusive), Unix seconds; rounded down to a whole day.
    public var end: Int64
    public var weeks: Int
    public var profiles: [DemoProfile]
    /// The step of every demo series: 5 minutes.
    public static let step = Step(seconds: 300)!

    public init(seed: UInt64 = 42, end: Int64, weeks: Int = 8, profiles: [DemoProfile] = DemoProfile.fleet) {
        self.seed = seed
        self.end = end - ((end % 86_400) + 86_400) % 86_400
        self.weeks = max(1, weeks)
        self.profiles = profiles
    }

    /// First step of the window, Unix seconds.
    public var start: Int64 { end - Int64(weeks) * 7 * 86_400 }
    /// The holiday: a whole day (Unix seconds of its start) of reduced traffic.
    public var holiday: Int64 {
        var day = end - 17 * 86_400
        while Self.isWeekend(day) { day -= 86_400 }
        return day
    }

    /// Calls `body` with every row, series after series, each in time order.
    public func forEach(_ body: (TrafficRow) throws -> Void) rethrows {
        for (index, profile) in profiles.enumerated() {
            var random = SeededGenerator(seed: seed &* 0x9E37_79B9 &+ UInt64(index) &* 0x85EB_CA6B)
            try series(profile, random: &random, body)
        }
    }

    func series(_ profile: DemoProfile, random: inout SeededGenerator, _ body: (TrafficRow) throws -> Void) rethrows {
        let step = Self.step.seconds
        let steps = Int((end - start) / step)
        let stepsPerDay = Int(86_400 / step)
        // Bursts: about one every five days, 10 to 60 minutes long.
        var burst = [Double](repeating: 1, count: steps)
        for _ in 0..<(steps / stepsPerDay / 5 + 1) {
            let begin = Int(random.uniform() * Double(steps))
            let length = 2 + Int(random.uniform() * 11)
            let factor = 1.5 + 1.3 * random.uniform()
            for offset in 0..<length where begin + offset < steps { burst[begin + offset] = factor }
        }
        // Monitoring gaps: three stretches of 5 to 60 minutes without rows.
        var missing = [Bool](repeating: false, count: steps)
        for _ in 0..<3 {
            let begin = Int(random.uniform() * Double(steps))
            let length = 1 + Int(random.uniform() * 12)
            for offset in 0..<length where begin + offset < steps { missing[begin + offset] = true }
        }
        let holidayFactor = switch profile.shape {
        case .chat: 0.55
        case .office: 0.2
        case .indexing: 0.6
        case .overnight: 0.85
        }
        for index in 0..<steps {
            let time = start + Int64(index) * step
            let local = time + Int64(profile.utcOffsetHours * 3_600)
            let localDay = local - ((local % 86_400) + 86_400) % 86_400
            let hour = Double(local - localDay) / 3_600
            var rate = profile.peakRequestsPerSecond
                * profile.level(hour: hour, weekend: Self.isWeekend(localDay))
                * pow(1 + profile.weeklyGrowth, Double(time - start) / 604_800)
                * burst[index]
            if localDay == holiday { rate *= holidayFactor }
            if profile.shape == .indexing, (local % 3_600) < step { rate *= 1.8 }
            let mean = rate * Double(step)
            let noisy = (mean + mean.squareRoot() * random.normal()) * exp(0.04 * random.normal())
            let requests = max(0, noisy.rounded())
            guard !missing[index] else { continue }
            let key = SeriesKey(model: profile.model, region: profile.region, metric: .requests)
            try body(TrafficRow(key: key, timestamp: time, value: requests, line: 0))
            let input = (requests * profile.inputTokens * exp(0.08 * random.normal())).rounded()
            try body(TrafficRow(key: SeriesKey(model: profile.model, region: profile.region, metric: .inputTokens),
                                timestamp: time, value: input, line: 0))
            if let outputTokens = profile.outputTokens {
                let output = (requests * outputTokens * exp(0.12 * random.normal())).rounded()
                try body(TrafficRow(key: SeriesKey(model: profile.model, region: profile.region, metric: .outputTokens),
                                    timestamp: time, value: output, line: 0))
            }
        }
    }

    /// Whether the day starting at `day` (Unix seconds) is a Saturday or Sunday.
    static func isWeekend(_ day: Int64) -> Bool {
        let weekday = ((day / 86_400) % 7 + 7 + 4) % 7  // 1970-01-01 was a Thursday (4); 0 = Sunday
        return weekday == 0 || weekday == 6
    }
}
