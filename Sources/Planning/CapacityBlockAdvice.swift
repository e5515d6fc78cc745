public import Vocabulary
import Traffic

/// A window of known peak demand a capacity block could cover: `[start, end)`, Unix s.
public struct PeakWindow: Sendable, Hashable, Codable {
    /// The demand change it comes from, or the name it was asked for by.
    public var name: String
    public var start: Int64
    public var end: Int64

    public init(name: String, start: Int64, end: Int64) {
        self.name = name
        self.start = start
        self.end = end
    }

    /// The form a window is asked for in, for messages.
    public static let form = "FROM/TO, each a date (2026-12-20, midnight UTC) or an RFC 3339 date-time, "
        + "the end after the start and at most 182 days on"

    /// `FROM/TO` as a window named by the text itself; nil when it is not of ``form``.
    public static func parse(_ text: String) -> PeakWindow? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        func instant(_ part: Substring) -> Int64? {
            let full = part.count == 10 ? part + "T00:00:00Z" : String(part)
            return full.count >= 20 ? Timestamp.parse(full) : nil
        }
        guard let start = instant(parts[0]), let end = instant(parts[1]), end > start,
              end - start <= Int64(CommitmentAdvisor.longestBlockHours) * 3_600 else { return nil }
        return PeakWindow(name: text, start: start, end: end)
    }
}

/// What to book as a capacity block in one pool for one window (``CommitmentAdvisor/adviseBlock(pool:history:offer:gpusPerNode:commitments:changes:window:)``).
public struct CapacityBlockAdvice: Sendable, Hashable, Codable {
    public var region: String
    public var gpuType: String
    public var gpusPerNode: Int
    /// The window judged: the asked one from the forecast's start on, in whole hours.
    public var window: PeakWindow
    public var hours: Int
    /// The block's USD per GPU-hour `p_c`, and `β = p_c / p_o`.
    public var usdPerGPUHour: Double
    public var breakEvenUtilization: Double
    /// `α`.
    public var confidence: Double
    /// Whole nodes the commitments held at the window's start fill, and the GPUs they cover.
    public var heldNodes: Int
    public var heldGPUs: Double
    /// The need over the window in the central scenario: mean and largest hour, GPUs (known
    /// demand changes applied).
    public var meanGPUs: Double
    public var peakGPUs: Double
    /// The known demand changes applied (`demand_changes`), by name.
    public var changes: [String]
    /// Nodes beyond those held, one by one (a few past the advice).
    public var units: [CommitmentUnit]
    /// The nodes to book for the window, what they cost and save against on demand.
    public var advice: CommitmentPurchase
}

extension [DemandChange] {
    /// The changes of `pool` that raise its demand for a while (a multiplier above 1 with an
    /// end): the peaks a capacity block could cover.
    public func peaks(in pool: PoolKey) -> [PeakWindow] {
        compactMap { change in
            guard change.pool == pool, change.multiplier > 1, let until = change.until else { return nil }
            return PeakWindow(name: change.name, start: change.from, end: until)
        }
    }
}
