import Config
import Foundation
import Planning
import Simulation
import Traffic

/// Small synthetic replays on the example fleet (chat-8b in us-east-1, 5-minute steps).
enum SyntheticTraffic {
    /// 2024-01-01T00:00:00Z.
    static let start: Int64 = 1_704_067_200
    static let step = Step(seconds: 300)!
    static let stepsPerDay = 288

    static func fleet() throws -> FleetConfiguration { try ConfigurationReader.example() }

    /// A daily cycle between 2 and 22 requests per second (peak at 14:00 UTC), `days` days,
    /// with `scale(day, stepOfDay)` multiplying each step.
    static func daily(days: Int, model: String = "chat-8b", scale: (Int, Int) -> Double = { _, _ in 1 }) -> SimulationInput {
        var values: [Double] = []
        for day in 0..<days {
            for k in 0..<stepsPerDay {
                let hour = Double(k) / 12
                let rate = 12 + 10 * sin(2 * Double.pi * (hour - 8) / 24)
                values.append(rate * 300 * scale(day, k))
            }
        }
        return SimulationInput(step: step, start: start, series: [TrafficSeries(model: model, region: "us-east-1", values: values)])
    }

    /// A constant `rate` requests per second, `days` days; from `jumpAt` (a step index) on, `jumpRate`.
    static func stepChange(days: Int, rate: Double, jumpAt: Int, jumpRate: Double) -> SimulationInput {
        let values = (0..<(days * stepsPerDay)).map { ($0 < jumpAt ? rate : jumpRate) * 300 }
        return SimulationInput(step: step, start: start, series: [TrafficSeries(model: "chat-8b", region: "us-east-1", values: values)])
    }

    /// Deterministic multipliers in [low, high] (a 64-bit LCG), one per (day, step).
    static func noise(low: Double, high: Double) -> (Int, Int) -> Double {
        { day, k in
            var x = UInt64(day * 100_003 + k) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            x ^= x >> 33
            x = x &* 0xff51afd7ed558ccd
            x ^= x >> 33
            return low + (high - low) * Double(x % 1_000_000) / 1_000_000
        }
    }
}
