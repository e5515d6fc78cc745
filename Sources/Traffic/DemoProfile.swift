#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How one demo model's traffic behaves in one region.
public struct DemoProfile: Sendable {
    public enum Shape: Sendable {
        /// Consumer chat: a trough near 04:00, an early-afternoon hump and an evening peak;
        /// weekends nearly as busy.
        case chat
        /// Working-hours use (coding assistants): a plateau 09:00-18:00 with a lunch dip;
        /// weekends quiet.
        case office
        /// Embedding: steady base, a late-morning hump, and bursts on the hour (indexing jobs).
        case indexing
        /// Batch: submitted overnight, same on weekends.
        case overnight
    }

    public var model: String
    public var region: String
    public var shape: Shape
    /// Mean requests per second at the daily peak, at the start of the window.
    public var peakRequestsPerSecond: Double
    /// Local time of the region, in hours from UTC.
    public var utcOffsetHours: Double
    /// Multiplicative growth per week (0.03 is 3 % a week).
    public var weeklyGrowth: Double
    /// Mean tokens per request in the prompt and in the answer (nil: the model generates none).
    public var inputTokens: Double
    public var outputTokens: Double?

    /// Relative load in (0, 1] at local hour `hour` (0..<24) on a weekend or weekday.
    public func level(hour: Double, weekend: Bool) -> Double {
        func bump(_ center: Double, _ width: Double) -> Double {
            var distance = abs(hour - center)
            distance = min(distance, 24 - distance)
            return exp(-0.5 * (distance / width) * (distance / width))
        }
        switch shape {
        case .chat:
            let day = 0.18 + 0.45 * bump(13.5, 3.0) + 0.62 * bump(20.5, 2.2)
            return min(1, day * (weekend ? 0.88 : 1))
        case .office:
            let plateau = 1 / (1 + exp(-(hour - 8.8) * 2.2)) * 1 / (1 + exp((hour - 18.2) * 1.8))
            let lunch = 1 - 0.28 * bump(12.6, 0.6)
            return max(0.04, plateau * lunch) * (weekend ? 0.25 : 1)
        case .indexing:
            return (0.42 + 0.55 * bump(11.0, 3.5)) * (weekend ? 0.6 : 1)
        case .overnight:
            return 0.12 + 0.88 * bump(2.5, 2.4)
        }
    }

    /// The demo fleet: four models (a small chat model, a large multi-GPU coding model, an
    /// embedder and a batch summariser) in `us-east-1` and `eu-west-1`.
    public static let fleet: [DemoProfile] = {
        let regions: [(name: String, offset: Double, scale: Double)] = [("us-east-1", -5, 1.0), ("eu-west-1", 0, 0.6)]
        var profiles: [DemoProfile] = []
        for region in regions {
            profiles.append(DemoProfile(model: "chat-8b", region: region.name, shape: .chat,
                                        peakRequestsPerSecond: 32 * region.scale, utcOffsetHours: region.offset,
                                        weeklyGrowth: 0.025, inputTokens: 850, outputTokens: 310))
            profiles.append(DemoProfile(model: "code-70b", region: region.name, shape: .office,
                                        peakRequestsPerSecond: 9 * region.scale, utcOffsetHours: region.offset,
                                        weeklyGrowth: 0.035, inputTokens: 2_400, outputTokens: 180))
            profiles.append(DemoProfile(model: "embed-small", region: region.name, shape: .indexing,
                                        peakRequestsPerSecond: 140 * region.scale, utcOffsetHours: region.offset,
                                        weeklyGrowth: 0.01, inputTokens: 220, outputTokens: nil))
            profiles.append(DemoProfile(model: "batch-summarize", region: region.name, shape: .overnight,
                                        peakRequestsPerSecond: 4 * region.scale, utcOffsetHours: region.offset,
                                        weeklyGrowth: 0.02, inputTokens: 6_000, outputTokens: 450))
        }
        return profiles
    }()
}
