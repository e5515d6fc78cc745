import ArgumentParser
import Foundation
import Traffic

/// `--seed`, `--weeks`, `--end`: which demo traffic to generate.
struct DemoOptions: ParsableArguments {
    @Option(help: "Seed of the demo traffic generator; the same seed gives the same traffic.")
    var seed: UInt64 = 42

    @Option(help: "Weeks of history to generate (1 to 520).")
    var weeks: Int = 8

    @Option(help: "Last day of history, exclusive (YYYY-MM-DD, UTC). Default: today.")
    var end: String?

    func validate() throws {
        guard (1...520).contains(weeks) else {
            throw ValidationError("--weeks must be between 1 and 520, not \(weeks)")
        }
        if let end, endSeconds(end) == nil {
            throw ValidationError("--end '\(end)' is not a date like 2026-11-24")
        }
    }

    func endSeconds(_ text: String) -> Int64? {
        guard text.count == 10 else { return nil }
        return Timestamp.parse(text + "T00:00:00Z")
    }

    /// The generator these options describe.
    var demo: DemoTraffic {
        let today = Int64(Date().timeIntervalSince1970)
        return DemoTraffic(seed: seed, end: end.flatMap(endSeconds) ?? today, weeks: weeks)
    }
}
